"""`pmiptui poller`: the headless poller that records a share of the fleet into a store."""

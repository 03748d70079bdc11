"""Prometheus metrics of the polled fleet, served over HTTP by `pmiptui poller --metrics`."""

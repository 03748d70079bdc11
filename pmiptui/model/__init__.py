"""Typed, frozen records of PMIPv6 state and configuration. Standard library only."""

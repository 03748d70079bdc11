"""Prometheus metrics of the polled fleet, served over HTTP by `pmiptui poller --metrics`."""

from __future__ import annotations

from pmiptui.exporter.fleet_metrics import FleetMetrics
from pmiptui.exporter.http import MetricsServer, parse_address, serve
from pmiptui.exporter.metrics import METRIC_NAMES, METRICS, MetricSpec

__all__ = [
    "METRICS",
    "METRIC_NAMES",
    "FleetMetrics",
    "MetricSpec",
    "MetricsServer",
    "parse_address",
    "serve",
]

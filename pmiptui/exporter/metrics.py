"""Every metric the exporter publishes, declared once: name, type, help text and labels.

The collector, the tests and the check of `examples/prometheus/alerts.yml` all read this
table, so a metric renamed here is renamed everywhere or fails a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BINDINGS",
    "BINDINGS_LIMIT",
    "COUNTERS",
    "LABELS",
    "LAST_SUCCESS",
    "METRICS",
    "METRIC_NAMES",
    "PBA_REJECTED_BY_STATUS",
    "PEER_BINDINGS",
    "POLL_DURATION",
    "POLL_INTERVAL",
    "ROUTER_UP",
    "TUNNELS",
    "TUNNELS_UP",
    "UNPARSED_LINES",
    "MetricSpec",
]

LABELS: tuple[str, ...] = ("router", "role", "domain")
"""Labels of every series: the router's inventory name, `mag` or `lma`, its PMIPv6 domain
(empty when the inventory gives none)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MetricSpec:
    """One metric family as Prometheus sees it."""

    name: str
    """The name PromQL uses: counters end in `_total`, durations and times in `_seconds`."""
    type: Literal["gauge", "counter"]
    help: str
    labels: tuple[str, ...] = ()
    """Labels after `LABELS`, e.g. `peer`."""
    stat: str | None = None
    """The `PmipStats` field a router counter is read from; None for the others."""

    @property
    def label_names(self) -> tuple[str, ...]:
        """Every label of the family, in order."""
        return LABELS + self.labels


ROUTER_UP = MetricSpec(
    name="pmiptui_router_up",
    type="gauge",
    help="1 when the last poll of the router succeeded, 0 when it failed or none has yet.",
)
LAST_SUCCESS = MetricSpec(
    name="pmiptui_last_success_timestamp_seconds",
    type="gauge",
    help="When the last successful poll of the router finished (Unix time).",
)
POLL_DURATION = MetricSpec(
    name="pmiptui_poll_duration_seconds",
    type="gauge",
    help="Wall time of the last poll of the router, failed or not.",
)
POLL_INTERVAL = MetricSpec(
    name="pmiptui_poll_interval_seconds",
    type="gauge",
    help="Configured time between two polls of the router (staleness alerts scale with it).",
)
BINDINGS = MetricSpec(
    name="pmiptui_bindings",
    type="gauge",
    help="Bindings the router holds (MAG: binding update list, LMA: binding cache).",
)
BINDINGS_LIMIT = MetricSpec(
    name="pmiptui_bindings_limit",
    type="gauge",
    help="Most bindings the LMA accepts (bce maximum of its globals); LMA only.",
)
TUNNELS_UP = MetricSpec(
    name="pmiptui_tunnels_up",
    type="gauge",
    help="Dynamic PMIPv6 tunnels of the router that are up.",
)
TUNNELS = MetricSpec(
    name="pmiptui_tunnels",
    type="gauge",
    help="Dynamic PMIPv6 tunnels of the router, up or not.",
)
PEER_BINDINGS = MetricSpec(
    name="pmiptui_peer_bindings",
    type="gauge",
    help="Bindings carried by the tunnels to one peer (LMA: a MAG, MAG: an LMA).",
    labels=("peer",),
)
UNPARSED_LINES = MetricSpec(
    name="pmiptui_unparsed_lines",
    type="gauge",
    help="Output lines of the last successful poll that no parser understood (format drift).",
)


def _counter(name: str, help_text: str) -> MetricSpec:
    """A router's own cumulative counter, read from the `PmipStats` field `name`."""
    return MetricSpec(
        name=f"pmiptui_{name}_total",
        type="counter",
        help=f"{help_text} (the router's counter; it resets when cleared).",
        stat=name,
    )


COUNTERS: tuple[MetricSpec, ...] = (
    _counter("pbu_sent", "Proxy binding updates sent (MAG)"),
    _counter("pbu_resent", "Proxy binding updates retransmitted (MAG)"),
    _counter("pbu_received", "Proxy binding updates received (LMA)"),
    _counter("pbu_dropped", "Proxy binding updates received and dropped without a PBA"),
    _counter("pba_sent", "Proxy binding acknowledgements sent (LMA)"),
    _counter("pba_received", "Proxy binding acknowledgements received (MAG)"),
    _counter(
        "pba_accepted",
        "PBAs accepting a PBU: received by a MAG, sent by an LMA",
    ),
    _counter(
        "pba_rejected",
        "PBAs rejecting a PBU: received by a MAG, sent by an LMA",
    ),
    _counter("heartbeat_failures", "Times a peer missed its heartbeat responses"),
)
"""The router's signalling counters. IOS prints the verdict on a PBU only as the PBA's
status, so `pba_accepted`/`pba_rejected` are the accepted/rejected PBU counts."""

PBA_REJECTED_BY_STATUS = MetricSpec(
    name="pmiptui_pba_rejected_by_status_total",
    type="counter",
    help="PBAs rejecting a PBU, by status code (the router's counter; it resets when cleared).",
    labels=("code", "status"),
)

METRICS: tuple[MetricSpec, ...] = (
    ROUTER_UP,
    LAST_SUCCESS,
    POLL_DURATION,
    POLL_INTERVAL,
    BINDINGS,
    BINDINGS_LIMIT,
    TUNNELS_UP,
    TUNNELS,
    PEER_BINDINGS,
    UNPARSED_LINES,
    *COUNTERS,
    PBA_REJECTED_BY_STATUS,
)
"""Every family the fleet collector exposes, in exposition order."""

METRIC_NAMES: frozenset[str] = frozenset(spec.name for spec in METRICS)
"""The series names PromQL can use (counters with their `_total`)."""

"""The fleet's latest figures as a Prometheus collector, fed by the poll threads.

An exporter, like node_exporter or snmp_exporter: each scrape reports the state last seen,
and the routers' own cumulative counters are exposed as counters as they report them,
never counted up here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from pmiptui.exporter.metrics import (
    BINDINGS,
    BINDINGS_LIMIT,
    COUNTERS,
    LAST_SUCCESS,
    METRICS,
    PBA_REJECTED_BY_STATUS,
    PEER_BINDINGS,
    POLL_DURATION,
    POLL_INTERVAL,
    ROUTER_UP,
    TUNNELS,
    TUNNELS_UP,
    UNPARSED_LINES,
    MetricSpec,
)
from pmiptui.model.globals import LmaGlobals
from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.model.stats import PmipStats
from pmiptui.model.tunnels import Tunnel

__all__ = ["FleetMetrics"]

_Families = dict[str, GaugeMetricFamily | CounterMetricFamily]
"""The families of one scrape by metric name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _RouterState:
    """What the exporter knows of one router; None is not known (yet)."""

    info: RouterInfo
    up: bool = False
    last_success: float | None = None
    """Set by the first successful poll; until then only `up` is exposed."""
    poll_duration: float | None = None
    bindings: int | None = None
    bindings_limit: int | None = None
    tunnels_up: int | None = None
    tunnels: int | None = None
    peer_bindings: tuple[tuple[str, int], ...] = ()
    stats: PmipStats | None = None
    unparsed: int | None = None


class FleetMetrics(Collector):
    """A collector holding the latest state of every router; thread-safe.

    Poll threads call `observe`; the HTTP server's threads call `collect` on each scrape.
    A failed poll sets up to 0 and keeps the last known figures and success time: the
    figures are then as old as `pmiptui_last_success_timestamp_seconds` says.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routers: dict[str, _RouterState] = {}

    def track(self, info: RouterInfo) -> None:
        """List a router of the inventory: it shows up 0 until its first successful poll."""
        with self._lock:
            old = self._routers.get(info.name) or _RouterState(info=info)
            self._routers[info.name] = replace(old, info=info)

    def observe(self, info: RouterInfo, result: PollResult) -> None:
        """Take in one poll of `info`; kinds the poll did not fetch keep their last value."""
        if result.router != info.name:
            raise ValueError(f"a poll of {result.router!r} observed as {info.name!r}")
        changes = _changes(result)
        with self._lock:
            old = self._routers.get(info.name) or _RouterState(info=info)
            self._routers[info.name] = replace(old, info=info, **changes)

    def forget(self, router: str) -> None:
        """Drop a router this process no longer polls; its series vanish from the next scrape."""
        with self._lock:
            self._routers.pop(router, None)

    def routers(self) -> list[str]:
        """Names of the routers exposed, sorted."""
        with self._lock:
            return sorted(self._routers)

    def describe(self) -> Iterator[Metric]:
        """Every family, empty, so a registry knows the names before the first poll."""
        for spec in METRICS:
            yield _family(spec)

    def collect(self) -> Iterator[Metric]:
        """The families that have samples, from a snapshot taken under the lock."""
        with self._lock:
            states = sorted(self._routers.values(), key=lambda state: state.info.name)
        families: _Families = {spec.name: _family(spec) for spec in METRICS}
        for state in states:
            _add_router(families, state)
        for family in families.values():
            if family.samples:
                yield family


def _changes(result: PollResult) -> dict[str, Any]:
    """The state fields one poll sets; kinds it did not fetch (None) are left out."""
    changes: dict[str, Any] = {
        "up": result.ok,
        "poll_duration": max(0.0, result.finished - result.started),
    }
    if not result.ok:
        return changes
    changes["last_success"] = result.finished
    changes["unparsed"] = result.unparsed
    if result.binding_total is not None:
        changes["bindings"] = result.binding_total
    elif result.bindings is not None:
        changes["bindings"] = len(result.bindings)
    if result.globals is not None:
        lma = isinstance(result.globals, LmaGlobals)
        changes["bindings_limit"] = result.globals.max_bindings if lma else None
    if result.tunnels is not None:
        changes["tunnels_up"] = sum(1 for tunnel in result.tunnels if tunnel.up)
        changes["tunnels"] = len(result.tunnels)
        changes["peer_bindings"] = _peer_bindings(result.tunnels)
    if result.stats is not None:
        changes["stats"] = result.stats
    return changes


def _peer_bindings(tunnels: list[Tunnel]) -> tuple[tuple[str, int], ...]:
    """Bindings per far end, summed over its tunnels; tunnels without a peer or count skipped."""
    per_peer: dict[str, int] = {}
    for tunnel in tunnels:
        if tunnel.peer_id is not None and tunnel.bindings is not None:
            per_peer[tunnel.peer_id] = per_peer.get(tunnel.peer_id, 0) + tunnel.bindings
    return tuple(sorted(per_peer.items()))


def _family(spec: MetricSpec) -> GaugeMetricFamily | CounterMetricFamily:
    """An empty family for `spec`."""
    if spec.type == "counter":
        return CounterMetricFamily(spec.name, spec.help, labels=spec.label_names)
    return GaugeMetricFamily(spec.name, spec.help, labels=spec.label_names)


def _add_router(families: _Families, state: _RouterState) -> None:
    """Add one router's samples; a router never polled successfully has only `up`."""
    info = state.info
    labels = [info.name, info.role, info.domain or ""]

    def add(spec: MetricSpec, value: float | None, *extra: str) -> None:
        if value is not None:
            families[spec.name].add_metric([*labels, *extra], float(value))

    add(ROUTER_UP, 1 if state.up else 0)
    if state.last_success is None:
        return
    add(LAST_SUCCESS, state.last_success)
    add(POLL_DURATION, state.poll_duration)
    add(POLL_INTERVAL, info.poll_interval_sec)
    add(BINDINGS, state.bindings)
    add(BINDINGS_LIMIT, state.bindings_limit)
    add(TUNNELS_UP, state.tunnels_up)
    add(TUNNELS, state.tunnels)
    for peer, count in state.peer_bindings:
        add(PEER_BINDINGS, count, peer)
    add(UNPARSED_LINES, state.unparsed)
    if state.stats is None:
        return
    for spec in COUNTERS:
        assert spec.stat is not None
        add(spec, getattr(state.stats, spec.stat))
    for status in state.stats.pba_rejected_by_status:
        add(PBA_REJECTED_BY_STATUS, status.count, str(status.code), status.name)

"""The fleet collector: what a scrape shows after polls, read back with the parser."""

from __future__ import annotations

import re
import threading

import pytest
from prometheus_client.registry import CollectorRegistry

from pmiptui.exporter import FleetMetrics
from pmiptui.exporter.metrics import COUNTERS, LABELS, METRIC_NAMES, METRICS
from pmiptui.model.bindings import Binding
from pmiptui.model.globals import LmaGlobals
from pmiptui.model.poll import PollResult
from pmiptui.model.stats import PmipStats
from tests.exporter.scrape import LMA, MAG, T0, failed_poll, lma_poll, mag_poll, scrape

L = {"router": "lma1", "role": "lma", "domain": "D1"}
M = {"router": "mag1", "role": "mag", "domain": ""}


@pytest.fixture
def fleet() -> FleetMetrics:
    return FleetMetrics()


@pytest.fixture
def registry(fleet: FleetMetrics) -> CollectorRegistry:
    registry = CollectorRegistry()
    registry.register(fleet)
    return registry


def test_a_tracked_router_never_polled_shows_up_0_and_nothing_else(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.track(MAG)
    fleet.observe(MAG, failed_poll(MAG, T0))  # failed before any success: still nothing else

    got = scrape(registry)

    assert got.value("pmiptui_router_up", **M) == 0
    assert got.names() == {"pmiptui_router_up"}


def test_a_full_lma_poll_gives_every_figure(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.observe(LMA, lma_poll())

    got = scrape(registry)

    assert got.value("pmiptui_router_up", **L) == 1
    assert got.value("pmiptui_last_success_timestamp_seconds", **L) == T0 + 0.25
    assert got.value("pmiptui_poll_duration_seconds", **L) == 0.25
    assert got.value("pmiptui_poll_interval_seconds", **L) == 5
    assert got.value("pmiptui_bindings", **L) == 3
    assert got.value("pmiptui_bindings_limit", **L) == 1000
    assert got.value("pmiptui_tunnels_up", **L) == 2
    assert got.value("pmiptui_tunnels", **L) == 4
    assert got.value("pmiptui_unparsed_lines", **L) == 1
    # Per peer, summed over the peer's tunnels; the tunnel without a peer is left out.
    assert got.value("pmiptui_peer_bindings", **L, peer="MAG1") == 2
    assert got.value("pmiptui_peer_bindings", **L, peer="MAG2") == 1
    assert got.value("pmiptui_pbu_received_total", **L) == 917
    assert got.value("pmiptui_pbu_dropped_total", **L) == 5
    assert got.value("pmiptui_pba_sent_total", **L) == 912
    assert got.value("pmiptui_pba_accepted_total", **L) == 900
    assert got.value("pmiptui_pba_rejected_total", **L) == 12
    assert got.value("pmiptui_heartbeat_failures_total", **L) == 2
    by_status = "pmiptui_pba_rejected_by_status_total"
    assert got.value(by_status, **L, code="130", status="INSUFFICIENT_RESOURCES") == 10
    assert got.value(by_status, **L, code="153", status="NOT_LMA_FOR_THIS_MOBILE_NODE") == 2
    # The router's own counters are counters, as it reports them.
    assert got.types["pmiptui_pba_rejected"] == "counter"
    assert got.types["pmiptui_bindings"] == "gauge"


def test_counters_the_router_did_not_print_are_absent(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.observe(MAG, mag_poll(stats=PmipStats(pba_accepted=7)))

    names = scrape(registry).names()

    assert "pmiptui_pba_accepted_total" in names
    assert "pmiptui_pba_rejected_total" not in names
    assert "pmiptui_pba_rejected_by_status_total" not in names


def test_a_mag_has_no_binding_limit_even_when_its_globals_print_one(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.observe(MAG, mag_poll())

    got = scrape(registry)

    assert got.value("pmiptui_bindings", **M) == 2
    assert got.value("pmiptui_peer_bindings", **M, peer="LMA1") == 2
    assert got.value("pmiptui_pbu_sent_total", **M) == 240
    assert "pmiptui_bindings_limit" not in got.names()


def test_an_lma_limit_is_absent_when_unknown_and_goes_when_no_longer_printed(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.observe(LMA, lma_poll())
    fleet.observe(LMA, lma_poll(T0 + 5, globals=LmaGlobals(domain="D1", lma_id="LMA1")))

    assert "pmiptui_bindings_limit" not in scrape(registry).names()


def test_kinds_a_poll_did_not_fetch_keep_their_last_values(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.observe(LMA, lma_poll())
    bindings_only = PollResult(
        router="lma1", started=T0 + 5, finished=T0 + 5.1, binding_total=4, unparsed=0
    )
    fleet.observe(LMA, bindings_only)

    got = scrape(registry)

    assert got.value("pmiptui_bindings", **L) == 4
    assert got.value("pmiptui_last_success_timestamp_seconds", **L) == T0 + 5.1
    assert got.value("pmiptui_unparsed_lines", **L) == 0
    assert got.value("pmiptui_bindings_limit", **L) == 1000
    assert got.value("pmiptui_tunnels_up", **L) == 2
    assert got.value("pmiptui_peer_bindings", **L, peer="MAG1") == 2
    assert got.value("pmiptui_pba_accepted_total", **L) == 900


def test_the_binding_count_falls_back_on_the_table_length(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    table = [Binding(nai=f"mn{i}@example.com", domain="D1") for i in range(3)]
    fleet.observe(LMA, lma_poll(binding_total=None, bindings=table))

    assert scrape(registry).value("pmiptui_bindings", **L) == 3


def test_a_failed_poll_sets_up_0_and_keeps_the_last_known_figures(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.observe(LMA, lma_poll())
    before = scrape(registry)
    fleet.observe(LMA, failed_poll(LMA, T0 + 5))

    got = scrape(registry)

    assert got.value("pmiptui_router_up", **L) == 0
    assert got.value("pmiptui_poll_duration_seconds", **L) == 30
    assert got.value("pmiptui_last_success_timestamp_seconds", **L) == T0 + 0.25
    kept = {key: value for key, value in before.values.items() if key[0] != "pmiptui_router_up"}
    kept.pop(("pmiptui_poll_duration_seconds", frozenset(L.items())))
    assert {key: got.values[key] for key in kept} == kept

    fleet.observe(LMA, lma_poll(T0 + 40))

    assert scrape(registry).value("pmiptui_router_up", **L) == 1


def test_forget_drops_a_router_and_keeps_the_others(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.observe(LMA, lma_poll())
    fleet.observe(MAG, mag_poll())

    fleet.forget("lma1")
    fleet.forget("never-heard-of")

    assert fleet.routers() == ["mag1"]
    assert scrape(registry).names("lma1") == set()
    assert scrape(registry).value("pmiptui_router_up", **M) == 1


def test_a_poll_of_another_router_is_refused(fleet: FleetMetrics) -> None:
    with pytest.raises(ValueError, match="mag1"):
        fleet.observe(LMA, mag_poll())


def test_the_registry_knows_every_name_before_any_poll(fleet: FleetMetrics) -> None:
    described = {family.name for family in fleet.describe()}

    assert len(described) == len(METRICS)
    registry = CollectorRegistry()
    registry.register(fleet)
    with pytest.raises(ValueError, match="Duplicated"):
        registry.register(FleetMetrics())


def test_names_follow_the_prometheus_conventions() -> None:
    for spec in METRICS:
        assert re.fullmatch(r"pmiptui_[a-z][a-z0-9_]*[a-z0-9]", spec.name), spec.name
        assert spec.name.endswith("_total") == (spec.type == "counter"), spec.name
        if re.search(r"timestamp|duration|interval|age", spec.name):
            assert spec.name.endswith("_seconds"), spec.name
        assert spec.help and spec.help.endswith("."), spec.name
        assert spec.label_names[: len(LABELS)] == LABELS
    assert len(METRIC_NAMES) == len(METRICS)
    assert {spec.stat for spec in COUNTERS} <= set(PmipStats.__dataclass_fields__)


def test_every_family_of_a_full_scrape_is_declared_with_its_type(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    fleet.observe(LMA, lma_poll())
    fleet.observe(MAG, mag_poll())

    got = scrape(registry)

    assert got.names() == METRIC_NAMES
    declared = {spec.name.removesuffix("_total"): spec.type for spec in METRICS}
    assert got.types == declared


def test_polls_and_scrapes_from_many_threads_at_once(
    fleet: FleetMetrics, registry: CollectorRegistry
) -> None:
    def poll(index: int) -> None:
        for step in range(50):
            fleet.observe(LMA, lma_poll(T0 + step, binding_total=index * 1000 + step))

    def collect() -> None:
        for _ in range(50):
            scrape(registry)

    threads = [threading.Thread(target=poll, args=(i,)) for i in range(4)]
    threads += [threading.Thread(target=collect) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert scrape(registry).value("pmiptui_bindings", **L) in {i * 1000 + 49 for i in range(4)}

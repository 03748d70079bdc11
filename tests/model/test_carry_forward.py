"""A poll that fetched some kinds keeps the others from the poll before it."""

from __future__ import annotations

from dataclasses import replace

from pmiptui.history.recording import summary_of
from pmiptui.model.bindings import Binding
from pmiptui.model.drift import Drift, DriftLine
from pmiptui.model.globals import MagGlobals
from pmiptui.model.poll import PollResult, carry_forward
from pmiptui.model.stats import PmipStats


def _poll(at: float, **kinds: object) -> PollResult:
    fetched = dict.fromkeys(kinds, at)
    return PollResult(router="mag1", started=at, finished=at + 1, fetched=fetched, **kinds)


FULL = _poll(
    100.0,
    globals=MagGlobals(mag_id="mag1", domain="D1", max_bindings=1000),
    bindings=[Binding(nai="a", domain="D1")],
    binding_total=1,
    stats=PmipStats(pba_accepted=5, pba_rejected=0),
    tunnels=[],
    config="ipv6 mobile pmipv6-mag mag1 domain D1",
    raw={"bindings": "Total MAG bindings : 1"},
)


def test_kinds_not_fetched_are_carried_with_their_fetch_time() -> None:
    later = carry_forward(FULL, _poll(105.0, stats=PmipStats(pba_accepted=7), binding_total=4))
    assert later.stats is not None and later.stats.pba_accepted == 7
    assert later.binding_total == 4 and later.fetched["binding_total"] == 105.0
    assert later.bindings == FULL.bindings and later.fetched["bindings"] == 100.0
    assert later.globals == FULL.globals and later.config == FULL.config
    assert later.raw == FULL.raw


def test_a_failed_poll_is_not_merged() -> None:
    failed = PollResult(router="mag1", started=105.0, finished=106.0, error="timeout")
    assert carry_forward(FULL, failed) is failed


def test_a_summary_keeps_the_figures_whose_commands_did_not_run() -> None:
    first = summary_of(FULL)
    later = summary_of(_poll(105.0, stats=PmipStats(pba_accepted=7), binding_total=4), first)
    assert later["max_bindings"] == 1000 and later["domain"] == "D1"
    assert later["bindings"] == 4 and later["pba_accepted"] == 7
    assert later["tunnels_up"] == 0


def _drift(kind: str, *texts: str) -> Drift:
    lines = [DriftLine(number=n, text=t) for n, t in enumerate(texts, 1)]
    return Drift(kind=kind, command=f"show {kind}", unparsed=len(lines), lines=lines)


def test_a_kinds_drift_lasts_until_the_kind_is_fetched_again_clean() -> None:
    drifted = replace(
        FULL, drift=[_drift("bindings", "Handoff Count: 3"), _drift("stats", "New: 1")]
    )
    stats_only = carry_forward(drifted, _poll(105.0, stats=PmipStats(pba_accepted=7)))
    assert stats_only.drift == [drifted.drift[0]]  # stats fetched clean; bindings not fetched
    stats_drift = replace(
        _poll(110.0, stats=PmipStats(pba_accepted=8)), drift=[_drift("stats", "Other: 2")]
    )
    both = carry_forward(stats_only, stats_drift)
    assert [d.kind for d in both.drift] == ["bindings", "stats"]
    assert both.drift[1].lines[0].text == "Other: 2"
    clean = carry_forward(both, _poll(115.0, bindings=[], binding_total=0, stats=PmipStats()))
    assert clean.drift == []


def test_drift_of_a_kind_whose_data_is_carried_is_the_carried_polls() -> None:
    """A store's poll may bring drift of a kind it hands over without its data (bindings)."""
    drifted = replace(FULL, drift=[_drift("bindings", "old")])
    newer = replace(_poll(105.0, stats=PmipStats()), drift=[_drift("bindings", "new")])
    assert carry_forward(drifted, newer).drift == drifted.drift


def test_a_failed_poll_keeps_no_drift_of_its_own() -> None:
    failed = PollResult(router="mag1", started=105.0, finished=106.0, error="timeout")
    assert carry_forward(replace(FULL, drift=[_drift("stats", "x")]), failed).drift == []

"""Trends: bucketed series from recorded polls, summed over routers, counters as rates."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from pmiptui.ui.data.trends import trend


@dataclass
class _Poll:
    router: str
    at: float
    summary: dict[str, Any] = field(default_factory=dict)
    ok: bool = True


def _s(bindings: int, accepted: int = 0, rejected: int = 0, up: int = 1) -> dict[str, Any]:
    return {
        "bindings": bindings,
        "max_bindings": 100,
        "pba_accepted": accepted,
        "pba_rejected": rejected,
        "tunnels_up": up,
        "tunnels": 2,
    }


def test_one_router_last_value_per_bucket_and_gaps_where_nothing_was_recorded() -> None:
    polls = [_Poll("lma1", 10, _s(5)), _Poll("lma1", 20, _s(7)), _Poll("lma1", 250, _s(9))]
    t = trend(polls, since=0, until=300, buckets=3)
    assert t.times == [100, 200, 300]
    assert t.bindings[0] == 7 and math.isnan(t.bindings[1]) and t.bindings[2] == 9
    assert t.limit == 100 and t.tunnels == 2 and not t.empty


def test_rates_per_minute_from_cumulative_counters_and_a_reset_counts_from_zero() -> None:
    polls = [
        _Poll("lma1", 0, _s(1, accepted=100, rejected=0)),
        _Poll("lma1", 90, _s(1, accepted=160, rejected=6)),  # +60, +6 over 90 s: bucket 0
        _Poll("lma1", 150, _s(1, accepted=10, rejected=1)),  # restarted: +10, +1 over 60 s
        _Poll("lma1", 450, _s(1, accepted=190, rejected=1)),  # +180 over a 5-minute gap
    ]
    t = trend(polls, since=0, until=500, buckets=5)
    assert t.accepted_per_min[:2] == [40.0, 10.0]
    assert t.rejected_per_min[:2] == [4.0, 1.0]
    assert t.accepted_per_min[4] == 36.0  # spread over the gap, not a spike
    assert all(math.isnan(v) for v in t.accepted_per_min[2:4])


def test_the_fleet_sums_routers_and_a_router_silent_in_a_bucket_keeps_its_figure() -> None:
    polls = [
        _Poll("mag1", 10, _s(3, up=1)),
        _Poll("mag2", 20, _s(4, up=1)),
        _Poll("mag1", 110, _s(5, up=0)),  # mag2 has no poll in bucket 1: its 4 carries on
        _Poll("mag2", 150, _s(1), ok=False),  # failed polls draw nothing
    ]
    t = trend(polls, since=0, until=200, buckets=2)
    assert t.bindings == [7.0, 9.0]
    assert t.tunnels_up == [2.0, 1.0]
    assert t.limit == 200 and t.tunnels == 4


def test_nothing_recorded_is_an_empty_trend() -> None:
    t = trend([], since=0, until=3600, buckets=40)
    assert t.empty and t.limit is None and len(t.times) == 40

"""Trends drawn from recorded polls: bindings, PBA accept/reject rates, tunnels up.

Pure: recorded poll summaries in, bucketed series out, for one router or summed over the
fleet. A chart has at most one point per bucket (its width in columns), so 24 hours of
5-second polls cost no more to draw than one hour. The router's PBA counters are
cumulative; a rate is their increase per minute over the time the increase covers, and a
counter that went down (the router cleared or restarted) counts from zero again, as
Prometheus' `rate()` does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Protocol

WINDOWS: Mapping[str, float] = {"1h": 3600.0, "6h": 6 * 3600.0, "24h": 24 * 3600.0}
"""The time windows a trend covers, in the order `w` cycles through them."""
CHARTS = ("bindings", "pba", "tunnels")
"""The charts, in the order `m` cycles through them."""
CHART_TITLES = {
    "bindings": "Bindings",
    "pba": "PBA accepted / rejected per minute",
    "tunnels": "Tunnels up",
}
GAP = math.nan
"""A bucket with no recorded poll: drawn as a gap, not as zero."""


class Recorded(Protocol):
    """A recorded poll as the trends read it (`ports.RecordedPoll`)."""

    router: str
    at: float
    ok: bool
    summary: Mapping[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class Trend:
    """Series over `buckets` equal slices of [`since`, `until`]; `times` are bucket ends."""

    since: float
    until: float
    times: list[float]
    bindings: list[float]
    limit: float | None
    """The binding limit (`bce maximum`, summed over the fleet), or None when unknown."""
    accepted_per_min: list[float]
    rejected_per_min: list[float]
    tunnels_up: list[float]
    tunnels: float | None
    """Tunnels in all at the end (the tunnels-up chart's ceiling), or None."""

    @property
    def empty(self) -> bool:
        """True when no bucket has a recorded figure."""
        return all(math.isnan(v) for v in self.bindings + self.tunnels_up)


def trend(polls: Iterable[Recorded], since: float, until: float, buckets: int) -> Trend:
    """The trend of the polls given (one router's, or every router's summed per bucket)."""
    buckets = max(1, buckets)
    width = (until - since) / buckets
    last: dict[str, dict[int, Mapping[str, Any]]] = {}
    """Per router, per bucket: the summary of its last good poll in that bucket."""
    accepted = [0.0] * buckets
    rejected = [0.0] * buckets
    spans = [0.0] * buckets
    """Per bucket: the seconds the counted increases cover, summed over routers."""
    counters: dict[str, tuple[float, Any, Any]] = {}
    for poll in sorted(polls, key=lambda p: p.at):
        if not poll.ok or not since <= poll.at <= until:
            continue
        index = min(buckets - 1, int((poll.at - since) / width)) if width > 0 else 0
        last.setdefault(poll.router, {})[index] = poll.summary
        now = (poll.at, poll.summary.get("pba_accepted"), poll.summary.get("pba_rejected"))
        before = counters.get(poll.router)
        if before is not None:
            accepted[index] += _increase(before[1], now[1])
            rejected[index] += _increase(before[2], now[2])
            spans[index] += poll.at - before[0]
        counters[poll.router] = now
    routers = max(1, len(last))
    seen = [any(index in by_bucket for by_bucket in last.values()) for index in range(buckets)]
    return Trend(
        since=since,
        until=until,
        times=[since + width * (i + 1) for i in range(buckets)],
        bindings=_summed(last, "bindings", buckets),
        limit=_final(last, "max_bindings"),
        accepted_per_min=_rates(accepted, spans, seen, routers),
        rejected_per_min=_rates(rejected, spans, seen, routers),
        tunnels_up=_summed(last, "tunnels_up", buckets),
        tunnels=_final(last, "tunnels"),
    )


def _rates(
    increases: list[float], spans: list[float], seen: list[bool], routers: int
) -> list[float]:
    """Per bucket: the increase per minute over the time it covers (a rise across a gap in
    the record is spread over the gap, not piled into one bucket), for the fleet the sum of
    the routers' rates (`spans` sums every router's seconds, hence `routers`)."""
    return [
        inc / span * 60.0 * routers if span > 0 else (0.0 if was_seen else GAP)
        for inc, span, was_seen in zip(increases, spans, seen, strict=True)
    ]


def _increase(before: Any, now: Any) -> float:
    """How much a cumulative counter rose; a counter that went down restarted from zero."""
    if not isinstance(before, int | float) or not isinstance(now, int | float):
        return 0.0
    return float(now - before) if now >= before else float(now)


def _summed(last: dict[str, dict[int, Mapping[str, Any]]], key: str, buckets: int) -> list[float]:
    """Per bucket: the sum over routers of each one's figure in it; a gap where none had one.

    A router silent in a bucket counts with its figure from its previous bucket, so a fleet
    sum does not dip each time one router's poll falls in the next bucket.
    """
    out: list[float] = []
    carried: dict[str, float] = {}
    for index in range(buckets):
        total, found = 0.0, False
        for router, by_bucket in last.items():
            value = by_bucket.get(index, {}).get(key)
            if isinstance(value, int | float):
                carried[router] = float(value)
            if index in by_bucket and router in carried:
                found = True
            if router in carried:
                total += carried[router]
        out.append(total if found else GAP)
    return out


def _final(last: dict[str, dict[int, Mapping[str, Any]]], key: str) -> float | None:
    """The sum over routers of each one's latest figure, or None when none has one."""
    values = []
    for by_bucket in last.values():
        for index in sorted(by_bucket, reverse=True):
            value = by_bucket[index].get(key)
            if isinstance(value, int | float):
                values.append(float(value))
                break
    return sum(values) if values else None


def next_of(options: Sequence[str], current: str) -> str:
    """The option after `current`, wrapping round."""
    return options[(options.index(current) + 1) % len(options)]


def bucket_count(polls: Iterable[Recorded], since: float, until: float, width: int) -> int:
    """Buckets for a chart `width` columns wide, each at least 1.5 poll intervals long.

    Narrower buckets than a router's poll interval would leave every few of them empty,
    drawn as gaps; the interval is the median time between a router's recorded polls.
    """
    ats: dict[str, list[float]] = {}
    for poll in polls:
        ats.setdefault(poll.router, []).append(poll.at)
    steps = sorted(b - a for times in ats.values() for a, b in pairwise(sorted(times)))
    width = max(1, width)
    if not steps or until <= since:
        return width
    interval = steps[len(steps) // 2]
    return max(1, min(width, int((until - since) / (1.5 * interval)))) if interval > 0 else width

"""A deterministic recorded history for the trend charts: six hours of polls before EPOCH.

Every router is polled each minute; lma1's bindings climb and dip, the MAGs share them,
PBA counters rise (mag2 rejects some), one MAG tunnel is down for a while, and nothing is
recorded for ten minutes (the history's writer was stopped): a gap in every chart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tests.ui.fake_poller import EPOCH

SPAN_SEC = 6 * 3600
STEP_SEC = 60
GAP = (EPOCH - 40 * 60, EPOCH - 30 * 60)
"""Nothing recorded in this stretch."""


@dataclass(frozen=True)
class FakePoll:
    """One recorded poll (`ports.RecordedPoll`)."""

    router: str
    at: float
    ok: bool
    summary: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None
    latency_ms: int | None = 12


def _summary(router: str, minute: int) -> dict[str, Any]:
    wave = math.sin(minute / 45) * 8 + minute / 30
    if router == "lma1":
        bindings = round(24 + wave)
        return {
            "bindings": bindings,
            "max_bindings": 50,
            "pba_accepted": minute * 3,
            "pba_rejected": minute // 20,
            "tunnels_up": 1 if 338 <= minute < 350 else 2,
            "tunnels": 2,
        }
    share = round(12 + wave / 2) if router == "mag1" else round(12 + wave / 2 - 1)
    return {
        "bindings": share,
        "max_bindings": 20,
        "pba_accepted": minute * (2 if router == "mag1" else 1),
        "pba_rejected": 0 if router == "mag1" else minute // 8,
        "tunnels_up": 1,
        "tunnels": 1,
    }


def recorded(routers: Sequence[str] = ("lma1", "mag1", "mag2")) -> list[FakePoll]:
    """The polls, oldest first (mag2 fails the last hour's polls: they draw nothing)."""
    polls = []
    for minute in range(SPAN_SEC // STEP_SEC + 1):
        at = EPOCH - SPAN_SEC + minute * STEP_SEC
        if GAP[0] <= at < GAP[1]:
            continue
        for offset, router in enumerate(routers):
            ok = not (router == "mag2" and at > EPOCH - 3600)
            polls.append(FakePoll(router, at + offset, ok, _summary(router, minute)))
    return polls


class FakeHistory:
    """A `HistoryReader` over fixed polls; only what the trends read is answered."""

    def __init__(self, polls: Sequence[FakePoll] | None = None) -> None:
        self.polls = list(recorded() if polls is None else polls)
        self.reads = 0
        """How many times `polls_between` was called."""

    def polls_between(self, router: str | None, since: float, until: float) -> list[FakePoll]:
        self.reads += 1
        return [
            p
            for p in self.polls
            if since <= p.at <= until and (router is None or p.router == router)
        ]

    def times(self, router: str | None = None) -> tuple[float, float] | None:
        ats = [p.at for p in self.polls if router is None or p.router == router]
        return (min(ats), max(ats)) if ats else None

    def neighbour(self, at: float, *, forward: bool) -> float | None:
        return None

    def fleet_at(self, at: float) -> dict[str, FakePoll]:
        return {}

    def tunnels_at(self, at: float) -> dict[str, list[Any]]:
        return {}

    def bindings_at(self, router: str, at: float) -> list[dict[str, Any]] | None:
        return None

"""Counter deltas between polls, rates per second, and an operator-set baseline."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pmiptui.model.stats import PmipStats

GAUGES = frozenset({"bindings_current", "bindings_max", "counters_age_sec"})
"""Fields that are levels, not counters: no rate."""


def counters(stats: PmipStats) -> dict[str, int]:
    """Every counter by name, the per-status rejections as `pba_rejected[CODE NAME]`."""
    out: dict[str, int] = {}
    for f in dataclasses.fields(stats):
        value = getattr(stats, f.name)
        if isinstance(value, int) and not isinstance(value, bool):
            out[f.name] = value
    for status in stats.pba_rejected_by_status:
        out[f"pba_rejected[{status.code} {status.name}]"] = status.count
    return out


@dataclass(frozen=True, slots=True)
class StatRow:
    """One counter as the Stats tab shows it."""

    name: str
    value: int
    delta: int | None
    """Change since the previous poll."""
    rate: float | None
    """Per second over the last interval; None for gauges or with one poll only."""
    since_baseline: int | None


class StatsTracker:
    """Keeps the last two polls' counters and the baseline set with `b`."""

    def __init__(self) -> None:
        self._previous: tuple[float, dict[str, int]] | None = None
        self._current: tuple[float, dict[str, int]] | None = None
        self._baseline: dict[str, int] | None = None

    def update(self, stats: PmipStats, when: float) -> None:
        """Take a poll's counters."""
        self._previous = self._current
        self._current = (when, counters(stats))

    def set_baseline(self) -> bool:
        """Make the current counters the baseline; False when there are none yet."""
        if self._current is None:
            return False
        self._baseline = dict(self._current[1])
        return True

    def rows(self) -> list[StatRow]:
        """The Stats tab's rows, in the record's field order."""
        if self._current is None:
            return []
        now, values = self._current
        before_t, before = self._previous if self._previous else (now, {})
        span = now - before_t
        rows = []
        for name, value in values.items():
            delta = value - before[name] if name in before else None
            rate = None
            if delta is not None and span > 0 and name not in GAUGES:
                rate = delta / span
            base = self._baseline.get(name) if self._baseline else None
            rows.append(StatRow(name, value, delta, rate, None if base is None else value - base))
        return rows

"""What the parsers did not understand of a poll's outputs: format drift, shown to the operator.

A router whose release prints a line differently still gives records from the lines that
parsed; the lines left over (and the records that look cut short) are kept with the poll,
so the operator sees that the console's picture may be partial, and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["DRIFT_KEPT", "Drift", "DriftLine", "drift_counts"]

DRIFT_KEPT = 200
"""Lines and warnings kept per poll, over all its commands; beyond, they are only counted.
A router whose whole output changed format would otherwise bring all of it back, every poll."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DriftLine:
    """One output line no template line matched, or a warning about a record cut short."""

    number: int | None = None
    """The line's number in the command's output (from 1); None for a warning."""
    text: str
    """The line as the router printed it (secrets masked), or the warning."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Drift:
    """What the parser did not understand of one command's output."""

    kind: str
    """The `PollResult` field the command fills (`globals`, `bindings`, ...): the drift
    lasts as long as that kind's data is shown, until the kind is fetched again."""
    command: str
    unparsed: int = 0
    """Lines not understood, all of them (kept in `lines` or not)."""
    warnings: int = 0
    """Records that look cut short or lack a line, all of them."""
    lines: list[DriftLine] = field(default_factory=list)
    """The first lines, then the first warnings, within the poll's `DRIFT_KEPT`."""

    @property
    def more(self) -> int:
        """Lines and warnings counted but not kept."""
        return self.unparsed + self.warnings - len(self.lines)


def drift_counts(drift: Iterable[Drift]) -> tuple[int, int]:
    """Lines not understood, and warnings, over `drift`."""
    lines = warnings = 0
    for entry in drift:
        lines += entry.unparsed
        warnings += entry.warnings
    return lines, warnings

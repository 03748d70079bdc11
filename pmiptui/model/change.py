"""Records of one configuration change made from the console: progress and outcome.

Standard library only. Every text in these records has key material masked: they are what
screens, logs and the audit trail may show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ChangeStatus(StrEnum):
    """How a configuration change ended, as the console reports it."""

    APPLIED = "applied"
    """On the router, and the read-back matched the prediction."""
    APPLIED_UNVERIFIED = "applied_unverified"
    """On the router, but the read-back differs from the prediction: check the router."""
    NO_CHANGE = "no_change"
    """The router already had this configuration: nothing was sent."""
    REJECTED_ROLLED_BACK = "rejected_rolled_back"
    """The router refused a line; it is back on its prior configuration (verified)."""
    INTERRUPTED_ROLLED_BACK = "interrupted_rolled_back"
    """The session broke mid-apply; after reconnecting the prior config was restored."""
    CONFIRMED_UNVERIFIED = "confirmed_unverified"
    """Every line went in and the change was confirmed, but the read-back could not finish."""
    CONFIRM_UNKNOWN = "confirm_unknown"
    """The session broke during `configure confirm` and the router cannot be reached: it holds
    the whole new config, or the whole old one once its revert timer fires."""
    ROLLBACK_FAILED = "rollback_failed"
    """The change failed and the prior configuration could not be verified: state uncertain."""
    NOT_APPLIED = "not_applied"
    """Nothing was changed (no connection, or the rollback snapshot could not be saved)."""

    @property
    def ok(self) -> bool:
        """True when the change is on the router (verified or not) or was not needed."""
        return self in (
            ChangeStatus.APPLIED,
            ChangeStatus.APPLIED_UNVERIFIED,
            ChangeStatus.CONFIRMED_UNVERIFIED,
            ChangeStatus.NO_CHANGE,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplyProgress:
    """One step of an apply, streamed to the screen while it runs."""

    text: str
    """The plan line being sent (masked), or a note such as `reading running-config`."""
    number: int | None = None
    """1-based plan line number; None for a note."""
    total: int | None = None
    """Lines in the plan; None for a note."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OperationalChange:
    """One operational value (from `show … globals`) that differs after the change."""

    field: str
    before: str
    after: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplyOutcome:
    """The end of one apply: what happened, where it failed, how it was checked."""

    router: str
    procedure: str
    status: ChangeStatus
    failed_line: str | None = None
    """`N: line` of the refused line (or the line being sent when the session broke)."""
    router_message: str = ""
    """What the router said about the failed line, or what broke."""
    diff_unified: str = ""
    """The PMIPv6 change the router now holds (before → after), unified diff."""
    verification_summary: str = ""
    """How the end state was checked, in a sentence or two."""
    verified: bool | None = None
    """Read-back equal to the prediction; None when there was nothing to verify."""
    missing_lines: tuple[str, ...] = ()
    """Plan lines not found where the prediction puts them."""
    changes: tuple[OperationalChange, ...] = ()
    """Operational values that changed (volatile counters left out)."""
    notes: tuple[str, ...] = field(default_factory=tuple)
    """Side remarks (no revert timer on the router, …)."""

    @property
    def can_save(self) -> bool:
        """`write memory` is offered only after a verified apply."""
        return self.status is ChangeStatus.APPLIED and bool(self.verified)

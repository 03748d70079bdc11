"""How an apply ended: its status, the phase it reached, and the masked texts that say so."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pmiptui.configgen.diff import ConfigDiff


class Status(StrEnum):
    """How an apply ended. In every case the router holds a whole configuration."""

    APPLIED = "applied"
    REJECTED_ROLLED_BACK = "rejected_rolled_back"
    """The router refused a line; it is back on its prior configuration (verified)."""
    INTERRUPTED_ROLLED_BACK = "interrupted_rolled_back"
    """The session broke mid-apply; after reconnecting the router is back on its prior config."""
    CONFIRMED_UNVERIFIED = "confirmed_unverified"
    """Every line went in and the change was confirmed, but the read-back could not finish."""
    CONFIRM_UNKNOWN = "confirm_unknown"
    """Every line went in; the session broke during `configure confirm` and the router cannot
    be reached: it holds the whole new config, or the whole old one once its timer fires."""
    ROLLBACK_FAILED = "rollback_failed"
    """The change failed and the prior configuration could not be verified: state uncertain."""


class Phase(StrEnum):
    """How far a change got; decides what a lost session means."""

    SENDING = "sending"
    """Lines going in, nothing confirmed: a failure rolls back."""
    CONFIRMING = "confirming"
    """`configure confirm` sent, its answer not read."""
    CONFIRMED = "confirmed"
    """Confirmed (or, without a revert timer, every line in): never undone silently."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FailedLine:
    """The plan line the router refused (or that was being sent when the session broke)."""

    number: int
    """1-based position in the plan."""
    text: str
    """The line with key material masked."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplyResult:
    """The outcome of one apply; every text in it has key material masked."""

    router: str
    status: Status
    before: str
    """The running-config the change started from (the snapshot)."""
    after: str
    """The running-config read back at the end (empty if it could not be read)."""
    diff: ConfigDiff
    """PMIPv6 section of `before` against `after`."""
    failed_line: FailedLine | None = None
    router_message: str = ""
    """What the router said about the failed line (or what broke)."""
    verification: str = ""
    """How the end state was checked, in one or two sentences."""
    revert_timer: bool = True
    """False when the router has no `archive path`, so only the snapshot protected the change."""
    lost_in: str = ""
    """Where the session was lost (`sending line 4 of 7`, `confirming`…); empty if it wasn't."""
    snapshot: str = ""
    """The snapshot file of the prior config, when it is still on the router (for recovery)."""
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the change is on the router and was read back."""
        return self.status is Status.APPLIED

"""Ending a change that did not go through: roll back and prove it, or say honestly what is on
the router when it cannot be proven.

Which way depends on the phase the change reached (`Phase`). Before `configure confirm`
nothing is kept: the prior config is restored (from a new session if the old one broke) and
compared byte for byte with the snapshot. Once confirmed, the change is never undone
silently: the result says it is on the router and how to verify it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from pmiptui.configgen.diff import config_diff
from pmiptui.device.outcome import ApplyResult, FailedLine, Phase, Status
from pmiptui.device.router_guard import pending_change
from pmiptui.device.running import SLOW_S, read_running
from pmiptui.device.session import RouterSession
from pmiptui.errors import ConfigRejected, DeviceError, PmipError
from pmiptui.redact import mask_secrets

REVERT_MINUTES = 5
"""How long IOS waits for `configure confirm` before rolling back by itself."""


@dataclass(slots=True, kw_only=True)
class Ending:
    """What a change's ending needs to know: where it started and what protects it."""

    session: RouterSession
    before: str
    """The normalised running-config before the change (holds secrets: never display)."""
    timer: bool
    """The revert timer is armed."""
    snapshot: str
    """The snapshot file of `before` on the router."""
    notes: list[str] = field(default_factory=list)


def discard(session: RouterSession, url: str, notes: list[str]) -> bool:
    """Delete a change's snapshot once the change has ended; a failure is only a note."""
    try:
        out = session.send(f"delete /force {url}", doing="removing the snapshot")
    except DeviceError as error:
        notes.append(f"the snapshot {url} could not be removed ({error.message})")
        return False
    if "%" in out:
        notes.append(f"the snapshot {url} could not be removed ({mask_secrets(out.strip())})")
        return False
    return True


def result(
    end: Ending,
    *,
    status: Status,
    after: str | None,
    verification: str,
    failed: FailedLine | None = None,
    message: str = "",
    lost_in: str = "",
) -> ApplyResult:
    """A change's result; `after` None when the config could not be read back."""
    kept = status in (Status.ROLLBACK_FAILED, Status.CONFIRM_UNKNOWN)
    return ApplyResult(
        router=end.session.target.name,
        status=status,
        before=mask_secrets(end.before),
        after=mask_secrets(after or ""),
        diff=config_diff(end.before, end.before if after is None else after),
        failed_line=failed,
        router_message=mask_secrets(message),
        verification=mask_secrets(verification),
        revert_timer=end.timer,
        lost_in=lost_in,
        snapshot=end.snapshot if kept else "",
        notes=tuple(end.notes),
    )


def restore(end: Ending, *, status: Status, failed: FailedLine | None, message: str) -> ApplyResult:
    """Put the prior config back on an open session in exec mode, and prove it."""
    try:
        after, how = roll_back(end.session, end.before, end.timer, end.snapshot)
    except DeviceError as error:
        return recover(end, error, failed, message=message, lost_in="rolling back")
    return _rolled_back(end, status, after, how, failed, message, "")


def _rolled_back(
    end: Ending,
    status: Status,
    after: str,
    how: str,
    failed: FailedLine | None,
    message: str,
    lost_in: str,
    *,
    reconnected: bool = False,
) -> ApplyResult:
    restored = after == end.before
    if restored:
        discard(end.session, end.snapshot, end.notes)
    again = "reconnected and rolled back" if reconnected else "rolled back"
    return result(
        end,
        status=status if restored else Status.ROLLBACK_FAILED,
        after=after,
        verification=(
            f"{again} with {how}: running-config identical to the snapshot"
            if restored
            else f"after {how} the running-config still differs from the snapshot "
            f"{end.snapshot} (kept on the router)"
        ),
        failed=failed,
        message=message,
        lost_in=lost_in,
    )


def roll_back(session: RouterSession, before: str, timer: bool, url: str) -> tuple[str, str]:
    """Try `configure revert now`, then `configure replace`; the config read back and how."""
    if timer:
        out = session.send("configure revert now", read_timeout=SLOW_S, doing="rolling back")
        if "No Rollback" not in out and "%" not in out:
            after = read_running(session)
            if after == before:
                return after, "`configure revert now`"
    session.send(f"configure replace {url} force", read_timeout=SLOW_S, doing="rolling back")
    return read_running(session), f"`configure replace {url} force`"


def recover(
    end: Ending,
    error: PmipError,
    failed: FailedLine | None,
    *,
    message: str = "",
    lost_in: str = "",
) -> ApplyResult:
    """The session broke before the confirm: reconnect, roll back, and prove it."""
    refused = bool(message)
    message = message or error.message
    session = end.session
    try:
        session.reconnect()
        after, how = roll_back(session, end.before, end.timer, end.snapshot)
    except DeviceError as again:
        safety = (
            f"its revert timer will restore the prior config within {REVERT_MINUTES} minutes "
            "unless someone types `configure confirm`"
            if end.timer
            else f"restore it with `configure replace {end.snapshot} force`"
        )
        return result(
            end,
            status=Status.ROLLBACK_FAILED,
            after=None,
            verification=f"could not reconnect to roll back ({again.message}); {safety}; "
            f"then settle it with `pmiptui config recover {session.target.name}`",
            failed=failed,
            message=message,
            lost_in=lost_in,
        )
    status = Status.REJECTED_ROLLED_BACK if refused else Status.INTERRUPTED_ROLLED_BACK
    return _rolled_back(end, status, after, how, failed, message, lost_in, reconnected=True)


def after_confirm_lost(
    end: Ending, error: DeviceError | ConfigRejected, phase: Phase, *, lost_in: str
) -> ApplyResult:
    """Every line went in and the confirm was sent (or no timer was armed): never undo it.

    Reconnect, find out whether the confirm landed (a change still pending is confirmed now:
    the new session proves the router is still reachable, which is what the timer guards),
    and read the change back.
    """
    session = end.session
    name = session.target.name
    verify_now = f"verify it with `pmiptui show {name} config`"
    try:
        session.reconnect()
        if phase is Phase.CONFIRMING and end.timer and pending_change(session) is not None:
            out = session.send("configure confirm", doing="confirming the change")
            if "%" in out:
                raise ConfigRejected(f"configure confirm: {out.strip()}")
            end.notes.append(
                "the session broke before the router answered `configure confirm`; after "
                "reconnecting the change was still pending and was confirmed"
            )
        else:
            end.notes.append(
                f"the session broke while {lost_in}; the change was already confirmed"
                if end.timer
                else f"the session broke while {lost_in}; every line had gone in"
            )
        after = read_running(session)
    except (DeviceError, ConfigRejected) as again:
        why = again.message
        if phase is Phase.CONFIRMING and end.timer:
            return result(
                end,
                status=Status.CONFIRM_UNKNOWN,
                after=None,
                verification=(
                    f"every line went in, but the session broke while confirming and "
                    f"{name} cannot be reached again ({why}). The router holds the whole new "
                    "configuration; if the confirm did not arrive, its revert timer puts "
                    f"back the whole prior one within {REVERT_MINUTES} minutes. Settle it "
                    f"with `pmiptui config recover {name}`"
                ),
                message=error.message,
                lost_in=lost_in,
            )
        return result(
            end,
            status=Status.CONFIRMED_UNVERIFIED,
            after=None,
            verification=(
                "applied and confirmed: the change is on the router, but the read-back could "
                f"not finish ({why}); {verify_now}"
                if end.timer
                else "applied (every line accepted): the change is on the router, but the "
                f"read-back could not finish ({why}); {verify_now}"
            ),
            message=error.message,
            lost_in=lost_in,
        )
    with contextlib.suppress(DeviceError):
        discard(session, end.snapshot, end.notes)
    return result(
        end,
        status=Status.APPLIED,
        after=after,
        verification=(
            "confirmed (configure confirm); read back after reconnecting"
            if end.timer
            else "applied (no revert timer); read back after reconnecting"
        ),
        lost_in=lost_in,
    )

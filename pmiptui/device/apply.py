"""All-or-nothing apply of a configuration plan to one router, and `write memory` on request.

Mechanism, and why:

1. Snapshot the exact prior configuration on the router itself
   (`copy running-config bootflash:pmiptui-rollback.cfg`). It survives our session, so the
   prior config can be restored with `configure replace … force` even from a new session,
   or by hand.
2. Enter config mode with `configure terminal revert timer 5`. With `archive` / `path`
   configured, IOS XE then rolls the change back *by itself* if no `configure confirm`
   arrives within five minutes: a dropped SSH session, a crashed laptop or a hung process
   cannot leave a router half-configured for longer than that.
3. Send the plan one line at a time and check each reply for `% Invalid input`,
   `% Incomplete command` or `% Ambiguous command`. (Netmiko's `send_config_set` checks
   nothing unless given `error_pattern`, sends on after an error otherwise, and leaves the
   session in config mode when it raises; one line at a time tells us exactly which line
   failed and that nothing after it was sent.)
4. On a refused line: `end`, `configure revert now` (fallback: `configure replace` of the
   snapshot), then re-read `show running-config` and compare it with the snapshot. Only a
   byte-identical read-back (after dropping IOS's timestamp/header lines) counts as rolled back.
5. On success: `end`, `configure confirm`.
6. If the session breaks mid-apply: reconnect, restore as in 4, verify, report. If even the
   reconnect fails, the revert timer is the safety net, and the result says so.

A router without `archive path` cannot arm the revert timer: the apply then relies on the
snapshot and `configure replace` alone, and the result notes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pmiptui.configgen.diff import ConfigDiff, config_diff, normalize
from pmiptui.configgen.plan import PlanLine
from pmiptui.device.session import RouterSession
from pmiptui.errors import ConfigRejected, ConnectionLost, DeviceError, PmipError
from pmiptui.ios.config_tree import parse_running_config, walk
from pmiptui.redact import mask_secrets

REVERT_MINUTES = 5
"""How long IOS waits for `configure confirm` before rolling back by itself."""
ROLLBACK_FILE = "bootflash:pmiptui-rollback.cfg"
"""Where the prior configuration is saved on the router before any change."""
IOS_ERROR = re.compile(r"%\s*(Invalid input|Incomplete command|Ambiguous command)")
"""Replies that mean IOS refused a configuration line."""
_COPY_QUESTIONS = [
    (r"Destination filename \[[^\]]*\]\?", ""),
    (r"[Oo]ver\s?write\?.*\[confirm\]", "y"),
    (r"\[confirm\]", ""),
]
_SLOW_S = 120.0

OnLine = Callable[[int, PlanLine], None]
"""Called just before plan line N (1-based) is sent: progress for screens and logs."""


class Status(StrEnum):
    """How an apply ended."""

    APPLIED = "applied"
    REJECTED_ROLLED_BACK = "rejected_rolled_back"
    """The router refused a line; it is back on its prior configuration (verified)."""
    INTERRUPTED_ROLLED_BACK = "interrupted_rolled_back"
    """The session broke mid-apply; after reconnecting the router is back on its prior config."""
    ROLLBACK_FAILED = "rollback_failed"
    """The change failed and the prior configuration could not be verified: state uncertain."""


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
    """How the end state was checked, in one sentence."""
    revert_timer: bool = True
    """False when the router has no `archive path`, so only the snapshot protected the change."""
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the change is on the router."""
        return self.status is Status.APPLIED


def read_running(session: RouterSession) -> str:
    """`show running-config`, normalised (no CR, no header or timestamp lines)."""
    text = session.send("show running-config", read_timeout=_SLOW_S, doing="reading running-config")
    return normalize(text)


def has_archive_path(running: str) -> bool:
    """True when the config has `archive` / `path …` (needed for the revert timer)."""
    tree = parse_running_config(running)
    return any(
        node.line == "archive" and any(kid.line.startswith("path ") for kid in node.children)
        for _depth, node in walk(tree)
    )


def snapshot(session: RouterSession) -> None:
    """Copy the running config to ROLLBACK_FILE; ConfigRejected (nothing changed) on failure."""
    out = session.dialog(
        f"copy running-config {ROLLBACK_FILE}",
        _COPY_QUESTIONS,
        read_timeout=_SLOW_S,
        doing="saving the rollback snapshot",
    )
    if "bytes copied" not in out or re.search(r"%\s*Error", out):
        message = _router_message(out) or "no `bytes copied` confirmation"
        raise ConfigRejected(
            f"{session.target.name} did not save the rollback snapshot to {ROLLBACK_FILE} "
            f"({message}); nothing was changed"
        )


def apply_plan(
    session: RouterSession,
    plan: Sequence[PlanLine],
    *,
    revert_minutes: int = REVERT_MINUTES,
    on_line: OnLine | None = None,
) -> ApplyResult:
    """Apply `plan` all-or-nothing (see the module doc); never leaves config mode open.

    Raises only before anything was changed: DeviceError if the running-config cannot be
    read, ConfigRejected if the snapshot cannot be saved. Every failure after that is a
    result whose texts are masked.
    """
    before = read_running(session)
    timer = has_archive_path(before)
    notes: list[str] = []
    if not timer:
        notes.append(
            "no `archive path` on the router: no revert timer; the snapshot and "
            "`configure replace` were the only protection"
        )
    snapshot(session)
    number, line = 0, None
    try:
        if timer:
            out = session.send(
                f"configure terminal revert timer {revert_minutes}", doing="entering config mode"
            )
            if IOS_ERROR.search(out) or ("archive" in out.lower() and "requires" in out.lower()):
                timer = False
                notes.append("the router refused the revert timer; using `configure replace`")
                session.send("configure terminal", doing="entering config mode")
        else:
            session.send("configure terminal", doing="entering config mode")
        for number, line in enumerate(plan, start=1):
            if on_line is not None:
                on_line(number, line)
            reply = session.send(line.text, doing=f"sending line {number}")
            if IOS_ERROR.search(reply):
                session.send("end", doing="leaving config mode")
                return _restore(
                    session,
                    before,
                    timer,
                    status=Status.REJECTED_ROLLED_BACK,
                    failed=FailedLine(number=number, text=line.shown),
                    message=_router_message(reply),
                    notes=notes,
                )
        session.send("end", doing="leaving config mode")
        if timer:
            confirm = session.send("configure confirm", doing="confirming the change")
            if "%" in confirm:
                raise ConfigRejected(f"configure confirm: {_router_message(confirm)}")
        after = read_running(session)
    except (DeviceError, ConfigRejected) as error:
        failed = FailedLine(number=number, text=line.shown) if line is not None else None
        return _recover(session, before, timer, error, failed, notes)
    except KeyboardInterrupt:
        # Ctrl-C mid-read leaves the channel out of step: start again from a new session.
        failed = FailedLine(number=number, text=line.shown) if line is not None else None
        stopped = ConnectionLost(f"interrupted by the operator on {session.target.name}")
        return _recover(session, before, timer, stopped, failed, notes)
    return ApplyResult(
        router=session.target.name,
        status=Status.APPLIED,
        before=mask_secrets(before),
        after=mask_secrets(after),
        diff=config_diff(before, after),
        verification="confirmed (configure confirm)" if timer else "applied (no revert timer)",
        revert_timer=timer,
        notes=tuple(notes),
    )


def _ended(
    session: RouterSession,
    before: str,
    timer: bool,
    *,
    status: Status,
    after: str | None,
    verification: str,
    failed: FailedLine | None,
    message: str,
    notes: list[str],
) -> ApplyResult:
    """A failed apply's result; `after` None when the config could not be read back."""
    return ApplyResult(
        router=session.target.name,
        status=status,
        before=mask_secrets(before),
        after=mask_secrets(after or ""),
        diff=config_diff(before, before if after is None else after),
        failed_line=failed,
        router_message=mask_secrets(message),
        verification=verification,
        revert_timer=timer,
        notes=tuple(notes),
    )


def _restore(
    session: RouterSession,
    before: str,
    timer: bool,
    *,
    status: Status,
    failed: FailedLine | None,
    message: str,
    notes: list[str],
) -> ApplyResult:
    """Put the prior config back on an open session in exec mode, and prove it."""
    try:
        after, how = _roll_back(session, before, timer)
    except DeviceError as error:
        return _recover(session, before, timer, error, failed, notes, message=message)
    restored = after == before
    return _ended(
        session,
        before,
        timer,
        status=status if restored else Status.ROLLBACK_FAILED,
        after=after,
        verification=(
            f"rolled back with {how}: running-config identical to the snapshot"
            if restored
            else f"after {how} the running-config still differs from the snapshot"
        ),
        failed=failed,
        message=message,
        notes=notes,
    )


def _roll_back(session: RouterSession, before: str, timer: bool) -> tuple[str, str]:
    """Try `configure revert now`, then `configure replace`; the config read back and how."""
    if timer:
        out = session.send("configure revert now", read_timeout=_SLOW_S, doing="rolling back")
        if "No Rollback" not in out and "%" not in out:
            after = read_running(session)
            if after == before:
                return after, "`configure revert now`"
    session.send(
        f"configure replace {ROLLBACK_FILE} force", read_timeout=_SLOW_S, doing="rolling back"
    )
    return read_running(session), f"`configure replace {ROLLBACK_FILE} force`"


def _recover(
    session: RouterSession,
    before: str,
    timer: bool,
    error: PmipError,
    failed: FailedLine | None,
    notes: list[str],
    *,
    message: str = "",
) -> ApplyResult:
    """The session broke mid-apply: reconnect, roll back, and prove it."""
    refused = bool(message)
    message = message or error.message
    try:
        session.reconnect()
        after, how = _roll_back(session, before, timer)
    except DeviceError as again:
        safety = (
            f"its revert timer will restore the prior config within {REVERT_MINUTES} minutes "
            "unless someone types `configure confirm`"
            if timer
            else f"restore it with `configure replace {ROLLBACK_FILE} force`"
        )
        return _ended(
            session,
            before,
            timer,
            status=Status.ROLLBACK_FAILED,
            after=None,
            verification=f"could not reconnect to roll back ({again.message}); {safety}",
            failed=failed,
            message=message,
            notes=notes,
        )
    restored = after == before
    status = Status.REJECTED_ROLLED_BACK if refused else Status.INTERRUPTED_ROLLED_BACK
    return _ended(
        session,
        before,
        timer,
        status=status if restored else Status.ROLLBACK_FAILED,
        after=after,
        verification=(
            f"reconnected and rolled back with {how}: running-config identical to the snapshot"
            if restored
            else f"reconnected; after {how} the running-config still differs from the snapshot"
        ),
        failed=failed,
        message=message,
        notes=notes,
    )


def save_config(session: RouterSession) -> str:
    """`write memory`; the router's answer, or ConfigRejected when it did not say `[OK]`."""
    out = session.send("write memory", read_timeout=_SLOW_S, doing="saving the configuration")
    if "[OK]" not in out:
        raise ConfigRejected(
            f"{session.target.name}: write memory did not report [OK] "
            f"({_router_message(out) or out.strip()[:80]})"
        )
    return out.strip()


def _router_message(reply: str) -> str:
    """The router's error lines (`% …`), secrets masked."""
    lines = [line.strip() for line in reply.splitlines() if line.strip().startswith("%")]
    return mask_secrets(" ".join(lines))

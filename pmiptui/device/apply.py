"""All-or-nothing apply of a configuration plan to one router, and `write memory` on request.

Mechanism, and why:

1. Snapshot the exact prior configuration on the router itself, in a file of this change's
   own (`bootflash:pmiptui-<router>-<time>-<pid>.cfg`). It survives our session, so the prior
   config can be restored with `configure replace … force` even from a new session, by
   `pmiptui config recover`, or by hand. It is deleted when the change ends cleanly; a
   snapshot left on the router marks a change that did not finish.
2. Arm the router's own safety net: `configure terminal revert timer 5`. With `archive` /
   `path` configured, IOS XE rolls the change back by itself if no `configure confirm`
   arrives within five minutes: a dropped SSH session or a killed process cannot leave a
   router half-configured for longer than that.
3. Where the router has `configuration mode exclusive manual`, configuration is entered with
   `configure terminal lock`, so no other session can configure until we leave it (with
   `auto`, the router locks on every `configure terminal` by itself).
4. Send the plan one line at a time and check each reply for `% Invalid input`,
   `% Incomplete command` or `% Ambiguous command`, so we know exactly which line failed and
   that nothing after it was sent.
5. On a refused line: `end`, `configure revert now` (fallback: `configure replace` of the
   snapshot), then re-read `show running-config` and compare it with the snapshot. Only a
   byte-identical read-back (after dropping IOS's timestamp/header lines) counts as rolled back.
6. On success: `end`, `configure confirm`, read back.
7. If the session breaks, what happens depends on how far the change got (`Phase`): before
   the confirm it is rolled back from a new session; once confirmed it is never undone, and
   the result says it is on the router but could not be verified.

A router without `archive path` cannot arm the revert timer: the apply then relies on the
snapshot and `configure replace` alone, and the result notes it.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Sequence
from typing import NoReturn

from pmiptui.configgen.diff import config_diff
from pmiptui.configgen.plan import PlanLine
from pmiptui.device.outcome import ApplyResult, FailedLine, Phase, Status
from pmiptui.device.rollback import (
    REVERT_MINUTES,
    Ending,
    after_confirm_lost,
    discard,
    recover,
    restore,
)
from pmiptui.device.router_guard import SNAPSHOT_FS, SNAPSHOT_PREFIX, exclusive_mode
from pmiptui.device.running import SLOW_S, read_running
from pmiptui.device.session import RouterSession
from pmiptui.errors import ChangeRefused, ConfigRejected, ConnectionLost, DeviceError
from pmiptui.ios.config_tree import parse_running_config, walk
from pmiptui.redact import mask_secrets

__all__ = [
    "ApplyResult",
    "FailedLine",
    "OnLine",
    "Status",
    "apply_plan",
    "has_archive_path",
    "read_running",
    "save_config",
    "snapshot",
    "snapshot_name",
]

IOS_ERROR = re.compile(r"%\s*(Invalid input|Incomplete command|Ambiguous command)")
"""Replies that mean IOS refused a configuration line."""
LOCKED_OUT = re.compile(
    r"locked exclusively by|Can't lock configuration mode|already pending", re.IGNORECASE
)
"""Replies that mean another session holds the configuration, or its own pending change."""
_COPY_QUESTIONS = [
    (r"Destination filename \[[^\]]*\]\?", ""),
    (r"[Oo]ver\s?write\?.*\[confirm\]", "y"),
    (r"\[confirm\]", ""),
]

OnLine = Callable[[int, PlanLine], None]
"""Called just before plan line N (1-based) is sent: progress for screens and logs."""


def has_archive_path(running: str) -> bool:
    """True when the config has `archive` / `path …` (needed for the revert timer)."""
    tree = parse_running_config(running)
    return any(
        node.line == "archive" and any(kid.line.startswith("path ") for kid in node.children)
        for _depth, node in walk(tree)
    )


def snapshot_name(router: str) -> str:
    """A snapshot file of this change's own: router, UTC time and process id."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", router)[:40]
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    return f"{SNAPSHOT_FS}{SNAPSHOT_PREFIX}{safe}-{stamp}-{os.getpid()}.cfg"


def snapshot(session: RouterSession, url: str) -> None:
    """Copy the running config to `url`; ConfigRejected (nothing changed) on failure."""
    out = session.dialog(
        f"copy running-config {url}",
        _COPY_QUESTIONS,
        read_timeout=SLOW_S,
        doing="saving the rollback snapshot",
    )
    if "bytes copied" not in out or re.search(r"%\s*Error", out):
        message = _router_message(out) or "no `bytes copied` confirmation"
        raise ConfigRejected(
            f"{session.target.name} did not save the rollback snapshot to {url} "
            f"({message}); nothing was changed"
        )


class _Progress:
    """How far one apply got: the phase, and the line being sent."""

    def __init__(self, total: int) -> None:
        self.phase = Phase.SENDING
        self.total = total
        self.number = 0
        self.line: PlanLine | None = None

    @property
    def failed(self) -> FailedLine | None:
        if self.line is None or self.phase is not Phase.SENDING:
            return None
        return FailedLine(number=self.number, text=self.line.shown)

    @property
    def where(self) -> str:
        if self.phase is Phase.CONFIRMING:
            return "confirming the change (`configure confirm`)"
        if self.phase is Phase.CONFIRMED:
            return "reading back the confirmed change"
        if self.line is None:
            return "entering configuration mode"
        return f"sending line {self.number} of {self.total}"


def apply_plan(
    session: RouterSession,
    plan: Sequence[PlanLine],
    *,
    revert_minutes: int = REVERT_MINUTES,
    on_line: OnLine | None = None,
) -> ApplyResult:
    """Apply `plan` all-or-nothing (see the module doc); never leaves config mode open.

    Raises only before anything was changed: DeviceError if the running-config cannot be
    read, ConfigRejected if the snapshot cannot be saved, ChangeRefused if another session
    holds the configuration. Every failure after that is a result whose texts are masked.
    """
    before = read_running(session)
    timer = has_archive_path(before)
    exclusive = exclusive_mode(before)
    notes: list[str] = []
    if not timer:
        notes.append(
            "no `archive path` on the router: no revert timer; the snapshot and "
            "`configure replace` were the only protection"
        )
    snap = snapshot_name(session.target.name)
    snapshot(session, snap)
    end = Ending(session=session, before=before, timer=timer, snapshot=snap, notes=notes)
    progress = _Progress(len(plan))
    try:
        end.timer = _enter_config(session, timer, exclusive, revert_minutes, notes)
        for progress.number, progress.line in enumerate(plan, start=1):
            if on_line is not None:
                on_line(progress.number, progress.line)
            reply = session.send(progress.line.text, doing=f"sending line {progress.number}")
            if IOS_ERROR.search(reply):
                session.send("end", doing="leaving config mode")
                return restore(
                    end,
                    status=Status.REJECTED_ROLLED_BACK,
                    failed=progress.failed,
                    message=_router_message(reply),
                )
        session.send("end", doing="leaving config mode")
        if end.timer:
            progress.phase = Phase.CONFIRMING
            confirm = session.send("configure confirm", doing="confirming the change")
            if "%" in confirm:
                progress.phase = Phase.SENDING
                raise ConfigRejected(f"configure confirm: {_router_message(confirm)}")
        progress.phase = Phase.CONFIRMED
        after = read_running(session)
    except ChangeRefused:
        discard(session, snap, notes)
        raise
    except (DeviceError, ConfigRejected) as error:
        return _lost(end, progress, error)
    except KeyboardInterrupt:
        # Ctrl-C mid-read leaves the channel out of step: go on from a new session.
        stopped = ConnectionLost(f"interrupted by the operator on {session.target.name}")
        return _lost(end, progress, stopped)
    discard(session, snap, notes)
    return ApplyResult(
        router=session.target.name,
        status=Status.APPLIED,
        before=mask_secrets(before),
        after=mask_secrets(after),
        diff=config_diff(before, after),
        verification="confirmed (configure confirm)" if end.timer else "applied (no revert timer)",
        revert_timer=end.timer,
        notes=tuple(notes),
    )


def _lost(end: Ending, progress: _Progress, error: DeviceError | ConfigRejected) -> ApplyResult:
    """The session broke (or the router refused the confirm): settle by the phase reached."""
    if progress.phase is Phase.SENDING:
        return recover(end, error, progress.failed, lost_in=progress.where)
    return after_confirm_lost(end, error, progress.phase, lost_in=progress.where)


def _enter_config(
    session: RouterSession, timer: bool, exclusive: str | None, minutes: int, notes: list[str]
) -> bool:
    """Arm the revert timer and enter config mode (locked where the router locks).

    Returns whether the revert timer is armed. ChangeRefused, with nothing of ours left
    pending, when another session holds the configuration.
    """
    if timer:
        out = session.send(
            f"configure terminal revert timer {minutes}", doing="entering config mode"
        )
        _refuse_if_locked(session, out)
        if IOS_ERROR.search(out) or ("archive" in out.lower() and "requires" in out.lower()):
            timer = False
            notes.append("the router refused the revert timer; using `configure replace`")
        elif exclusive != "manual":
            return True  # in config mode under the timer (`auto` locks by itself)
        else:
            # The timer is armed; leave and come back in holding the exclusive lock.
            session.send("end", doing="leaving config mode")
    command = "configure terminal lock" if exclusive == "manual" else "configure terminal"
    out = session.send(command, doing="entering config mode")
    if LOCKED_OUT.search(out) or (timer and exclusive == "manual" and IOS_ERROR.search(out)):
        if timer:
            session.send("configure confirm", doing="disarming our revert timer")
        _refuse(session, out)
    return timer


def _refuse_if_locked(session: RouterSession, reply: str) -> None:
    """ChangeRefused quoting the router when `reply` says the configuration is held."""
    if LOCKED_OUT.search(reply):
        _refuse(session, reply)


def _refuse(session: RouterSession, reply: str) -> NoReturn:
    """ChangeRefused quoting what the router said."""
    said = " ".join(line.strip() for line in reply.splitlines() if line.strip())[:300]
    raise ChangeRefused(
        f"{session.target.name} refused configuration mode: {mask_secrets(said)}; "
        "nothing was changed. Try again when the other session has finished."
    )


def save_config(session: RouterSession) -> str:
    """`write memory`; the router's answer, or ConfigRejected when it did not say `[OK]`."""
    out = session.send("write memory", read_timeout=SLOW_S, doing="saving the configuration")
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

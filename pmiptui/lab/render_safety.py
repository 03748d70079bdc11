"""Texts of the change-safety commands: the exclusive configuration lock, the rollback timer.

Modelled from Cisco's IOS XE documentation (see ttp_templates/FORMATS.md), not captured
from a device.
"""

from __future__ import annotations

import time

from pmiptui.lab.router import ConfigLock, PendingRevert

LOCK_SECONDS = 600
"""How long IOS keeps an idle exclusive lock (shown as the expiration timer)."""

LOCKED_BANNER = (
    "Configuration mode locked exclusively. The lock will be cleared once you exit out of "
    "configuration mode using end/exit\n"
)
ALREADY_PENDING = (
    "%Rollback Confirmed Change already pending, use configure confirm or configure revert now\n"
)
NO_ROLLBACK = "%No Rollback Confirmed Change pending\n"

_FREE = """\
Parser Configure Lock
---------------------
Owner PID           : -1
User                : unknown
TTY                 : -1
Type                : NO LOCK
State               : FREE
Class               : unknown
Count               : 0
Pending Requests    : 0
User debug info     : 0
"""


def locked_by(lock: ConfigLock) -> str:
    """The one line IOS prints when another session holds the lock."""
    return (
        f"Configuration mode locked exclusively by user '{lock.user}' process '{lock.pid}' "
        f"from terminal '{lock.tty}'. Please try later.\n"
    )


def cannot_lock(others: list[tuple[str, str, str]]) -> str:
    """Refusal of `configure terminal lock` while (user, line, address) sessions configure."""
    lines = [
        "% Error: Can't lock configuration mode exclusively since the following users are "
        "currently configuring the system:"
    ]
    lines += [f'User "{user}" on line {line} ( {peer} )' for user, line, peer in others]
    return "\n".join(lines) + "\n"


def show_configuration_lock(lock: ConfigLock | None, now: float) -> str:
    """`show configuration lock`."""
    if lock is None:
        return _FREE
    active = max(0, int(now - lock.since))
    return (
        "Parser Configure Lock\n"
        "---------------------\n"
        f"Owner PID           : {lock.pid}\n"
        f"User                : {lock.user}\n"
        f"TTY                 : {lock.tty}\n"
        "Type                : EXCLUSIVE\n"
        "State               : LOCKED\n"
        "Class               : EXPOSED\n"
        "Count               : 1\n"
        "Pending Requests    : 0\n"
        f"User debug info     : {lock.command}\n"
        "Session idle state  : TRUE\n"
        "No of exec cmds getting executed : 0\n"
        "No of exec cmds blocked : 0\n"
        "Config wait for show completion : FALSE\n"
        f"Remote ip address : {lock.peer}\n"
        f"Lock active time (in Sec) : {active}\n"
        f"Lock Expiration timer (in Sec) : {max(0, LOCK_SECONDS - active)}\n"
    )


def utc(stamp: float, layout: str) -> str:
    """`layout` with `{day}` for the day of the month without zero padding."""
    moment = time.gmtime(stamp)
    return time.strftime(layout.replace("{day}", str(moment.tm_mday)), moment)


def show_rollback_timer(revert: PendingRevert | None) -> str:
    """`show archive config rollback timer`."""
    if revert is None:
        return NO_ROLLBACK
    return (
        f"Time configured(or reset) : {utc(revert.armed, '%H:%M:%S UTC %a %b {day} %Y')}\n"
        "Timer type                : absolute timer\n"
        f"Timer value               : {revert.minutes} min\n"
        f"User                      : {revert.user}\n"
    )

"""What the router says about changes in flight: its config lock, a pending confirmed change,
and pmiptui snapshots left by a change that did not finish.

A change starts only when the router has none of these (`ensure_router_free`). The parsers
are pure; the formats are modelled from Cisco's documentation (ttp_templates/FORMATS.md,
"Change-safety commands").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from pmiptui.device.session import RouterSession
from pmiptui.errors import ChangeRefused
from pmiptui.ios.config_tree import parse_running_config, walk

SNAPSHOT_FS = "bootflash:"
"""The filesystem that holds each change's snapshot of the prior configuration."""
SNAPSHOT_PREFIX = "pmiptui-"
_IOS_REFUSED = re.compile(r"%\s*(Invalid input|Incomplete command|Ambiguous command)")
_FIELD = re.compile(r"^\s*(?P<name>[^:\n]+?)\s*:\s*(?P<value>.*?)\s*$", re.MULTILINE)
_DIR_FILE = re.compile(
    r"^\s*\d+\s+\S+\s+\d+\s+(?P<when>\w{3}\s+\d+\s+\d{4}\s+[\d:]+(?:\s+[+-]\d{2}:\d{2})?)"
    r"\s+(?P<name>\S+)\s*$",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfigLock:
    """Another session holds the router's exclusive configuration lock."""

    user: str
    tty: str
    pid: str
    remote: str
    seconds: int | None
    """How long it has been held."""

    def describe(self) -> str:
        held = f", held for {self.seconds} s" if self.seconds is not None else ""
        return (
            f"user '{self.user}' on tty {self.tty} (process {self.pid}, from {self.remote}{held})"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingChange:
    """A Rollback Confirmed Change waiting for `configure confirm` (or its timer)."""

    armed: str
    """When it was armed, as the router prints it."""
    minutes: int | None
    user: str

    @property
    def fires(self) -> str | None:
        """When the router rolls back by itself, in the router's clock; None if unknown."""
        when = _router_time(self.armed)
        if when is None or self.minutes is None:
            return None
        return (when + timedelta(minutes=self.minutes)).strftime("%H:%M:%S UTC %b %d")

    def describe(self) -> str:
        timer = f"a {self.minutes} min timer" if self.minutes is not None else "a timer"
        fires = f"; it rolls back by itself at {self.fires} (router clock)" if self.fires else ""
        return f"armed at {self.armed} by '{self.user}' with {timer}{fires}"


def _fields(text: str) -> dict[str, str]:
    return {m["name"].strip().lower(): m["value"] for m in _FIELD.finditer(text)}


def _router_time(text: str) -> datetime | None:
    """`21:40:02 UTC Mon Nov 30 2026` (IOS clock format) as a datetime."""
    found = re.match(
        r"\*?(\d{1,2}:\d{2}:\d{2})(?:\.\d+)?\s+\S+\s+\w{3}\s+(\w{3})\s+(\d+)\s+(\d{4})", text
    )
    if not found:
        return None
    clock, month, day, year = found.groups()
    try:
        return datetime.strptime(f"{clock} {month} {day} {year}", "%H:%M:%S %b %d %Y")
    except ValueError:
        return None


def parse_config_lock(text: str) -> ConfigLock | None:
    """`show configuration lock`: the holder when the state is LOCKED, else None."""
    fields = _fields(text)
    if fields.get("state", "").upper() != "LOCKED":
        return None
    active = fields.get("lock active time (in sec)", "")
    return ConfigLock(
        user=fields.get("user", "unknown"),
        tty=fields.get("tty", "?"),
        pid=fields.get("owner pid", "?"),
        remote=fields.get("remote ip address", "unknown"),
        seconds=int(active) if active.isdigit() else None,
    )


def parse_rollback_timer(text: str) -> PendingChange | None:
    """`show archive config rollback timer`: the pending change, or None when none is."""
    fields = _fields(text)
    if "no rollback confirmed change" in text.lower() or "timer value" not in fields:
        return None
    minutes = re.match(r"(\d+)", fields.get("timer value", ""))
    return PendingChange(
        armed=fields.get("time configured(or reset)", "unknown time"),
        minutes=int(minutes.group(1)) if minutes else None,
        user=fields.get("user", "unknown"),
    )


def parse_snapshots(text: str) -> list[str]:
    """`dir bootflash:`: the pmiptui snapshot files, oldest name first."""
    names = [m["name"] for m in _DIR_FILE.finditer(text)]
    return sorted(
        f"{SNAPSHOT_FS}{n}" for n in names if n.startswith(SNAPSHOT_PREFIX) and n.endswith(".cfg")
    )


def exclusive_mode(running: str) -> str | None:
    """`manual` or `auto` when the config has `configuration mode exclusive …`, else None."""
    for _depth, node in walk(parse_running_config(running)):
        if node.line.startswith("configuration mode exclusive"):
            return node.line.split()[-1]
    return None


def _ask(session: RouterSession, command: str) -> str | None:
    """The command's output, or None when this router does not know the command."""
    out = session.send(command, doing=f"reading `{command}`")
    return None if _IOS_REFUSED.search(out) else out


def config_lock(session: RouterSession) -> ConfigLock | None:
    """Who holds the router's exclusive configuration lock, if anyone."""
    out = _ask(session, "show configuration lock")
    return parse_config_lock(out) if out is not None else None


def pending_change(session: RouterSession) -> PendingChange | None:
    """The Rollback Confirmed Change pending on the router, if any."""
    out = _ask(session, "show archive config rollback timer")
    return parse_rollback_timer(out) if out is not None else None


def snapshots(session: RouterSession) -> list[str]:
    """pmiptui snapshot files on the router's flash (each is a change that did not finish)."""
    out = _ask(session, f"dir {SNAPSHOT_FS}")
    return parse_snapshots(out) if out is not None else []


def ensure_router_free(session: RouterSession) -> None:
    """ChangeRefused, saying who and how to settle it, unless the router is free to change."""
    name = session.target.name
    lock = config_lock(session)
    if lock is not None:
        raise ChangeRefused(
            f"{name}'s configuration is locked exclusively by {lock.describe()}; "
            "nothing was sent. Try again when that session has left configuration mode."
        )
    pending = pending_change(session)
    if pending is not None:
        raise ChangeRefused(
            f"a confirmed-change is pending on {name}: {pending.describe()}. A killed apply "
            "or another operator's change left it; nothing was sent. Settle it first with "
            f"`pmiptui config recover {name}` (revert now, or confirm)."
        )
    left = snapshots(session)
    if left:
        raise ChangeRefused(
            f"an earlier pmiptui change on {name} did not finish: its snapshot {left[-1]} is "
            f"still on the router; nothing was sent. Settle it first with "
            f"`pmiptui config recover {name}`."
        )

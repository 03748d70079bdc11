"""Replay of recorded history: `:at` times, the fleet rows, tunnels and bindings as they were.

No Textual here: the app's replay controller and the screens use these pure helpers.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from pmiptui.model.bindings import Binding
from pmiptui.ports import RecordedPoll, RecordedTunnel
from pmiptui.ui.data import router_state as rs

LIVE = "live"
_RELATIVE = re.compile(r"^-\s*(\d+(?:\.\d+)?)\s*([smhd]?)$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?z?$")
_UNIT_SEC = {"": 60.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_BINDING_FIELDS = {f.name for f in fields(Binding)}
UNKNOWN = "UNKNOWN"
"""The status of a router with nothing recorded at or before the replayed moment."""


class TimeError(ValueError):
    """An `:at` argument that names no time."""


def parse_at(text: str, now: float) -> float | None:
    """`:at` argument → epoch seconds, or None for `live`.

    `HH:MM[:SS]` is the last such UTC clock time at or before now (times are shown in UTC,
    as router logs are), `-10m` / `-90s` / `-2h` / `-1d` is relative to now.
    """
    value = text.strip().lower()
    if value in (LIVE, "now", ""):
        return None
    relative = _RELATIVE.match(value)
    if relative:
        return now - float(relative.group(1)) * _UNIT_SEC[relative.group(2)]
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds = (int(g or 0) for g in clock.groups())
        if hours > 23 or minutes > 59 or seconds > 59:
            raise TimeError(f"{text.strip()!r} is not a time of day")
        day = now - now % 86400
        at = day + hours * 3600 + minutes * 60 + seconds
        return at if at <= now else at - 86400
    raise TimeError(f"{text.strip()!r}: use HH:MM, HH:MM:SS, -10m, -30s, -2h or live")


def banner_text(at: float) -> str:
    """What the replay banner says."""
    return f"REPLAY {time.strftime('%H:%M:%S', time.gmtime(at))} — not live"


@dataclass(frozen=True, slots=True)
class ReplayFrame:
    """The fleet as recorded at one moment."""

    at: float
    """The moment replayed (epoch seconds)."""
    polls: Mapping[str, RecordedPoll]
    """Each router's last recorded poll at or before `at`."""
    tunnels: Mapping[str, Sequence[RecordedTunnel]] = field(default_factory=dict)
    """Each router's tunnels from its last poll at or before `at` that brought them back;
    a router missing here has no tunnels recorded (unknown, not none)."""


def recorded_status(poll: RecordedPoll | None, at: float, interval_sec: float) -> str:
    """A router's status at a replayed moment, from its last recorded poll.

    ERROR when that poll failed, STALE when it is older than the console's stale limit at
    `at` (nothing newer came in, as with a hung router), UNKNOWN when there is none.
    """
    if poll is None:
        return UNKNOWN
    if not poll.ok:
        return rs.ERROR
    return rs.STALE if at - poll.at > rs.STALE_AFTER * interval_sec else rs.OK


def binding_of(data: Mapping[str, Any]) -> Binding:
    """A Binding record from its recorded dict (unknown keys ignored)."""
    values = {k: v for k, v in data.items() if k in _BINDING_FIELDS}
    if isinstance(values.get("ipv6_hnps"), tuple):
        values["ipv6_hnps"] = list(values["ipv6_hnps"])
    return Binding(**values)


def fleet_record(name: str, poll: RecordedPoll | None, at: float) -> dict[str, Any]:
    """A fleet row's figures from a recorded poll (the keys the live fleet row uses)."""
    if poll is None:
        return {"status": "WAIT", "router": name, "bindings": None, "error": "not recorded yet"}
    summary = poll.summary
    return {
        "status": "OK" if poll.ok else "ERROR",
        "router": name,
        "bindings": summary.get("bindings"),
        "max_bindings": summary.get("max_bindings"),
        "tunnels_up": summary.get("tunnels_up"),
        "reject_pct": _reject_pct(summary),
        "age_sec": at - poll.at,
        "latency_ms": poll.latency_ms,
        "error": poll.error,
    }


def _reject_pct(summary: Mapping[str, Any]) -> float | None:
    accepted, rejected = summary.get("pba_accepted"), summary.get("pba_rejected")
    if accepted is None or rejected is None:
        return None
    total = accepted + rejected
    return 100.0 * rejected / total if total else 0.0

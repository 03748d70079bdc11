"""How often each show command of a poll runs, and which of them are due at a poll.

A poll runs every `poll_interval`; each kind has its own cadence in seconds on top of that.
Cheap, fast-moving kinds (stats, tunnels, the binding count) run at every poll; the full
binding table runs at every poll only while an operator watches the router's bindings,
otherwise once a minute; globals and the PMIPv6 running config rarely change and run on
connect and every ten minutes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields

EVERY_POLL = 0.0
"""Cadence of a kind fetched at every poll (`interval` in config.yaml)."""
ON_CONNECT = math.inf
"""Cadence of a kind fetched only at the first good poll after (re)connecting (`connect`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Cadence:
    """Seconds between two fetches of each poll kind (`EVERY_POLL`, a number, `ON_CONNECT`)."""

    globals: float = 600.0
    config: float = 600.0
    """`show running-config | section ipv6 mobile`."""
    stats: float = EVERY_POLL
    tunnels: float = EVERY_POLL
    binding_total: float = EVERY_POLL
    """The binding count alone (`| include ^Total`), on polls that skip the full table."""
    bindings: float = 60.0
    """The full binding table while nobody watches the router (every poll while someone does)."""


CADENCE_KINDS = tuple(f.name for f in fields(Cadence))
"""The keys of `cadence:` in config.yaml and in an inventory entry."""


def due_kinds(
    cadence: Cadence,
    fetched: Mapping[str, float],
    now: float,
    *,
    interval: float,
    watched: bool,
) -> tuple[str, ...]:
    """The kinds a poll starting at `now` fetches, given when each was last fetched.

    A kind never fetched (since connecting) is due. Otherwise it is due once its cadence
    has passed, less half an interval, so a 60 s cadence at a 5 s interval is not pushed
    to 65 s by the poll's own duration. The binding count runs only when the table does not.
    """
    slack = interval / 2

    def due(kind: str, every: float) -> bool:
        last = fetched.get(kind)
        return last is None or now - last >= every - slack

    wanted = [
        kind
        for kind in ("globals", "config", "stats", "tunnels")
        if due(kind, getattr(cadence, kind))
    ]
    if due("bindings", EVERY_POLL if watched else cadence.bindings):
        wanted.append("bindings")
    elif due("binding_total", cadence.binding_total):
        wanted.append("binding_total")
    return tuple(wanted)

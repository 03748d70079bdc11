"""How often each show command of a poll runs, and which of them are due at a poll.

A poll runs every `poll_interval`; each kind has its own cadence in seconds on top of that,
by default the one its entry in `show_commands` declares. Cheap, fast-moving kinds (stats,
tunnels, the binding count) run at every poll; the full binding table runs at every poll
only while an operator watches the router's bindings, otherwise once a minute; globals and
the PMIPv6 running config rarely change and run on connect and every ten minutes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pmiptui.show_commands import SHOW_COMMANDS

EVERY_POLL = 0.0
"""Cadence of a kind fetched at every poll (`interval` in config.yaml)."""
ON_CONNECT = math.inf
"""Cadence of a kind fetched only at the first good poll after (re)connecting (`connect`)."""


DEFAULTS: Mapping[str, float] = MappingProxyType(
    {entry.field: entry.every_sec for entry in SHOW_COMMANDS}
)
"""Each poll kind's default cadence, as the registry of show commands declares it."""
CADENCE_KINDS = tuple(DEFAULTS)
"""The keys of `cadence:` in config.yaml and in an inventory entry."""


@dataclass(frozen=True, slots=True)
class Cadence:
    """Seconds between two fetches of each poll kind (`EVERY_POLL`, a number, `ON_CONNECT`).

    For `bindings` it is the cadence while nobody watches the router (every poll while
    someone does).
    """

    seconds: Mapping[str, float] = field(default_factory=lambda: DEFAULTS)

    def __post_init__(self) -> None:
        unknown = set(self.seconds) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"no such poll kind: {', '.join(sorted(unknown))}")

    def every(self, kind: str) -> float:
        """The cadence of `kind`."""
        return self.seconds.get(kind, DEFAULTS[kind])

    def over(self, overrides: Mapping[str, float] | None) -> Cadence:
        """This cadence with `overrides` (kind → seconds) over it."""
        if not overrides:
            return self
        return Cadence(MappingProxyType({**self.seconds, **overrides}))


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

    tables = ("bindings", "binding_total")
    wanted = {kind for kind in DEFAULTS if kind not in tables and due(kind, cadence.every(kind))}
    if due("bindings", EVERY_POLL if watched else cadence.every("bindings")):
        wanted.add("bindings")
    elif due("binding_total", cadence.every("binding_total")):
        wanted.add("binding_total")
    return tuple(kind for kind in DEFAULTS if kind in wanted)  # the registry's order

"""The SSH sessions open on one lab router: who, from where, since when, on which VTY line."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

VTY_BASE = 2
"""Absolute line number of `vty 0`: line 0 is `con 0` and line 1 `aux 0` (ASR1000 series)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class VtySession:
    """One SSH session open on a lab router, as `show users` lists it."""

    router: str
    """Name of the lab router (topology name, not hostname)."""
    number: int
    """Number of the session on its router: 1 for the first since the router started."""
    vty: int
    """VTY line of the session (`vty 0`, `vty 1`…): the lowest free one when it logged in."""
    user: str
    """Login name."""
    peer: str
    """Remote address (IOS's `Location` column)."""
    login: float
    """When the session started (epoch seconds)."""
    last_input: float
    """When the session last sent a line (epoch seconds); idle time runs from here."""

    @property
    def line(self) -> int:
        """Absolute line number, as IOS numbers lines (`vty 0` is line 2)."""
        return VTY_BASE + self.vty

    def idle(self, now: float) -> float:
        """Seconds since the last input at `now`."""
        return max(0.0, now - self.last_input)


class SessionTable:
    """The sessions open on one router, each given the lowest free VTY line."""

    def __init__(self, router: str) -> None:
        self._router = router
        self._count = 0
        self._open: dict[int, VtySession] = {}

    @property
    def opened(self) -> int:
        """Sessions opened since the router started, ended ones included."""
        return self._count

    def open(self, *, user: str, peer: str, now: float) -> VtySession:
        """A session logged in: number it and give it the lowest free VTY line."""
        self._count += 1
        taken = {session.vty for session in self._open.values()}
        vty = next(n for n in range(len(taken) + 1) if n not in taken)
        session = VtySession(
            router=self._router,
            number=self._count,
            vty=vty,
            user=user,
            peer=peer,
            login=now,
            last_input=now,
        )
        self._open[session.number] = session
        return session

    def touch(self, number: int, now: float) -> None:
        """Session `number` sent input at `now` (its idle time restarts)."""
        session = self._open.get(number)
        if session is not None:
            self._open[number] = dataclasses.replace(session, last_input=now)

    def close(self, number: int) -> None:
        """Session `number` ended: its VTY line is free again."""
        self._open.pop(number, None)

    def get(self, number: int) -> VtySession | None:
        """The open session `number`, or None once it has ended."""
        return self._open.get(number)

    def records(self) -> list[VtySession]:
        """The open sessions, by VTY line."""
        return sorted(self._open.values(), key=lambda session: session.vty)

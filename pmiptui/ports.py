"""The interfaces the console depends on; real ones talk SSH, test ones are fakes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from pmiptui.model.poll import PollResult, RouterInfo


class Poller(Protocol):
    """Fetches and parses PMIPv6 state. Blocking: call it from a worker thread only."""

    def routers(self) -> list[RouterInfo]:
        """The routers of the fleet, in inventory order."""
        ...

    def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
        """One poll of one router; never raises for router trouble (it is in the result)."""
        ...

    def close(self) -> None:
        """Close every session."""
        ...

"""What the console shows, independent of Textual: routers, polls, history, replay and pause state.

The app owns one `ConsoleState` and changes it on the UI thread only, from the messages
its workers post; screens and widgets read it. Nothing here knows about Textual, so it
is tested and reasoned about as plain data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ui.data.replay import ReplayFrame
from pmiptui.ui.data.router_state import PreparedBindings, RouterState


@dataclass(slots=True)
class ConsoleState:
    """Every router's state, the history's, the replayed moment, and whether polling is paused."""

    routers: dict[str, RouterState] = field(default_factory=dict)
    """Every router's state, in inventory order."""
    history_error: str | None = None
    """Why history is not recording, as the latest poll reported it; None while it
    records (or when there is none)."""
    replay_frame: ReplayFrame | None = None
    """The recorded moment shown instead of the live polls, or None while live."""
    paused: bool = False
    """True while polling is paused (`p`): no poll is re-armed; running polls still
    finish and show. Statuses read it: a router that has not failed shows PAUSED."""

    @property
    def replay_at(self) -> float | None:
        """The replayed time, or None while live."""
        return self.replay_frame.at if self.replay_frame is not None else None

    def load_routers(self, routers: Iterable[RouterInfo], since: float) -> None:
        """The inventory was read: watch its routers from `since` on."""
        self.routers = {
            info.name: RouterState(info=info, order=index, since=since)
            for index, info in enumerate(routers)
        }

    def poll_started(self, name: str, now: float) -> None:
        """A poll of `name` started at `now`."""
        state = self.routers.get(name)
        if state is not None:
            state.in_flight_since = now

    def record_poll(
        self, result: PollResult, prepared: PreparedBindings | None
    ) -> RouterState | None:
        """Take a finished poll; the router's state, or None for a router not watched."""
        state = self.routers.get(result.router)
        if state is not None:
            state.record(result, prepared)
        return state

    def note_history(self, error: str | None) -> str | None:
        """Keep the history's state; returns the error it had before."""
        before, self.history_error = self.history_error, error
        return before

    def router_by_id(self, pmipv6_id: str | None) -> RouterInfo | None:
        """The router whose MAG/LMA identifier (or name) is `pmipv6_id`, case-insensitive."""
        if not pmipv6_id:
            return None
        wanted = pmipv6_id.lower()
        for state in self.routers.values():
            ident = state.info.pmipv6_id or state.info.name
            if ident.lower() == wanted or state.info.name.lower() == wanted:
                return state.info
        return None

"""Messages the workers post to the app; screens render what they carry."""

from __future__ import annotations

from textual.message import Message

from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ui.data.router_state import PreparedBindings
from pmiptui.ui.prepare import ShownBindings


class RoutersLoaded(Message):
    """The inventory was read."""

    def __init__(self, routers: list[RouterInfo]) -> None:
        super().__init__()
        self.routers = routers
        """The routers, in inventory order."""


class PollFinished(Message):
    """One poll of one router finished, with what the worker prepared from it."""

    def __init__(
        self,
        result: PollResult,
        prepared: PreparedBindings | None,
        shown: ShownBindings | None,
        history_error: str | None = None,
    ) -> None:
        super().__init__()
        self.result = result
        """The poll's records, or its error."""
        self.prepared = prepared
        """Bindings table and change marks, when the poll brought bindings."""
        self.shown = shown
        """The Bindings tab's view, built when a router screen was watching this router."""
        self.history_error = history_error
        """Why history is not recording, as the worker read it after the poll (None while
        it records, or when the console records no history)."""

"""Messages the workers post (screens render what they carry), and those screens post to ask
the app for an action.

Thread workers hand every result back this one way: they post a message, and its handler
changes the console's state on the UI thread. Screens are given the state they read; what
they want done (open a router, export, poll now) they ask of the app in a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message
from textual.worker import Worker

from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ui.data.replay import ReplayFrame
from pmiptui.ui.data.router_state import PreparedBindings
from pmiptui.ui.data.trends import Trend
from pmiptui.ui.export_file import ExportRequest
from pmiptui.ui.prepare import ReplayedBindings, ShownBindings


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


class ReplayLoaded(Message):
    """A replay worker's answer: the recorded moment, back to live, or why there is none."""

    def __init__(
        self, frame: ReplayFrame | None, *, live: bool = False, nothing: str | None = None
    ) -> None:
        super().__init__()
        self.frame = frame
        """The fleet and tunnels at the moment read, or None."""
        self.live = live
        """True when a step forward went past the last recorded poll."""
        self.nothing = nothing
        """Why no frame was read (nothing recorded there), or None."""


class Exported(Message):
    """An export file was written."""

    def __init__(self, path: Path, table: str) -> None:
        super().__init__()
        self.path = path
        self.table = table


class BindingsBuilt(Message):
    """A Bindings tab worker built a view, or read the recorded bindings of a moment."""

    def __init__(
        self,
        worker: Worker[Any] | None,
        *,
        shown: ShownBindings | None = None,
        replayed: ReplayedBindings | None = None,
    ) -> None:
        super().__init__()
        self.worker = worker
        """The worker that built it: a result of a worker since cancelled is dropped."""
        self.shown = shown
        self.replayed = replayed


class OpenRouter(Message):
    """A screen asks the app for a router's screen (replacing any open router screen)."""

    def __init__(self, name: str, *, tab: str | None = None, nai: str | None = None) -> None:
        super().__init__()
        self.name = name
        """The router to open."""
        self.tab = tab
        """The tab to show first (None: Bindings)."""
        self.nai = nai
        """The binding to put the cursor on, if the Bindings tab shows it."""


class ShowFleet(Message):
    """A screen asks the app to go back to the fleet."""


class ExportTable(Message):
    """A screen asks the app to write an export file (in a worker) and show its path."""

    def __init__(self, request: ExportRequest) -> None:
        super().__init__()
        self.request = request


class CopyRow(Message):
    """A screen asks the app to copy a row's text to the clipboard."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class RouterClosed(Message):
    """A router screen closed: the app stops watching the router (unless another screen
    shows it). Posted to the app directly: a closing screen delivers no messages."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class PollNow(Message):
    """A screen asks the app to poll a router now (after a configuration change)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class ShowTrends(Message):
    """A screen asks the app for the fleet's trends."""


class TrendLoaded(Message):
    """A trends worker read the recorded polls of a window and bucketed them."""

    def __init__(self, worker: Worker[Any] | None, trend: Trend) -> None:
        super().__init__()
        self.worker = worker
        """The worker that read it: a result of a worker since cancelled is dropped."""
        self.trend = trend
        """The series to draw."""

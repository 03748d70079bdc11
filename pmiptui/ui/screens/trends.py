"""The fleet's trends: bindings, PBA rates and tunnels up summed over every router."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from pmiptui.ports import HistoryReader
from pmiptui.ui.widgets.trends_pane import TrendsPane


class TrendsScreen(Screen[None]):
    """The fleet-wide trend chart; Escape goes back."""

    AUTO_FOCUS = "TrendsPane"
    BINDINGS = [
        Binding("escape", "back", "Back", id="trends.back"),
    ]

    def __init__(self, *, history: HistoryReader | None, now: Callable[[], float]) -> None:
        super().__init__()
        self.history = history
        """Where the polls are read from (the pane's thread workers only)."""
        self.now = now
        """Epoch seconds (the app's clock)."""
        self.sub_title = "fleet trends"

    def compose(self) -> ComposeResult:
        yield Header()
        yield TrendsPane(None, history=self.history, now=self.now, id="trends-pane")
        yield Footer()

    def action_back(self) -> None:
        self.dismiss()

"""Trends of one router (or the fleet) from the history: `w` window, `m` chart, 10 s refresh.

The history is read in a thread worker, which buckets the polls too (`data.trends.trend`)
and posts a `TrendLoaded` message; the pane draws it on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.worker import get_current_worker

from pmiptui.ports import HistoryReader
from pmiptui.ui.data.trends import CHARTS, WINDOWS, Trend, bucket_count, next_of, trend
from pmiptui.ui.messages import TrendLoaded
from pmiptui.ui.widgets.trend_chart import TrendChart, no_history

REFRESH_SEC = 10.0
"""How often a shown chart is read again."""
GROUP = "trends"
"""The worker group of trend reads."""


class TrendsPane(Vertical, can_focus=True):
    """A trend chart that reads its window of the history when shown, on a key, and every 10 s."""

    DEFAULT_CSS = """
    TrendsPane {
        height: 1fr;
    }
    """
    BINDINGS = [
        Binding("w", "window", "Window", id="trends.window"),
        Binding("m", "chart", "Chart", id="trends.chart"),
    ]

    def __init__(
        self,
        router: str | None,
        *,
        history: HistoryReader | None,
        now: Callable[[], float],
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.router = router
        """The router charted; None sums the fleet."""
        self.history = history
        """Where the polls are read from (thread workers only); None: no history."""
        self.now = now
        """Epoch seconds (the app's clock)."""
        self.window = next(iter(WINDOWS))
        """The window shown (`1h`, `6h`, `24h`)."""
        self.chart = CHARTS[0]
        """The chart shown (`bindings`, `pba`, `tunnels`)."""
        self.trend: Trend | None = None
        """The last trend read (None before the first read lands)."""

    def compose(self) -> ComposeResult:
        yield TrendChart(self.router or "fleet", id="trend-chart")

    @property
    def chart_widget(self) -> TrendChart:
        """The chart drawn."""
        return self.query_one(TrendChart)

    def on_mount(self) -> None:
        self.chart_widget.set_header(self.chart, self.window)
        self.set_interval(REFRESH_SEC, self._tick)

    def on_show(self, _event: events.Show) -> None:
        self.load()

    def _tick(self) -> None:
        if self.screen.is_current and self.is_on_screen:
            self.load()

    def load(self) -> None:
        """Read the window from the history in a thread worker (the newest read wins)."""
        chart = self.chart_widget
        if self.history is None:
            chart.set_header(self.chart, self.window)
            chart.show_message(no_history())
            return
        until = self.now()
        since = until - WINDOWS[self.window]
        self.run_worker(
            partial(self._read, self.history, since, until, chart.plot_width),
            name=f"trends-{self.router or 'fleet'}",
            group=GROUP,
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _read(self, history: HistoryReader, since: float, until: float, width: int) -> None:
        """Thread worker: the recorded polls of the window, a bucket per column at most."""
        polls = history.polls_between(self.router, since, until)
        buckets = bucket_count(polls, since, until, width)
        self.post_message(TrendLoaded(get_current_worker(), trend(polls, since, until, buckets)))

    def on_trend_loaded(self, message: TrendLoaded) -> None:
        message.stop()
        worker = message.worker
        if worker is not None and worker.is_cancelled:
            return
        self.trend = message.trend
        self.chart_widget.show(message.trend, self.chart)

    def action_window(self) -> None:
        self.window = next_of(list(WINDOWS), self.window)
        self.chart_widget.set_header(self.chart, self.window)
        self.load()

    def action_chart(self) -> None:
        self.chart = next_of(CHARTS, self.chart)
        if self.trend is not None:
            self.chart_widget.show(self.trend, self.chart)  # the same window: draw it now
        else:
            self.chart_widget.set_header(self.chart, self.window)
        self.load()

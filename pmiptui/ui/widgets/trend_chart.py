"""A trend chart: a header line and a plotext plot of one `Trend` (bindings, PBA, tunnels).

Colours are named ANSI colours only, so the lines keep apart in a 16-colour terminal; the
plot's canvas follows the Textual theme ("auto"). plotext joins every point it is given, so
a gap (NaN) splits a series into separate runs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from pmiptui.ui import formatting
from pmiptui.ui.data.trends import CHART_TITLES, WINDOWS, Trend

FALLBACK_BUCKETS = 60
"""Buckets asked for before the plot has a width."""
X_LABELS = 4
"""Time labels along the x axis."""
HEADROOM = 1.2
"""The y axis reaches this far above the highest line (room for the legend)."""
LIMIT_SCALE = 5.0
"""The binding limit is drawn only when the bindings reach 1/LIMIT_SCALE of it; above that
it would flatten the line, so the header names it instead."""
KEYS = "w window · m chart"
LINE = "braille"
DASH = "╌"


def window_name(span: float) -> str:
    """The name of a window (`1h`) from its length in seconds."""
    for name, seconds in WINDOWS.items():
        if math.isclose(seconds, span):
            return name
    return f"{span / 3600:g}h"


def no_history() -> str:
    """What the chart says when the console records no history."""
    return "Trends need the history: this console is not recording one."


class TrendChart(Vertical):
    """A header (chart, window, router or fleet, keys) over a plot or a one-line message."""

    DEFAULT_CSS = """
    TrendChart {
        height: 1fr;
    }
    TrendChart #trend-header {
        height: 1;
        color: $text-muted;
    }
    TrendChart #trend-message {
        height: auto;
        padding: 1 2;
        display: none;
    }
    TrendChart.-message #trend-message {
        display: block;
    }
    TrendChart.-message PlotextPlot {
        display: none;
    }
    """

    def __init__(self, scope: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scope = scope
        """The router charted, or "fleet" for every router summed."""
        self.note = ""
        """What the header adds to the title (a limit off the scale)."""

    def compose(self) -> ComposeResult:
        yield Static(id="trend-header")
        yield Static(id="trend-message")
        yield PlotextPlot(id="trend-plot")

    @property
    def plot_width(self) -> int:
        """The plot's width in columns (the buckets to ask for), or a fallback before layout."""
        width = self.query_one(PlotextPlot).size.width
        return width if width > 10 else FALLBACK_BUCKETS

    def set_header(self, chart: str, window: str) -> None:
        """Name the chart, the window and what is charted, with the keys that change them."""
        title = f"{CHART_TITLES[chart]} · last {window} · {self.scope}"
        if self.note:
            title += f" · {self.note}"
        self.query_one("#trend-header", Static).update(formatting.text(f"{title}   {KEYS}"))

    def show_message(self, message: str) -> None:
        """One line in place of the plot (nothing recorded, no history)."""
        self.query_one("#trend-message", Static).update(formatting.text(message))
        self.add_class("-message")

    def show(self, trend: Trend, chart: str) -> None:
        """Draw `chart` of `trend`; a trend with nothing recorded shows a line saying so."""
        window = window_name(trend.until - trend.since)
        self.note = ""
        if trend.empty:
            self.set_header(chart, window)
            self.show_message(f"nothing recorded in the last {window}")
            return
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        if chart == "pba":
            top = _pba(plt, trend)
        elif chart == "tunnels":
            top = _tunnels(plt, trend)
        else:
            top, self.note = _bindings(plt, trend)
        _axes(plt, trend, top)
        self.set_header(chart, window)
        self.remove_class("-message")
        plot.refresh()


def _bindings(plt: Plot, trend: Trend) -> tuple[float, str]:
    """Bindings, and the limit as a dashed line when it is on the same scale."""
    high = _high(trend.bindings)
    _line(plt, trend.times, trend.bindings, "green", "bindings")
    limit = trend.limit
    if limit is None or limit <= 0:
        return high, ""
    if high * LIMIT_SCALE < limit:
        return high, f"limit {limit:,.0f}"
    _level(plt, trend, limit, "red", f"limit {limit:,.0f}")
    return max(high, limit), ""


def _pba(plt: Plot, trend: Trend) -> float:
    """PBAs accepted and rejected per minute."""
    _line(plt, trend.times, trend.accepted_per_min, "green", "accepted/min")
    _line(plt, trend.times, trend.rejected_per_min, "red", "rejected/min")
    return max(_high(trend.accepted_per_min), _high(trend.rejected_per_min))


def _tunnels(plt: Plot, trend: Trend) -> float:
    """Tunnels up, under the number of tunnels as a dashed ceiling."""
    _line(plt, trend.times, trend.tunnels_up, "cyan", "tunnels up")
    total = trend.tunnels
    if total is None or total <= 0:
        return _high(trend.tunnels_up)
    _level(plt, trend, total, "yellow", f"{total:,.0f} tunnels")
    return max(total, _high(trend.tunnels_up))


def _line(
    plt: Plot, times: Sequence[float], values: Sequence[float], color: str, label: str
) -> None:
    """One series, a separate run between gaps; the legend names it once."""
    for xs, ys in runs(times, values):
        plt.plot(xs, ys, color=color, marker=LINE, label=label)
        label = ""


def _level(plt: Plot, trend: Trend, value: float, color: str, label: str) -> None:
    """A dashed horizontal line across the whole window."""
    plt.plot([trend.since, trend.until], [value, value], color=color, marker=DASH, label=label)


def _axes(plt: Plot, trend: Trend, high: float) -> None:
    """Time labels along x (UTC, as the console's clocks), round figures up y from 0."""
    span = trend.until - trend.since
    xs = [trend.since + span * i / (X_LABELS - 1) for i in range(X_LABELS)]
    plt.xticks(xs, [formatting.hour_minute(x) for x in xs])
    plt.xlim(trend.since, trend.until)
    top = high * HEADROOM if high > 0 else 1.0
    ticks = y_ticks(top)
    plt.yticks(ticks, [_figure(t) for t in ticks])
    plt.ylim(0, top)


def runs(times: Sequence[float], values: Sequence[float]) -> list[tuple[list[float], list[float]]]:
    """The series cut at its gaps: each run of recorded points, as (times, values)."""
    out: list[tuple[list[float], list[float]]] = []
    xs: list[float] = []
    ys: list[float] = []
    for t, v in zip(times, values, strict=True):
        if math.isnan(v):
            if xs:
                out.append((xs, ys))
            xs, ys = [], []
        else:
            xs.append(t)
            ys.append(v)
    if xs:
        out.append((xs, ys))
    return out


def y_ticks(top: float) -> list[float]:
    """Round figures from 0 up to `top`, three to five of them."""
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(int(top / step + 1e-9) + 1)]


def _high(values: Sequence[float]) -> float:
    """The highest recorded value (0 when all are gaps)."""
    return max((v for v in values if not math.isnan(v)), default=0.0)


def _figure(value: float) -> str:
    """A y label: whole numbers as such, others to one decimal."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"

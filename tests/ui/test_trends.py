"""Trends: the router's Trends tab and the fleet's trends screen, drawn from a fake history."""

from __future__ import annotations

import math

import pytest
from textual.widgets import Static
from textual_plotext.plot import Plot

from pmiptui.ui.data.trends import Trend, bucket_count
from pmiptui.ui.screens.fleet import FleetScreen
from pmiptui.ui.screens.help import HelpScreen
from pmiptui.ui.screens.router import RouterScreen
from pmiptui.ui.screens.trends import TrendsScreen
from pmiptui.ui.widgets.trend_chart import TrendChart, _bindings, runs, y_ticks
from pmiptui.ui.widgets.trends_pane import TrendsPane
from tests.ui.conftest import make_app, open_router, palette_command, settle
from tests.ui.fake_history import FakeHistory, FakePoll
from tests.ui.fake_poller import EPOCH
from tests.ui.test_sixteen_colours import rows, screen16, unreadable

SIZE = (80, 24)


def _header(app) -> str:
    return str(app.screen.query_one("#trend-header", Static).render())


def _message(app) -> str | None:
    chart = app.screen.query_one(TrendChart)
    if not chart.has_class("-message"):
        return None
    return str(chart.query_one("#trend-message", Static).render())


def _screen_text(app) -> str:
    return "\n".join(rows(screen16(app)))


async def _open_trends(app, pilot, router: str = "lma1") -> TrendsPane:
    await settle(app, pilot)
    await open_router(app, pilot, router)
    await pilot.press("7")
    await settle(app, pilot)
    assert isinstance(app.screen, RouterScreen) and app.screen.active_tab == "trends"
    return app.screen.query_one(TrendsPane)


def test_runs_cut_a_series_at_its_gaps():
    nan = math.nan
    assert runs([1, 2, 3, 4, 5], [nan, 1, 2, nan, 3]) == [([2, 3], [1, 2]), ([5], [3])]
    assert runs([1, 2], [nan, nan]) == []


def test_y_ticks_are_round_and_reach_no_higher_than_the_top():
    assert y_ticks(52.8) == [0, 20, 40]
    assert y_ticks(2.4) == [0, 1, 2]
    assert y_ticks(120.0) == [0, 50, 100]


def test_a_limit_far_above_the_bindings_is_named_not_drawn():
    def one(limit: float) -> Trend:
        return Trend(
            since=0,
            until=3600,
            times=[1800, 3600],
            bindings=[24, 30],
            limit=limit,
            accepted_per_min=[0, 0],
            rejected_per_min=[0, 0],
            tunnels_up=[1, 1],
            tunnels=1,
        )

    assert _bindings(Plot(), one(200_000)) == (30, "limit 200,000")
    assert _bindings(Plot(), one(40)) == (40, "")


def test_buckets_are_no_narrower_than_one_and_a_half_poll_intervals():
    polls = [FakePoll("a", EPOCH - 3600 + 60 * i, True) for i in range(61)]
    assert bucket_count(polls, EPOCH - 3600, EPOCH, 74) == 40
    assert bucket_count(polls[:1], EPOCH - 3600, EPOCH, 74) == 74  # one poll: no interval
    fast = [FakePoll("a", EPOCH - 3600 + 5 * i, True) for i in range(721)]
    assert bucket_count(fast, EPOCH - 3600, EPOCH, 74) == 74


@pytest.mark.asyncio
async def test_trends_tab_shows_the_chart_and_w_and_m_cycle(fake):
    history = FakeHistory()
    app = make_app(fake, history=history)
    async with app.run_test(size=SIZE) as pilot:
        pane = await _open_trends(app, pilot)
        assert pane.has_focus and pane.trend is not None and history.reads >= 1
        assert _header(app).startswith("Bindings · last 1h · lma1")
        assert _message(app) is None
        text = _screen_text(app)
        assert "bindings" in text and "limit 50" in text and "22:13Z" in text
        assert not unreadable(screen16(app))

        await pilot.press("m")
        await settle(app, pilot)
        assert pane.chart == "pba"
        assert _header(app).startswith("PBA accepted / rejected per minute · last 1h")
        assert "accepted/min" in _screen_text(app)
        await pilot.press("m")
        await settle(app, pilot)
        assert pane.chart == "tunnels" and "2 tunnels" in _screen_text(app)
        await pilot.press("m")
        await settle(app, pilot)
        assert pane.chart == "bindings"

        reads = history.reads
        for window in ("6h", "24h", "1h"):
            await pilot.press("w")
            await settle(app, pilot)
            assert pane.window == window and f"last {window}" in _header(app)
        assert history.reads == reads + 3
        assert pane.trend is not None and pane.trend.until - pane.trend.since == 3600

        await pilot.press("1")  # another tab: w is the wizard's again, not the window's
        await settle(app, pilot)
        assert app.screen.query_one(TrendsPane).window == "1h"


@pytest.mark.asyncio
async def test_trends_refresh_every_ten_seconds_while_shown(fake):
    history = FakeHistory()
    app = make_app(fake, history=history)
    async with app.run_test(size=SIZE) as pilot:
        pane = await _open_trends(app, pilot)
        reads = history.reads
        pane._tick()
        await settle(app, pilot)
        assert history.reads == reads + 1
        await pilot.press("1")
        await settle(app, pilot)
        pane._tick()  # the tab is hidden: no read
        await settle(app, pilot)
        assert history.reads == reads + 1


@pytest.mark.asyncio
async def test_nothing_recorded_in_the_window_says_so(fake):
    old = [FakePoll("lma1", EPOCH - 5 * 3600, True, {"bindings": 3})]
    app = make_app(fake, history=FakeHistory(old))
    async with app.run_test(size=SIZE) as pilot:
        await _open_trends(app, pilot)
        assert _message(app) == "nothing recorded in the last 1h"
        assert "┤" not in _screen_text(app)  # no empty plot under the message
        await pilot.press("w")  # 6h reaches the old poll
        await settle(app, pilot)
        assert _message(app) is None and "last 6h" in _header(app)


@pytest.mark.asyncio
async def test_without_a_history_the_trends_say_it_is_not_recording(fake):
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        await _open_trends(app, pilot)
        message = _message(app)
        assert message is not None and "not recording" in message
        assert "Trends need the history" in _screen_text(app)


@pytest.mark.asyncio
async def test_fleet_trends_open_with_t_and_close_with_escape(fake):
    history = FakeHistory()
    app = make_app(fake, history=history)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, TrendsScreen)
        assert _header(app).startswith("Bindings · last 1h · fleet")
        pane = app.screen.query_one(TrendsPane)
        assert pane.router is None and pane.trend is not None and not pane.trend.empty
        await pilot.press("m", "w")
        await settle(app, pilot)
        assert pane.chart == "pba" and pane.window == "6h"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = _screen_text(app)
        assert "trends.window" in help_text and "trends.back" in help_text
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, FleetScreen)


@pytest.mark.asyncio
async def test_trends_command_opens_the_fleet_trends(fake):
    app = make_app(fake, history=FakeHistory())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await palette_command(app, pilot, ":trends")
        await settle(app, pilot)
        assert isinstance(app.screen, TrendsScreen)


@pytest.mark.asyncio
async def test_fleet_help_lists_the_trends_key(fake):
    app = make_app(fake)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "fleet.trends" in _screen_text(app)

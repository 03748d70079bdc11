"""History replay: `:at`, `[` and `]` switch the fleet and bindings to recorded polls."""

from __future__ import annotations

import pytest

from pmiptui.history.recording import RecordingPoller
from pmiptui.history.store import History
from pmiptui.ui.app import PmipApp
from pmiptui.ui.data.replay import TimeError, banner_text, parse_at
from pmiptui.ui.screens.fleet import FleetScreen
from pmiptui.ui.widgets.bindings_pane import BindingsPane
from pmiptui.ui.widgets.keyed_table import KeyedTable
from pmiptui.ui.widgets.replay_banner import ReplayBanner
from tests.ui.conftest import make_app, open_router, settle
from tests.ui.fake_poller import EPOCH, FakePoller

NOON = 1_700_049_600.0  # 2023-11-15 12:00:00 UTC


def test_parse_at():
    assert parse_at("live", NOON) is None
    assert parse_at("-10m", NOON) == NOON - 600
    assert parse_at("-90s", NOON) == NOON - 90
    assert parse_at("-2h", NOON) == NOON - 7200
    assert parse_at("11:30", NOON) == NOON - 1800
    assert parse_at("11:30:15", NOON) == NOON - 1785
    assert parse_at("12:30", NOON) == NOON + 1800 - 86400  # future today: yesterday's
    for bad in ("25:00", "soon", "+5m"):
        with pytest.raises(TimeError):
            parse_at(bad, NOON)
    assert banner_text(NOON) == "REPLAY 12:00:00 — not live"


def test_history_times_and_neighbours(tmp_path):
    h = History(tmp_path / "h.sqlite")
    assert h.times() is None
    for at, router in ((10.0, "a"), (20.0, "b"), (30.0, "a")):
        h.record(router, at=at, ok=True, error=None, latency_ms=1, summary={}, bindings=None)
    assert h.times() == (10.0, 30.0) and h.times("b") == (20.0, 20.0)
    assert h.neighbour(20.0, forward=True) == 30.0
    assert h.neighbour(20.0, forward=False) == 10.0
    assert h.neighbour(30.0, forward=True) is None
    h.close()


def _fleet_cell(app, key: str, column: str) -> str:
    table = app.screen.query_one(KeyedTable)
    return table.row_values(key)[table.column_names.index(column)].plain


async def _poll(app, pilot, fake: FakePoller) -> None:
    fake.clock.advance(60)
    await pilot.press("r")
    await settle(app, pilot)


@pytest.mark.asyncio
async def test_replay_switches_fleet_and_bindings_and_back(tmp_path):
    fake = FakePoller(interval=60.0, bindings=24)
    history = History(tmp_path / "history.sqlite")
    app = PmipApp(RecordingPoller(fake, history), clock=fake.clock, history=history)
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)  # poll 1 at EPOCH: 24 bindings on lma1
        first = EPOCH + 0.04
        for _ in range(3):
            fake.add_binding("MAG1")
        await _poll(app, pilot, fake)  # poll 2: 27
        fake.fail("mag2", "Authentication failed")
        await _poll(app, pilot, fake)  # poll 3: mag2 fails
        assert _fleet_cell(app, "lma1", "bindings") == "27 / 200000"
        assert not app.screen.query_one(ReplayBanner).has_class("-replay")

        app.replay.goto("-100s")  # between polls 1 and 2: the first poll's fleet
        await settle(app, pilot)
        assert app.replay.at == pytest.approx(fake.clock() - 100)
        assert isinstance(app.screen, FleetScreen)
        banner = app.screen.query_one(ReplayBanner)
        assert banner.has_class("-replay") and "— not live" in str(banner.render())
        assert _fleet_cell(app, "lma1", "bindings") == "24 / 200000"
        assert _fleet_cell(app, "mag2", "status") == "OK"

        await pilot.press("right_square_bracket")  # one poll forward: poll 2 (lma1 first)
        await settle(app, pilot)
        assert app.replay.at > first
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        assert app.replay.at is None  # past the last recorded poll: live again
        assert _fleet_cell(app, "mag2", "status") == "ERROR"

        app.replay.goto("-100s")
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        await settle(app, pilot)
        pane = app.screen.query_one(BindingsPane)
        assert pane.view is not None and pane.view.total == 24
        assert app.screen.query_one(ReplayBanner).has_class("-replay")
        fake.add_binding("MAG1")
        await _poll(app, pilot, fake)  # live polls go on, but the replay table stays
        assert pane.view.total == 24 and app.routers["lma1"].binding_count == 28

        app.replay.goto("live")
        await settle(app, pilot)
        assert pane.view.total == 28
        assert not app.screen.query_one(ReplayBanner).has_class("-replay")

        await pilot.press("left_square_bracket")  # from live: one poll before the latest
        await settle(app, pilot)
        assert app.replay.at is not None and app.replay.at < fake.clock()
    history.close()


@pytest.mark.asyncio
async def test_replay_without_history_says_so(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.replay.at is None
        assert any("no history" in n.message for n in app._notifications)

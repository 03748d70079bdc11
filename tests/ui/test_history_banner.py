"""A history that stops recording says so on the fleet and router screens, and recovers."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from pmiptui.history.recording import RecordingPoller
from pmiptui.history.store import History
from pmiptui.ui.app import PmipApp
from pmiptui.ui.screens.fleet import FleetScreen
from pmiptui.ui.screens.router import RouterScreen
from pmiptui.ui.widgets.history_banner import HistoryBanner
from tests.ui.conftest import make_app, open_router, settle
from tests.ui.fake_poller import FakePoller

pytestmark = pytest.mark.asyncio


def _banner(app: PmipApp) -> HistoryBanner:
    return app.screen.query_one(HistoryBanner)


def _history_notes(app: PmipApp) -> list[str]:
    return [n.message for n in app._notifications if n.title.startswith("History")]


async def _poll(app: PmipApp, pilot: Any, history: History) -> None:
    """Poll every router, and wait until the history has written (or failed) them."""
    await pilot.press("r")
    await settle(app, pilot)
    history.times()  # waits for the writer


async def test_a_failing_history_is_shown_on_the_fleet_until_it_records_again(tmp_path, fake):
    history = History(tmp_path / "history.sqlite")
    app = PmipApp(RecordingPoller(fake, history), clock=fake.clock, history=history)
    app.animation_level = "none"
    write = history._record_now
    failing = {"on": False}

    def record_now(poll: Any) -> None:
        if failing["on"]:
            raise sqlite3.OperationalError("database or disk is full")
        write(poll)

    history._record_now = record_now  # type: ignore[method-assign]
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        history.times()
        assert isinstance(app.screen, FleetScreen)
        assert not _banner(app).has_class("-failing")

        failing["on"] = True
        await _poll(app, pilot, history)  # these polls fail to be written
        await _poll(app, pilot, history)  # and the next polls report it
        banner = _banner(app)
        assert banner.has_class("-failing") and banner.display
        assert str(banner.render()) == (
            "history not recording: write failed: database or disk is full"
        )
        assert _history_notes(app) == ["write failed: database or disk is full"]
        await _poll(app, pilot, history)
        assert len(_history_notes(app)) == 1  # notified when it started, not every poll

        failing["on"] = False
        await _poll(app, pilot, history)  # written again
        await _poll(app, pilot, history)  # and reported
        assert not _banner(app).has_class("-failing")
        assert app.history_error is None
        assert _history_notes(app)[-1] == "history is recording again"
    history.close()


class _NotRecording(FakePoller):
    """A recording poller whose history cannot keep up."""

    last_error: str | None = "behind, 2 binding table(s) not recorded (the disk cannot keep up)"


async def test_the_router_screen_shows_a_failing_history_too():
    fake = _NotRecording(interval=60.0)
    app = make_app(fake)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            assert "2 binding table(s) not recorded" in str(_banner(app).render())
            await open_router(app, pilot, "lma1")
            assert isinstance(app.screen, RouterScreen)
            banner = _banner(app)
            assert banner.has_class("-failing")
            assert str(banner.render()).startswith("history not recording: behind, 2 binding")
    finally:
        fake.release()

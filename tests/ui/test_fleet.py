"""The fleet screen: fills, faults first, faults-only, staleness, errors, pause."""

from __future__ import annotations

import pytest

from pmiptui.ui.screens.fleet import FleetScreen
from pmiptui.ui.widgets.keyed_table import KeyedTable
from tests.ui.conftest import INTERVAL, make_app, settle

pytestmark = pytest.mark.asyncio


def _fleet(app):
    assert isinstance(app.screen, FleetScreen)
    return app.screen.query_one(KeyedTable)


def _status(app, name: str) -> str:
    return app.routers[name].status(app.now(), app.state.paused)


def _cell(table: KeyedTable, key: str, column: str) -> str:
    return table.row_values(key)[table.column_names.index(column)].plain


async def test_fleet_fills(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        table = _fleet(app)
        assert table.keys == ["lma1", "mag1", "mag2"]
        assert _cell(table, "lma1", "status") == "OK"
        assert _cell(table, "lma1", "bindings") == "24 / 200000"
        assert _cell(table, "mag1", "tunnels") == "1/2"
        assert _cell(table, "mag1", "reject").endswith("%")
        assert _cell(table, "mag2", "poll") == f"0s/{app.routers['mag2'].last.latency_ms}ms"


async def test_faulty_routers_sort_first_and_faults_only(fake):
    fake.fail("mag1", "Authentication failed for admin@127.0.0.1:2201")
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        table = _fleet(app)
        assert table.keys == ["mag1", "lma1", "mag2"]
        assert _cell(table, "mag1", "status") == "ERROR"
        await pilot.press("f")
        assert table.keys == ["mag1"]
        await pilot.press("f")
        assert table.keys == ["mag1", "lma1", "mag2"]


async def test_cursor_stays_on_router_when_order_changes(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        table = _fleet(app)
        await pilot.press("down")
        assert table.cursor_key == "mag1"
        fake.fail("mag2", "Connection refused", "Unreachable")
        await pilot.press("r")
        await settle(app, pilot)
        assert table.keys[0] == "mag2"
        assert table.cursor_key == "mag1"


async def test_auth_failure_shows_a_clear_message(fake):
    fake.fail("mag2", "Authentication failed for admin@127.0.0.1:2202", "Authentication failed")
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        notes = list(app._notifications)
        assert any(
            n.title == "mag2: Authentication failed" and "admin@127.0.0.1:2202" in n.message
            for n in notes
        )
        assert "Authentication failed" in _cell(_fleet(app), "mag2", "error")
        # a failing router notifies once, not on every poll
        await pilot.press("r")
        await settle(app, pilot)
        assert len([n for n in app._notifications if n.title.startswith("mag2")]) == 1
        app.show_router("mag2", tab="globals")
        await settle(app, pilot)
        banner = app.screen.query_one("#router-banner")
        assert "last poll failed: Authentication failed" in str(banner.render())


async def test_retry_countdown_is_formatted_by_the_ui_and_notifies_once(fake):
    fake.fail("mag2", "Connection refused", "Cannot connect", retry_in=8)
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        assert app.routers["mag2"].last.error == "Connection refused"
        table = _fleet(app)
        assert _cell(table, "mag2", "error") == "Connection refused (next try in 8 s)"
        fake.clock.advance(3)
        app.screen.refresh_rows()
        assert _cell(table, "mag2", "error") == "Connection refused (next try in 5 s)"
        fake.clock.advance(5)
        app.screen.refresh_rows()
        assert _cell(table, "mag2", "error") == "Connection refused"
        await pilot.press("r")  # a new countdown is no new failure
        await settle(app, pilot)
        assert len([n for n in app._notifications if n.title.startswith("mag2")]) == 1
        app.show_router("mag2", tab="globals")
        await settle(app, pilot)
        banner = str(app.screen.query_one("#router-banner").render())
        assert "last poll failed: Connection refused (next try in 8 s)" in banner


async def test_hanging_router_goes_stale_while_others_update(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        fake.hang("mag2")
        await pilot.press("r")
        await settle(app, pilot, skip=("mag2",))
        fake.clock.advance(3 * INTERVAL + 1)
        await pilot.press("r")  # mag2 is still in its first hung poll: not restarted
        await settle(app, pilot, skip=("mag2",))
        app.screen.refresh_rows()
        table = _fleet(app)
        assert _status(app, "mag2") == "STALE"
        assert _status(app, "lma1") == "OK" and _status(app, "mag1") == "OK"
        assert fake.polls("lma1") == 3 and fake.polls("mag2") == 1
        assert table.keys[0] == "mag2"
        assert "…" in _cell(table, "mag2", "poll")  # the hung poll's running time
        fake.release()
        await settle(app, pilot)
        app.screen.refresh_rows()
        assert _status(app, "mag2") == "OK"


async def test_slow_router_does_not_hold_up_the_others(fake):
    fake.slow("mag2", 0.5)
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot, skip=("mag2",))
        assert app.polling.in_flight("mag2")
        assert _status(app, "lma1") == "OK"
        assert _status(app, "mag2") == "WAIT"
        await settle(app, pilot)
        assert _status(app, "mag2") == "OK"


async def test_pause_and_resume(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        assert _status(app, "lma1") == "PAUSED"
        assert _cell(_fleet(app), "lma1", "status") == "PAUSED"
        await pilot.press("p")
        await settle(app, pilot)
        assert _status(app, "lma1") == "OK"
        assert fake.polls("lma1") == 2


async def test_poller_exception_becomes_an_error_row(fake, monkeypatch):
    def boom(router, kinds):
        raise RuntimeError("socket closed")

    monkeypatch.setattr(fake, "poll", boom)
    app = make_app(fake)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        assert _status(app, "lma1") == "ERROR"
        assert "socket closed" in _cell(_fleet(app), "lma1", "error")


async def test_keys_can_be_remapped_by_binding_id(fake):
    app = make_app(fake, keymap={"fleet.faults": "x"})
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        assert app.screen.faults_only

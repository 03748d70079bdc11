"""Format drift where the operator looks: the fleet row, the router banner, the Log tab."""

from __future__ import annotations

import pytest

from pmiptui.ui import formatting
from pmiptui.ui.data import router_state as rs
from pmiptui.ui.screens.fleet import FleetScreen
from pmiptui.ui.widgets.keyed_table import KeyedTable
from tests.ui.conftest import make_app, settle

pytestmark = pytest.mark.asyncio

GLOBALS_EVERY = 600.0
"""Globals are fetched every ten minutes (`show_commands`); `r` polls fetch stats and such."""


def _error_cell(app, name: str):
    assert isinstance(app.screen, FleetScreen)
    table = app.screen.query_one(KeyedTable)
    return table.row_values(name)[table.column_names.index("error")]


async def test_drift_shows_in_the_fleet_row_the_banner_and_the_log_tab(fake):
    fake.drift("mag1", "globals", "Odd \u202e thing: 1", "New setting: on", "Other: 3")
    app = make_app(fake)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        assert app.routers["mag1"].status(app.now(), False) == rs.OK
        cell = _error_cell(app, "mag1")
        assert cell.plain == "3 lines not understood"
        styles = formatting.palette(app.theme_variables)
        assert cell.style.color == styles[rs.STALE].color and not cell.style.bold
        assert _error_cell(app, "mag2").plain == ""

        app.show_router("mag1", tab="log")
        await settle(app, pilot)
        banner = app.screen.query_one("#router-banner")
        assert banner.has_class("-drift") and banner.display
        assert str(banner.render()) == (
            "mag1: 3 lines not understood (globals): see the Log tab (6)"
        )
        drift = app.screen.query_one("#drift-table", KeyedTable)
        assert drift.display
        assert drift.keys == ["globals line 40", "globals line 41", "globals line 42"]
        _where, text, command = (c.plain for c in drift.row_values("globals line 40"))
        assert text == "Odd \\u202e thing: 1"  # escaped: a bidi override does not act
        assert command == "show ipv6 mobile pmipv6 mag globals"


async def test_drift_lasts_until_its_kind_is_fetched_again_clean(fake):
    fake.drift("mag1", "globals", "New setting: on")
    app = make_app(fake)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        fake.drift("mag1", "globals")  # the router answers cleanly from now on
        fake.drift("mag1", "stats", "Counter from a new release: 5")
        await pilot.press("r")  # globals not due: its drift stays, stats' adds
        await settle(app, pilot)
        state = app.routers["mag1"]
        assert "globals" not in state.last.fetched
        assert [d.kind for d in state.drift] == ["globals", "stats"]
        assert _error_cell(app, "mag1").plain == "2 lines not understood"

        fake.drift("mag1", "stats")
        fake.clock.advance(GLOBALS_EVERY + 1)
        await pilot.press("r")  # globals due again, and clean; stats clean too
        await settle(app, pilot)
        app.screen.refresh_rows()
        assert "globals" in state.last.fetched and state.drift == []
        assert _error_cell(app, "mag1").plain == ""

        app.show_router("mag1", tab="log")
        await settle(app, pilot)
        assert not app.screen.query_one("#router-banner").has_class("-drift")
        assert not app.screen.query_one("#drift-table", KeyedTable).display


async def test_a_failed_poll_shows_its_error_not_the_drift(fake):
    fake.drift("mag1", "globals", "New setting: on")
    app = make_app(fake)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        fake.fail("mag1", "Connection refused", "Cannot connect")
        await pilot.press("r")
        await settle(app, pilot)
        assert _error_cell(app, "mag1").plain == "Connection refused"
        app.show_router("mag1", tab="globals")
        await settle(app, pilot)
        lines = str(app.screen.query_one("#router-banner").render()).splitlines()
        assert lines[0].startswith("mag1: last poll failed: Connection refused")
        assert lines[1] == "mag1: 1 line not understood (globals): see the Log tab (6)"

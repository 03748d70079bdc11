"""The router screen: bindings filter/sort/refresh/highlight, detail, tabs, export, palette."""

from __future__ import annotations

import json

import pytest

from pmiptui.ui.screens.binding_detail import BindingDetail
from pmiptui.ui.screens.router import RouterScreen
from pmiptui.ui.widgets.bindings_pane import BindingsPane
from pmiptui.ui.widgets.keyed_table import KeyedTable
from tests.ui.conftest import make_app, open_router, palette_command, settle

pytestmark = pytest.mark.asyncio


def _pane(app) -> BindingsPane:
    return app.screen.query_one(BindingsPane)


def _nais(app) -> list[str]:
    view = _pane(app).view
    assert view is not None
    return view.table["nai"].to_pylist()


async def _filter(app, pilot, text: str) -> None:
    await pilot.press("slash")
    box = app.screen.query_one("#bindings-filter")
    assert box.has_focus
    box.value = text
    await pilot.press("enter")
    await settle(app, pilot)


async def test_filter_substring_regex_field_and_inverse(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        assert len(_nais(app)) == 24
        await _filter(app, pilot, "mn000005")
        assert _nais(app) == ["mn000005@example.com"]
        await _filter(app, pilot, "/mn00000[0-3]@/")
        assert len(_nais(app)) == 4
        await _filter(app, pilot, "peer=MAG2")
        assert len(_nais(app)) == 12
        await _filter(app, pilot, "!peer=MAG2")
        assert all(
            n.endswith(
                (
                    "0@example.com",
                    "2@example.com",
                    "4@example.com",
                    "6@example.com",
                    "8@example.com",
                )
            )
            for n in _nais(app)
        )
        await _filter(app, pilot, "colour=red")
        assert len(_nais(app)) == 24
        summary = str(app.screen.query_one("#bindings-summary").render())
        assert "unknown field 'colour'" in summary


async def test_sort_cycles_and_reverses(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        await pilot.press("s")  # chg
        await pilot.press("s")  # nai
        await settle(app, pilot)
        assert _pane(app).spec.sort == "nai"
        await pilot.press("S")
        await settle(app, pilot)
        assert _nais(app)[0] == "mn000023@example.com"


async def test_cursor_stays_on_the_same_nai_across_a_refresh(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        await pilot.press("s", "s", "S")  # newest NAI first
        await settle(app, pilot)
        await pilot.press("ctrl+home", "down", "down", "down", "down", "down")
        pane = _pane(app)
        before = pane.cursor_nai()
        row = pane.table.cursor_row
        assert before == "mn000018@example.com"
        fake.add_binding("MAG1")  # sorts first: every row moves down one
        await pilot.press("r")
        await settle(app, pilot)
        assert len(_nais(app)) == 25
        assert pane.cursor_nai() == before
        assert pane.table.cursor_row == row + 1


async def test_new_and_changed_bindings_are_marked_and_removed_listed(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        new = fake.add_binding("MAG2")
        fake.modify_binding("mn000003@example.com", state="BCE_REFRESH")
        fake.remove_binding("mn000004@example.com")
        await pilot.press("r")
        await settle(app, pilot)
        table = _pane(app).view.table
        marks = dict(zip(table["nai"].to_pylist(), table["chg"].to_pylist(), strict=True))
        assert marks[new] == "+"
        assert marks["mn000003@example.com"] == "~"
        assert marks["mn000005@example.com"] == ""
        removed = str(app.screen.query_one("#bindings-removed").render())
        assert "mn000004@example.com" in removed
        summary = str(app.screen.query_one("#bindings-summary").render())
        assert "+1 new ~1 changed" in summary
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert set(_pane(app).view.table["chg"].to_pylist()) == {""}


async def test_binding_detail_shows_the_raw_block_and_jumps_to_the_peer(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, BindingDetail)
        raw = detail.query_one("#detail-raw").text
        assert raw.startswith("[Binding][MN]: Domain: D1, Nai: mn000001@example.com")
        assert "[Binding][MN][PEER]: MAG: MAG2" in raw
        assert "mn000002" not in raw
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, RouterScreen) and app.screen.router == "mag2"
        assert _pane(app).cursor_nai() == "mn000001@example.com"
        assert len(app.screen_stack) == 3  # default, fleet, one router screen


async def test_tabs_show_globals_stats_tunnels_config_log(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "mag1")
        screen = app.screen
        await pilot.press("1")
        globals_ = screen.query_one("#globals-table", KeyedTable)
        assert globals_.row_values("max_bindings")[1].plain == "100000"
        assert "peers[LMA1].max_bindings" in globals_.keys
        await pilot.press("3")
        stats = screen.query_one("#stats-table", KeyedTable)
        assert "pba_rejected[156 TIMESTAMP_MISMATCH]" in stats.keys
        await pilot.press("r")
        await settle(app, pilot)
        row = stats.row_values("pba_rejected")
        assert row[2].plain == "+2"
        await pilot.press("b")
        assert stats.row_values("pba_rejected")[4].plain == "0"
        await pilot.press("4")
        tunnels = screen.query_one("#tunnels-table", KeyedTable)
        assert tunnels.keys == ["Tunnel0", "Tunnel1"]
        assert tunnels.row_values("Tunnel1")[2].plain == "down"
        await pilot.press("5")
        config = screen.query_one("#config-text").text
        assert "ipv6 mobile pmipv6-mag" in config
        assert "key hex ***" in config and "BDF" not in config
        await pilot.press("6")
        log = screen.query_one("#log-table", KeyedTable)
        sent = [log.row_values(key)[4].plain for key in log.keys]
        # the first poll fetches everything; opening the screen and `r` poll again, and
        # only the kinds due at every poll (the table too, since the screen watches it)
        assert sent[0] == "show ipv6 mobile pmipv6 mag globals"
        assert sent[5] == "show version"  # on connect only
        every_poll = [
            "show ipv6 mobile pmipv6 mag binding",
            "show ipv6 mobile pmipv6 mag stats",
            "show ipv6 mobile pmipv6 mag tunnel",
        ]
        assert sent[6:] == every_poll * 2


async def test_export_writes_the_current_table(fake, tmp_path):
    app = make_app(fake, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [fleet] = tmp_path.glob("pmiptui-all-fleet-*.csv")
        assert fleet.read_text().splitlines()[0].startswith("status,router,role")
        assert any(n.message == str(fleet) for n in app._notifications)
        await open_router(app, pilot, "lma1")
        await _filter(app, pilot, "peer=MAG1")
        await pilot.press("E")
        await app.workers.wait_for_complete()
        [bindings] = tmp_path.glob("pmiptui-lma1-bindings-20231114-221320.json")
        records = json.loads(bindings.read_text())
        assert len(records) == 12 and records[0]["peer_id"] == "MAG1"


async def test_copy_row(fake):
    app = make_app(fake)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        assert copied[-1].startswith("status=OK  router=lma1")
        await open_router(app, pilot, "lma1")
        await pilot.press("c")
        assert "nai=mn000000@example.com" in copied[-1]


async def test_command_palette_opens_a_router_and_filters(fake):
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await palette_command(app, pilot, ":router mag1")
        await settle(app, pilot)
        assert isinstance(app.screen, RouterScreen) and app.screen.router == "mag1"
        await palette_command(app, pilot, ":bindings state=BCE_PENDING")
        await settle(app, pilot)
        assert _pane(app).spec.filter == "state=BCE_PENDING"
        assert _nais(app) == ["mn000000@example.com", "mn000022@example.com"]


async def test_help_lists_the_screen_keys_with_ids(fake):
    app = make_app(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one("#help-table")
        ids = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        assert {"bindings.filter", "bindings.sort", "router.back", "app.pause"} <= ids
        await pilot.press("escape")
        assert isinstance(app.screen, RouterScreen)


async def test_every_screen_renders_at_80x24(fake):
    fake.fail("mag2", "Timed out after 10 s waiting for prompt", "Timeout")
    app = make_app(fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f", "f", "enter")
        await settle(app, pilot)
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        app.show_router("mag2")
        await settle(app, pilot)
        assert app.screen.query_one(BindingsPane).view is None

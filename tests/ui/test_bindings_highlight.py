"""New and changed bindings tint their rows; the tint fades over two polls."""

from __future__ import annotations

import pytest
from textual.coordinate import Coordinate

from pmiptui.ui.widgets.bindings_pane import BindingsPane
from pmiptui.ui.widgets.bindings_table import BindingsTable
from tests.ui.conftest import make_app, open_router, settle

pytestmark = pytest.mark.asyncio


def _row_of(table: BindingsTable, nai: str) -> int:
    return next(r for r in range(table.row_count) if table.get_cell_at(Coordinate(r, 1)) == nai)


def _tint(table: BindingsTable, row: int) -> object:
    """The background a body cell of `row` is drawn with."""
    segment = table._render_cell(row, 2, table._get_row_style(row, table.rich_style), 12)[0][0]
    return segment.style.bgcolor if segment.style else None


async def test_new_binding_tint_fades_then_goes(fake) -> None:
    app = make_app(fake)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        table = app.screen.query_one(BindingsPane).table
        nai = fake.add_binding("MAG1")
        tints = []
        for _ in range(3):
            await pilot.press("r")
            await settle(app, pilot)
            row = _row_of(table, nai)
            plain_row = 0 if row else 1
            assert table.get_cell_at(Coordinate(plain_row, 0)) == ""
            tints.append((_tint(table, row), _tint(table, plain_row)))
        (fresh, plain), (fading, _), (gone, _) = tints
        assert fresh != plain and fading not in (plain, fresh)
        assert gone in (plain, _tint(table, 1 if _row_of(table, nai) % 2 else 0))


async def test_changed_binding_has_its_own_tint(fake) -> None:
    app = make_app(fake)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await open_router(app, pilot, "lma1")
        table = app.screen.query_one(BindingsPane).table
        new = fake.add_binding("MAG1")
        fake.modify_binding("mn000010@example.com", state="BCE_REFRESH")
        await pilot.press("r")
        await settle(app, pilot)
        changed = _row_of(table, "mn000010@example.com")
        assert table.get_cell_at(Coordinate(changed, 0)) == "~"
        assert _tint(table, changed) != _tint(table, _row_of(table, new))

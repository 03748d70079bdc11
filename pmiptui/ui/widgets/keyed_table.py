"""A DataTable kept in step with a list of keyed rows: cells updated in place, never rebuilt."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from pmiptui.ui import formatting


class KeyedTable(DataTable[Any]):
    """Rows identified by a key; `sync` adds, updates and removes rows so the cursor stays."""

    DEFAULT_CSS = """
    KeyedTable {
        height: 1fr;
    }
    """

    def __init__(
        self, columns: Sequence[tuple[str, str]], *, key_column: str, **kwargs: Any
    ) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._columns = list(columns)
        self.key_column = key_column
        """The column whose text is the row key; sorting into order goes by it."""
        self._cells: dict[str, tuple[Any, ...]] = {}
        self._order: list[str] = []

    def on_mount(self) -> None:
        for key, label in self._columns:
            self.add_column(label, key=key)

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor."""
        if not self.row_count:
            return None
        try:
            row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return row_key.value

    def row_values(self, key: str) -> tuple[Any, ...]:
        """The cells of a row as last synced."""
        return self._cells.get(key, ())

    @property
    def keys(self) -> list[str]:
        """Row keys in display order."""
        return list(self._order)

    @property
    def column_names(self) -> list[str]:
        """Column keys, in order."""
        return [key for key, _ in self._columns]

    @property
    def column_labels(self) -> list[str]:
        """Column headings, in order."""
        return [label for _, label in self._columns]

    def sync(self, rows: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Make the table show exactly `rows`, in that order, touching only what changed."""
        cursor = self.cursor_key
        wanted = {key for key, _ in rows}
        for key in [k for k in self._cells if k not in wanted]:
            del self._cells[key]
            with contextlib.suppress(RowDoesNotExist):
                self.remove_row(key)
        for key, cells in rows:
            shown = tuple(formatting.text(c) if not isinstance(c, Text) else c for c in cells)
            before = self._cells.get(key)
            if before is None:
                self.add_row(*shown, key=key)
            elif before != shown:
                for (column, _), old, new in zip(self._columns, before, shown, strict=True):
                    if old != new:
                        self.update_cell(key, column, new, update_width=True)
            self._cells[key] = shown
        order = [key for key, _ in rows]
        if order != self._order:
            self._order = order
            rank = {key: index for index, key in enumerate(order)}
            self.sort(self.key_column, key=lambda cell: rank.get(_plain(cell), len(rank)))
        if cursor is not None and cursor in self._cells:
            index = self.get_row_index(cursor)
            if index != self.cursor_row:
                self.move_cursor(row=index, animate=False)


def _plain(cell: Any) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)

"""The bindings DataTable (textual-fastdatatable), able to take a new backend in place.

textual-fastdatatable has no public way to replace its data ("mount a new table"), but
remounting a table costs a CSS pass, a focus change and several extra frames: ~0.3 s at
128,000 rows. Swapping the backend and clearing the render caches costs one frame.
The private attributes touched are those its own `sort` and `_clear_caches` use
(textual-fastdatatable 0.19, pinned below 0.20).
"""

from __future__ import annotations

import pyarrow as pa
from textual_fastdatatable import DataTable
from textual_fastdatatable.backend import ArrowBackend, DataTableBackend

from pmiptui.ui.data.bindings_view import COLUMNS


def empty_backend() -> ArrowBackend:
    """No rows yet, but the columns, so the header shows before the first poll."""
    backend = ArrowBackend(pa.table({name: pa.array([], pa.string()) for name in COLUMNS}))
    backend.render_markup = False
    return backend


class BindingsTable(DataTable):
    """A fast table whose whole content is replaced on every refresh."""

    DEFAULT_CSS = """
    BindingsTable {
        height: 1fr;
    }
    """

    def __init__(self, backend: DataTableBackend, **kwargs: object) -> None:
        super().__init__(
            backend=backend,
            cursor_type="row",
            render_markup=False,
            zebra_stripes=True,
            **kwargs,  # type: ignore[arg-type]
        )

    def replace_backend(self, backend: DataTableBackend, row: int) -> None:
        """Show `backend`'s rows, cursor on `row` (kept in range), in a single refresh."""
        backend.render_markup = False
        self.backend = backend
        self._ordered_columns = None
        self._clear_caches()
        self._update_count += 1
        self._require_update_dimensions = False
        self._update_dimensions([])
        column = self.cursor_column
        self.move_cursor(row=max(0, min(row, backend.row_count - 1)), column=column)
        self.refresh()

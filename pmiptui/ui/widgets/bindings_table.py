"""The bindings DataTable (textual-fastdatatable), able to take a new backend in place.

textual-fastdatatable has no public way to replace its data ("mount a new table"), but
remounting a table costs a CSS pass, a focus change and several extra frames: ~0.3 s at
128,000 rows. Swapping the backend and clearing the render caches costs one frame.

Painting is the other cost. The stock widget renders every cell through rich (markup
escape, `Padding`, `Styled`, wrap) and works out the widget's style three times a line:
about 90 ms for a full 120x40 screen, a UI stall on every refresh. Binding cells are
one-line ASCII strings and integers, so they are drawn here as one padded segment each,
in the style rich would have given them, and the widget style is worked out once a paint.

The private attributes touched are those its own `sort`, `_clear_caches` and
`_render_cell` use (textual-fastdatatable 0.19, pinned below 0.20).
"""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
from rich.segment import Segment
from rich.style import Style
from textual.coordinate import Coordinate
from textual.css.styles import RenderStyles
from textual.geometry import Region
from textual.strip import Strip
from textual_fastdatatable import DataTable
from textual_fastdatatable.backend import ArrowBackend, DataTableBackend

from pmiptui.ui.data.binding_diff import CHANGED, NEW
from pmiptui.ui.data.bindings_view import COLUMNS, MARK

_ELLIPSIS = "…"
_MARK_COLUMN = COLUMNS.index(MARK)
_NAI_COLUMN = COLUMNS.index("nai")
_HIGHLIGHTS = {NEW: "bindings--new", CHANGED: "bindings--changed"}
"""Row tint component class by mark."""


def empty_backend() -> ArrowBackend:
    """No rows yet, but the columns, so the header shows before the first poll."""
    backend = ArrowBackend(pa.table({name: pa.array([], pa.string()) for name in COLUMNS}))
    backend.render_markup = False
    return backend


def plain_cell(value: object, width: int) -> str | None:
    """`value` as the `width` cells a body cell shows (one space each side), or None.

    None means the value is not a one-line ASCII string or an int, and the stock
    renderer must draw it. Strings align left and integers right, as the stock widget
    aligns them; a value too long for its column ends in an ellipsis.
    """
    inner = width - 2
    if inner < 1:
        return None
    if isinstance(value, str):
        if not value.isascii() or not value.isprintable():
            return None
        text = value if len(value) <= inner else value[: inner - 1] + _ELLIPSIS
        return f" {text:<{inner}} "
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if len(text) > inner:
            return None
        return f" {text:>{inner}} "
    return None


class _ComponentStyles:
    """A component's styles during one paint: its rich style read once, the rest passed on."""

    __slots__ = ("_styles", "rich_style")

    def __init__(self, styles: RenderStyles) -> None:
        self._styles = styles
        self.rich_style: Style = styles.rich_style

    def __getattr__(self, name: str) -> object:
        return getattr(self._styles, name)


class _PaintStyles:
    """Styles that cannot change during one paint, each worked out on first use."""

    def __init__(self, widget: Style) -> None:
        self.widget = widget
        self._components: dict[tuple[str, ...], _ComponentStyles] = {}
        self.rows: dict[int, Style] = {}
        """Row tints (new or changed binding) by row index."""
        self.body: dict[tuple[Style, bool, bool, bool], Style] = {}
        """Plain body cell styles by (row style, cursor, hover, in range)."""

    def component(
        self, names: tuple[str, ...], lookup: Callable[..., RenderStyles]
    ) -> RenderStyles:
        found = self._components.get(names)
        if found is None:
            found = self._components[names] = _ComponentStyles(lookup(*names))
        return found  # type: ignore[return-value]


class BindingsTable(DataTable):
    """A fast table whose whole content is replaced on every refresh.

    Rows of new (`+`) and changed (`~`) bindings are tinted; on the last poll of their
    mark the tint is fainter, so the highlight fades out over two polls.
    """

    DEFAULT_CSS = """
    BindingsTable {
        height: 1fr;
    }
    BindingsTable > .bindings--new {
        background: $success 35%;
    }
    BindingsTable > .bindings--new-fading {
        background: $success 15%;
    }
    BindingsTable > .bindings--changed {
        background: $warning 35%;
    }
    BindingsTable > .bindings--changed-fading {
        background: $warning 15%;
    }
    """
    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "bindings--new",
        "bindings--new-fading",
        "bindings--changed",
        "bindings--changed-fading",
    }

    fading: frozenset[str] = frozenset()
    """NAIs whose mark is on its last poll (see `BindingTracker.fading`)."""

    def __init__(self, backend: DataTableBackend, **kwargs: object) -> None:
        super().__init__(
            backend=backend,
            cursor_type="row",
            render_markup=False,
            zebra_stripes=True,
            **kwargs,  # type: ignore[arg-type]
        )

    _paint: _PaintStyles | None = None

    @property
    def rich_style(self) -> Style:
        """The widget's rich style; worked out once a paint, not three times a line."""
        if self._paint is not None:
            return self._paint.widget
        return super().rich_style

    def get_component_styles(self, *names: str) -> RenderStyles:
        """A component's styles; during a paint, with its rich style worked out once."""
        if self._paint is None:
            return super().get_component_styles(*names)
        return self._paint.component(names, super().get_component_styles)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Paint `crop`, the widget's and its components' styles fixed for the pass."""
        self._paint = None
        self._paint = _PaintStyles(self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def replace_backend(
        self, backend: DataTableBackend, row: int, *, fading: frozenset[str] = frozenset()
    ) -> None:
        """Show `backend`'s rows, cursor on `row` (kept in range), in a single refresh."""
        self.fading = fading
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

    def _highlight(self, row_index: int) -> Style:
        """The tint of a marked row (new or changed binding), or a null style."""
        if self._paint is not None and row_index in self._paint.rows:
            return self._paint.rows[row_index]
        style = Style.null()
        mark = self.get_cell_at(Coordinate(row=row_index, column=_MARK_COLUMN))
        component = _HIGHLIGHTS.get(mark) if isinstance(mark, str) else None
        if component is not None:
            nai = self.get_cell_at(Coordinate(row=row_index, column=_NAI_COLUMN))
            if nai in self.fading:
                component += "-fading"
            tint = self.get_component_styles(component).background
            style = Style(bgcolor=(self.styles.background + tint).rich_color)
        if self._paint is not None:
            self._paint.rows[row_index] = style
        return style

    def _body_style(self, base_style: Style, cursor: bool, hover: bool, in_range: bool) -> Style:
        """The style rich gives a plain body cell: row style, component style, post style."""
        key = (base_style, cursor, hover, in_range)
        if self._paint is not None and key in self._paint.body:
            return self._paint.body[key]
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            in_range,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_type == "range",
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        style = base_style + component_style + post_style
        if self._paint is not None:
            self._paint.body[key] = style
        return style

    def _render_cell(  # type: ignore[override]
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
        in_range: bool = False,
    ) -> list[list[Segment]]:
        """A body cell as one styled segment when its value allows; else the stock path."""
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        if row_index < 0 or column_index < 0 or fixed or self.max_column_content_width:
            return super()._render_cell(
                row_index, column_index, base_style, width, cursor, hover, in_range
            )
        key = (
            row_index,
            column_index,
            base_style,
            cursor,
            hover,
            in_range,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._cell_render_cache.get(key)
        if cached is not None:
            return cached
        value = self.get_cell_at(Coordinate(row=row_index, column=column_index))
        text = plain_cell(value, width)
        if text is None:
            return super()._render_cell(
                row_index, column_index, base_style, width, cursor, hover, in_range
            )
        meta = Style.from_meta({"row": row_index, "column": column_index})
        row_style = base_style + self._highlight(row_index)
        lines = [[Segment(text, self._body_style(row_style, cursor, hover, in_range) + meta)]]
        self._cell_render_cache[key] = lines
        return lines

"""Bindings as an Arrow table, and the filtered, sorted view of it the Bindings tab shows.

Built in the poll worker (or a view worker), never on the UI thread: 128,000 bindings take
a few hundred milliseconds to turn into columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from pmiptui.model.binding_columns import BindingColumns
from pmiptui.model.bindings import Binding
from pmiptui.ui.data.filters import FilterError, Term, parse_filter

_STR = {
    "nai": "nai",
    "state": "state",
    "peer": "peer_id",
    "peer_addr": "peer_address",
    "hoa": "ipv4_home_address",
    "hnp": "ipv6_hnps",
    "att": "att_name",
    "interface": "interface",
    "llid": "llid",
    "tunnel": "tunnel",
    "encap": "encap",
    "gre": None,
    "network": "network",
}
"""String columns and the Binding field each comes from (`gre` joins the two GRE keys)."""
_INT = {
    "lifetime": "lifetime_sec",
    "left": "remaining_sec",
    "seq": "sequence",
    "uptime": "uptime_sec",
}
SIGNATURE = [c for c in _STR if c != "nai"]
"""Columns whose change marks a binding changed (ticking counters left out)."""
MARK = "chg"
"""The column that shows `+` (new) or `~` (changed) for recently changed bindings."""
COLUMNS = [MARK, *_STR, *_INT]
"""The Bindings tab's columns, in display order."""
FIELDS: dict[str, str] = {name: name for name in COLUMNS} | {
    "peer_id": "peer",
    "peer_address": "peer_addr",
    "ipv4_home_address": "hoa",
    "ipv6_hnps": "hnp",
    "att_name": "att",
    "lifetime_sec": "lifetime",
    "remaining_sec": "left",
    "remaining": "left",
    "sequence": "seq",
    "uptime_sec": "uptime",
    "mark": MARK,
}
"""Names a filter may use for a column: the column names and the record field names."""


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """How the operator wants the Bindings tab: filter text and sort."""

    filter: str = ""
    sort: str | None = None
    """A column name, or None for the router's order."""
    descending: bool = False


@dataclass(frozen=True, slots=True)
class BindingsView:
    """The table to show, and what it was built from."""

    spec: ViewSpec
    table: pa.Table
    total: int
    """Bindings before filtering."""
    error: str | None = None
    """Why the filter was not applied (the view is then unfiltered)."""


ROWS_PER_CHUNK = 8_192
"""Rows per Arrow conversion call: each call holds the GIL, so none may run long."""


def base_table(bindings: Sequence[Binding], marks: Mapping[str, str] | None = None) -> pa.Table:
    """All bindings as columns, in the router's order; with a `chg` column when given marks.

    Built as record batches of ROWS_PER_CHUNK rows: converting 128,000 strings to Arrow in
    one call holds the GIL for ~60 ms, and the UI thread waits that long to draw.
    """
    values = _column_values(bindings)
    batches = [
        _batch(partial(values, start=start, end=start + ROWS_PER_CHUNK))
        for start in range(0, len(bindings), ROWS_PER_CHUNK)
    ]
    table = pa.Table.from_batches(batches, _SCHEMA) if batches else _SCHEMA.empty_table()
    return table if marks is None else with_marks(table, marks)


_SCHEMA = pa.schema([(c, pa.string()) for c in _STR] + [(c, pa.int64()) for c in _INT])


def _column_values(bindings: Sequence[Binding]) -> Callable[..., list[Any]]:
    """`values(field, start=, end=)`: one field of a slice of the bindings, as a list.

    The prefixes (`ipv6_hnps`) come space-joined, as the table shows them.
    """
    if isinstance(bindings, BindingColumns):
        return lambda name, start, end: bindings.column(name)[start:end]

    def values(name: str, start: int, end: int) -> list[Any]:
        found = list(map(attrgetter(name), bindings[start:end]))
        return [" ".join(v) for v in found] if name == "ipv6_hnps" else found

    return values


def _batch(values: Callable[[str], list[Any]]) -> pa.RecordBatch:
    """One slice of bindings as a record batch (a few milliseconds)."""
    data: list[pa.Array] = []
    for column, source in _STR.items():
        if column == "gre":
            up = pa.array(values("gre_key_up"), pa.int64())
            down = pa.array(values("gre_key_down"), pa.int64())
            data.append(
                pc.binary_join_element_wise(up.cast(pa.string()), down.cast(pa.string()), "/")
            )
        elif column == "hnp":
            hnps = [h or None for h in values("ipv6_hnps")]
            data.append(pa.array(hnps, pa.string()))
        elif source is not None:
            data.append(pa.array(values(source), pa.string()))
    for source in _INT.values():
        data.append(pa.array(values(source), pa.int64()))
    return pa.RecordBatch.from_arrays(data, schema=_SCHEMA)


def with_marks(table: pa.Table, marks: Mapping[str, str]) -> pa.Table:
    """The table with the `chg` column first: `+`, `~` or empty per row."""
    if marks:
        keys = pa.array(list(marks), pa.string())
        where = pc.index_in(table["nai"], value_set=keys)
        values = pc.fill_null(pa.array(list(marks.values()), pa.string()).take(where), "")
    else:
        values = pa.repeat("", table.num_rows)
    return table.add_column(0, MARK, values)


def _text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    if not pa.types.is_string(column.type):
        column = column.cast(pa.string())
    return column.fill_null("")


def _term_mask(table: pa.Table, term: Term) -> pa.ChunkedArray:
    names = [term.field] if term.field else COLUMNS
    mask = None
    for name in names:
        text = _text(table[name])
        if term.kind == "substr":
            hit = pc.match_substring(text, term.value, ignore_case=True)
        elif term.kind == "regex":
            hit = pc.match_substring_regex(text, term.value)
        else:
            hit = pc.equal(pc.utf8_lower(text), term.value.lower())
        mask = hit if mask is None else pc.or_(mask, hit)
    assert mask is not None
    return pc.invert(mask) if term.negate else mask


def apply_filter(table: pa.Table, text: str) -> pa.Table:
    """Rows matching every term of `text`; raises FilterError for a bad filter."""
    terms = parse_filter(text, FIELDS)
    if not terms:
        return table
    mask = None
    try:
        for term in terms:
            hit = _term_mask(table, term)
            mask = hit if mask is None else pc.and_(mask, hit)
    except pa.ArrowInvalid as error:
        raise FilterError(f"filter not usable: {error}") from None
    return table.filter(mask)


def apply_sort(table: pa.Table, column: str | None, descending: bool) -> pa.Table:
    """Sorted by one column (then NAI, so equal keys keep a stable order)."""
    if column is None:
        return table if not descending else table.take(pa.array(range(table.num_rows - 1, -1, -1)))
    order = "descending" if descending else "ascending"
    keys = [(column, order)] + ([("nai", "ascending")] if column != "nai" else [])
    return table.sort_by(keys)


def build_view(base: pa.Table, spec: ViewSpec) -> BindingsView:
    """The table the tab shows for `spec`; a bad filter leaves it unfiltered, with the error."""
    error = None
    try:
        table = apply_filter(base, spec.filter)
    except FilterError as failure:
        table, error = base, failure.message
    return BindingsView(
        spec=spec,
        table=apply_sort(table, spec.sort, spec.descending),
        total=base.num_rows,
        error=error,
    )


def row_of(table: pa.Table, nai: str | None) -> int:
    """The row index of `nai` in `table`, or -1."""
    if nai is None or table.num_rows == 0:
        return -1
    return int(pc.index(table["nai"], nai).as_py())

"""Records as a Rich table for the terminal: wide-and-short tables are turned on their side."""

from __future__ import annotations

from typing import Any

from rich.table import Table as RichTable
from rich.text import Text

from pmiptui.present.rows import long_table

_MAX_WIDE_COLUMNS = 8


def _show(value: Any) -> Text:
    """A cell as plain text: router values are never read as Rich markup or emoji codes
    (`2001:db8:1000:a::/64` holds `:a:`, a binding line `[Binding]`)."""
    if value is None:
        return Text("-")
    if isinstance(value, bool):
        return Text("yes" if value else "no")
    return Text(str(value))


def rich_table(records: Any, *, title: str | None = None) -> RichTable:
    """A Rich table of the records; more than 8 columns and few rows reads better transposed."""
    table = long_table(records)
    if len(table.columns) > _MAX_WIDE_COLUMNS and len(table.rows) <= 6:
        out = RichTable(title=title, show_lines=False)
        out.add_column("field", style="bold")
        for index, _row in enumerate(table.rows, start=1):
            out.add_column(str(index), overflow="fold")
        for column in table.columns:
            out.add_row(Text(column), *(_show(row.get(column)) for row in table.rows))
        return out
    out = RichTable(title=title)
    for column in table.columns:
        out.add_column(column, overflow="fold")
    for row in table.rows:
        out.add_row(*(_show(row.get(column)) for column in table.columns))
    return out

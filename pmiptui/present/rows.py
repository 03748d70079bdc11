"""Records to one long table: a row per record and per nested record, identity carried down."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pmiptui.model.serialize import to_data


@dataclass(frozen=True, slots=True)
class Table:
    """Column names and rows of display-ready cell values (str, int, bool or None)."""

    columns: list[str]
    rows: list[dict[str, Any]]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return value


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Scalars (lists of scalars joined) versus lists of nested records."""
    scalars, nested = {}, {}
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            nested[key] = value
        elif isinstance(value, dict):
            nested[key] = [value]
        else:
            scalars[key] = _cell(value)
    return scalars, nested


def _identity(scalars: dict[str, Any], count: int = 2) -> dict[str, Any]:
    """The leading fields of a record name it (domain and id, or name)."""
    return dict(list(scalars.items())[:count])


def long_table(records: Sequence[Any] | Any) -> Table:
    """Flatten records (dataclasses) into one table with a `scope` column for nested ones."""
    many = isinstance(records, Sequence) and not isinstance(records, str | bytes)
    items = records if many else [records]
    rows: list[dict[str, Any]] = []

    def walk(data: dict[str, Any], scope: str, parent: dict[str, Any]) -> None:
        scalars, nested = _split(data)
        rows.append({**parent, "scope": scope, **scalars})
        carried = parent if parent else {**parent, **_identity(scalars)}
        for name, children in nested.items():
            for child in children:
                walk(child, name[:-1] if name.endswith("s") else name, carried)

    datas = [to_data(item) for item in items]
    flat = all(not _split(d)[1] for d in datas)
    for data in datas:
        if flat:
            rows.append(_split(data)[0])
        else:
            walk(data, "record", {})
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    return Table(columns=columns, rows=rows)

"""Records to plain JSON-ready data, identity fields first."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from pmiptui.redact import MASK, Secret


def _ordered_fields(cls: type) -> list[str]:
    """Field names: the most derived class's own scalars first (identity leads), lists last."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    names: list[str] = []
    for klass in cls.__mro__:
        for name in getattr(klass, "__annotations__", {}):
            if name in fields and name not in names:
                names.append(name)
    nested = [n for n in names if _is_list(fields[n])]
    return [n for n in names if n not in nested] + nested


def _is_list(field: dataclasses.Field[Any]) -> bool:
    """True for list-valued fields, which read best after the scalars."""
    return str(field.type).startswith(("list", "tuple"))


def to_data(value: Any) -> Any:
    """Turn a record (or list of records) into dicts, lists and scalars; a Secret becomes `***`."""
    if isinstance(value, Secret):
        return MASK
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_data(getattr(value, name)) for name in _ordered_fields(type(value))}
    if isinstance(value, list | tuple | Sequence) and not isinstance(value, str | bytes):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {key: to_data(item) for key, item in value.items()}
    return value

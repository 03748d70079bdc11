"""Records to plain JSON-ready data, identity fields first."""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pmiptui.redact import MASK, Secret

T = TypeVar("T")


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


def from_data(cls: type[T], data: Mapping[str, Any]) -> T:
    """The record of type `cls` that `to_data` turned into `data`; unknown keys are ignored.

    A field typed as a record, or a list of records, is rebuilt from its dicts, so a stored
    poll comes back as the records the console shows.
    """
    hints = _hints(typing.cast(type, cls))
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name not in data:
            continue
        value = data[field.name]
        record = _record_type(hints[field.name])
        if record is not None and isinstance(value, list):
            value = [
                from_data(record, item) if isinstance(item, Mapping) else item for item in value
            ]
        elif record is not None and isinstance(value, Mapping):
            value = from_data(record, value)
        values[field.name] = value
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _record_type(hint: Any) -> type | None:
    """The record class inside a hint such as `list[Tunnel]`, `PmipStats | None`."""
    for part in (hint, *typing.get_args(hint)):
        if dataclasses.is_dataclass(part) and isinstance(part, type):
            return part
        inner = [a for a in typing.get_args(part) if isinstance(a, type)]
        if inner and dataclasses.is_dataclass(inner[0]):
            return inner[0]
    return None

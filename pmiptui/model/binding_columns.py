"""Many bindings stored column by column: a list of values per Binding field.

A console holding an LMA with 128,000 bindings keeps two polls of them alive. As
`Binding` objects that is half a million objects the garbage collector tracks, and every
full collection scans them all while holding the GIL: 300 to 600 ms with the screen frozen.
Columns of strings and integers hold the same values in a few dozen tuples, and pickle as
plain sequences, which unpickle in C without a Python call per record. Tuples, not lists:
the collector stops tracking a tuple of strings and integers after its first pass, whereas
it walks every element of a list on every full pass (5 million visits for two polls of
128,000 bindings, 100+ ms with the screen frozen). A `Binding` is built when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from typing import Any, overload

from pmiptui.model.bindings import Binding

FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Binding))
"""Binding fields in declaration order: the columns."""
_LISTS = frozenset(f.name for f in fields(Binding) if str(f.type).startswith("list"))
"""Fields that hold a list of words in a Binding (prefixes): stored space-joined, as one
string, which unpickles faster than a tuple and which the collector never tracks."""


class BindingColumns(Sequence[Binding]):
    """A read-only sequence of bindings backed by one list of values per field."""

    __slots__ = ("_columns", "_length")

    def __init__(self, columns: Mapping[str, Sequence[Any]]) -> None:
        lengths = {len(values) for values in columns.values()}
        if set(columns) != set(FIELDS) or len(lengths) > 1:
            raise ValueError("a BindingColumns needs every Binding field, all of one length")
        self._columns = {name: tuple(values) for name, values in columns.items()}
        self._length = lengths.pop() if lengths else 0

    @classmethod
    def from_records(cls, records: Iterable[Binding]) -> BindingColumns:
        """Columns from records; repeated values (states, peers, domains) are shared."""
        columns: dict[str, list[Any]] = {name: [] for name in FIELDS}
        shared: dict[Any, Any] = {}
        appends = [(name, columns[name].append) for name in FIELDS]
        for record in records:
            for name, append in appends:
                value = getattr(record, name)
                if name in _LISTS:
                    value = " ".join(value)
                append(shared.setdefault(value, value))
        return cls(columns)

    def column(self, name: str) -> tuple[Any, ...]:
        """The values of one field, in order (list fields space-joined)."""
        return self._columns[name]

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Binding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Binding]: ...

    def __getitem__(self, index: int | slice) -> Binding | list[Binding]:
        if isinstance(index, slice):
            return [self._record(i) for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("binding index out of range")
        return self._record(index)

    def __iter__(self) -> Iterator[Binding]:
        for i in range(self._length):
            yield self._record(i)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BindingColumns):
            return self._columns == other._columns
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            if len(other) != self._length:
                return False
            return all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"BindingColumns({self._length} bindings)"

    def find(self, nai: str) -> Binding | None:
        """The binding of the mobile node `nai`, or None."""
        try:
            return self._record(self._columns["nai"].index(nai))
        except ValueError:
            return None

    def row(self, index: int) -> dict[str, Any]:
        """One binding's fields by name, list fields as lists (what `to_data` gives)."""
        values = {name: self._columns[name][index] for name in FIELDS}
        for name in _LISTS:
            values[name] = values[name].split()
        return values

    def _record(self, index: int) -> Binding:
        return Binding(**self.row(index))


def find_binding(bindings: Sequence[Binding], nai: str) -> Binding | None:
    """The binding of `nai` in any sequence of bindings, or None."""
    if isinstance(bindings, BindingColumns):
        return bindings.find(nai)
    return next((b for b in bindings if b.nai == nai), None)

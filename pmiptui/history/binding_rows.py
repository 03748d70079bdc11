"""Bindings as the history stores them: one JSON text per binding, and a change signature.

A binding counts as changed when anything but its ticking counters changed: remaining
lifetime, uptime and sequence number move on every refresh, and storing every binding
on every poll for them would make a 128,000-binding LMA cost 128,000 rows a poll.
Replayed bindings therefore show the counters of their last recorded change or snapshot.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from pmiptui.model.binding_columns import FIELDS, BindingColumns
from pmiptui.model.serialize import to_data

COUNTERS = frozenset({"remaining_sec", "uptime_sec", "sequence"})
"""Binding fields that tick on their own; a change to them alone is not recorded."""
_SIGNED = tuple(name for name in FIELDS if name not in COUNTERS)
_SLICE = 8_192
_SNAPSHOT_LINES = "#pmiptui-snapshot-lines\n"
"""First line of a snapshot stored as `nai<TAB>json` lines (older ones are one JSON object)."""


def signatures(bindings: Sequence[Any]) -> dict[str, int]:
    """NAI → a number equal for two polls of the binding when only its counters changed.

    Only the result (strings and integers, which the collector ignores) outlives the call:
    keeping a dict per binding alive would give the collector 128,000 more objects to scan
    on every full pass, each pass a UI freeze.
    """
    if isinstance(bindings, BindingColumns):
        nais = bindings.column("nai")
        columns = [bindings.column(name) for name in _SIGNED]
        found: dict[str, int] = {}
        for start in range(0, len(nais), _SLICE):  # C-only iterator chains never let go of
            end = start + _SLICE  # the GIL: one over 128,000 rows would hold it ~150 ms
            rows = zip(*(column[start:end] for column in columns), strict=True)
            found.update(zip(nais[start:end], map(hash, rows), strict=True))
        return found
    return {record.nai: hash(_signed_values(record)) for record in bindings}


def texts(bindings: Sequence[Any], only: Collection[str] | None = None) -> dict[str, str]:
    """NAI → stored JSON text, for every binding or `only` those NAIs."""
    if isinstance(bindings, BindingColumns):
        nais = bindings.column("nai")
        wanted = range(len(nais)) if only is None else [i for i, n in enumerate(nais) if n in only]
        return {nais[i]: _text(bindings.row(i)) for i in wanted}
    return {
        record.nai: _text(to_data(record))
        for record in bindings
        if only is None or record.nai in only
    }


def _signed_values(record: Any) -> tuple[Any, ...]:
    """A record's signed fields as columns hold them (word lists space-joined)."""
    values = (getattr(record, name) for name in _SIGNED)
    return tuple(" ".join(v) if isinstance(v, list) else v for v in values)


def _text(row: dict[str, Any]) -> str:
    """The stored JSON text of one binding."""
    return json.dumps(row, sort_keys=True)


def encode_snapshot(texts: dict[str, str]) -> bytes:
    """A snapshot as `nai<TAB>json` lines: built and read a line at a time, never as one
    JSON document (whose single `dumps`/`loads` call would hold the GIL for 100+ ms)."""
    return (_SNAPSHOT_LINES + "\n".join(f"{nai}\t{text}" for nai, text in texts.items())).encode()


def decode_snapshot(data: bytes) -> dict[str, str]:
    """NAI → stored JSON text, from either snapshot format."""
    text = data.decode()
    if not text.startswith(_SNAPSHOT_LINES):
        return dict(json.loads(text))
    body = text[len(_SNAPSHOT_LINES) :]
    return dict(line.split("\t", 1) for line in body.split("\n") if line)


def encode_change_set(changed: dict[str, str], removed: Iterable[str]) -> bytes:
    """One poll's binding changes as snapshot-style lines; a removed NAI has no text."""
    return encode_snapshot({**changed, **dict.fromkeys(removed, "")})


def decode_change_set(data: bytes) -> list[tuple[str, str | None]]:
    """(NAI, stored JSON text, or None for a binding that went away), in stored order."""
    return [(nai, text or None) for nai, text in decode_snapshot(data).items()]

"""TTP results of the two `binding` templates to Binding records, checked for truncation.

The same templates also read `... binding | include ^Total`: the header line alone, whose
count the `*-binding-total` kinds return without building a single Binding.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from pmiptui.errors import ParseError, PmipError
from pmiptui.model.binding_columns import BindingColumns
from pmiptui.model.bindings import BINDING_STATES, Binding
from pmiptui.parse.counted_blocks import announced_total, build_counted
from pmiptui.parse.kinds import Built
from pmiptui.parse.values import (
    all_canonical_v4,
    to_duration,
    to_encap,
    to_int,
    to_ip,
    to_prefix,
)

_NO_ADDRESS = {"none", "0.0.0.0", "0x0"}


@lru_cache(maxsize=4096)
def _peer_ip(text: str | None, field: str) -> str | None:
    """Peer addresses repeat across thousands of bindings: normalise each once."""
    return to_ip(text, field=field)


_encap = lru_cache(maxsize=256)(to_encap)
"""A handful of encapsulation labels, printed once per binding."""
_REQUIRED = {"state": "State", "peer_id": "peer", "lifetime": "Lifetime", "tunnel": "Tunnel"}


def _int(value: Any, field: str) -> int | None:
    """`to_int`, with the common case (digits) first: bindings have seven numbers each."""
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return to_int(value, field=field)


def _nai(text: str | None) -> str:
    return text or "?"


def _hoa(text: str | None) -> str | None:
    return None if text is None or text.lower() in _NO_ADDRESS else to_ip(text)


def _hnps(text: str | None) -> list[str]:
    return [to_prefix(prefix, field="HNP") or prefix for prefix in text.split()] if text else []


def _number(field: str) -> Callable[[Any], int | None]:
    def number(value: Any) -> int | None:
        return _int(value, field)

    _NUMBERS.add(number)
    return number


_NUMBERS: set[Callable[[Any], int | None]] = set()
"""The converters of number fields (digits convert with `int`)."""


_KEEP = None
_CONVERT: tuple[tuple[str, str, Callable[[Any], Any] | None], ...] = (
    ("nai", "nai", _nai),
    ("domain", "domain", _KEEP),
    ("state", "state", _KEEP),
    ("interface", "interface", _KEEP),
    ("ipv4_home_address", "hoa", _hoa),
    ("att", "att", _number("att")),
    ("att_name", "att_name", _KEEP),
    ("llid", "llid", _KEEP),
    ("peer_id", "peer_id", _KEEP),
    ("peer_address", "peer_address", lambda value: _peer_ip(value, "peer Address")),
    ("network", "network", _KEEP),
    ("lifetime_sec", "lifetime", _number("Lifetime")),
    ("remaining_sec", "remaining", _number("Remaining")),
    ("sequence", "sequence", _number("Sequence")),
    ("tunnel", "tunnel", _KEEP),
    ("encap", "encap", lambda value: None if value is None else _encap(value)),
    ("gre_key_up", "gre_key_up", _number("GRE uplink key")),
    ("gre_key_down", "gre_key_down", _number("GRE downlink key")),
    ("uptime_sec", "uptime", _number("Uptime")),
    ("ipv6_hnps", "hnps", _hnps),
)
"""Binding field, template variable, and how its text becomes the field's value."""
_DURATIONS = (
    ("lifetime_sec", "lifetime", "Lifetime"),
    ("remaining_sec", "remaining", "Remaining"),
    ("uptime_sec", "uptime", "Uptime"),
)
"""Seconds fields a template may also read in another unit: it then captures `VAR_unit`
(`sec`, `msec`, `min`) beside `VAR`, as the globals templates do."""


def _in_seconds(values: dict[str, Any], units: Callable[[str], Any]) -> None:
    """Convert each duration field whose unit the template captured to seconds, in place."""
    for field, key, label in _DURATIONS:
        unit = units(f"{key}_unit")
        if unit is not None:
            values[field] = to_duration(values[field], unit, want="sec", field=label)


def _column(texts: list[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """`[convert(text) for text in texts]`, converting each distinct text once.

    Numbers without gaps convert in one `map(int, ...)`; a column of addresses that are
    all canonical dotted quads (checked with one regex over them all) is kept as it is.
    """
    if convert is _nai and None not in texts and "" not in texts:
        return texts
    if convert in _NUMBERS and None not in texts:
        try:
            return list(map(int, texts))
        except ValueError:
            pass
    distinct = set(texts)
    table: dict[Any, Any] = {}
    if convert is _hoa:
        table = {text: None for text in distinct if text is None or text.lower() in _NO_ADDRESS}
        rest = [text for text in distinct if text not in table]
        if rest and all_canonical_v4(rest):
            table.update(zip(rest, rest, strict=True))
    for text in distinct - table.keys():
        table[text] = convert(text)
    return list(map(table.__getitem__, texts))


def _binding(block: dict[str, Any]) -> Binding:
    if "domain" not in block:
        raise KeyError("domain")
    get: Callable[[str], Any] = block.get
    values = {
        field: get(key) if convert is None else convert(get(key))
        for field, key, convert in _CONVERT
    }
    _in_seconds(values, get)
    return Binding(**values)


def _columns(
    data: dict[str, Any], blocks: dict[str, list[Any]], kind: str, role: str
) -> Built | None:
    """The bindings as columns, converting each distinct text once; None unless the output
    is plain (every block whole, known states, the count as announced), which is then
    left to `_build` and its messages."""
    count = len(blocks["domain"]) if "domain" in blocks else -1
    try:
        if announced_total(data, kind, f"Total {role} bindings") != count:
            return None
    except PmipError:
        return None
    for key in (*_REQUIRED, "uptime", "nai"):
        values = blocks.get(key)
        if values is None or None in values:
            return None
    if not set(blocks["state"]).issubset(BINDING_STATES):
        return None
    columns: dict[str, list[Any]] = {}
    try:
        for field, key, convert in _CONVERT:
            texts = blocks.get(key) or [None] * count
            columns[field] = texts if convert is None else _column(texts, convert)
        for field, key, label in _DURATIONS:
            units = blocks.get(f"{key}_unit")
            if units is not None:
                columns[field] = [
                    to_duration(value, unit, want="sec", field=label)
                    for value, unit in zip(columns[field], units, strict=True)
                ]
    except ParseError:
        return None
    columns["ipv6_hnps"] = [" ".join(prefixes) for prefixes in columns["ipv6_hnps"]]
    return Built(records=BindingColumns(columns), warnings=[])


def _state_check(block: dict[str, Any], nai: str) -> list[str]:
    state = block.get("state")
    if state is not None and state not in BINDING_STATES:
        return [f"binding {nai}: unknown state {state}"]
    return []


def _build(data: dict[str, Any], kind: str, role: str) -> Built:
    return build_counted(
        data,
        kind=kind,
        header=f"Total {role} bindings",
        blocks_key="bindings",
        noun="binding",
        name_key="nai",
        required=_REQUIRED,
        convert=_binding,
        check=_state_check,
    )


def columns_mag(data: dict[str, Any], blocks: dict[str, list[Any]]) -> Built | None:
    """MAG bindings as `BindingColumns`, from plain output's block columns (else None)."""
    return _columns(data, blocks, "mag-bindings", "MAG")


def columns_lma(data: dict[str, Any], blocks: dict[str, list[Any]]) -> Built | None:
    """LMA bindings as `BindingColumns`, from plain output's block columns (else None)."""
    return _columns(data, blocks, "lma-bindings", "LMA")


def build_mag(data: dict[str, Any]) -> Built:
    """MAG bindings (its binding update list), in the router's order."""
    return _build(data, "mag-bindings", "MAG")


def build_lma(data: dict[str, Any]) -> Built:
    """LMA bindings (its binding cache), in the router's order."""
    return _build(data, "lma-bindings", "LMA")


def _total(data: dict[str, Any], kind: str, role: str) -> Built:
    """The count the header announces; any blocks (full output fed in) are not looked at."""
    return Built(records=[announced_total(data, kind, f"Total {role} bindings")], warnings=[])


def build_mag_total(data: dict[str, Any]) -> Built:
    """The MAG's binding count, from `show ipv6 mobile pmipv6 mag binding | include ^Total`."""
    return _total(data, "mag-binding-total", "MAG")


def build_lma_total(data: dict[str, Any]) -> Built:
    """The LMA's binding count, from `show ipv6 mobile pmipv6 lma binding | include ^Total`."""
    return _total(data, "lma-binding-total", "LMA")

"""The bindings filter language: substring, `/regex/`, `field=value`, `!` to invert.

Terms separated by spaces must all match. A whole expression written `/…/` is one regex
(it may contain spaces). `field=/re/` applies a regex to one field; `field=value` compares
the whole field, ignoring case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmiptui.errors import PmipError

_FIELD = re.compile(r"^(?P<field>[A-Za-z_][\w-]*)=(?P<value>.*)$")


class FilterError(PmipError):
    """The filter text cannot be used (unknown field, bad regex)."""

    title = "Bad filter"


@dataclass(frozen=True, slots=True)
class Term:
    """One condition of a filter."""

    kind: str
    """`substr`, `regex` or `equals`."""
    value: str
    field: str | None = None
    """A column name; None means any column."""
    negate: bool = False


def _is_regex(text: str) -> bool:
    return len(text) >= 2 and text.startswith("/") and text.endswith("/")


def _check_regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise FilterError(f"bad regex /{pattern}/: {error}") from None
    return pattern


def parse_filter(text: str, fields: dict[str, str]) -> list[Term]:
    """Terms of `text`; `fields` maps accepted field names (and aliases) to column names."""
    text = text.strip()
    if not text:
        return []
    whole = text[1:] if text.startswith("!") else text
    if _is_regex(whole) and " " in whole:
        return [Term("regex", _check_regex(whole[1:-1]), negate=text.startswith("!"))]
    return [_term(token, fields) for token in text.split()]


def _term(token: str, fields: dict[str, str]) -> Term:
    negate = token.startswith("!")
    body = token[1:] if negate else token
    if not body:
        raise FilterError("`!` needs something to invert, e.g. `!state=BCE_ACTIVE`")
    match = _FIELD.match(body)
    if match:
        name = match["field"].lower()
        if name not in fields:
            known = ", ".join(sorted(set(fields.values())))
            raise FilterError(f"unknown field {match['field']!r}; fields: {known}")
        value = match["value"]
        if _is_regex(value):
            return Term("regex", _check_regex(value[1:-1]), fields[name], negate)
        return Term("equals", value, fields[name], negate)
    if _is_regex(body):
        return Term("regex", _check_regex(body[1:-1]), None, negate)
    return Term("substr", body, None, negate)

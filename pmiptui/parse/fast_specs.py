"""The records a compiled template is made of (see `fast_template`): groups, lines, blocks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Path = tuple[tuple[str, str], ...]
"""A group's result path as TTP forms it: (name, asterisks) per level."""


class Unsupported(Exception):
    """A template feature the fast engine does not reproduce; the message says which."""


@dataclass(frozen=True, slots=True, eq=False)
class GroupSpec:
    """One TTP group: where its results go and which group encloses it."""

    index: int
    group_id: tuple[str, int]
    parent: int | None
    path: Path


@dataclass(frozen=True, slots=True, eq=False)
class LineSpec:
    """One template line: its regex, what TTP does with a match, and its variables."""

    index: int
    """Position in TTP's order of running regexes (start, then others, then children)."""
    group: int
    top: int
    action: str
    is_start: bool
    regex: re.Pattern[str]
    """The line regex without TTP's `\\n` and tail, for `fullmatch` on one cleaned line."""
    names: tuple[str, ...]
    """Result key (the variable's original name) of each named group, in order."""
    converters: tuple[Callable[[Any], Any] | None, ...]
    joinchar: str
    """What TTP's join puts between two matches of a variable of this line."""
    prefix: str
    """Literal text every line this regex matches starts with (after cleaning)."""

    def may_overlap(self, other: LineSpec) -> bool:
        """True when some cleaned line could match both regexes (one prefix starts the other)."""
        return self.prefix.startswith(other.prefix) or other.prefix.startswith(self.prefix)


@dataclass(frozen=True, slots=True, eq=False)
class BlockSpec:
    """A whole repeated block of one top-level group as one regex over raw lines."""

    top: int
    start: LineSpec
    regex: re.Pattern[str]
    """Starts at the first line's literal; every further line is optional, in order."""
    names: tuple[str, ...]
    """Result keys of the variables of single lines..."""
    plain: Callable[[tuple[Any, ...]], tuple[Any, ...]]
    """...and their values, picked from the match's groups (None: the line is absent)."""
    joins: tuple[tuple[int, str, re.Pattern[str], str], ...]
    """Repeated join lines: (group number of the run, result key, line regex, joinchar)."""


@dataclass(frozen=True, slots=True, eq=False)
class FastTemplate:
    """Everything the one-pass parser needs to know about one template."""

    groups: tuple[GroupSpec, ...]
    lines: tuple[LineSpec, ...]
    tops: int
    combined: re.Pattern[str]
    """All line regexes as one alternation; `lastindex` tells which alternative matched."""
    alternative: dict[int, tuple[LineSpec, tuple[int, ...]]]
    """Wrapper group number to (line, group numbers of its variables in `combined`)."""
    partners: dict[int, tuple[LineSpec, ...]]
    """Line index to later lines that may match the same text (checked one by one)."""
    blocks: tuple[BlockSpec, ...]

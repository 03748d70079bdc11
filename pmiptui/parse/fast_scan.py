"""One pass over raw output: clean each line, match it, and note what matched nothing.

Lines are cleaned exactly as `clean_lines` cleans them (it shares `clean_line`), then asked
which template lines match them. Where the template has a repeated block of plain lines
(bindings, tunnels), a whole block that cleaning would leave unchanged is matched by one
regex straight on the raw text; the lines around such blocks take the line-by-line path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pmiptui.parse.clean import clean_line, has_control, split_lines
from pmiptui.parse.fast_results import Match
from pmiptui.parse.fast_specs import BlockSpec, FastTemplate, LineSpec

_SEPARATOR = re.compile(r"^-{3,}$")


@dataclass(slots=True)
class Scan:
    """What one pass found: per top-level group, the matches of each line, in order."""

    runs: list[list[list[Match]]]
    unparsed: list[tuple[int, str]] = field(default_factory=list)
    """(line number, cleaned text) of kept lines no template line matches."""
    kept: bool = False
    """True once some line survived cleaning (else the output is empty)."""
    recognised: bool = False
    """True when a line matched outside blocks is one only this kind's command prints."""


def normalised(raw: str) -> str:
    """The raw text with one `\\n` per line break and no pager or terminal noise.

    Equal to `"\\n".join(split_lines(raw))`; the common case (CRLF only) is one replace.
    """
    text = raw.replace("\r\n", "\n")
    if "\r" in text or "\x08" in text or "More" in text or "more" in text:
        return "\n".join(split_lines(raw))
    if has_control(text):
        return "\n".join(split_lines(raw))
    return text


class _Scanner:
    def __init__(
        self, template: FastTemplate, keep_indent: bool, recognises: Callable[[str], bool]
    ) -> None:
        self.template = template
        self.keep_indent = keep_indent
        self.recognises = recognises
        self.active = [False] * len(template.groups)
        self.parents = [group.parent for group in template.groups]
        self.scan = Scan(runs=[[] for _ in range(template.tops)])

    def lines(self, chunk: str, number: int) -> None:
        """Clean and match each line of `chunk`, the first being line `number`."""
        scan = self.scan
        keep_indent = self.keep_indent
        for offset, raw_line in enumerate(chunk.split("\n")):
            text = clean_line(
                raw_line, number + offset, first=not scan.kept, keep_indent=keep_indent
            )
            if text is None:
                continue
            scan.kept = True
            if not scan.recognised and self.recognises(text):
                scan.recognised = True
            matches = self.match(text)
            if matches is None:
                if not _SEPARATOR.match(text.strip()):
                    scan.unparsed.append((number + offset, text))
            elif matches:
                self.admit(matches)

    def match(self, text: str) -> list[Match] | None:
        """Every template line matching `text`, in TTP's order; None when none does."""
        template = self.template
        found = template.combined.fullmatch(text)
        if found is None:
            return None
        line, numbers = template.alternative[found.lastindex or 0]
        values = [found.group(number) for number in numbers]
        matches: list[Match] = [(line, _values(line, values))]
        for other in template.partners.get(line.index, ()):
            again = other.regex.fullmatch(text)
            if again is not None:
                values = [again.group(name) for name in other.regex.groupindex]
                matches.append((other, _values(other, values)))
        return matches

    def admit(self, matches: list[Match]) -> None:
        """Keep the matches TTP would find: a group's lines count from its first start line
        (inside its parent's span); then file them under their top-level group."""
        active = self.active
        parents = self.parents
        runs = self.scan.runs
        current: list[Match] | None = None
        top = -1
        for line, data in matches:
            group = line.group
            if line.is_start:
                parent = parents[group]
                if parent is not None and not active[parent]:
                    continue
                active[group] = True
            elif not active[group]:
                continue
            if line.top != top:
                top = line.top
                current = []
                runs[top].append(current)
            current.append((line, data))  # type: ignore[union-attr]

    def block(self, spec: BlockSpec, found: re.Match[str]) -> None:
        """One whole block matched on the raw text: one start with all its values."""
        groups = found.groups()
        data: dict[str, Any] = {
            name: value
            for name, value in zip(spec.names, spec.plain(groups), strict=True)
            if value is not None
        }
        for number, name, join, joinchar in spec.joins:
            value = groups[number - 1]
            if value:
                data[name] = joinchar.join(item.group(1) for item in join.finditer(value))
        self.active[spec.start.group] = True
        self.scan.runs[spec.top].append([(spec.start, data)])


def _values(line: LineSpec, values: list[Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, converter, value in zip(line.names, line.converters, values, strict=True):
        data[name] = value if converter is None else converter(value)
    return data


def scan(
    template: FastTemplate, raw: str, *, keep_indent: bool, recognises: Callable[[str], bool]
) -> Scan:
    """Clean and match every line of `raw` once (raises RouterError like `clean_lines`)."""
    text = normalised(raw)
    scanner = _Scanner(template, keep_indent, recognises)
    spec = template.blocks[0] if template.blocks and not keep_indent else None
    if spec is None:
        scanner.lines(text, 1)
        return scanner.scan
    pos = 0  # start of the first line not yet handled
    number = 1  # its line number
    search = spec.regex.search
    while (found := search(text, pos)) is not None:
        begin = text.rfind("\n", 0, found.start()) + 1
        if begin > pos:
            gap = text[pos : begin - 1]
            if gap and not gap.isspace():  # blank lines are never kept
                scanner.lines(gap, number)
            number += text.count("\n", pos, begin)
            pos = begin
        indent = text[begin : found.start()]
        if not scanner.scan.kept or indent.strip(" \t"):
            # Before any kept line (an echo could hide there) or not at a line start:
            # this line goes the line-by-line way.
            end = text.find("\n", begin)
            end = len(text) if end < 0 else end
            scanner.lines(text[begin:end], number)
            number += 1
            pos = end + 1
            continue
        scanner.block(spec, found)
        end = found.end()
        number += text.count("\n", begin, end) + 1
        pos = end + 1
        scanner.scan.kept = True
    if pos <= len(text):
        scanner.lines(text[pos:], number)
    return scanner.scan


@dataclass(slots=True)
class Tiled:
    """Output whose blocks follow each other with nothing between them: the lines around
    the blocks as a `Scan`, and every block as the raw groups of one regex match."""

    scan: Scan
    spec: BlockSpec
    rows: list[tuple[str | None, ...]]


def tile(
    template: FastTemplate, raw: str, *, keep_indent: bool, recognises: Callable[[str], bool]
) -> Tiled | None:
    """The blocks of `raw` as one `finditer`, when they tile the text between a head and a
    tail of other lines; None when anything else comes between them (then `scan` it).

    This is `scan` without its Python loop per block: a block here is exactly what `scan`
    would have matched, since `scan` searches for the next block from the previous one's end.
    """
    spec = template.blocks[0] if template.blocks and not keep_indent else None
    if spec is None:
        return None
    text = normalised(raw)
    found = list(spec.regex.finditer(text))
    if not found:
        return None
    first = found[0].start()
    if first == 0 or text[first - 1] != "\n":
        return None  # no head (an echo could hide there) or not at a line start
    ends = [match.end() for match in found]
    starts = [match.start() for match in found]
    if any(
        start != end + 1 and not (text[start - 1] == "\n" and text[end:start].isspace())
        for start, end in zip(starts[1:], ends, strict=False)
    ):
        return None  # a line between two blocks (blank lines are never kept)
    scanner = _Scanner(template, keep_indent, recognises)
    scanner.lines(text[: first - 1], 1)
    if not scanner.scan.kept:
        return None
    last = ends[-1]
    scanner.active[spec.start.group] = True  # the blocks started it, as in `scan`
    if last < len(text):
        scanner.lines(text[last + 1 :], text.count("\n", 0, last) + 2)
    if scanner.scan.runs[spec.top] or not scanner.scan.recognised:
        return None  # block lines outside the blocks, or no header: `scan` sorts it out
    return Tiled(scanner.scan, spec, [match.groups() for match in found])


def block_columns(tiled: Tiled) -> dict[str, list[Any]]:
    """Each block variable's values over all blocks, in order (None where a line is absent),
    exactly as `scan` would have put them in each block's record."""
    spec, rows = tiled.spec, tiled.rows
    picked = [spec.plain(row) for row in rows]
    if picked:
        columns = dict(zip(spec.names, map(list, zip(*picked, strict=True)), strict=True))
    else:
        columns = {name: [] for name in spec.names}
    for number, name, join, joinchar in spec.joins:
        columns[name] = [
            joinchar.join(item.group(1) for item in join.finditer(value)) if value else None
            for value in (row[number - 1] for row in rows)
        ]
    return columns

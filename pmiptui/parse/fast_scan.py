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

from pmiptui.parse.clean import ANY_CONTROL, clean_line, split_lines
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
    if ANY_CONTROL.search(text):
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

"""Output filters after ``|`` on show commands: include, exclude, begin, section, count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmiptui.ios.cli_error import CliError, ErrorKind

PIPE_KINDS = ("begin", "count", "exclude", "include", "section")
"""Filter keywords, each abbreviable to a unique prefix (``sec``, ``i``)."""

PIPE_HELP: dict[str, str] = {
    "begin": "Begin with the line that matches",
    "count": "Count number of lines which match regexp",
    "exclude": "Exclude lines that match",
    "include": "Include lines that match",
    "section": "Filter a section of output",
}
"""The ``?`` help line IOS prints for each filter keyword."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Pipe:
    """One output filter: its keyword and regular expression (the rest of the line)."""

    kind: str
    regex: str

    @property
    def text(self) -> str:
        """Canonical text, e.g. ``| section ipv6 mobile``."""
        return f"| {self.kind} {self.regex}"


def parse_pipe(line: str, start: int) -> Pipe | CliError:
    """Parse the filter that follows the ``|`` at column ``start - 1`` of ``line``."""
    rest = line[start:]
    found = re.match(r"\s*(\S+)", rest)
    if found is None:
        return CliError(kind=ErrorKind.INCOMPLETE, column=len(line), line=line)
    word = found.group(1).lower()
    column = start + found.start(1)
    choices = [k for k in PIPE_KINDS if k.startswith(word)]
    if not choices:
        return CliError(
            kind=ErrorKind.INVALID, column=column, line=line, detail=f"unknown filter {word!r}"
        )
    if len(choices) > 1:
        return CliError(kind=ErrorKind.AMBIGUOUS, column=column, line=line)
    regex = rest[found.end() :].strip()
    if not regex:
        return CliError(kind=ErrorKind.INCOMPLETE, column=len(line), line=line)
    try:
        re.compile(regex)
    except re.error as exc:
        return CliError(
            kind=ErrorKind.INVALID,
            column=start + rest.index(regex),
            line=line,
            detail=f"bad regular expression: {exc}",
        )
    return Pipe(kind=choices[0], regex=regex)


def apply_pipe(text: str, pipe: Pipe) -> str:
    """Filter command output the way IOS does for each filter keyword."""
    pattern = re.compile(pipe.regex)
    lines = text.splitlines()
    if pipe.kind == "include":
        kept = [ln for ln in lines if pattern.search(ln)]
    elif pipe.kind == "exclude":
        kept = [ln for ln in lines if not pattern.search(ln)]
    elif pipe.kind == "begin":
        first = next((i for i, ln in enumerate(lines) if pattern.search(ln)), len(lines))
        kept = lines[first:]
    elif pipe.kind == "count":
        return (
            f"Number of lines which match regexp = {sum(1 for ln in lines if pattern.search(ln))}"
        )
    else:
        return section(text, pipe.regex)
    return "\n".join(kept)


def _indent(line: str) -> int:
    """Number of leading spaces."""
    return len(line) - len(line.lstrip(" "))


def section(text: str, regex: str) -> str:
    """IOS ``| section``: each line matching ``regex`` plus the lines indented beneath it."""
    pattern = re.compile(regex)
    lines = text.splitlines()
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if not pattern.search(lines[i]):
            i += 1
            continue
        depth = _indent(lines[i])
        kept.append(lines[i])
        i += 1
        while i < len(lines) and lines[i].strip() and _indent(lines[i]) > depth:
            kept.append(lines[i])
            i += 1
    return "\n".join(kept)

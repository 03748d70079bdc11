"""Whole-block regexes: a repeated top-level group of simple lines matched in one go.

For a repeated block (`<group name="x*">` of literal text and plain words) one regex matches
the whole block in the raw text, so a block costs one match, not one per line. It accepts a
block only where cleaning would leave every line unchanged, so results stay TTP's.
"""

from __future__ import annotations

import operator
import re
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from pmiptui.parse.fast_specs import BlockSpec, GroupSpec, LineSpec

_WORD_VAR = re.compile(r"\(\?P<\w+>\(\?:\\S\+\)\)")


def block_spec(lines: list[LineSpec], top: int, groups: list[GroupSpec]) -> BlockSpec | None:
    """The whole-block regex of a simple repeated top-level group, if it has that shape."""
    own = [line for line in lines if line.top == top]
    if len({line.group for line in own}) != 1 or not groups[own[0].group].path[-1][1]:
        return None
    start, rest = own[0], own[1:]
    if start.action != "start" or any(line.is_start for line in rest):
        return None
    if any(line.action not in ("add", "join") for line in rest):
        return None
    if any(other is not line and line.may_overlap(other) for line in own for other in lines):
        return None
    names = [name for line in own for name in line.names]
    if len(names) != len(set(names)):
        return None
    sources: list[str] = []
    plain: list[tuple[int, str]] = []
    joins: list[tuple[int, str, re.Pattern[str], str]] = []
    number = 1
    for position, line in enumerate(own):
        skeleton = _raw_line(line)
        if skeleton is None:
            return None
        if line.action == "join":
            if len(line.names) != 1:
                return None
            sources.append(f"((?:\\n[ \\t]*{skeleton}[ \\t]*(?=\\n|\\Z))*)")
            joins.append((number, line.names[0], re.compile(skeleton), line.joinchar))
            number += 1 + len(line.names)
            continue
        if position == 0:
            sources.append(f"{skeleton}[ \\t]*(?=\\n|\\Z)")
        else:
            sources.append(f"(?:\\n[ \\t]*{skeleton}[ \\t]*(?=\\n|\\Z))?")
        for name in line.names:
            plain.append((number - 1, name))
            number += 1
    if len(plain) < 2:
        return None
    return BlockSpec(
        top=top,
        start=start,
        regex=re.compile("".join(sources)),
        names=tuple(name for _, name in plain),
        plain=operator.itemgetter(*(index for index, _ in plain)),
        joins=tuple(joins),
    )


def _raw_line(line: LineSpec) -> str | None:
    """The line as a regex over a raw (uncollapsed) line, if it is literal text and words.

    Every variable must be a plain word (`\\S+`, no function but joinmatches) and every gap
    one space, so a raw line matches only when cleaning would leave it unchanged. The first
    character must rule out prompts, errors and leading blanks.
    """
    if any(converter is not None for converter in line.converters):
        return None
    source = _WORD_VAR.sub("(\\\\S+)", _original(line)).replace("[ \\t]+", " ")
    literal = source.replace("(\\S+)", "")
    try:
        nodes = sre_parse.parse(literal)
    except re.error:
        return None
    if any(op is not sre_c.LITERAL for op, _ in nodes):
        return None
    text = "".join(chr(av) for _, av in nodes)
    if source.startswith("(") or not text or text[0].isspace() or text[0] == "%":
        return None
    if text[0].isalnum() and " " not in source:
        return None  # could be a prompt such as `lma1#`
    if source.endswith(" ") or source.endswith("\\ "):
        return None
    return source


def _original(line: LineSpec) -> str:
    """The line regex with its variable names, without the `[\\t ]*` tail added for fullmatch."""
    return line.regex.pattern.removesuffix("[\\t ]*")

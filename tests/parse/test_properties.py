"""Properties every successfully parsed show-output fixture keeps under harmless changes.

(a) Whitespace runs, trailing spaces, CRLF versus LF and extra blank lines never change the
records. (b) Reordering binding, tunnel or peer blocks only reorders the records.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmiptui.model.serialize import to_data
from pmiptui.parse import parse
from pmiptui.parse.kinds import KINDS
from tests.parse.fixtures import cases

_SETTINGS = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parsed_ok(txt: Path) -> bool:
    """True when the fixture's expected result is records, not an error."""
    expected = txt.with_suffix(".json")
    return expected.exists() and "error" not in json.loads(expected.read_text())


SHOW_CASES = [
    pytest.param(kind, txt, id=f"{kind}/{txt.stem}")
    for kind, txt in cases()
    if not KINDS[kind].keep_indent and _parsed_ok(txt)
]


def _records(kind: str, text: str) -> list[Any]:
    return to_data(parse(kind, text).records)


@st.composite
def _respaced(draw: st.DrawFn, text: str) -> str:
    """The same output with every space run widened, trailing blanks, CRLF and blank lines."""
    gap = st.sampled_from([" ", "  ", "   ", "\t", " \t ", "        "])
    lines = []
    for line in text.splitlines():
        parts = line.split(" ")
        line = parts[0] + "".join(draw(gap) + part for part in parts[1:])
        lines.append(line + draw(st.sampled_from(["", " ", "   ", "\t"])))
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", " ", "\t"])))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


@pytest.mark.parametrize(("kind", "txt"), SHOW_CASES)
@_SETTINGS
@given(data=st.data())
def test_whitespace_never_changes_records(kind: str, txt: Path, data: st.DataObject) -> None:
    text = txt.read_text()
    assert _records(kind, data.draw(_respaced(text))) == _records(kind, text)


# Lines that start a reorderable block, per kind; globals nest peers inside instances.
# A block's first line may follow a `--More--` pager prompt on the same raw line.
def _starts(label: str) -> re.Pattern[str]:
    return re.compile(r"^(?:\s*-+\s*More\s*-+[\s\x08]*)?\s*" + label)


_BINDING = _starts(r"\[Binding\]\[MN\]: Domain:")
_TUNNEL = _starts(r"Tunnel\s*:")
_BLOCK_START = {
    "mag-bindings": _BINDING,
    "lma-bindings": _BINDING,
    "mag-tunnel": _TUNNEL,
    "lma-tunnel": _TUNNEL,
}
_INSTANCE = _starts(r"Domain\s*:")
_PEER = _starts(r"Peer\s*:")


def _split(lines: list[str], start: re.Pattern[str]) -> tuple[list[str], list[list[str]]]:
    """Lines before the first block, then each block from its start line to the next one.

    A trailing prompt stays with the last block: prompt lines are dropped wherever they are.
    """
    head: list[str] = []
    blocks: list[list[str]] = []
    for line in lines:
        if start.match(line):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        else:
            head.append(line)
    return head, blocks


def _shuffled_blocks(lines: list[str], start: re.Pattern[str], order: list[int]) -> list[str]:
    head, blocks = _split(lines, start)
    return head + [line for i in order for line in blocks[i]]


PERMUTABLE = [
    param
    for param in SHOW_CASES
    if param.values[0] in _BLOCK_START or param.values[0].endswith("globals")
]


@pytest.mark.parametrize(("kind", "txt"), PERMUTABLE)
@_SETTINGS
@given(data=st.data())
def test_block_order_only_reorders_records(kind: str, txt: Path, data: st.DataObject) -> None:
    lines = txt.read_text().splitlines()
    original = _records(kind, txt.read_text())
    if kind in _BLOCK_START:
        count = len(_split(lines, _BLOCK_START[kind])[1])
        order = data.draw(st.permutations(range(count)))
        shuffled = _shuffled_blocks(lines, _BLOCK_START[kind], order)
        assert _records(kind, "\n".join(shuffled)) == [original[i] for i in order]
        return
    head, instances = _split(lines, _INSTANCE)
    expected = []
    out = list(head)
    for number, instance in enumerate(instances):
        count = len(_split(instance, _PEER)[1])
        order = data.draw(st.permutations(range(count)))
        out += _shuffled_blocks(instance, _PEER, order)
        record = dict(original[number])
        record["peers"] = [original[number]["peers"][i] for i in order]
        expected.append(record)
    assert _records(kind, "\n".join(out)) == expected

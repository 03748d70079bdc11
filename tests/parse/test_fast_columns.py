"""Plain binding output takes the column path; anything else leaves it, with TTP's result."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmiptui.model.binding_columns import BindingColumns
from pmiptui.parse import parse
from pmiptui.parse.clean import has_control
from tests.benchmarks.bench_parse import lma_binding_output, mag_binding_output
from tests.parse.test_fast_vs_ttp import assert_same

PLAIN = lma_binding_output(30)


def _mutate(text: str, how: str) -> str:
    lines = text.split("\r\n")
    second = next(i for i, line in enumerate(lines) if "Nai: mn1@" in line)
    if how == "junk between blocks":
        lines.insert(second, "some line no template knows")
    elif how == "blank lines between blocks":
        lines[second:second] = ["", "   ", ""]
    elif how == "count too high":
        lines = [line.replace("bindings : 30", "bindings : 31") for line in lines]
    elif how == "unknown state":
        lines = [line.replace("State: BCE_ACTIVE", "State: BCE_WEIRD", 1) for line in lines]
    elif how == "odd address":
        lines = [line.replace("Hoa: 10.0.0.0,", "Hoa: 010.0.0.0,") for line in lines]
    elif how == "missing uptime":
        uptime = next(i for i, line in enumerate(lines) if "Uptime" in line)
        del lines[uptime]
    elif how == "prompt after":
        lines.append("lma1#")
    elif how == "no header":
        lines = [line for line in lines if not line.startswith("Total")]
    elif how == "big number":
        lines = [line + ",000" if line.endswith("Sequence: 1") else line for line in lines]
    return "\r\n".join(lines)


def test_plain_output_comes_back_as_columns_equal_to_ttps() -> None:
    for kind, text in (("lma-bindings", PLAIN), ("mag-bindings", mag_binding_output(30))):
        result = parse(kind, text)
        assert isinstance(result.records, BindingColumns) and len(result.records) == 30
        assert_same(kind, text)


@pytest.mark.parametrize(
    "how",
    [
        "junk between blocks",
        "blank lines between blocks",
        "count too high",
        "unknown state",
        "odd address",
        "missing uptime",
        "prompt after",
        "no header",
        "big number",
    ],
)
def test_anything_unusual_gives_ttps_result(how: str) -> None:
    text = _mutate(PLAIN, how)
    assert text != PLAIN
    assert_same("lma-bindings", text)


@given(st.text(alphabet=st.characters(max_codepoint=0x200)))
def test_has_control_finds_what_the_cleaning_removes(text: str) -> None:
    assert has_control(text) == bool(re.search(r"[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]", text))

"""The one-pass engine gives exactly what TTP gives: records, unparsed lines, warnings, errors.

TTP stays the reference. Every fixture, and outputs generated from them and mutated the way
real sessions and routers mangle them (lines shuffled, dropped, doubled, truncated, junk and
noise added), go through both engines; the outcomes must be identical.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmiptui.errors import InputError
from pmiptui.model.serialize import to_data
from pmiptui.parse import parse
from pmiptui.parse.engine import fast_support
from pmiptui.parse.kinds import KINDS
from tests.benchmarks.bench_parse import binding_block
from tests.parse.fixtures import cases

FALLBACK: dict[str, str] = {}
"""Kinds that keep TTP, and why (see `fast_support`); running-config has a reader, no template."""

_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_TEXTS: dict[str, list[str]] = {}
for _kind, _txt in cases():
    _TEXTS.setdefault(_kind, []).append(_txt.read_text())


def outcome(kind: str, raw: str, engine: str) -> tuple[Any, ...]:
    """What a parse gives, as plain data: records, unparsed lines and warnings, or the error."""
    try:
        result = parse(kind, raw, engine=engine)  # type: ignore[arg-type]
    except Exception as error:  # any exception, PmipError or not, must be the same
        return ("error", type(error).__name__, str(error))
    return (
        "ok",
        to_data(list(result.records)),
        [(line.number, line.text) for line in result.unparsed],
        result.warnings,
    )


def assert_same(kind: str, raw: str) -> None:
    assert outcome(kind, raw, "auto") == outcome(kind, raw, "ttp"), raw


def test_which_kinds_fall_back_to_ttp() -> None:
    reasons = {kind: fast_support(kind) for kind in KINDS}
    assert {kind: reason for kind, reason in reasons.items() if reason} == FALLBACK


def test_a_reader_kind_reads_whatever_the_engine() -> None:
    raw = "ipv6 mobile pmipv6-domain D1\n encap gre-ipv4\n"
    assert outcome("running-config", raw, "fast") == outcome("running-config", raw, "ttp")
    with pytest.raises(InputError, match="not parsed by a TTP template"):
        assert KINDS["running-config"].ttp


@pytest.mark.parametrize(("kind", "txt"), cases(), ids=lambda v: getattr(v, "stem", v))
def test_fixture(kind: str, txt: Path) -> None:
    assert_same(kind, txt.read_text())


_JUNK = [
    "",
    "   ",
    "-----",
    "---------------------------",
    "lma1#",
    "mag1(config)#",
    "lma1#show ipv6 mobile pmipv6 lma binding",
    "show ipv6 mobile pmipv6 mag globals",
    "% Invalid input detected at '^' marker.",
    "%",
    "Foo : bar",
    "random words here",
    "\t tabbed \t line",
    " --More-- ",
    "<--- More --->",
    "\x1b[K",
    "\x07bell",
    "ab\x08\x08cd",
    "Total LMA bindings : 2",
    "Total MAG tunnels : 1",
    "Domain : D9",
    "Peer : P9",
    "Status 130 BAD : 3",
    "[Binding][MN]: Domain: D1, Nai: junk@x",
    "[Binding][MN]: HNP: 2001:db8::/64",
    "[Binding][MN]: Uptime: 5 (sec)",
    "Tunnel : Tunnel99",
    "Uptime : 1 (sec)",
]


def _respace(line: str, draw: st.DrawFn) -> str:
    gap = draw(st.sampled_from([" ", "  ", "\t", " \t"]))
    lead = draw(st.sampled_from(["", " ", "        ", "\t"]))
    tail = draw(st.sampled_from(["", " ", "  \t"]))
    return lead + gap.join(line.split(" ")) + tail


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> str:
    """A fixture (or two run together), mutated a few times, as Netmiko might return it."""
    texts = _TEXTS[kind]
    lines = draw(st.sampled_from(texts)).splitlines()
    if draw(st.integers(0, 4)) == 0:
        lines += draw(st.sampled_from(texts)).splitlines()
    other_lines = [
        line for texts_ in _TEXTS.values() for text in texts_ for line in text.splitlines()
    ]
    for _ in range(draw(st.integers(0, 5))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(
                ["shuffle", "drop", "double", "junk", "foreign", "truncate", "respace", "more"]
            )
        )
        if op == "shuffle":
            end = min(len(lines), at + draw(st.integers(2, 12)))
            window = lines[at:end]
            lines[at:end] = draw(st.permutations(window))
        elif op == "drop":
            del lines[at]
        elif op == "double":
            lines.insert(draw(st.integers(0, len(lines))), lines[at])
        elif op == "junk":
            lines.insert(at, draw(st.sampled_from(_JUNK)))
        elif op == "foreign":
            lines.insert(at, draw(st.sampled_from(other_lines)))
        elif op == "truncate":
            cut = draw(st.integers(0, len(lines[at])))
            lines = [*lines[:at], lines[at][:cut]]
        elif op == "respace":
            lines[at] = _respace(lines[at], draw)
        else:
            lines[at] = draw(st.sampled_from([" --More-- ", "\x08\x08\x08", "\x1b[K"])) + lines[at]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline, newline + "lma1#"]))


@pytest.mark.parametrize("kind", list(KINDS))
@_SETTINGS
@given(data=st.data())
def test_mutated_fixtures(kind: str, data: st.DataObject) -> None:
    assert_same(kind, data.draw(mutated(kind)))


@st.composite
def binding_output(draw: st.DrawFn, role: str) -> str:
    """Generated binding blocks (the bench's format), with blocks broken up inside."""
    count = draw(st.integers(0, 8))
    peer = "MAG" if role == "LMA" else "LMA"
    blocks = []
    for _ in range(count):
        block = [
            line.replace("[PEER]: MAG:", f"[PEER]: {peer}:")
            for line in binding_block(draw(st.integers(0, 200_000)))
            if role == "LMA" or "Network:" not in line
        ]
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(block) - 1))
            op = draw(st.sampled_from(["drop", "swap", "hnp", "respace", "junk", "blank"]))
            if op == "drop":
                del block[at]
            elif op == "swap" and at + 1 < len(block):
                block[at], block[at + 1] = block[at + 1], block[at]
            elif op == "hnp":
                block.insert(at, "        [Binding][MN]: HNP: 2001:DB8:FF::/64")
            elif op == "respace":
                block[at] = _respace(block[at].strip(), draw)
            elif op == "junk":
                block.insert(at, draw(st.sampled_from(_JUNK)))
            else:
                block.insert(at, "")
        blocks += block
    announced = count + draw(st.sampled_from([0, 0, 0, 1, -1]))
    head = [f"{role.lower()}1#show ipv6 mobile pmipv6 {role.lower()} binding"]
    if draw(st.integers(0, 6)):
        head.append(f"Total {role} bindings : {announced}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join([*head, "", *blocks, f"{role.lower()}1#"])


@pytest.mark.parametrize("role", ["LMA", "MAG"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_bindings(role: str, data: st.DataObject) -> None:
    assert_same(f"{role.lower()}-bindings", data.draw(binding_output(role)))


def test_a_block_line_after_the_last_block_goes_to_that_block() -> None:
    # Found by test_generated_bindings: after the last whole block, an HNP line was matched
    # but neither filed (TTP adds it to the block) nor reported, on the columns path.
    hnp = "[Binding][MN]: HNP: 2001:DB8:FF::/64"
    raw = "\n".join(["r1#", "Total LMA bindings : 1", *binding_block(0), hnp, "r1#"])
    assert_same("lma-bindings", raw)
    assert parse("lma-bindings", raw).records[0].ipv6_hnps == ["2001:db8:ff::/64"]

"""The 24 procedures replay cleanly, keep their prompts, and round-trip as running-config."""

from __future__ import annotations

from typing import Any

import pytest

from pmiptui.ios import (
    CliError,
    apply,
    empty_tree,
    parse_running_config,
    prompt,
    render_running_config,
    resolve,
)
from pmiptui.ios.modes import Frame, ModeStack
from tests.guide_examples import BY_ID, PROCEDURES, Procedure


def replay(lines: tuple[tuple[str, str], ...]) -> tuple[Any, ModeStack]:
    tree = empty_tree()
    stack: ModeStack = (Frame(mode=lines[0][0]),)
    for mode, line in lines:
        assert stack, f"session closed before {line!r}"
        assert prompt("Device", stack[-1].mode) == prompt("Device", mode), line
        found = resolve(stack, line)
        assert not isinstance(found, CliError), f"{line!r}: {found.render()} {found.detail}"
        tree, stack = apply(tree, stack, found)
    return tree, stack


@pytest.mark.parametrize("proc", PROCEDURES, ids=[p.id for p in PROCEDURES])
def test_procedure_replays_and_round_trips(proc: Procedure) -> None:
    tree, _ = replay(proc.lines)
    text = render_running_config(tree)
    assert parse_running_config(text) == tree
    assert render_running_config(parse_running_config(text)) == text


def test_procedures_follow_the_index(index: dict[str, Any]) -> None:
    assert len(PROCEDURES) == len(index["procedures"]) == 24
    assert len(BY_ID) == 24
    for ours, theirs in zip(PROCEDURES, index["procedures"], strict=True):
        assert ours.title == theirs["title"]
        assert ours.role == theirs["role"]
        assert ours.chapter == theirs["chapter"]


def test_fallback_reads_the_guide_lines_without_inserted_exits() -> None:
    """E20/E23 as printed work on a real router through parent-mode fallback."""
    fixed = BY_ID["multipath-lma"].lines
    verbatim = tuple(
        line
        for i, line in enumerate(fixed)
        if not (line[1] == "exit" and i + 1 < len(fixed) and fixed[i + 1][1] != "end")
    )
    assert len(verbatim) == len(fixed) - 4
    stack: ModeStack = (Frame(mode=verbatim[0][0]),)
    tree = empty_tree()
    for _mode, line in verbatim:
        found = resolve(stack, line)
        assert not isinstance(found, CliError), line
        tree, stack = apply(tree, stack, found)
    fixed_tree, _ = replay(fixed)
    assert render_running_config(tree) == render_running_config(fixed_tree)


def test_lma_detailed_running_config() -> None:
    tree, stack = replay(BY_ID["lma-detailed"].lines)
    assert stack[-1].mode == "privileged-exec"
    text = render_running_config(tree)
    assert "ipv6 local pool v6pool 2001:DB8::/29 64" in text
    assert " mag mag3 dn1\n  auth-option spi decimal 258 key hex FFFFF\n" in text

"""Output captured through IOS's ` --More-- ` pager parses as if paging had been off."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest

from pmiptui.lab.pager import ERASE, MORE, page_output
from pmiptui.parse.clean import split_lines
from tests.parse.fixtures import cases, observed


def paged(text: str, length: int) -> str:
    """`text` as a terminal shows it at `terminal length length`, prompts answered with
    space and Enter in turn until the end."""
    screen: list[str] = []
    keys = itertools.cycle(" \r")

    async def write(part: str) -> None:
        screen.append(part)

    async def read_key() -> str:
        return next(keys)

    assert asyncio.run(page_output([text], length, write, read_key))
    return "".join(screen)


@pytest.mark.parametrize(("kind", "txt"), cases(), ids=lambda v: getattr(v, "stem", v))
def test_a_paged_fixture_parses_the_same(kind: str, txt: Path) -> None:
    raw = txt.read_text()
    screen = paged(raw, 5)
    if raw.count("\n") > 4:
        assert MORE + ERASE in screen
    assert observed(kind, screen) == observed(kind, raw)


def test_indentation_after_the_prompt_is_kept() -> None:
    screen = "interface Tunnel1\n" + MORE + ERASE + " description up\n"
    assert split_lines(screen) == ["interface Tunnel1", " description up", ""]


def test_quitting_leaves_the_prompt_on_a_clean_line() -> None:
    screen = "line 1\n" + MORE + ERASE + "lma1#"
    assert split_lines(screen) == ["line 1", "lma1#"]

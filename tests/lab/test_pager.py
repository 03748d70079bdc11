"""The ` --More-- ` pager on its own: pages, keys and the erase, with no SSH."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import pytest

from pmiptui.lab.pager import (
    ERASE,
    MORE,
    Key,
    key_action,
    page_output,
    page_size,
    take_lines,
)
from pmiptui.parse.clean import split_lines

LINES = [f"line {n}" for n in range(1, 61)]
TEXT = "".join(f"{line}\n" for line in LINES)


def run(chunks: Iterable[str], length: int, keys: str) -> tuple[str, bool, str]:
    """Page `chunks`, answering the prompts with `keys`: (screen, finished, keys left)."""
    screen: list[str] = []
    left = list(keys)

    async def write(text: str) -> None:
        screen.append(text)

    async def read_key() -> str | None:
        return left.pop(0) if left else None

    finished = asyncio.run(page_output(chunks, length, write, read_key))
    return "".join(screen), finished, "".join(left)


def test_erase_is_what_ios_prints_and_ends_at_column_zero() -> None:
    assert MORE == " --More-- "
    assert ERASE == "\b" * 9 + " " * 8 + "\b" * 9
    column = len(MORE)
    for char in ERASE:
        column += -1 if char == "\b" else 1
    assert column == 0


@pytest.mark.parametrize(
    ("key", "action"),
    [(" ", Key.PAGE), ("\r", Key.LINE), ("\n", Key.LINE), ("q", Key.QUIT), ("x", Key.QUIT)],
)
def test_keys(key: str, action: Key) -> None:
    assert key_action(key) is action


def test_control_keys_quit() -> None:
    assert key_action("\x03") is Key.QUIT
    assert key_action("\x1a") is Key.QUIT


def test_page_size_is_length_less_the_prompt_line() -> None:
    assert page_size(0) is None
    assert page_size(24) == 23
    assert page_size(10) == 9
    assert page_size(1) == 1


def test_take_lines_counts_newlines_from_a_start() -> None:
    assert take_lines("a\nb\nc\n", 0, 2) == (4, 2)
    assert take_lines("a\nb\nc\n", 2, 5) == (6, 2)
    assert take_lines("a\nbc", 0, 3) == (4, 1)


def test_no_paging_writes_everything() -> None:
    screen, finished, _ = run([TEXT], 0, "")
    assert screen == TEXT and finished


def test_first_screen_is_length_minus_one_lines() -> None:
    screen, finished, _ = run([TEXT], 24, "")
    assert not finished
    assert screen == "".join(f"{line}\n" for line in LINES[:23]) + MORE


def test_space_shows_the_next_screen_and_enter_one_line() -> None:
    screen, _, _ = run([TEXT], 10, " \r")
    page1 = "".join(f"{line}\n" for line in LINES[:9])
    page2 = "".join(f"{line}\n" for line in LINES[9:18])
    assert screen == page1 + MORE + ERASE + page2 + MORE + ERASE + "line 19\n" + MORE


def test_q_stops_the_output_after_the_erase() -> None:
    screen, finished, left = run([TEXT], 24, "qx")
    assert not finished and left == "x"
    assert screen.endswith(MORE + ERASE)
    assert "line 24" not in screen


def test_output_of_exactly_one_screen_has_no_prompt() -> None:
    screen, finished, _ = run(["".join(f"{line}\n" for line in LINES[:23])], 24, "")
    assert finished and MORE not in screen


def test_lines_split_across_chunks_are_counted_once() -> None:
    chunks = [TEXT[i : i + 7] for i in range(0, len(TEXT), 7)]
    screen, finished, _ = run(chunks, 24, "  ")
    assert finished
    assert screen.replace(MORE + ERASE, "") == TEXT
    assert screen.count(MORE) == 2


def test_a_paged_capture_cleans_back_to_the_output() -> None:
    screen, finished, _ = run([TEXT], 7, "  \r \r\r        ")
    assert finished
    cleaned = [line for line in split_lines(screen) if line]
    assert cleaned == LINES

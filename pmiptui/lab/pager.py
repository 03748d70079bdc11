"""IOS's ` --More-- ` pager: long exec output stops every screen until a key is pressed.

What a vty does with `terminal length N` (N > 0; 0 turns paging off):

- N - 1 lines are printed, then ` --More-- ` on the last line of the screen, without a newline;
- space prints the next N - 1 lines, Enter (CR or LF) one more line, and any other key stops
  the output and returns to the prompt (Cisco's CLI guide: "any alphanumeric key returns to
  the prompt"; `q` is the usual one, Ctrl-C and Ctrl-Z stop it too);
- after the key, the prompt is erased in place, as IOS does it: 9 backspaces, 8 spaces and
  9 backspaces, leaving the cursor at column 0 of that line for what comes next;
- ` --More-- ` is shown only when output is left, so output of exactly N - 1 lines ends
  without it; lines are counted by newlines (long lines are not wrapped at the width).

IOS's filters typed at the prompt (`/regex`, `+regex`, `-regex`) are not modelled: `/`, `+`
and `-` stop the output like any other key. This module does no IO: `page_output` is given
the functions that write and read a key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from enum import Enum

MORE = " --More-- "
"""The pager prompt, exactly as IOS prints it (a space either side, no newline)."""
ERASE = "\b" * 9 + " " * 8 + "\b" * 9
"""What IOS prints after the key: back over the prompt, blank it, and back to column 0."""
DEFAULT_LENGTH = 24
"""A vty's `length` when the line configuration does not change it."""
_FLUSH_CHARS = 64 * 1024

Write = Callable[[str], Awaitable[None]]
"""Writes text to the session (faults applied)."""
ReadKey = Callable[[], Awaitable[str | None]]
"""Waits for one key; None when the session ended."""


class Key(Enum):
    """What a key pressed at ` --More-- ` does."""

    PAGE = "page"
    """Space: one more screen."""
    LINE = "line"
    """Enter: one more line."""
    QUIT = "quit"
    """Any other key: stop the output."""


def key_action(key: str) -> Key:
    """What IOS does with `key` at the pager prompt."""
    if key == " ":
        return Key.PAGE
    if key in ("\r", "\n"):
        return Key.LINE
    return Key.QUIT


def page_size(length: int) -> int | None:
    """Lines printed before each ` --More-- ` at `terminal length length`; None: no paging."""
    if length <= 0:
        return None
    return max(1, length - 1)


def take_lines(text: str, start: int, count: int) -> tuple[int, int]:
    """Where `count` more lines of `text` from `start` end, and how many whole lines that is.

    The end is just past the `count`-th newline, or the end of `text` when it holds fewer
    (the tail of an unfinished line then belongs to the next chunk's first line).
    """
    end, taken = start, 0
    while taken < count:
        newline = text.find("\n", end)
        if newline < 0:
            return len(text), taken
        end, taken = newline + 1, taken + 1
    return end, taken


async def page_output(chunks: Iterable[str], length: int, write: Write, read_key: ReadKey) -> bool:
    """Print lazily produced output one screen at a time; False when a key stopped it.

    Output between two prompts is gathered and written at once (or every 64 KB), so a
    screen costs one write. Keys are read only when output is left to show.
    """
    size = page_size(length)
    parts: Iterable[str] = [chunks] if isinstance(chunks, str) else chunks
    buffer: list[str] = []
    buffered = 0

    async def flush() -> None:
        nonlocal buffer, buffered
        if buffer:
            text, buffer, buffered = "".join(buffer), [], 0
            await write(text)

    left = size or 0
    for chunk in parts:
        start = 0
        while start < len(chunk):
            if size is None:
                end = len(chunk)
            else:
                if left == 0:
                    await flush()
                    action = await _ask(write, read_key)
                    if action is Key.QUIT:
                        return False
                    left = size if action is Key.PAGE else 1
                end, taken = take_lines(chunk, start, left)
                left -= taken
            buffer.append(chunk[start:end])
            buffered += end - start
            start = end
            if buffered >= _FLUSH_CHARS:
                await flush()
    await flush()
    return True


async def _ask(write: Write, read_key: ReadKey) -> Key:
    """Show ` --More-- `, wait for a key and erase the prompt; a lost session quits."""
    await write(MORE)
    key = await read_key()
    if key is None:
        return Key.QUIT
    await write(ERASE)
    return key_action(key)

"""The IOS keyboard of a lab session: `?` help, Tab completion, and the editing keys IOS
has that asyncssh's line editor lacks (Ctrl-W, Esc-B/F/D, Ctrl-T, Ctrl-D).

asyncssh already gives Ctrl-A/E (start/end), Ctrl-B/F and the arrows (move), Ctrl-U
(erase the line), Ctrl-K (erase to the end), Ctrl-Y (yank), Ctrl-P/N and up/down (history),
Ctrl-R (redraw). A key handler gets the line and the cursor and returns the new pair, `True`
to insert the key as typed, or `False` to ring the bell.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Protocol, runtime_checkable

from pmiptui.lab.context_help import help_text, tab_line

KeyResult = tuple[str, int] | bool
"""What an asyncssh key handler returns."""

KeyHandler = Callable[[str, int], KeyResult]


@runtime_checkable
class HelpConsole(Protocol):
    """What the keyboard needs of a session's console: its mode and prompt."""

    @property
    def mode(self) -> str: ...

    def prompt(self) -> str: ...


class KeyChannel(Protocol):
    """The part of asyncssh's line-editor channel the keyboard uses."""

    def register_key(self, key: str, handler: KeyHandler) -> None: ...

    def write(self, data: str) -> None: ...


class Keyboard:
    """`?` and Tab for one session, silent while the router asks a question."""

    def __init__(self, console: HelpConsole, write: Callable[[str], None]) -> None:
        self._console = console
        self._write = write
        self.asking = False
        """True while a question (`Password:`, `[confirm]`) reads the line: keys type."""

    def question(self, line: str, pos: int) -> KeyResult:
        """`?`: print the help for the text before the cursor, then the prompt and line again."""
        if self.asking:
            return True
        prompt = self._console.prompt()
        typed = line[:pos]
        listing = help_text(self._console.mode, typed, len(prompt))
        self._write(f"{typed}?\n{listing}{prompt}")
        return line, pos

    def tab(self, line: str, pos: int) -> KeyResult:
        """Tab: complete the word before the cursor and add a space; the bell if it cannot."""
        if self.asking:
            return False
        done = tab_line(self._console.mode, line[:pos])
        if done is None:
            return False
        return done + line[pos:].lstrip(" "), len(done)


def _word_start(line: str, pos: int) -> int:
    """Where the word before the cursor starts (spaces before the cursor skipped)."""
    start = pos
    while start > 0 and line[start - 1] == " ":
        start -= 1
    while start > 0 and line[start - 1] != " ":
        start -= 1
    return start


def _word_end(line: str, pos: int) -> int:
    """Where the word after the cursor ends (spaces after the cursor skipped)."""
    end = pos
    while end < len(line) and line[end] == " ":
        end += 1
    while end < len(line) and line[end] != " ":
        end += 1
    return end


def erase_word_left(line: str, pos: int) -> KeyResult:
    """Ctrl-W: delete the word to the left of the cursor."""
    if pos == 0:
        return False
    start = _word_start(line, pos)
    return line[:start] + line[pos:], start


def erase_word_right(line: str, pos: int) -> KeyResult:
    """Esc-D: delete from the cursor to the end of the word."""
    if pos >= len(line):
        return False
    return line[:pos] + line[_word_end(line, pos) :], pos


def word_left(line: str, pos: int) -> KeyResult:
    """Esc-B: move the cursor back one word."""
    return (line, _word_start(line, pos)) if pos > 0 else False


def word_right(line: str, pos: int) -> KeyResult:
    """Esc-F: move the cursor forward one word."""
    return (line, _word_end(line, pos)) if pos < len(line) else False


def transpose(line: str, pos: int) -> KeyResult:
    """Ctrl-T: swap the character left of the cursor with the one under it (at the end: the
    last two)."""
    at = min(pos, len(line) - 1)
    if at < 1:
        return False
    swapped = line[: at - 1] + line[at] + line[at - 1] + line[at + 1 :]
    return swapped, at + 1


def delete_char(line: str, pos: int) -> KeyResult:
    """Ctrl-D: delete the character under the cursor; on IOS it never ends the session."""
    if pos >= len(line):
        return False
    return line[:pos] + line[pos + 1 :], pos


EDITING_KEYS: dict[str, KeyHandler] = {
    "\x17": erase_word_left,
    "\x1bd": erase_word_right,
    "\x1bD": erase_word_right,
    "\x1bb": word_left,
    "\x1bB": word_left,
    "\x1bf": word_right,
    "\x1bF": word_right,
    "\x14": transpose,
    "\x04": delete_char,
}
"""IOS editing keys asyncssh's editor lacks or binds differently (Ctrl-D sends EOF there)."""


def install_keyboard(channel: KeyChannel, console: object) -> Keyboard | None:
    """Bind `?`, Tab and :data:`EDITING_KEYS` on a line-editor channel; None without help."""
    for key, handler in EDITING_KEYS.items():
        channel.register_key(key, handler)
    if not isinstance(console, HelpConsole):
        return None
    keyboard = Keyboard(console, channel.write)
    channel.register_key("?", keyboard.question)
    channel.register_key("\t", keyboard.tab)
    return keyboard


@contextlib.contextmanager
def asking(keyboard: Keyboard | None) -> Iterator[None]:
    """While the router reads the answer to a question, `?` and Tab are plain keys."""
    if keyboard is None:
        yield
        return
    keyboard.asking = True
    try:
        yield
    finally:
        keyboard.asking = False

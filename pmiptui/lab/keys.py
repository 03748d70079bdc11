"""Single keys from an SSH session whose input is otherwise read a line at a time.

asyncssh's line editor hands the session whole lines. To read the one key that answers
` --More-- `, the editor is switched to raw input for as long as the pager waits, and back
to line editing when the output ends; raw input is not echoed, as on IOS.
"""

from __future__ import annotations

import asyncssh

_ENTER_TAILS = ("\n", "\0")
"""What some clients send after the CR of Enter (CR LF, CR NUL): not a key of its own."""


def can_page(process: asyncssh.SSHServerProcess[str]) -> bool:
    """True when the session has a terminal, hence asyncssh's line editor, to read keys with.

    Sessions without a pty (`ssh host command`, or a client that asked for none) get their
    output whole: the line editor, needed to read single keys, exists only with a pty.
    """
    channel = process.channel
    terminal = process.get_terminal_type()
    return not process.command and bool(terminal) and hasattr(channel, "set_line_mode")


class KeyReader:
    """Reads keys one at a time, switching the line editor off on the first read.

    Keys that arrive together (typed ahead) answer the next prompts of the same output;
    whatever is left when the output ends is dropped. Call `restore` when the output ends.
    """

    def __init__(self, process: asyncssh.SSHServerProcess[str]) -> None:
        self._process = process
        self._raw = False
        self._pending = ""

    async def read(self) -> str | None:
        """The next key; None when the session ended."""
        if not self._raw:
            self._process.channel.set_line_mode(False)  # type: ignore[attr-defined]
            self._raw = True
        while not self._pending:
            try:
                data = await self._process.stdin.read(256)
            except asyncssh.TerminalSizeChanged:
                continue
            except (asyncssh.SignalReceived, asyncssh.BreakReceived):
                return "\x03"
            except (asyncssh.DisconnectError, asyncssh.ConnectionLost, OSError):
                return None
            if not data:
                return None
            self._pending = data
        key, self._pending = self._pending[0], self._pending[1:]
        if key == "\r" and self._pending[:1] in _ENTER_TAILS:
            self._pending = self._pending[1:]
        return key

    def restore(self) -> None:
        """Back to line editing, if the reader left it."""
        if self._raw:
            self._raw = False
            self._pending = ""
            self._process.channel.set_line_mode(True)  # type: ignore[attr-defined]

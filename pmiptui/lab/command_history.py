"""The command history of one lab session, as `show history` prints it."""

from __future__ import annotations

from collections import deque

HISTORY_SIZE = 10
"""Lines IOS keeps by default (`terminal history size 10`)."""


class CommandHistory:
    """The last command lines typed in a session, oldest first."""

    def __init__(self, size: int = HISTORY_SIZE) -> None:
        self._lines: deque[str] = deque(maxlen=size)

    def add(self, line: str) -> None:
        """Remember a typed line; blank lines are not kept, as on IOS."""
        text = line.strip()
        if text:
            self._lines.append(text)

    @property
    def lines(self) -> tuple[str, ...]:
        """The remembered lines, oldest first."""
        return tuple(self._lines)

    def render(self) -> str:
        """`show history`: each line indented two spaces, the `show history` itself last."""
        return "".join(f"  {line}\n" for line in self._lines)

"""The last guard between router text and the operator's terminal: a Textual line filter
that drops every character a terminal would act on (ESC, other C0/C1 controls, DEL, bidi
overrides and other format characters) from what is drawn.

A binding's NAI or a router's error message can carry an escape sequence; rich and Textual
pass it through to the terminal, which would then recolour, move or retitle the operator's
screen. These characters take no cells, so dropping them keeps the layout as measured.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from pmiptui.terminal_text import acted_on


def drop_acted_on(text: str) -> str:
    """`text` without the characters a terminal would act on."""
    return "".join(ch for ch in text if not acted_on(ch))


class TerminalSafe(LineFilter):
    """Drops control and format characters from every drawn segment."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(s.control or s.text.isprintable() for s in segments):
            return segments  # the usual case: one C-level check a segment
        return [
            s
            if s.control or s.text.isprintable()
            else Segment(drop_acted_on(s.text), s.style, s.control)
            for s in segments
        ]

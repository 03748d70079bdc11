"""Router text that carries escape sequences is drawn, never obeyed by the terminal."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from pmiptui.ui.terminal_filter import TerminalSafe, drop_acted_on
from tests.ui.conftest import make_app
from tests.ui.fake_poller import FakePoller

BLACK = Color(0, 0, 0)


def test_escape_sequences_and_format_characters_are_dropped() -> None:
    assert drop_acted_on("mn\x1b[2J\x1b]0;pwned\x07@ex\u202eample\u200b.com") == (
        "mn[2J]0;pwned@example.com"
    )


def test_ordinary_segments_pass_untouched() -> None:
    segments = [Segment("mn1@example.com ", Style(bold=True)), Segment("naïve", None)]
    assert TerminalSafe().apply(segments, BLACK) is segments


def test_a_hostile_segment_keeps_its_style_and_takes_no_extra_cells() -> None:
    style = Style(color="red")
    [out] = TerminalSafe().apply([Segment("a\x1b[31mb", style)], BLACK)
    assert out == Segment("a[31mb", style)
    assert out.cell_length == Segment("a\x1b[31mb", style).cell_length


@pytest.mark.asyncio
async def test_the_console_draws_through_the_filter(fake: FakePoller) -> None:
    app = make_app(fake)
    async with app.run_test():
        assert any(isinstance(f, TerminalSafe) for f in app.get_line_filters())

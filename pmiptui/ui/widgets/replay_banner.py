"""The `REPLAY 03:12:05 — not live` line atop a screen while recorded history is shown."""

from __future__ import annotations

from textual.widgets import Static

from pmiptui.ui import formatting
from pmiptui.ui.data.replay import ReplayFrame, banner_text


class ReplayBanner(Static):
    """Hidden while live; a loud line while replaying, so nobody mistakes it for now."""

    DEFAULT_CSS = """
    ReplayBanner {
        height: 1;
        display: none;
        background: $warning;
        color: $background;
        text-style: bold;
        padding: 0 1;
    }
    ReplayBanner.-replay {
        display: block;
    }
    """

    def show_frame(self, frame: ReplayFrame | None) -> None:
        """Show the replayed moment, or hide when live."""
        self.set_class(frame is not None, "-replay")
        text = "" if frame is None else banner_text(frame.at) + "   ] forward  :at live"
        self.update(formatting.text(text))

"""The `history not recording: …` line atop a screen while polls are not being recorded."""

from __future__ import annotations

from textual.widgets import Static

from pmiptui.ui import formatting


def history_text(error: str | None) -> str:
    """The banner's line for a history error, or "" while history records."""
    return "" if error is None else f"history not recording: {formatting.one_line(error, 200)}"


class HistoryBanner(Static):
    """Hidden while history records; one red line while it does not, so a gap in replay
    is never a surprise."""

    DEFAULT_CSS = """
    HistoryBanner {
        height: 1;
        display: none;
        background: $error;
        color: $background;
        text-style: bold;
        padding: 0 1;
    }
    HistoryBanner.-failing {
        display: block;
    }
    """

    _shown: str | None = None

    def show_error(self, error: str | None) -> None:
        """Show why history is not recording, or hide when it records."""
        if error == self._shown:
            return
        self._shown = error
        self.set_class(error is not None, "-failing")
        self.update(formatting.text(history_text(error)))

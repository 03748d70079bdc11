"""The domain map's drawing, styled from the theme; sized to its content so it can scroll."""

from __future__ import annotations

from textual.widgets import Static

from pmiptui.ui import formatting
from pmiptui.ui.data.domain_map import Drawing


class DomainMapView(Static):
    """Shows a `Drawing` (lines + style spans) without wrapping."""

    DEFAULT_CSS = """
    DomainMapView {
        width: auto;
        height: auto;
        padding: 0 1;
    }
    """

    def show(self, drawing: Drawing) -> None:
        """Replace the picture."""
        styles = formatting.map_styles(self.app.theme_variables)
        self.update(formatting.drawing(drawing.lines, drawing.spans, styles))

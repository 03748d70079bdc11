"""`?`: the keys of the screen underneath, with the binding ids used to remap them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from pmiptui.ui import formatting


class HelpScreen(ModalScreen[None]):
    """A list of key, action and binding id."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
    }
    HelpScreen DataTable {
        height: auto;
        max-height: 18;
    }
    HelpScreen Static {
        color: $text-muted;
    }
    """
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        with Vertical():
            yield DataTable(cursor_type="row", id="help-table")
            yield Static(
                formatting.text("Remap keys with a keymap: {binding id: keys}. Esc closes.")
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("key", "does", "binding id")
        for key, does, ident in self._rows:
            table.add_row(formatting.text(key), formatting.text(does), formatting.text(ident))
        table.focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

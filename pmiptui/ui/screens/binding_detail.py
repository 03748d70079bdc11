"""One binding: parsed fields beside the router's own CLI block, and a jump to its peer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding as Key
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static, TextArea

from pmiptui.model.bindings import Binding
from pmiptui.model.serialize import to_data
from pmiptui.ui import formatting
from pmiptui.ui.data.binding_diff import raw_block
from pmiptui.ui.data.console_state import ConsoleState


class BindingDetail(ModalScreen[str | None]):
    """Dismisses with the peer router's name when the operator jumps to it."""

    DEFAULT_CSS = """
    BindingDetail {
        align: center middle;
    }
    BindingDetail > Vertical {
        width: 96%;
        height: 90%;
        border: round $primary;
        background: $surface;
    }
    BindingDetail #detail-title {
        height: 1;
        text-style: bold;
    }
    BindingDetail #detail-fields {
        width: 48;
        max-width: 60%;
    }
    BindingDetail #detail-raw {
        width: 1fr;
    }
    """
    BINDINGS = [
        Key("escape", "close", "Close", id="detail.close"),
        Key("g", "peer", "Go to peer", id="detail.peer"),
    ]

    def __init__(self, router: str, binding: Binding, raw: str, *, console: ConsoleState) -> None:
        super().__init__()
        self.router = router
        """The router the binding was read from."""
        self.console = console
        """What the console shows (the app's state; read only): the peer is looked up in it."""
        self.binding = binding
        """The parsed binding."""
        self.block = raw_block(raw, binding.nai) if raw else None
        """The binding's lines of the raw `show … binding` output."""

    def compose(self) -> ComposeResult:
        with Vertical():
            title = f"{self.binding.nai} on {self.router}"
            yield Static(formatting.text(title), id="detail-title")
            with Horizontal():
                yield DataTable(cursor_type="row", id="detail-fields")
                yield TextArea(
                    self.block or "(no raw output for this binding)",
                    read_only=True,
                    id="detail-raw",
                    soft_wrap=False,
                )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#detail-fields", DataTable)
        table.add_columns("field", "value")
        for name, value in to_data(self.binding).items():
            table.add_row(formatting.text(name), formatting.text(value))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_peer(self) -> None:
        peer = self.console.router_by_id(self.binding.peer_id)
        if peer is None:
            self.notify(f"no router with id {self.binding.peer_id}", severity="warning")
            return
        self.dismiss(peer.name)

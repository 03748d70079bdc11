"""The Bindings tab: a textual-fastdatatable swapped whole on refresh, filter, sort, marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widget import Widget
from textual.widgets import Input, Static, TabbedContent, TabPane, Tabs
from textual.worker import get_current_worker

from pmiptui.model.binding_columns import find_binding
from pmiptui.ports import HistoryReader
from pmiptui.ui import formatting
from pmiptui.ui.data.bindings_view import COLUMNS, BindingsView, ViewSpec, row_of
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.export_file import ExportRequest
from pmiptui.ui.messages import BindingsBuilt, OpenRouter
from pmiptui.ui.prepare import ReplayedBindings, ShownBindings, replay_bindings, show_bindings
from pmiptui.ui.widgets.bindings_table import BindingsTable, empty_backend

SORT_CYCLE: list[str | None] = [None, *COLUMNS]
"""`s` steps through: router order, then each column."""
_NAI = COLUMNS.index("nai")


@dataclass(frozen=True, slots=True, kw_only=True)
class BindingsFeed:
    """What the app gives every Bindings tab besides the console state: the caches it shares
    with the poll workers, and the recorded history."""

    view_specs: dict[str, ViewSpec]
    """The operator's filter and sort per router (the poll scheduler's): a pane replaces
    its router's entry, the poll workers read it to build the view."""
    built: dict[str, ShownBindings]
    """The views the poll workers built, per watched router, until a pane takes them (the
    app's `shown`)."""
    history: HistoryReader | None
    """Recorded history, read while the app replays; None when there is none."""


class FilterInput(Input):
    """The `/` filter line; Escape closes it without applying."""

    BINDINGS = [Binding("escape", "close", "Close filter", id="bindings.close_filter")]

    def action_close(self) -> None:
        self.add_class("-hidden")
        pane = self.parent
        if isinstance(pane, BindingsPane):
            pane.focus_table()


class BindingsPane(Vertical):
    """One router's bindings; holds up to hundreds of thousands of rows."""

    DEFAULT_CSS = """
    BindingsPane {
        height: 1fr;
    }
    BindingsPane #bindings-summary, BindingsPane #bindings-removed {
        height: 1;
        color: $text-muted;
    }
    BindingsPane #bindings-summary.-error {
        color: $error;
    }
    BindingsPane FilterInput {
        height: 3;
    }
    BindingsPane FilterInput.-hidden {
        display: none;
    }
    """

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="bindings.filter"),
        Binding("s", "sort", "Sort", id="bindings.sort"),
        Binding("S", "reverse", "Reverse", id="bindings.reverse", show=False),
        Binding("enter", "detail", "Detail", id="bindings.detail"),
    ]

    def __init__(
        self,
        router: str,
        *,
        console: ConsoleState,
        feed: BindingsFeed,
        nai: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.router = router
        """The router whose bindings this shows."""
        self.console = console
        """What the console shows (the app's state; read only)."""
        self.feed = feed
        """The view specs, the poll workers' views and the history."""
        self.view: BindingsView | None = None
        """What the table shows now."""
        self._want_nai = nai
        self.replayed: ReplayedBindings | None = None
        """The recorded bindings shown while the app replays history (None while live)."""

    @property
    def spec(self) -> ViewSpec:
        """The operator's filter and sort for this router (kept across screens)."""
        return self.feed.view_specs.get(self.router, ViewSpec())

    def _set_spec(self, spec: ViewSpec) -> None:
        self.feed.view_specs[self.router] = spec
        self.request_view()

    def compose(self) -> ComposeResult:
        yield Static(formatting.text("waiting for bindings…"), id="bindings-summary")
        yield FilterInput(
            placeholder="text  /regex/  field=value  !inverse   (Enter applies, Esc closes)",
            id="bindings-filter",
            classes="-hidden",
        )
        yield BindingsTable(empty_backend())
        yield Static(id="bindings-removed")

    def on_mount(self) -> None:
        self.request_view()

    def request_view(self) -> None:
        """Build the view from the latest poll in a thread worker (filtering 128k rows)."""
        at = self.console.replay_at
        if at is not None:
            self._request_replay(at)
            return
        self.replayed = None
        state = self.console.routers.get(self.router)
        if state is None or state.prepared is None:
            return
        self.run_worker(
            partial(self._build_view, state.prepared.base, self.spec),
            name="bindings-view",
            group=f"bindings-view-{self.router}",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _request_replay(self, at: float) -> None:
        """Read the recorded bindings at `at` (once per moment), then build the view."""
        replayed = self.replayed
        reader = self.feed.history
        if replayed is not None and replayed.at == at:
            self.run_worker(
                partial(self._build_view, replayed.base, self.spec),
                name="bindings-view",
                group=f"bindings-view-{self.router}",
                thread=True,
                exclusive=True,
                exit_on_error=False,
            )
        elif reader is not None:
            self.run_worker(
                partial(self._read_replay, reader, at),
                name="bindings-replay",
                group=f"bindings-view-{self.router}",
                thread=True,
                exclusive=True,
                exit_on_error=False,
            )

    def sync_replay(self) -> None:
        """The app went into replay, moved in it, or went live: show the matching table."""
        at = self.console.replay_at
        shown_at = self.replayed.at if self.replayed is not None else None
        if at != shown_at:
            self.request_view()

    def poll_updated(self) -> None:
        """A poll of this router was recorded: take the view its worker built, or build one."""
        if self.console.replay_at is not None:
            return
        shown = self.feed.built.pop(self.router, None)
        if shown is not None and shown.view.spec == self.spec:
            self.show(shown)
        else:
            self.request_view()

    def _build_view(self, base: Any, spec: ViewSpec) -> None:
        """Thread worker: filter and sort the bindings, and post the view built."""
        shown = show_bindings(self.router, base, spec)
        self.post_message(BindingsBuilt(get_current_worker(), shown=shown))

    def _read_replay(self, reader: HistoryReader, at: float) -> None:
        """Thread worker: read the bindings recorded at `at`, and post them."""
        replayed = replay_bindings(reader, self.router, at)
        self.post_message(BindingsBuilt(get_current_worker(), replayed=replayed))

    def on_bindings_built(self, message: BindingsBuilt) -> None:
        message.stop()
        if message.worker is not None and message.worker.is_cancelled:
            return  # a newer request replaced it
        if message.shown is not None:
            self.show(message.shown)
        elif message.replayed is not None and message.replayed.at == self.console.replay_at:
            self.replayed = message.replayed
            self.request_view()

    @property
    def table(self) -> BindingsTable:
        """The bindings table."""
        return self.query_one(BindingsTable)

    def cursor_nai(self) -> str | None:
        """The NAI of the row under the cursor."""
        table = self.table
        if table.row_count == 0:
            return None
        try:
            return cast(str, table.get_cell_at(Coordinate(table.cursor_row, _NAI)))
        except Exception:
            return None

    def show(self, shown: ShownBindings) -> None:
        """Swap the prepared table in, keeping the cursor on the same NAI."""
        if shown.view.spec != self.spec:
            return
        replay_at = self.console.replay_at
        if (self.replayed.at if self.replayed is not None else None) != replay_at:
            return  # built for live while replaying, or for another moment
        nai = self._want_nai or self.cursor_nai()
        self._want_nai = None
        row = row_of(shown.view.table, nai)
        table = self.query_one(BindingsTable)
        prepared = self.console.routers[self.router].prepared if self.replayed is None else None
        with self.app.batch_update():
            table.replace_backend(
                shown.backend,
                row if row >= 0 else table.cursor_row,
                fading=prepared.fading if prepared is not None else frozenset(),
            )
            focused = self.screen.focused
            if self._visible() and (focused is None or isinstance(focused, Tabs)):
                table.focus()
            self._show_view(shown.view)

    def _visible(self) -> bool:
        """True when the pane's tab is the active one (not merely not yet hidden)."""
        pane = next((node for node in self.ancestors if isinstance(node, TabPane)), None)
        tabs = next((node for node in self.ancestors if isinstance(node, TabbedContent)), None)
        if pane is not None and tabs is not None and tabs.active != pane.id:
            return False
        return all(node.display for node in self.ancestors_with_self if isinstance(node, Widget))

    def _show_view(self, view: BindingsView) -> None:
        self.view = view
        spec = view.spec
        parts = [f"{view.table.num_rows} of {view.total} bindings"]
        replayed = self.replayed
        if replayed is not None:
            parts.insert(0, f"recorded {formatting.clock(replayed.at)}")
            if not replayed.recorded:
                parts.append("nothing recorded for this router by then")
        if spec.filter:
            parts.append(f"filter {spec.filter}")
        if spec.sort or spec.descending:
            parts.append(f"sort {spec.sort or 'router order'} {'↓' if spec.descending else '↑'}")
        state = self.console.routers[self.router]
        live = state.prepared if replayed is None else None
        marks = live.marks if live else {}
        new = sum(1 for m in marks.values() if m == "+")
        if marks:
            parts.append(f"+{new} new ~{len(marks) - new} changed")
        summary = self.query_one("#bindings-summary", Static)
        if view.error:
            parts.append(f"filter not applied: {view.error}")
        summary.set_class(bool(view.error), "-error")
        summary.update(formatting.text("  ".join(parts)))
        removed = live.removed if live else ()
        text = ""
        if removed:
            names = ", ".join(f"{r.nai} ({formatting.clock(r.seen_gone_at)})" for r in removed[:5])
            text = f"removed {len(removed)}: {names}"
        self.query_one("#bindings-removed", Static).update(formatting.text(text))

    def focus_table(self) -> None:
        """Give the table the keyboard."""
        self.table.focus()

    def action_filter(self) -> None:
        box = self.query_one(FilterInput)
        box.remove_class("-hidden")
        box.value = self.spec.filter
        box.focus()

    def set_filter(self, text: str) -> None:
        """Apply a filter (also used by `:bindings FILTER`)."""
        self._set_spec(replace(self.spec, filter=text.strip()))

    @on(Input.Submitted, "#bindings-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(FilterInput).add_class("-hidden")
        self.set_filter(event.value)
        self.focus_table()

    def action_sort(self) -> None:
        index = SORT_CYCLE.index(self.spec.sort) if self.spec.sort in SORT_CYCLE else 0
        self._set_spec(replace(self.spec, sort=SORT_CYCLE[(index + 1) % len(SORT_CYCLE)]))

    def action_reverse(self) -> None:
        self._set_spec(replace(self.spec, descending=not self.spec.descending))

    def on_data_table_row_selected(self, event: Any) -> None:
        event.stop()
        self.action_detail()

    def action_detail(self) -> None:
        from pmiptui.ui.screens.binding_detail import BindingDetail

        nai = self.cursor_nai()
        records, raw = self._records()
        if nai is None or records is None:
            return
        binding = find_binding(records, nai)
        if binding is None:
            self.notify(f"{nai} is gone since the last poll", severity="warning")
            return
        self.app.push_screen(
            BindingDetail(self.router, binding, raw, console=self.console), self._detail_closed
        )

    def _records(self) -> tuple[Sequence[Any] | None, str]:
        """The bindings shown (recorded ones while replaying) and their raw output."""
        if self.replayed is not None:
            return self.replayed.records, ""
        state = self.console.routers.get(self.router)
        good = state.last_ok if state else None
        if good is None or good.bindings is None:
            return None, ""
        return good.bindings, good.raw.get("bindings", "")

    def _detail_closed(self, peer: str | None) -> None:
        if peer:
            nai = self.cursor_nai()
            self.post_message(OpenRouter(peer, tab="bindings", nai=nai))

    def export_request(self, fmt: str) -> ExportRequest | None:
        """The view's bindings, in view order, as records."""
        view = self.view
        found, _raw = self._records()
        if view is None or found is None:
            return None
        bindings = found
        nais = view.table

        def records() -> list[Any]:
            by_nai = {b.nai: b for b in bindings}
            return [by_nai[n] for n in nais["nai"].to_pylist() if n in by_nai]

        return ExportRequest(self.router, "bindings", fmt, records)

    def row_text(self) -> str | None:
        """The cursor row as `column=value` text."""
        table = self.table
        if table.row_count == 0:
            return None
        return formatting.row_text(COLUMNS, table.get_row_at(table.cursor_row))

"""The fleet: one row per router, faults first; Enter opens the router."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from pmiptui.ui import formatting
from pmiptui.ui.data import router_state as rs
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.data.replay import ReplayFrame, fleet_record
from pmiptui.ui.export_file import ExportRequest
from pmiptui.ui.messages import CopyRow, ExportTable, OpenRouter, ShowTrends
from pmiptui.ui.widgets.history_banner import HistoryBanner
from pmiptui.ui.widgets.keyed_table import KeyedTable
from pmiptui.ui.widgets.replay_banner import ReplayBanner

COLUMNS = [
    ("status", "status"),
    ("name", "router"),
    ("role", "role"),
    ("domain", "dom"),
    ("bindings", "bindings"),
    ("tunnels", "tun up"),
    ("reject", "rej%"),
    ("poll", "age/lat"),
    ("trend", "trend"),
    ("error", "last error"),
]


class FleetScreen(Screen[None]):
    """Every router's health at a glance."""

    CSS_PATH = "fleet.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open", id="fleet.open"),
        Binding("f", "faults_only", "Faults only", id="fleet.faults"),
        Binding("e", "export('csv')", "Export CSV", id="fleet.export_csv"),
        Binding("E", "export('json')", "JSON", id="fleet.export_json", show=False),
        Binding("c", "copy_row", "Copy row", id="fleet.copy"),
        Binding("t", "trends", "Trends", id="fleet.trends", show=False),
    ]

    def __init__(
        self, *, console: ConsoleState, now: Callable[[], float], updated: Signal[str]
    ) -> None:
        super().__init__()
        self.console = console
        """What the console shows (the app's state; read only)."""
        self.now = now
        """Epoch seconds (the app's clock)."""
        self.updated = updated
        """Published with a router's name after its poll is recorded ("" fleet-wide)."""
        self.faults_only = False
        """Show only routers in ERROR or STALE."""
        self._records: dict[str, dict[str, Any]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReplayBanner(id="replay-banner")
        yield HistoryBanner(id="history-banner")
        yield KeyedTable(COLUMNS, key_column="name", id="fleet-table")
        with Horizontal(id="fleet-detail"):
            yield Static(id="fleet-info")
            yield Sparkline([], id="fleet-spark")
        yield Footer()

    def on_mount(self) -> None:
        self.updated.subscribe(self, self._router_updated)
        self.set_interval(1.0, self.refresh_rows)
        self.refresh_rows()
        self.query_one(KeyedTable).focus()

    def _router_updated(self, _name: str) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Bring every row up to date (statuses and ages move even without a poll)."""
        console = self.console
        now = self.now()
        styles = formatting.palette(self.app.theme_variables)
        frame = console.replay_frame
        self.query_one(ReplayBanner).show_frame(frame)
        self.query_one(HistoryBanner).show_error(console.history_error)
        if frame is not None:
            self._replay_rows(frame, styles)
            return
        states = list(console.routers.values())
        statuses = {s.name: s.status(now, console.paused) for s in states}
        states.sort(key=lambda s: (rs.SEVERITY[statuses[s.name]], s.order))
        rows = []
        self._records = {}
        for state in states:
            status = statuses[state.name]
            if self.faults_only and status not in rs.FAULTS:
                continue
            rows.append((state.name, self._cells(state, status, now, styles)))
        table = self.query_one(KeyedTable)
        with self.app.batch_update():
            table.sync(rows)
        self.sub_title = "faults only" if self.faults_only else ""
        self._show_detail()

    def _replay_rows(self, frame: ReplayFrame, styles: Any) -> None:
        """The fleet as recorded at the replayed moment (no live figures mixed in)."""
        rows = []
        self._records = {}
        states = sorted(self.console.routers.values(), key=lambda s: s.order)
        for state in states:
            record = fleet_record(state.name, frame.polls.get(state.name), frame.at)
            record |= {"role": state.info.role, "domain": state.info.domain}
            status = record["status"]
            if self.faults_only and status not in rs.FAULTS:
                continue
            self._records[state.name] = record
            latency = record.get("latency_ms")
            rows.append(
                (
                    state.name,
                    [
                        formatting.status_cell(status, styles),
                        state.name,
                        state.info.role.upper(),
                        state.info.domain,
                        formatting.count_of(record["bindings"], record.get("max_bindings")),
                        formatting.show(record.get("tunnels_up")),
                        formatting.percent(record.get("reject_pct")),
                        formatting.poll_cell(record.get("age_sec"), latency, None),
                        "",
                        formatting.one_line(record["error"], 60),
                    ],
                )
            )
        with self.app.batch_update():
            self.query_one(KeyedTable).sync(rows)
        self.sub_title = "replay"
        self._show_detail()

    def _cells(self, state: rs.RouterState, status: str, now: float, styles: Any) -> list[Any]:
        good = state.last_ok
        last = state.last
        age = now - good.finished if good else None
        in_flight = now - state.in_flight_since if state.in_flight_since is not None else None
        error = last.error if last is not None and not last.ok else None
        if last is not None and last.stale:  # read from a store: why no poller covers it
            error = last.stale
        record = {
            "status": status,
            "router": state.name,
            "role": state.info.role,
            "domain": state.info.domain,
            "bindings": state.binding_count,
            "max_bindings": state.max_bindings,
            "tunnels_up": state.tunnels_up[0] if state.tunnels_up else None,
            "tunnels": state.tunnels_up[1] if state.tunnels_up else None,
            "reject_pct": state.reject_pct,
            "age_sec": age,
            "latency_ms": last.latency_ms if last else None,
            "error": error,
            "drift": formatting.drift_note(state.drift) or None,
        }
        self._records[state.name] = record
        return [
            formatting.status_cell(status, styles),
            state.name,
            state.info.role.upper(),
            state.info.domain,
            formatting.count_of(state.binding_count, state.max_bindings),
            formatting.fraction(state.tunnels_up),
            formatting.percent(state.reject_pct),
            formatting.poll_cell(age, last.latency_ms if last else None, in_flight),
            formatting.sparkline(state.history, 10),
            formatting.poll_error(error, last.retry_at if last else None, now, 60)
            if error or not state.drift
            else formatting.drift_cell(state.drift, styles),
        ]

    def _show_detail(self) -> None:
        name = self.query_one(KeyedTable).cursor_key
        state = self.console.routers.get(name) if name else None
        info = self.query_one("#fleet-info", Static)
        spark = self.query_one("#fleet-spark", Sparkline)
        if state is None:
            info.update(formatting.text(""))
            spark.data = []
            return
        last = state.last
        where = f"{state.info.host}:{state.info.port}" if state.info.host else "(from the store)"
        detail = f"{state.name} {where} polls {state.polls}"
        if last is not None and not last.ok:
            error = formatting.poll_error(last.error, last.retry_at, self.now(), 200)
            detail += f"\n{last.error_title or 'Error'}: {error}"
        elif state.drift:
            detail += f"\n{formatting.drift_note(state.drift)}: Enter, then the Log tab (6)"
        info.update(formatting.text(detail))
        spark.data = list(state.history)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        name = self.query_one(KeyedTable).cursor_key
        if name:
            self.post_message(OpenRouter(name))

    def action_trends(self) -> None:
        self.post_message(ShowTrends())

    def action_faults_only(self) -> None:
        self.faults_only = not self.faults_only
        self.refresh_rows()

    def action_export(self, fmt: str) -> None:
        table = self.query_one(KeyedTable)
        records = [self._records[k] for k in table.keys if k in self._records]
        self.post_message(ExportTable(ExportRequest("all", "fleet", fmt, lambda: records)))

    def action_copy_row(self) -> None:
        table = self.query_one(KeyedTable)
        key = table.cursor_key
        if key:
            text = formatting.row_text(table.column_labels, table.row_values(key))
            self.post_message(CopyRow(text))

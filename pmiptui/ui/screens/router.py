"""One router: Globals, Bindings, Stats, Tunnels, Config, Log and Trends tabs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane, TextArea

from pmiptui.redact import mask_secrets
from pmiptui.ui import formatting
from pmiptui.ui.data import router_state as rs
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.data.kv import kv_rows
from pmiptui.ui.export_file import ExportRequest
from pmiptui.ui.messages import CopyRow, ExportTable, RouterClosed, ShowFleet
from pmiptui.ui.widgets.bindings_pane import BindingsFeed, BindingsPane
from pmiptui.ui.widgets.history_banner import HistoryBanner
from pmiptui.ui.widgets.keyed_table import KeyedTable
from pmiptui.ui.widgets.replay_banner import ReplayBanner
from pmiptui.ui.widgets.trends_pane import TrendsPane

TABS = ("globals", "bindings", "stats", "tunnels", "config", "log", "trends")
_TUNNEL_COLUMNS = [
    ("name", "tunnel"),
    ("peer", "peer"),
    ("state", "state"),
    ("source", "source"),
    ("destination", "destination"),
    ("encap", "encap"),
    ("vrf", "vrf"),
    ("mtu", "mtu"),
    ("bindings", "bindings"),
    ("uptime", "uptime"),
]
_STATS_COLUMNS = [
    ("counter", "counter"),
    ("value", "value"),
    ("delta", "Δ poll"),
    ("rate", "rate"),
    ("since", "since b"),
]
_DRIFT_COLUMNS = [
    ("where", "where"),
    ("text", "not understood"),
    ("command", "command"),
]
_LOG_COLUMNS = [
    ("seq", "#"),
    ("time", "time"),
    ("ms", "ms"),
    ("result", "result"),
    ("command", "command"),
]


class RouterScreen(Screen[None]):
    """Everything polled from one router; tabs switch with 1-7."""

    CSS_PATH = "router.tcss"
    AUTO_FOCUS = None
    """Focus follows the tab (see `_focus_tab`), not the first focusable widget."""
    BINDINGS = [
        Binding("escape", "back", "Fleet", id="router.back"),
        Binding("1", "tab('globals')", "Globals", id="router.tab_globals", show=False),
        Binding("2", "tab('bindings')", "Bindings", id="router.tab_bindings", show=False),
        Binding("3", "tab('stats')", "Stats", id="router.tab_stats", show=False),
        Binding("4", "tab('tunnels')", "Tunnels", id="router.tab_tunnels", show=False),
        Binding("5", "tab('config')", "Config", id="router.tab_config", show=False),
        Binding("6", "tab('log')", "Log", id="router.tab_log", show=False),
        Binding("7", "tab('trends')", "Trends", id="router.tab_trends", show=False),
        Binding("b", "baseline", "Baseline", id="router.baseline"),
        Binding("e", "export('csv')", "Export", id="router.export_csv"),
        Binding("E", "export('json')", "JSON", id="router.export_json", show=False),
        Binding("c", "copy_row", "Copy row", id="router.copy"),
    ]

    def __init__(
        self,
        router: str,
        *,
        console: ConsoleState,
        now: Callable[[], float],
        updated: Signal[str],
        feed: BindingsFeed,
        tab: str | None = None,
        nai: str | None = None,
    ) -> None:
        super().__init__()
        self.router = router
        """The router shown."""
        self.console = console
        """What the console shows (the app's state; read only)."""
        self.now = now
        """Epoch seconds (the app's clock)."""
        self.updated = updated
        """Published with a router's name after its poll is recorded ("" fleet-wide)."""
        self.feed = feed
        """What the Bindings tab shares with the poll workers, and the history."""
        self._tab = tab if tab in TABS else "bindings"
        self._nai = nai
        self.sub_title = router

    @property
    def state(self) -> rs.RouterState:
        """The router's state."""
        return self.console.routers[self.router]

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReplayBanner(id="replay-banner")
        yield HistoryBanner(id="history-banner")
        yield Static(id="router-banner")
        with TabbedContent(initial=self._tab, id="router-tabs"):
            with TabPane("Globals", id="globals"):
                yield Static(id="globals-version")
                yield KeyedTable(
                    [("field", "field"), ("value", "value")], key_column="field", id="globals-table"
                )
            with TabPane("Bindings", id="bindings"):
                yield BindingsPane(
                    self.router,
                    console=self.console,
                    feed=self.feed,
                    nai=self._nai,
                    id="bindings-pane",
                )
            with TabPane("Stats", id="stats"):
                yield KeyedTable(_STATS_COLUMNS, key_column="counter", id="stats-table")
            with TabPane("Tunnels", id="tunnels"):
                yield KeyedTable(_TUNNEL_COLUMNS, key_column="name", id="tunnels-table")
            with TabPane("Config", id="config"):
                yield TextArea("", read_only=True, soft_wrap=False, id="config-text")
            with TabPane("Log", id="log"):
                yield KeyedTable(_DRIFT_COLUMNS, key_column="where", id="drift-table")
                yield KeyedTable(_LOG_COLUMNS, key_column="seq", id="log-table")
            with TabPane("Trends", id="trends"):
                yield TrendsPane(
                    self.router, history=self.feed.history, now=self.now, id="trends-pane"
                )
        yield Footer()

    def on_mount(self) -> None:
        self.updated.subscribe(self, self._router_updated)
        self.set_interval(1.0, self._show_banner)
        self.refresh_tabs()
        self._focus_tab()

    def on_unmount(self) -> None:
        self.app.post_message(RouterClosed(self.router))

    def _router_updated(self, name: str) -> None:
        if name == self.router:
            self.refresh_tabs()
            self.query_one(BindingsPane).poll_updated()
        elif not name:
            self._show_banner()
            self.query_one(BindingsPane).sync_replay()

    def refresh_tabs(self) -> None:
        """Bring the small tabs up to date from the router's latest polls."""
        state = self.state
        good = state.last_ok
        with self.app.batch_update():
            self._show_banner()
            if good is not None:
                self._globals(good.globals)
                self._version(state.version_line)
                self._tunnels(good.tunnels or [])
                self._config(good.config)
            self._stats()
            self._log()

    def _show_banner(self) -> None:
        self.query_one(ReplayBanner).show_frame(self.console.replay_frame)
        self.query_one(HistoryBanner).show_error(self.console.history_error)
        state = self.state
        now = self.now()
        status = state.status(now, self.console.paused)
        age = now - state.last_ok.finished if state.last_ok else None
        error = (state.last.stale or state.last.error) if state.last else None
        retry = formatting.retry_note(state.last.retry_at if state.last else None, now)
        banner = self.query_one("#router-banner", Static)
        line = formatting.banner(status, self.router, age, error, retry)
        drift = formatting.drift_banner(self.router, state.drift)
        banner.update(formatting.text("\n".join(t for t in (line, drift) if t)))
        banner.set_class(status != rs.OK, "-stale")
        banner.set_class(status == rs.ERROR, "-error")
        banner.set_class(bool(drift), "-drift")

    def _version(self, line: str | None) -> None:
        shown = self.query_one("#globals-version", Static)
        shown.update(formatting.text(line or ""))
        shown.set_class(line is not None, "-known")

    def _globals(self, record: Any) -> None:
        self.query_one("#globals-table", KeyedTable).sync(
            [(key, (key, value)) for key, value in kv_rows(record)]
        )

    def _tunnels(self, tunnels: list[Any]) -> None:
        rows = [
            (
                t.name,
                (
                    t.name,
                    t.peer_id,
                    "up" if t.up else "down" if t.up is not None else None,
                    t.source,
                    t.destination,
                    t.encap,
                    t.vrf,
                    t.mtu_bytes,
                    t.bindings,
                    formatting.age(t.uptime_sec),
                ),
            )
            for t in tunnels
        ]
        self.query_one("#tunnels-table", KeyedTable).sync(rows)

    def _config(self, config: str | None) -> None:
        area = self.query_one("#config-text", TextArea)
        text = mask_secrets(config) if config else "(no PMIPv6 configuration polled)"
        if area.text != text:
            area.load_text(text)

    def _stats(self) -> None:
        rows = [
            (
                row.name,
                (
                    row.name,
                    row.value,
                    formatting.signed(row.delta),
                    formatting.rate(row.rate),
                    formatting.signed(row.since_baseline),
                ),
            )
            for row in self.state.stats.rows()
        ]
        self.query_one("#stats-table", KeyedTable).sync(rows)

    def _log(self) -> None:
        drift = self.query_one("#drift-table", KeyedTable)
        drift.sync(formatting.drift_rows(self.state.drift))
        drift.set_class(bool(drift.keys), "-shown")
        rows = [
            (
                str(seq),
                (
                    str(seq),
                    formatting.clock(run.started),
                    run.duration_ms,
                    formatting.one_line(run.result, 60),
                    formatting.command(run.command),
                ),
            )
            for seq, run in self.state.log
        ]
        self.query_one("#log-table", KeyedTable).sync(rows)

    @property
    def active_tab(self) -> str:
        """The id of the tab shown."""
        return self.query_one(TabbedContent).active

    def on_tabbed_content_tab_activated(self, _event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        self._focus_tab()

    def _focus_tab(self) -> None:
        """Give the keyboard to the active tab's table (or the config text)."""
        tab = self.active_tab
        if tab == "bindings":
            self.query_one(BindingsPane).focus_table()
        elif tab == "config":
            self.query_one("#config-text", TextArea).focus()
        elif tab == "trends":
            self.query_one(TrendsPane).focus()
        else:
            self.query_one(f"#{tab}-table", KeyedTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "baseline":
            return self.is_mounted and self.active_tab == "stats"
        if action in ("export", "copy_row"):
            return not self.is_mounted or self.active_tab != "trends"
        return True

    def action_back(self) -> None:
        self.post_message(ShowFleet())

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_baseline(self) -> None:
        if self.state.stats.set_baseline():
            self._stats()
            self.notify("counters baseline set", title=self.router)

    def filter_bindings(self, text: str) -> None:
        """`:bindings FILTER`: show the Bindings tab filtered."""
        self.action_tab("bindings")
        self.query_one(BindingsPane).set_filter(text)

    def _table(self) -> KeyedTable | None:
        tab = self.active_tab
        if tab in ("globals", "stats", "tunnels", "log"):
            return self.query_one(f"#{tab}-table", KeyedTable)
        return None

    def action_export(self, fmt: str) -> None:
        tab = self.active_tab
        state = self.state
        good = state.last_ok
        request: ExportRequest | None = None
        if tab == "bindings":
            request = self.query_one(BindingsPane).export_request(fmt)
        elif tab == "globals" and good is not None:
            record = good.globals
            request = ExportRequest(self.router, tab, fmt, lambda: [record])
        elif tab == "tunnels" and good is not None:
            tunnels = list(good.tunnels or [])
            request = ExportRequest(self.router, tab, fmt, lambda: tunnels)
        elif tab == "stats":
            stats = state.stats.rows()
            request = ExportRequest(self.router, tab, fmt, lambda: stats)
        elif tab == "config" and good is not None:
            config = mask_secrets(good.config or "")
            request = ExportRequest(self.router, tab, fmt, lambda: [{"config": config}])
        elif tab == "log":
            log = [
                {
                    "time": run.started,
                    "command": formatting.command(run.command),
                    "duration_ms": run.duration_ms,
                    "result": run.result,
                }
                for _, run in state.log
            ]
            request = ExportRequest(self.router, tab, fmt, lambda: log)
        if request is None:
            self.notify("nothing to export yet", severity="warning")
            return
        self.post_message(ExportTable(request))

    def action_copy_row(self) -> None:
        text = None
        if self.active_tab == "bindings":
            text = self.query_one(BindingsPane).row_text()
        else:
            table = self._table()
            if table is not None and table.cursor_key is not None:
                text = formatting.row_text(table.column_labels, table.row_values(table.cursor_key))
        if text:
            self.post_message(CopyRow(text))
        else:
            self.notify("no row to copy", severity="warning")

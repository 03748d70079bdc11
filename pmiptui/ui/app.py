"""The console app: holds router state, runs the poll workers, routes results to screens."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from pmiptui.errors import PmipError
from pmiptui.model.poll import RouterInfo
from pmiptui.ports import Configurator, HistoryReader, Poller
from pmiptui.ui import formatting
from pmiptui.ui.commands import PmipCommands
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.data.router_state import RouterState
from pmiptui.ui.export_file import ExportRequest, write_export
from pmiptui.ui.messages import (
    CopyRow,
    Exported,
    ExportTable,
    OpenRouter,
    PollFinished,
    PollNow,
    ReplayLoaded,
    RouterClosed,
    RoutersLoaded,
    ShowFleet,
    ShowTrends,
)
from pmiptui.ui.polling import POLL_GROUP, PollScheduler
from pmiptui.ui.prepare import ShownBindings
from pmiptui.ui.replay import ReplayController
from pmiptui.ui.screens.fleet import FleetScreen
from pmiptui.ui.screens.help import HelpScreen
from pmiptui.ui.terminal_filter import TerminalSafe
from pmiptui.ui.widgets.bindings_pane import BindingsFeed

_TERMINAL_SAFE = TerminalSafe()


class PmipApp(App[None]):
    """Live PMIPv6 console for a fleet of MAG and LMA routers.

    It builds every screen and gives it what it reads (the `ConsoleState`, the clock, the
    update signal, the configurator); screens ask for actions (open a router, export, copy,
    poll now) in messages it handles.
    """

    CSS_PATH = "app.tcss"
    TITLE = "pmiptui"
    COMMANDS = App.COMMANDS | {PmipCommands}
    BINDINGS = [
        Binding("p", "toggle_pause", "Pause", id="app.pause"),
        Binding("r", "refresh_now", "Refresh", id="app.refresh"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("w", "open_wizard", "Wizard", id="wizard.open", show=False),
        Binding("m", "domain_map", "Domain map", id="app.map", show=False),
        Binding("colon", "command_palette", "Command", id="app.command", show=False),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding(
            "left_square_bracket", "history(False)", "Back in time", id="history.back", show=False
        ),
        Binding(
            "right_square_bracket", "history(True)", "Forward", id="history.forward", show=False
        ),
    ]

    def __init__(
        self,
        poller: Poller,
        *,
        configurator: Configurator | None = None,
        keymap: dict[str, str] | None = None,
        clock: Callable[[], float] = time.time,
        export_dir: Path | None = None,
        history: HistoryReader | None = None,
        notices: Sequence[PmipError] = (),
    ) -> None:
        super().__init__()
        self.poller = poller
        """Where router state comes from; only ever called from thread workers."""
        self.configurator = configurator
        """Applies wizard changes (thread workers only); None: wizards preview and diff only."""
        self.now = clock
        """Epoch seconds; injectable so tests and snapshots see frozen ages."""
        self.export_dir = export_dir
        """Where exports go; None means the current directory at export time."""
        self.state = ConsoleState()
        """What the screens show: routers, polls, history and replay state. Changed on the
        UI thread only, from the workers' messages."""
        self.polling = PollScheduler(self, self.state, poller)
        """The per-router poll workers."""
        self.router_updated: Signal[str] = Signal(self, "router-updated")
        """Published with a router name after its poll is recorded ("" for fleet-wide changes)."""
        self.shown: dict[str, ShownBindings] = {}
        """The latest bindings view a poll worker built, per watched router, until a
        Bindings tab takes it. Kept here, not in `ConsoleState`: a view holds a
        textual-fastdatatable backend, which `ui/data` may not import (import-linter)."""
        self._keymap = dict(keymap or {})
        self.replay = ReplayController(self, self.state, history)
        """Recorded history: `:at`, `[` and `]` show it instead of the live polls."""
        self.notices = tuple(notices)
        """What the composition root could not set up as asked (a history set aside or
        missing); shown as warnings once the console is up."""
        self.bindings_feed = BindingsFeed(
            view_specs=self.polling.view_specs, built=self.shown, history=history
        )
        """What every Bindings tab shares with the poll workers, and the history."""

    @property
    def routers(self) -> dict[str, RouterState]:
        """Every router's state, in inventory order (`state.routers`)."""
        return self.state.routers

    @property
    def history_error(self) -> str | None:
        """Why history is not recording (`state.history_error`)."""
        return self.state.history_error

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then TerminalSafe: router text never drives the terminal."""
        return [*super().get_line_filters(), _TERMINAL_SAFE]

    def on_mount(self) -> None:
        self.set_keymap(self._keymap)
        self.push_screen(FleetScreen(console=self.state, now=self.now, updated=self.router_updated))
        for notice in self.notices:
            self.notify(notice.message, title=notice.title, severity="warning", timeout=30)
        self._load_routers()

    @work(thread=True, exit_on_error=False, group="inventory")
    def _load_routers(self) -> None:
        """Thread worker: the inventory may be a file or a service."""
        self.post_message(RoutersLoaded(self.poller.routers()))

    def on_routers_loaded(self, message: RoutersLoaded) -> None:
        self.state.load_routers(message.routers, self.now())
        self.router_updated.publish("")
        self.polling.start(message.routers)

    def on_poll_finished(self, message: PollFinished) -> None:
        self._note_history(message.history_error)
        result = message.result
        state = self.state.record_poll(result, message.prepared)
        if state is None:
            return
        if message.shown is not None:
            self.shown[result.router] = message.shown
        self._notify_poll_error(state)
        notice = state.version_notice()
        if notice is not None:
            title = f"{state.name}: unchecked release"
            self.notify(notice, title=title, severity="warning", markup=False)  # router text
        self.router_updated.publish(result.router)

    def on_replay_loaded(self, message: ReplayLoaded) -> None:
        self.replay.loaded(message)

    def _note_history(self, error: str | None) -> None:
        """Keep the history state; notify when recording stops, and when it works again."""
        before = self.state.note_history(error)
        if error is not None and before is None:
            message = formatting.one_line(error, 200)
            self.notify(message, title="History not recording", severity="error", timeout=30)
        elif error is None and before is not None:
            self.notify("history is recording again", title="History")

    def _notify_poll_error(self, state: RouterState) -> None:
        """Notify when a router starts failing (or fails differently), not on every poll."""
        last = state.last
        error = last.error if last is not None else None
        if error and error != state.notified_error:
            title = f"{state.name}: {last.error_title or 'Poll failed'}" if last else state.name
            self.notify(formatting.one_line(error, 200), title=title, severity="error")
        state.notified_error = error

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures become notifications; polls are re-armed here."""
        worker = event.worker
        if worker.state == WorkerState.ERROR:
            self.report_error(worker.error)
        if worker.group == POLL_GROUP and worker.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            failed = self.polling.worker_ended(worker)
            if failed is not None and self.state.record_poll(failed, None) is not None:
                self.router_updated.publish(worker.name)

    def report_error(self, error: BaseException | None) -> None:
        """A typed error as a notification with its title; anything else, one line."""
        if isinstance(error, PmipError):
            self.notify(error.message, title=error.title, severity="error")
        elif error is not None:
            message = formatting.one_line(f"{type(error).__name__}: {error}", 200)
            self.notify(message, title="Internal error", severity="error")

    def router_by_id(self, pmipv6_id: str | None) -> RouterInfo | None:
        """The router whose MAG/LMA identifier is `pmipv6_id` (case-insensitive)."""
        return self.state.router_by_id(pmipv6_id)

    def show_router(self, name: str, *, tab: str | None = None, nai: str | None = None) -> None:
        """Open a router's screen (replacing any open router screen) and watch the router:
        its bindings refresh at every poll, starting now, until the screen closes."""
        from pmiptui.ui.screens.router import RouterScreen

        if name not in self.routers:
            self.notify(f"no router named {name!r}", title="Unknown router", severity="warning")
            return
        while len(self.screen_stack) > 2 or isinstance(self.screen, RouterScreen):
            self.pop_screen()
        self.polling.watch(name)
        self.push_screen(
            RouterScreen(
                name,
                console=self.state,
                now=self.now,
                updated=self.router_updated,
                feed=self.bindings_feed,
                tab=tab,
                nai=nai,
            )
        )

    def filter_bindings(self, text: str) -> None:
        """`:bindings FILTER` on the open router screen."""
        from pmiptui.ui.screens.router import RouterScreen

        screen = self.screen
        if isinstance(screen, RouterScreen):
            screen.filter_bindings(text)
        else:
            self.notify("open a router first (:router NAME)", severity="warning")

    def show_fleet(self) -> None:
        """Back to the fleet screen."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def export(self, request: ExportRequest) -> None:
        """Write an export file in a thread worker and show its path."""
        directory = self.export_dir or Path.cwd()
        self._export(request, directory)

    @work(thread=True, exit_on_error=False, group="export")
    def _export(self, request: ExportRequest, directory: Path) -> None:
        path = write_export(directory, request, self.now())
        self.post_message(Exported(path, request.table))

    def on_open_router(self, message: OpenRouter) -> None:
        self.show_router(message.name, tab=message.tab, nai=message.nai)

    def on_show_fleet(self, _message: ShowFleet) -> None:
        self.show_fleet()

    def on_show_trends(self, _message: ShowTrends) -> None:
        self.action_trends()

    def on_export_table(self, message: ExportTable) -> None:
        self.export(message.request)

    def on_copy_row(self, message: CopyRow) -> None:
        self.copy_row(message.text)

    def on_router_closed(self, message: RouterClosed) -> None:
        from pmiptui.ui.screens.router import RouterScreen

        name = message.name
        if not any(isinstance(s, RouterScreen) and s.router == name for s in self.screen_stack):
            self.polling.unwatch(name)

    def on_poll_now(self, message: PollNow) -> None:
        self.polling.poll_now(message.name)

    def on_exported(self, message: Exported) -> None:
        self.notify(str(message.path), title=f"Exported {message.table}", timeout=8)

    def copy_row(self, text: str) -> None:
        """Copy a row's text to the clipboard."""
        self.copy_to_clipboard(text)
        self.notify(formatting.one_line(text, 120), title="Copied row")

    def action_toggle_pause(self) -> None:
        self.polling.set_paused(not self.state.paused)
        self.notify("polling paused" if self.state.paused else "polling resumed")
        self.router_updated.publish("")

    def action_history(self, forward: bool) -> None:
        self.replay.step(forward=forward)

    def action_refresh_now(self) -> None:
        self.polling.poll_all_now()

    def action_open_wizard(self, procedure_id: str | None = None) -> None:
        """`w` / `:wizard [ID]`: configure the open router (or the fleet's cursor row)."""
        from pmiptui.ui.screens.wizard_pick import open_wizard

        open_wizard(self, procedure_id)

    def action_domain_map(self) -> None:
        """`m` / `:map`: LMAs, MAGs and their tunnels, per domain."""
        from pmiptui.ui.screens.domain_map import DomainMapScreen

        if not isinstance(self.screen, DomainMapScreen):
            self.push_screen(
                DomainMapScreen(console=self.state, now=self.now, updated=self.router_updated)
            )

    def action_trends(self) -> None:
        """`t` on the fleet / `:trends`: the fleet's trends from the history."""
        from pmiptui.ui.screens.trends import TrendsScreen

        if not isinstance(self.screen, TrendsScreen):
            self.push_screen(TrendsScreen(history=self.bindings_feed.history, now=self.now))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(_key_rows(self)))


def _key_rows(app: App[Any]) -> list[tuple[str, str, str]]:
    """Key, description and binding id of every binding active on the current screen."""
    rows = []
    seen = set()
    for key, active in app.screen.active_bindings.items():
        binding = active.binding
        if (binding.action, key) in seen:
            continue
        seen.add((binding.action, key))
        if binding.id is None and not binding.show:
            continue
        display = app.get_key_display(binding)
        rows.append((display, binding.description or binding.action, binding.id or ""))
    return rows

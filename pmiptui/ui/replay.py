"""Switches the console between live polls and recorded history (`:at`, `[`, `]`).

Reads run in thread workers (the history is SQLite); the frame they load comes back to the
UI thread in a `ReplayLoaded` message (`loaded`), which publishes a fleet-wide update so
every screen redraws from it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from pmiptui.ports import HistoryReader
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.data.replay import ReplayFrame, TimeError, parse_at
from pmiptui.ui.messages import ReplayLoaded

if TYPE_CHECKING:
    from pmiptui.ui.app import PmipApp


class ReplayController:
    """Holds the replayed frame (None while live) and loads new ones."""

    def __init__(self, app: PmipApp, state: ConsoleState, reader: HistoryReader | None) -> None:
        self._app = app
        self._state = state
        """Where the replayed frame is kept (`ConsoleState.replay_frame`)."""
        self.reader = reader
        """Recorded history; None when the console runs without one."""

    @property
    def frame(self) -> ReplayFrame | None:
        """The moment shown, or None while live."""
        return self._state.replay_frame

    @property
    def at(self) -> float | None:
        """The replayed time, or None while live."""
        return self._state.replay_at

    def _usable(self) -> HistoryReader | None:
        if self.reader is None:
            self._app.notify("no history is recorded in this session", severity="warning")
        return self.reader

    def goto(self, text: str) -> None:
        """`:at HH:MM`, `:at -10m`, `:at live`."""
        try:
            at = parse_at(text, self._app.now())
        except TimeError as error:
            self._app.notify(str(error), title="Not a time", severity="warning")
            return
        if at is None:
            self.go_live()
        elif self._usable() is not None:
            self._load(at, None)

    def step(self, *, forward: bool) -> None:
        """`[` / `]`: one recorded poll back or forward; forward past the last one is live."""
        if self._usable() is None or (forward and self.frame is None):
            return
        self._load(None, forward)

    def go_live(self) -> None:
        """Back to the live polls."""
        if self.frame is None:
            return
        self._state.replay_frame = None
        self._app.router_updated.publish("")
        self._app.notify("live", title="Replay ended", timeout=2)

    def _load(self, at: float | None, forward: bool | None) -> None:
        self._app.run_worker(
            partial(self._read, at, forward),
            name="replay",
            group="replay",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _read(self, at: float | None, forward: bool | None) -> None:
        """Thread worker: resolve a step to a poll time, then read the fleet and tunnels there."""
        reader = self.reader
        assert reader is not None
        if at is None:
            current = self.at
            if current is None:
                span = reader.times()
                if span is None:
                    self._app.post_message(ReplayLoaded(None, nothing="nothing recorded yet"))
                    return
                current = span[1]
            at = reader.neighbour(current, forward=bool(forward))
            if at is None:
                if forward:
                    self._app.post_message(ReplayLoaded(None, live=True))
                else:
                    self._app.post_message(ReplayLoaded(None, nothing="no earlier poll recorded"))
                return
        frame = ReplayFrame(
            at=at, polls=dict(reader.fleet_at(at)), tunnels=dict(reader.tunnels_at(at))
        )
        self._app.post_message(ReplayLoaded(frame))

    def loaded(self, message: ReplayLoaded) -> None:
        """A read finished (UI thread): show its frame, go live, or say why not."""
        if message.live:
            self.go_live()
        elif message.frame is None:
            self._nothing(message.nothing or "nothing recorded")
        else:
            self._show(message.frame)

    def _nothing(self, why: str) -> None:
        self._app.notify(why, title="Replay", severity="warning")

    def _show(self, frame: ReplayFrame) -> None:
        if not frame.polls:
            self._nothing("no poll recorded at or before that time")
            return
        self._state.replay_frame = frame
        self._app.router_updated.publish("")

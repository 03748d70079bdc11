"""Polls every router on its own one-shot thread worker, re-armed by a timer when it ends.

A router's next poll is scheduled only after its previous one finished, so polls of one
router never overlap, and a router that hangs holds only its own worker thread. Each poll
fetches only the kinds due by the router's cadence (`model.cadence`); the full binding
table runs at every poll only while a router screen watches it, and only then does the
worker build its tables: an unwatched router costs the console no work per binding.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.worker import Worker, WorkerState

from pmiptui.model.cadence import due_kinds
from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ports import Poller, RecordingPollerState
from pmiptui.ui.collector import YOUNG_EVERY_SEC, CollectorSchedule, is_manual
from pmiptui.ui.data.binding_diff import BindingTracker
from pmiptui.ui.data.bindings_view import ViewSpec
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.messages import PollFinished
from pmiptui.ui.prepare import prepare_bindings, show_bindings

if TYPE_CHECKING:
    from pmiptui.ui.app import PmipApp

POLL_GROUP = "poll"
SPARE_THREADS = 8
"""Worker threads beyond one per router (inventory, exports, wizards, replay)."""


def worker_threads(routers: int) -> int:
    """Threads the console's executor needs: one per router, so hung polls cannot starve
    the others, and the spares. The composition root sizes the executor with it."""
    return routers + SPARE_THREADS


class PollScheduler:
    """Starts, re-arms, pauses and hurries the per-router poll workers."""

    def __init__(self, app: PmipApp, state: ConsoleState, poller: Poller) -> None:
        self._app = app
        self._state = state
        """What the console shows; the scheduler marks polls started in it, and keeps the
        pause flag there (`ConsoleState.paused`), where screens read it."""
        self._poller = poller
        self._recording = poller if isinstance(poller, RecordingPollerState) else None
        self._refresh_sec: float | None = getattr(poller, "refresh_sec", None)
        """A poller that reads a store (`history.store_view`) is asked this often, whatever
        the routers' intervals, so a recorded poll shows within a second."""
        """The poller as a recorder of history, whose state each poll reports; or None."""
        self._infos: dict[str, RouterInfo] = {}
        self._timers: dict[str, Timer] = {}
        self._in_flight: set[str] = set()
        self._collector = CollectorSchedule(busy=lambda: bool(self._in_flight))
        self._trackers: dict[str, BindingTracker] = {}
        self._fetched: dict[str, dict[str, float]] = {}
        """Per router: when each kind was last fetched, since (re)connecting."""
        self.view_specs: dict[str, ViewSpec] = {}
        """The Bindings tab's view per router; read by workers, replaced (never mutated)."""
        self.watched: set[str] = set()
        """Routers with an open router screen: their workers also build the bindings view."""

    def start(self, routers: list[RouterInfo]) -> None:
        """Begin polling every router now."""
        self._infos = {r.name: r for r in routers}
        self._trackers = {r.name: BindingTracker() for r in routers}
        self._fetched = {r.name: {} for r in routers}
        self._app.set_interval(YOUNG_EVERY_SEC, self._collect)
        for name in self._infos:
            self.poll_now(name)

    def _collect(self) -> None:
        """The collector's timer: it collects only where the composition root switched
        automatic collection off (`collector.manual_collection`)."""
        if is_manual():
            self._collector.tick()

    def watch(self, name: str) -> None:
        """A router screen opened: its bindings now refresh at every poll, starting now."""
        self.watched.add(name)
        self.poll_now(name)

    def unwatch(self, name: str) -> None:
        """Its router screen closed: bindings go back to their own cadence."""
        self.watched.discard(name)

    def in_flight(self, name: str) -> bool:
        """True while a poll of the router is running."""
        return name in self._in_flight

    def poll_now(self, name: str) -> None:
        """Start a poll unless one is running; cancels the router's pending timer."""
        timer = self._timers.pop(name, None)
        if timer is not None:
            timer.stop()
        if name in self._in_flight or name not in self._infos:
            return
        self._in_flight.add(name)
        now = self._app.now()
        self._state.poll_started(name, now)
        info = self._infos[name]
        kinds = due_kinds(
            info.cadence,
            self._fetched[name],
            now,
            interval=info.poll_interval_sec,
            watched=name in self.watched,
        )
        self._app.run_worker(
            partial(self._poll, name, kinds),
            name=name,
            group=POLL_GROUP,
            description=f"poll {name}",
            thread=True,
            exit_on_error=False,
        )

    def poll_all_now(self) -> None:
        """`r`: poll every router that is not already being polled."""
        for name in self._infos:
            self.poll_now(name)

    def set_paused(self, paused: bool) -> None:
        """Stop re-arming (pause), or poll everything idle now (resume)."""
        self._state.paused = paused
        if paused:
            for timer in self._timers.values():
                timer.stop()
            self._timers.clear()
        else:
            self.poll_all_now()

    def _poll(self, name: str, kinds: tuple[str, ...]) -> None:
        """Thread worker: one blocking poll, then, for a watched router, its binding tables."""
        try:
            result = self._poller.poll(name, kinds)
        except Exception as error:  # a broken poller is a failed poll, never a crash
            now = self._app.now()
            result = PollResult(
                router=name,
                started=now,
                finished=now,
                error=f"poll failed: {error}",
                error_title="Poller error",
            )
        fetched = self._fetched[name]
        if result.ok:
            fetched.update(result.fetched)
        else:
            fetched.clear()  # the next poll reconnects and fetches everything again
        prepared = shown = None
        if name in self.watched:
            prepared = prepare_bindings(self._trackers[name], result)
            if prepared is not None:
                spec = self.view_specs.get(name, ViewSpec())
                shown = show_bindings(name, prepared.base, spec)
        history_error = self._recording.last_error if self._recording is not None else None
        self._app.post_message(PollFinished(result, prepared, shown, history_error))

    def worker_ended(self, worker: Worker[None]) -> PollResult | None:
        """Re-arm the router's timer; a poll that raised becomes a failed result."""
        name = worker.name
        self._in_flight.discard(name)
        failed = None
        if worker.state == WorkerState.ERROR:
            now = self._app.now()
            failed = PollResult(
                router=name,
                started=now,
                finished=now,
                error=f"poll failed: {worker.error}",
                error_title="Poller error",
            )
        if not self._state.paused and worker.state != WorkerState.CANCELLED and name in self._infos:
            interval = self._refresh_sec or self._infos[name].poll_interval_sec
            self._timers[name] = self._app.set_timer(interval, partial(self.poll_now, name))
        return failed

"""Poll routers on their cadences from plain threads, one per router, until told to stop.

The console's scheduler runs on Textual timers; the headless poller has no UI, so each
router gets a thread that polls, hands the result on, and waits for the next start. Polls
of one router never overlap, and a hung router holds only its own thread. Starts are
`interval` apart (start to start); a poll longer than that is followed by the next at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from pmiptui.model.cadence import due_kinds
from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ports import Poller

OnResult = Callable[[RouterInfo, PollResult], None]


class FleetLoop:
    """One polling thread per router; `stop()` ends them after their current poll."""

    def __init__(
        self,
        poller: Poller,
        on_result: OnResult,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._poller = poller
        self._on_result = on_result
        self._clock = clock
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self, routers: list[RouterInfo]) -> None:
        """Start polling each router now."""
        for info in routers:
            thread = threading.Thread(
                target=self._run, args=(info,), name=f"poll-{info.name}", daemon=True
            )
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout: float = 10.0) -> list[str]:
        """Ask every thread to end and wait up to `timeout` s in all; the routers whose poll
        was still running then (a hung router), which the caller may leave behind."""
        self._stop.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return [t.name.removeprefix("poll-") for t in self._threads if t.is_alive()]

    def _run(self, info: RouterInfo) -> None:
        fetched: dict[str, float] = {}
        while not self._stop.is_set():
            started = self._clock()
            kinds = due_kinds(
                info.cadence, fetched, started, interval=info.poll_interval_sec, watched=False
            )
            result = self._poll(info.name, kinds, started)
            if result.ok:
                fetched.update(result.fetched)
            else:
                fetched.clear()  # the next poll reconnects and fetches everything again
            self._on_result(info, result)
            self._stop.wait(max(0.0, started + info.poll_interval_sec - self._clock()))

    def _poll(self, name: str, kinds: tuple[str, ...], started: float) -> PollResult:
        try:
            return self._poller.poll(name, kinds)
        except Exception as error:  # a broken poller is a failed poll, never a dead thread
            return PollResult(
                router=name,
                started=started,
                finished=self._clock(),
                error=f"poll failed: {error}",
                error_title="Poller error",
            )

"""When the garbage collector's full passes run in the console: between polls, not during.

A full pass scans every tracked object while holding the GIL; with the console's heap it
takes 30 to 130 ms on a small machine, and CPython starts one whenever enough objects have
survived, which with 128,000 bindings a poll is during nearly every poll. Here automatic
collection is off; young generations are collected every YOUNG_EVERY_SEC (a few
milliseconds each), and a full pass runs every FULL_EVERY_SEC, postponed while any poll is
in flight for at most FULL_AT_LATEST_SEC. What survives a full pass is frozen (left out of
later passes), so a routine full pass only scans what is newer; every DEEP_EVERY full
passes, at a moment with no poll in flight (or after DEEP_AT_LATEST_SEC), the frozen heap
is thawed and scanned too, so cyclic garbage among it is freed.
Reference counting frees everything that is not in a cycle at once, as always.

Turning automatic collection off is process-wide, so it is the composition root's to do
(`manual_collection` around the app's run, see `pmiptui.console`); the console's poll
scheduler ticks the schedule only while automatic collection is off. An app run without
it (tests, `App.run_test`) leaves the collector to CPython.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

YOUNG_EVERY_SEC = 0.5
FULL_EVERY_SEC = 30.0
FULL_AT_LATEST_SEC = 120.0
DEEP_EVERY = 10
"""Full passes between two that also scan the frozen heap (about every 5 minutes)."""
DEEP_AT_LATEST_SEC = 1800.0
"""A deep pass waits for a moment with no poll in flight, but no longer than this."""


@contextmanager
def manual_collection() -> Iterator[None]:
    """Automatic collection off while the block runs (the console's), back on after it.

    The startup heap (modules, classes) is collected and frozen first, so it is never
    scanned again while the console runs; it is thawed at the end."""
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def is_manual() -> bool:
    """True while automatic collection is off (`manual_collection`): the console collects."""
    return not gc.isenabled()


class CollectorSchedule:
    """Runs the collector from the UI's timer; `busy()` says whether a poll is in flight."""

    def __init__(self, busy: Callable[[], bool], clock: Callable[[], float] = time.monotonic):
        self._busy = busy
        self._clock = clock
        self._last_full = clock()
        self._full_passes = 0
        self._last_deep = clock()

    def tick(self) -> None:
        """Called every YOUNG_EVERY_SEC: a young pass, and a full one when it is due."""
        since = self._clock() - self._last_full
        if since >= FULL_AT_LATEST_SEC or (since >= FULL_EVERY_SEC and not self._busy()):
            self._full_passes += 1
            now = self._clock()
            deep_due = self._full_passes >= DEEP_EVERY
            if now - self._last_deep >= DEEP_AT_LATEST_SEC or (deep_due and not self._busy()):
                gc.unfreeze()
                self._full_passes = 0
                self._last_deep = now
            gc.collect()
            gc.freeze()
            self._last_full = self._clock()
        else:
            gc.collect(1)

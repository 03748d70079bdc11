"""A console's poller when it attaches to a shared store: it reads polls, it sends nothing.

Headless pollers (`pmiptui poller`) record every poll into the store; a console opened
with `--store` asks this view instead of the routers. Each "poll" is a cheap read of the
router's newest recorded result, made every `refresh_sec` so a recorded poll is on every
attached screen within a second. The binding table is read only when the console watches
the router and a newer one was recorded. A router that no live poller covers (its poller
was killed, or stopped) comes back with `stale` set, and the console shows it STALE.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from pmiptui.history.pollers import PollerBeat, covering
from pmiptui.history.results import bindings_from, result_from
from pmiptui.history.store import History
from pmiptui.model.cadence import DEFAULTS, ON_CONNECT
from pmiptui.model.poll import POLL_KINDS, PollResult, RouterInfo, carry_forward

REFRESH_SEC = 0.5
"""How often an attached console re-reads each router."""
NOT_RECORDED = "no poll of it is recorded in the store yet"
BEATS_KEPT_SEC = 0.5
"""Heartbeats read once serve every router's refresh for this long."""


@dataclass(slots=True)
class _Seen:
    """What the view last gave the console for one router."""

    at: float
    result: PollResult
    bindings_at: float | None = None
    """The recorded poll whose binding table the console has, or None."""


class StoreView:
    """A `Poller` over a store: each poll returns the router's newest recorded result."""

    refresh_sec = REFRESH_SEC
    """Re-read every router this often, whatever its poll interval (see `ui.polling`)."""

    def __init__(
        self,
        history: History,
        routers: list[RouterInfo],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._history = history
        self._routers = routers
        self._clock = clock
        self._seen: dict[str, _Seen] = {}
        self._unrecorded: set[str] = set()
        """Routers already reported as having no recorded poll."""
        self._beats: tuple[float, list[PollerBeat]] = (float("-inf"), [])
        self._lock = threading.Lock()

    def routers(self) -> list[RouterInfo]:
        """The routers the console shows (the inventory's)."""
        return list(self._routers)

    def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
        """The router's newest recorded poll, marked stale when no live poller covers it."""
        now = self._clock()
        stale = self._why_stale(router, now)
        at, text = self._history.latest(router) or (0.0, None)
        if text is None:
            again = router in self._unrecorded
            self._unrecorded.add(router)
            return PollResult(  # the same "poll" each time: the console takes it once
                router=router,
                started=now,
                finished=now,
                error=NOT_RECORDED,
                stale=stale or NOT_RECORDED,
                again=again,
            )
        seen = self._seen.get(router)
        again = seen is not None and seen.at == at
        if seen is None or not again:
            result = result_from(text)
            if seen is None:  # a console attaching now: each kind as last fetched
                result = assembled(self._history, result)
            seen = _Seen(at=at, result=result)
            self._seen[router] = seen
        result = replace(seen.result, stale=stale, again=again)
        if "bindings" in kinds and result.ok and seen.bindings_at != at:
            rows = self._history.bindings_at(router, at)
            if rows is not None:
                seen.bindings_at = at
                fetched = {**result.fetched, "bindings": result.fetched.get("bindings", at)}
                return replace(result, bindings=bindings_from(rows), fetched=fetched)
        fetched = {k: v for k, v in result.fetched.items() if k != "bindings"}
        return replace(result, fetched=fetched)

    def _why_stale(self, router: str, now: float) -> str | None:
        """Why the router's data is not current (no live poller covers it), or None."""
        with self._lock:
            read_at, beats = self._beats
            if now - read_at > BEATS_KEPT_SEC:
                beats = self._history.pollers()
                self._beats = (now, beats)
        if router in covering(beats, now):
            return None
        last = next((b for b in beats if router in b.routers), None)
        if last is None:
            return "no poller polls it"
        if last.stopped is not None:
            return f"its poller {last.id} stopped"
        return f"its poller {last.id} is silent since {now - last.beat_at:.0f} s"

    def close(self) -> None:
        """Close the store."""
        self._history.close()


LOOK_BACK_PAGE = 200
LOOK_BACK_PAGES = 20
"""A console attaching to a store reads at most this many pages of a router's older polls
to find the kinds the newest one did not fetch (globals: every ten minutes)."""
SOUGHT_KINDS = tuple(kind for kind in POLL_KINDS if DEFAULTS[kind] != ON_CONNECT)
"""The kinds worth paging back for: not those read on connect only (`show version`), which
may be days back; they are taken only from the polls read for the others."""


def assembled(history: History, newest: PollResult) -> PollResult:
    """`newest` with every kind it did not fetch taken from the poll that last fetched it,
    as a console that had watched all along would show it (`carry_forward`)."""
    if not newest.ok:
        return newest
    result, before = newest, newest.finished
    for _ in range(LOOK_BACK_PAGES):
        if all(kind in result.fetched for kind in SOUGHT_KINDS):
            break
        page = history.results_before(newest.router, before, LOOK_BACK_PAGE)
        for at, text in page:
            before = at
            if text is not None:
                older = result_from(text)
                if older.ok:
                    result = carry_forward(older, result)
        if len(page) < LOOK_BACK_PAGE:
            break
    return result


def routers_in_store(history: History, interval_sec: float) -> list[RouterInfo]:
    """The routers a store knows (heartbeats' and recorded polls'), for a console given no
    inventory: role and domain from each one's newest recorded result."""
    names = dict.fromkeys(name for beat in history.pollers() for name in beat.routers)
    names.update(dict.fromkeys(history.routers()))
    found = []
    for name in sorted(names):
        newest = history.latest(name)
        role, domain = "?", None
        if newest is not None and newest[1] is not None:
            globals_ = assembled(history, result_from(newest[1])).globals
            if globals_ is not None:
                role = "lma" if hasattr(globals_, "lma_id") else "mag"
                domain = globals_.domain
        found.append(
            RouterInfo(name=name, host="", role=role, domain=domain, poll_interval_sec=interval_sec)
        )
    return found


def with_poller_intervals(routers: list[RouterInfo], beats: list[PollerBeat]) -> list[RouterInfo]:
    """Each router with the poll interval of the poller that polls it (the console's own
    setting means nothing for a router it does not poll): STALE is judged by that."""
    interval = {name: beat.interval_sec for beat in reversed(beats) for name in beat.routers}
    return [
        replace(info, poll_interval_sec=interval[info.name]) if info.name in interval else info
        for info in routers
    ]

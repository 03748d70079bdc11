"""What the console knows about each router: last polls, status, history, stats and log.

Owned by the UI thread; workers hand results over in messages and never touch it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace

from pmiptui.model.drift import Drift
from pmiptui.model.globals import LmaGlobals
from pmiptui.model.poll import CommandRun, PollResult, RouterInfo, carry_forward
from pmiptui.model.version import DeviceVersion, unchecked_notice, version_line
from pmiptui.ui.data.binding_diff import Removed
from pmiptui.ui.data.bindings_view import BindingsView
from pmiptui.ui.data.stats_delta import StatsTracker

OK, STALE, ERROR, PAUSED, WAIT = "OK", "STALE", "ERROR", "PAUSED", "WAIT"
SEVERITY = {ERROR: 0, STALE: 1, WAIT: 2, PAUSED: 3, OK: 4}
"""Sort rank of each status: faults first."""
FAULTS = frozenset({ERROR, STALE})
STALE_AFTER = 3
"""A router's data is stale once its last good poll is older than this many intervals."""
HISTORY = 40
LOG_KEPT = 500


@dataclass(frozen=True, slots=True)
class PreparedBindings:
    """A poll's bindings as the worker prepared them: marks, base table, removed ones."""

    base: object
    """The pyarrow Table of every binding (see `bindings_view.base_table`)."""
    marks: dict[str, str]
    fading: frozenset[str]
    """Marked NAIs whose highlight fades (their mark's last poll)."""
    removed: tuple[Removed, ...]
    view: BindingsView | None = None
    """The filtered, sorted view, when a screen was watching this router."""


@dataclass(slots=True)
class RouterState:
    """One router as the console tracks it."""

    info: RouterInfo
    order: int
    """Inventory position, the tie-break when sorting."""
    since: float
    """When the console started watching it (a router not yet polled is WAIT, then STALE)."""
    last: PollResult | None = None
    last_ok: PollResult | None = None
    prepared: PreparedBindings | None = None
    polls: int = 0
    in_flight_since: float | None = None
    history: deque[int] = field(default_factory=lambda: deque(maxlen=HISTORY))
    """Binding counts of the last good polls, oldest first."""
    log: deque[tuple[int, CommandRun]] = field(default_factory=lambda: deque(maxlen=LOG_KEPT))
    """Commands sent, numbered in order, newest last."""
    log_seq: int = 0
    stats: StatsTracker = field(default_factory=StatsTracker)
    notified_error: str | None = None
    """The error last notified, so a failing router notifies once, not every poll."""
    noticed_release: str | None = None
    """The unchecked release last noticed, so the console says it once per router."""

    @property
    def name(self) -> str:
        """The router's inventory name."""
        return self.info.name

    def record(self, result: PollResult, prepared: PreparedBindings | None) -> None:
        """Take a finished poll; the same poll again (a console re-reading a store) only
        updates whether it is stale, and brings its binding table if it has one now."""
        if result.again and self.last is not None:
            self.in_flight_since = None
            self.last = replace(self.last, stale=result.stale)
            if result.ok and result.bindings is not None:
                self.last_ok = carry_forward(self.last_ok, result)
                self.prepared = prepared if prepared is not None else self.prepared
            return
        self.polls += 1
        self.last = result
        self.in_flight_since = None
        for run in result.commands:
            self.log_seq += 1
            self.log.append((self.log_seq, run))
        if not result.ok:
            return
        self._learn_role(result)
        self.last_ok = carry_forward(self.last_ok, result)
        if prepared is not None:
            self.prepared = prepared
        count = self.binding_count
        if count is not None:
            self.history.append(count)
        if result.stats is not None:
            self.stats.update(result.stats, result.finished)

    def _learn_role(self, result: PollResult) -> None:
        """A router listed without role or domain (an inventory entry without them, or a
        store's router) takes them from its first globals."""
        found = result.globals
        if found is None or (self.info.role in ("mag", "lma") and self.info.domain):
            return
        role = self.info.role if self.info.role in ("mag", "lma") else None
        self.info = replace(
            self.info,
            role=role or ("lma" if isinstance(found, LmaGlobals) else "mag"),
            domain=self.info.domain or found.domain,
        )

    def is_stale(self, now: float) -> bool:
        """True when the data shown is not current: last poll failed, or good one too old,
        or (read from a store) no poller polls the router any more."""
        if self.last is not None and (not self.last.ok or self.last.stale):
            return True
        if self.last_ok is None:
            return True
        return now - self.last_ok.finished > STALE_AFTER * self.info.poll_interval_sec

    def status(self, now: float, paused: bool) -> str:
        """OK, STALE, ERROR, PAUSED or WAIT (no poll yet, still within the stale limit)."""
        if self.last is not None and not self.last.ok and not self.last.stale:
            return ERROR
        if paused:
            return PAUSED
        if self.is_stale(now):
            waited = now - self.since
            if self.last_ok is None and waited <= STALE_AFTER * self.info.poll_interval_sec:
                return WAIT
            return STALE
        return OK

    @property
    def binding_count(self) -> int | None:
        """The newest binding count: the table's, the `Total` line's, else the stats'."""
        good = self.last_ok
        if good is None:
            return None
        if good.binding_total is not None:
            return good.binding_total
        if good.bindings is not None:
            return len(good.bindings)
        return good.stats.bindings_current if good.stats else None

    @property
    def drift(self) -> list[Drift]:
        """What the parsers did not understand of the data shown, per command: each kind's
        drift is its newest fetch's, so it lasts until the kind is fetched again clean."""
        good = self.last_ok
        return list(good.drift) if good is not None else []

    @property
    def version(self) -> DeviceVersion | None:
        """The IOS XE release and platform, from the newest `show version` (read on connect)."""
        good = self.last_ok
        return good.version if good is not None else None

    @property
    def version_line(self) -> str | None:
        """The Globals tab's first line, `IOS XE 17.03.04a on ASR1001-X`; None until known."""
        return version_line(self.version)

    def version_notice(self) -> str | None:
        """The caution for a release the formats were not checked against, the first time
        the router is seen on it; None otherwise (a checked release, or already said)."""
        version = self.version
        notice = unchecked_notice(self.name, version)
        if notice is None or version is None or version.release == self.noticed_release:
            return None
        self.noticed_release = version.release
        return notice

    @property
    def max_bindings(self) -> int | None:
        """The configured binding limit, from globals."""
        good = self.last_ok
        return good.globals.max_bindings if good and good.globals else None

    @property
    def tunnels_up(self) -> tuple[int, int] | None:
        """Tunnels up, and tunnels in all."""
        good = self.last_ok
        if good is None or good.tunnels is None:
            return None
        return sum(1 for t in good.tunnels if t.up), len(good.tunnels)

    @property
    def reject_pct(self) -> float | None:
        """PBAs rejected as a share of PBAs accepted and rejected, in %."""
        good = self.last_ok
        stats = good.stats if good else None
        if stats is None or stats.pba_rejected is None or stats.pba_accepted is None:
            return None
        total = stats.pba_accepted + stats.pba_rejected
        return 100.0 * stats.pba_rejected / total if total else 0.0

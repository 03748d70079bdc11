"""Record every poll in the store and replay the fleet, tunnels and binding tables as they were.

Bindings are stored as changes keyed by NAI (added, changed, removed; ticking counters
alone are no change, see `binding_rows`), one compressed set per poll, plus a full
snapshot every `snapshot_every_sec`, so a 128k-binding LMA polled every few seconds costs
only its churn; a past table is the last snapshot before the moment plus the changes
after it. Polls are written by one writer thread in the order they came, so recording
never delays a poll's display.
Each poll's tunnels are kept with the poll as a small `[peer, up, bindings]` list (NULL when
the poll brought none back), so the retention that drops polls drops them too.
The store is a SQLite file (the console's embedded default) or a PostgreSQL database
shared by pollers and consoles (see `engine`); the SQL here is portable Core, the schema
is `schema` and Alembic keeps it current. A SQLite file and its -wal/-shm are private
(0600, see `database_file`); `opening` sets aside a file that is no usable history.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from pmiptui.history import pollers, schema
from pmiptui.history.binding_rows import encode_change_set, encode_snapshot, signatures, texts
from pmiptui.history.database_file import prepare_file, probe
from pmiptui.history.engine import database_reason, migrate, open_engine, store_url
from pmiptui.history.reads import PollRow, StoreReads, TunnelRow

__all__ = ["MAX_QUEUED_BINDINGS", "History", "PollRow", "TunnelRow"]

PRUNE_EVERY = 500
"""Recorded polls between two prunes."""
MAX_QUEUED_BINDINGS = 600_000
"""Bindings waiting for the writer at most. When the disk falls behind, a poll's table
is left out (its summary is still recorded) rather than held in memory without bound;
the next table recorded for the router is compared with the last one written."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Poll(PollRow):
    """One poll waiting for the writer thread (the arguments of `History.record`)."""

    bindings: Sequence[Any] | None
    tunnels: list[Any] | None
    result: str | None
    """The whole poll but its binding table, as `results.result_text` stores it."""
    poller: str | None
    """The headless poller that made the poll (None: a console)."""


class History(StoreReads):
    """A poll history database; safe to use from several worker threads.

    Raises `UnusableHistory` for a file that is something else (a directory, another
    schema), `sqlite3.DatabaseError` for one SQLite cannot read, OSError when the file
    cannot be created.
    """

    def __init__(
        self,
        location: Path | str,
        *,
        retention_sec: float = 24 * 3600,
        snapshot_every_sec: float = 600,
        write_delay_sec: float = 0.0,
    ) -> None:
        self.retention_sec = retention_sec
        self.write_delay_sec = write_delay_sec
        """How long a recorded poll waits before it is written. The console gives its
        refresh this head start: writing 128,000 bindings competes for the GIL with
        building the table that shows them."""
        self.snapshot_every_sec = snapshot_every_sec
        self.url = store_url(location)
        """Where the store is (`engine.shown` prints it without its password)."""
        path = self.url.database if self.url.get_backend_name() == "sqlite" else None
        if path not in (None, "", ":memory:"):
            prepare_file(Path(str(path)))
            probe(Path(str(path)))
        self._engine = open_engine(self.url)
        try:
            migrate(self._engine)
        except BaseException:
            self._engine.dispose()
            raise
        self._lock: AbstractContextManager[Any] = (
            threading.Lock() if path == ":memory:" else nullcontext()
        )
        """Held around every use of the database where all threads share one connection
        (an in-memory SQLite); elsewhere each thread takes its own from the pool."""
        self._lock_queued = threading.Lock()
        self._last: dict[str, dict[str, int]] = {}
        """Per router: NAI → change signature of the bindings last recorded."""
        self._last_snapshot: dict[str, float] = {}
        self._pending: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._writes = 0
        self._queued_bindings = 0
        self.tables_skipped = 0
        """Binding tables left out because the writer was behind (see MAX_QUEUED_BINDINGS)."""
        self.last_error: str | None = None
        """Why recording is failing, as a reason (the console shows it after "history not
        recording: "); None again once a poll recorded after the failure is written, so
        it says whether history is recording now. Polling goes on regardless."""
        self._recorded = 0
        """Polls handed to `record` so far; numbers them, in the order they came."""
        self._failed = 0
        """The number of the last poll that failed to record (or lost its table)."""
        self._writer = threading.Thread(target=self._write_loop, name="pmiptui-history")
        self._writer.daemon = True
        self._writer.start()

    def close(self) -> None:
        """Write what is still pending, then close the database."""
        if self._writer.is_alive():
            self._pending.put(None)
            self._writer.join(timeout=30)
        with self._lock:
            self._engine.dispose()

    def _write_loop(self) -> None:
        """The writer thread: records polls in the order they came, pruning now and then."""
        while True:
            job = self._pending.get()
            try:
                if job is None:
                    return
                job()
                self._writes += 1
                if self._writes % PRUNE_EVERY == 0:
                    self.prune()
            except Exception as error:  # history is best effort; the live view goes on
                self.note_failure(f"write failed: {database_reason(error)}")
            finally:
                self._pending.task_done()

    def note_failure(self, reason: str, number: int | None = None) -> None:
        """Say why recording is failing; only a poll recorded after poll `number` (the
        latest so far when None) clears it, by being written."""
        with self._lock_queued:
            self._failed = self._recorded if number is None else max(self._failed, number)
            self.last_error = reason

    def _written(self, number: int) -> None:
        """Poll `number` is written: recording works again if it came after the failure."""
        with self._lock_queued:
            if number > self._failed:
                self.last_error = None

    def _settled(self) -> None:
        """Wait until every poll recorded so far is written, so a read sees all of them."""
        if self._writer.is_alive() and threading.current_thread() is not self._writer:
            self._pending.join()

    def record(
        self,
        router: str,
        *,
        at: float,
        ok: bool,
        error: str | None,
        latency_ms: int | None,
        summary: dict[str, Any],
        bindings: Sequence[Any] | None,
        tunnels: Iterable[Any] | None = None,
        result: str | None = None,
        poller: str | None = None,
    ) -> None:
        """Queue one poll for the writer thread, which stores it; returns at once.

        Storing 128,000 bindings takes about a second, which the poll that brought them
        must not wait for: the console shows a poll's result only when `record` returns.
        `bindings` are stored as changes since the last poll (see `binding_rows`);
        `tunnels` are records with `peer_id`, `up` and `bindings`; only those are kept.
        `result` is the whole poll as `results.result_text` gives it, for consoles that
        show the store; `poller` names the headless poller that polled.
        Reads wait for the queue, so they see every poll recorded before them.
        """
        counted = 0
        with self._lock_queued:
            self._recorded += 1
            number = self._recorded
            if bindings is not None and self._writer.is_alive():
                if self._queued_bindings + len(bindings) > MAX_QUEUED_BINDINGS:
                    self.tables_skipped += 1
                    self._failed = number
                    self.last_error = (
                        f"behind, {self.tables_skipped} binding table(s) not recorded (the "
                        "disk cannot keep up); replay shows the ones before"
                    )
                    bindings = None
                else:
                    counted = len(bindings)
                    self._queued_bindings += counted
        poll = _Poll(
            router=router,
            at=at,
            ok=ok,
            error=error,
            latency_ms=latency_ms,
            summary=summary,
            bindings=bindings,
            tunnels=list(tunnels) if tunnels is not None else None,
            result=result,
            poller=poller,
        )
        job = partial(self._record_queued, poll, counted, number)
        if self._writer.is_alive():
            self._pending.put(partial(self._after_delay, time.monotonic(), job))
        else:
            job()

    def record_audit(self, data: dict[str, Any]) -> None:
        """Store one configuration change's audit record (masked data, `audit.audit_data`)
        at once; a failure is said in `last_error`, never raised: the audit file has it."""
        try:
            with self._lock, self._engine.begin() as db:
                db.execute(
                    schema.audit.insert(),
                    {
                        "at": time.time(),
                        "router": str(data.get("router", "")),
                        "operator": str(data.get("operator", "")),
                        "result": str(data.get("result", "")),
                        "record": json.dumps(data, ensure_ascii=False),
                    },
                )
        except Exception as error:  # the audit file is the record of truth
            self.note_failure(f"audit record not stored: {database_reason(error)}")

    def _after_delay(self, queued: float, job: Callable[[], None]) -> None:
        wait = queued + self.write_delay_sec - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        job()

    def _record_now(self, poll: _Poll) -> None:
        shown = None
        if poll.tunnels is not None:
            shown = json.dumps([[t.peer_id, t.up, t.bindings] for t in poll.tunnels])
        with self._lock, self._engine.begin() as db:
            db.execute(
                schema.polls.insert(),
                {
                    "router": poll.router,
                    "at": poll.at,
                    "ok": int(poll.ok),
                    "error": poll.error,
                    "latency_ms": poll.latency_ms,
                    "summary": json.dumps(poll.summary),
                    "tunnels": shown,
                    "result": poll.result,
                    "poller": poll.poller,
                },
            )
            if poll.bindings is not None:
                self._store_bindings(db, poll.router, poll.at, poll.bindings)

    def _record_queued(self, poll: _Poll, counted: int, number: int) -> None:
        """Record queued poll `number`; its bindings no longer count as waiting, even if
        it fails. A failure is said in `last_error`; a success after the last failure
        clears it."""
        try:
            self._record_now(poll)
        except Exception as error:  # history is best effort; the live view goes on
            self.note_failure(f"write failed: {database_reason(error)}", number)
            return
        finally:
            with self._lock_queued:
                self._queued_bindings -= counted
        self._written(number)

    def _store_bindings(
        self, db: Connection, router: str, at: float, bindings: Sequence[Any]
    ) -> None:
        current = signatures(bindings)
        due = at - self._last_snapshot.get(router, float("-inf")) >= self.snapshot_every_sec
        if due or router not in self._last:
            blob = zlib.compress(encode_snapshot(texts(bindings)), 3)
            db.execute(schema.snapshots.insert(), {"router": router, "at": at, "data": blob})
            self._last_snapshot[router] = at
        else:
            before = self._last[router]
            changed = {nai for nai, sign in current.items() if before.get(nai) != sign}
            removed = before.keys() - current.keys()
            if changed or removed:
                data = encode_change_set(texts(bindings, changed), sorted(removed))
                db.execute(
                    schema.change_sets.insert(),
                    {"router": router, "at": at, "data": zlib.compress(data, 3)},
                )
        self._last[router] = current

    def prune(self, now: float | None = None) -> int:
        """Drop what is older than the retention, keeping each router's latest snapshot."""
        self._settled()
        cutoff = (now or time.time()) - self.retention_sec
        with self._lock, self._engine.begin() as db:
            removed = db.execute(schema.polls.delete().where(schema.polls.c.at < cutoff)).rowcount
            routers = db.execute(text("SELECT DISTINCT router FROM snapshots")).scalars().all()
            for router in routers:
                keep = db.execute(
                    text("SELECT MAX(at) FROM snapshots WHERE router = :r AND at <= :c"),
                    {"r": router, "c": cutoff},
                ).scalar()
                if keep is not None:
                    args = {"r": router, "k": keep}
                    db.execute(text("DELETE FROM snapshots WHERE router = :r AND at < :k"), args)
                    for table in ("changes", "change_sets"):
                        db.execute(
                            text(f"DELETE FROM {table} WHERE router = :r AND at <= :k"), args
                        )
        with self._lock:
            pollers.forget_older(self._engine, cutoff)
        return int(removed)

"""Reading the store back: replay (fleet, tunnels, bindings at a moment), trends, the
newest poll of a router, pollers' heartbeats.

`StoreReads` is the read half of `store.History`; every read first waits for the polls
recorded before it to be written (`_settled`), so it sees all of them.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text

from pmiptui.history import pollers
from pmiptui.history.binding_rows import decode_change_set, decode_snapshot


@dataclass(frozen=True, slots=True, kw_only=True)
class PollRow:
    """A recorded poll of one router: when, whether it worked, and its summary figures."""

    router: str
    at: float
    ok: bool
    error: str | None
    latency_ms: int | None
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class TunnelRow:
    """One tunnel of a recorded poll: its far end, whether it was up, the bindings it carried."""

    peer_id: str | None
    up: bool | None
    bindings: int | None


class StoreReads:
    """The reads of a store; `store.History` provides the engine, lock and queue."""

    _engine: Engine
    _lock: AbstractContextManager[Any]

    def _settled(self) -> None:
        """Wait until every poll recorded so far is written."""
        raise NotImplementedError

    def beat(self, poller: pollers.PollerBeat) -> None:
        """Write a headless poller's heartbeat (at once, not through the writer queue)."""
        with self._lock:
            pollers.beat(self._engine, poller)

    def pollers(self) -> list[pollers.PollerBeat]:
        """Every poller's last heartbeat, newest first."""
        with self._lock:
            return pollers.read(self._engine)

    def latest(self, router: str) -> tuple[float, str | None] | None:
        """When `router`'s newest recorded poll was, and its whole result (None when that
        poll was recorded without one); None when none is recorded."""
        rows = self._read(
            "SELECT at, result FROM polls WHERE router = :router ORDER BY at DESC LIMIT 1",
            router=router,
        )
        return (rows[0][0], rows[0][1]) if rows else None

    def results_before(
        self, router: str, before: float, limit: int
    ) -> list[tuple[float, str | None]]:
        """Up to `limit` of `router`'s recorded polls before `before`, newest first, each
        with its whole result (None where none was recorded)."""
        rows = self._read(
            "SELECT at, result FROM polls WHERE router = :router AND at < :before "
            "ORDER BY at DESC LIMIT :limit",
            router=router,
            before=before,
            limit=limit,
        )
        return [(at, text) for at, text in rows]

    def _read(self, query: str, **args: Any) -> list[Any]:
        """The rows of one read, after every poll recorded so far is written."""
        self._settled()
        with self._lock, self._engine.connect() as db:
            return list(db.execute(text(query), args).all())

    def audit(self, router: str | None = None) -> list[dict[str, Any]]:
        """The stored audit records (of `router`, or all), oldest first."""
        query = "SELECT record FROM audit"
        if router is not None:
            query += " WHERE router = :router"
        rows = self._read(query + " ORDER BY at, id", router=router)
        return [json.loads(record) for (record,) in rows]

    def routers(self) -> list[str]:
        """Routers with recorded polls."""
        rows = self._read("SELECT DISTINCT router FROM polls ORDER BY router")
        return [router for (router,) in rows]

    def times(self, router: str | None = None) -> tuple[float, float] | None:
        """First and last recorded poll of `router` (of any router when None), or None."""
        query = "SELECT MIN(at), MAX(at) FROM polls"
        if router is not None:
            query += " WHERE router = :router"
        [(first, last)] = self._read(query, router=router)
        return None if first is None else (first, last)

    def neighbour(self, at: float, *, forward: bool) -> float | None:
        """The recorded poll time (any router) just after (or before) `at`, or None."""
        query = (
            "SELECT MIN(at) FROM polls WHERE at > :at"
            if forward
            else "SELECT MAX(at) FROM polls WHERE at < :at"
        )
        [(found,)] = self._read(query, at=at)
        return found  # type: ignore[no-any-return]

    def fleet_at(self, at: float) -> dict[str, PollRow]:
        """Each router's last recorded poll at or before `at`."""
        rows = self._read(
            "SELECT router, at, ok, error, latency_ms, summary FROM polls p WHERE at = "
            "(SELECT MAX(at) FROM polls q WHERE q.router = p.router AND q.at <= :at)",
            at=at,
        )
        return {row[0]: _poll_row(row) for row in rows}

    def polls_between(self, router: str | None, since: float, until: float) -> list[PollRow]:
        """The recorded polls of `router` (of every router when None) from `since` to
        `until`, oldest first: the trends are drawn from their summaries."""
        query = (
            "SELECT router, at, ok, error, latency_ms, summary FROM polls "
            "WHERE at >= :since AND at <= :until"
        )
        if router is not None:
            query += " AND router = :router"
        rows = self._read(query + " ORDER BY at", since=since, until=until, router=router)
        return [_poll_row(row) for row in rows]

    def tunnels_at(self, at: float) -> dict[str, list[TunnelRow]]:
        """Each router's tunnels from its last poll at or before `at` that brought them back.

        A failed poll records none, so a failing router keeps its last good report, as the
        live view does; a router with no such poll (or only older, tunnel-less records) is
        absent: its tunnels are unknown.
        """
        rows = self._read(
            "SELECT router, tunnels FROM polls p WHERE at = "
            "(SELECT MAX(at) FROM polls q WHERE q.router = p.router AND q.at <= :at "
            "AND q.tunnels IS NOT NULL) AND tunnels IS NOT NULL",
            at=at,
        )
        return {
            router: [TunnelRow(peer_id=p, up=u, bindings=b) for p, u, b in json.loads(shown)]
            for router, shown in rows
        }

    def bindings_at(self, router: str, at: float) -> list[dict[str, Any]] | None:
        """The router's binding table as it was at `at` (as dicts), or None before any record."""
        self._settled()
        with self._lock, self._engine.connect() as db:
            found = db.execute(
                text(
                    "SELECT at, data FROM snapshots WHERE router = :r AND at <= :at "
                    "ORDER BY at DESC LIMIT 1"
                ),
                {"r": router, "at": at},
            ).first()
            if found is None:
                return None
            base_at, blob = found
            table = decode_snapshot(zlib.decompress(blob))
            args = {"r": router, "base": base_at, "at": at}
            since = "WHERE router = :r AND at > :base AND at <= :at"
            rows = db.execute(text(f"SELECT at, nai, data FROM changes {since}"), args).all()
            sets = db.execute(text(f"SELECT at, data FROM change_sets {since}"), args).all()
        changes = [(when, [(nai, data)]) for when, nai, data in rows]
        changes += [(when, decode_change_set(zlib.decompress(blob))) for when, blob in sets]
        changes.sort(key=lambda change: change[0])  # stable: a poll's rows keep their order
        for nai, data in (item for _when, items in changes for item in items):
            if data is None:
                table.pop(nai, None)
            else:
                table[nai] = data
        return [json.loads(row) for row in table.values()]


def _poll_row(row: Sequence[Any]) -> PollRow:
    """A `router, at, ok, error, latency_ms, summary` row as a PollRow."""
    return PollRow(
        router=row[0],
        at=row[1],
        ok=bool(row[2]),
        error=row[3],
        latency_ms=row[4],
        summary=json.loads(row[5]),
    )

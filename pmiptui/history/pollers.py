"""Heartbeats of headless pollers: which routers some live poller polls now.

Each `pmiptui poller` keeps one row up to date (`beat`) with its shard and the routers
it polls; a console on the store counts a poller live while its last beat is recent
(`is_live`), and shows a router that no live poller covers as STALE.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, select

from pmiptui.history import schema

BEAT_EVERY_MAX_SEC = 5.0
"""A poller beats twice per poll interval, and at least this often."""
LIVE_FOR_BEATS = 2.5
"""A poller is live while its last beat is at most this many beat periods old (two beats
may be late or lost)..."""
LIVE_AT_LEAST_SEC = 2.0
"""...and never less than this, so a short interval does not flap on a slow write. With
it, a killed poller's routers are STALE on every console within two poll intervals."""


def beat_every(interval_sec: float) -> float:
    """Seconds between two heartbeats of a poller polling every `interval_sec`."""
    return min(BEAT_EVERY_MAX_SEC, interval_sec / 2)


@dataclass(frozen=True, slots=True, kw_only=True)
class PollerBeat:
    """A headless poller as its heartbeat row says: who, where, which routers, when."""

    id: str
    host: str
    pid: int
    shard: str
    """`K/N`, or `1/1` for the whole inventory."""
    routers: tuple[str, ...]
    interval_sec: float
    started: float
    beat_at: float
    stopped: float | None = None
    """When it stopped cleanly (its routers then go STALE at once), or None."""

    def is_live(self, now: float) -> bool:
        """True while the poller beats and has not said it stopped."""
        limit = max(LIVE_FOR_BEATS * beat_every(self.interval_sec), LIVE_AT_LEAST_SEC)
        return self.stopped is None and now - self.beat_at <= limit


def beat(engine: Engine, poller: PollerBeat) -> None:
    """Write `poller`'s row (replacing the one it had)."""
    table = schema.pollers
    with engine.begin() as db:
        db.execute(table.delete().where(table.c.id == poller.id))
        db.execute(
            table.insert(),
            {
                "id": poller.id,
                "host": poller.host,
                "pid": poller.pid,
                "shard": poller.shard,
                "routers": json.dumps(list(poller.routers)),
                "interval_sec": poller.interval_sec,
                "started": poller.started,
                "beat_at": poller.beat_at,
                "stopped": poller.stopped,
            },
        )


def read(engine: Engine) -> list[PollerBeat]:
    """Every poller's last heartbeat, newest first."""
    table = schema.pollers
    with engine.connect() as db:
        rows = db.execute(select(table).order_by(table.c.beat_at.desc())).mappings().all()
    return [
        PollerBeat(
            id=row["id"],
            host=row["host"],
            pid=row["pid"],
            shard=row["shard"],
            routers=tuple(json.loads(row["routers"])),
            interval_sec=row["interval_sec"],
            started=row["started"],
            beat_at=row["beat_at"],
            stopped=row["stopped"],
        )
        for row in rows
    ]


def forget_older(engine: Engine, before: float) -> int:
    """Drop rows of pollers silent since before `before` (the store's retention)."""
    table = schema.pollers
    with engine.begin() as db:
        return int(db.execute(table.delete().where(table.c.beat_at < before)).rowcount)


def covering(beats: list[PollerBeat], now: float) -> dict[str, PollerBeat]:
    """Router → the live poller that polls it (the freshest, if shards overlap)."""
    found: dict[str, PollerBeat] = {}
    for poller in sorted(beats, key=lambda p: p.beat_at):
        if poller.is_live(now):
            found.update(dict.fromkeys(poller.routers, poller))
    return found

"""Each poll's tunnel summary is recorded and read back as it was at a moment."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pmiptui.history.recording import RecordingPoller, summary_of
from pmiptui.history.store import History
from pmiptui.model.poll import PollResult
from pmiptui.model.tunnels import Tunnel

_OLD_SCHEMA = """
CREATE TABLE polls (
  router TEXT NOT NULL, at REAL NOT NULL, ok INTEGER NOT NULL, error TEXT,
  latency_ms INTEGER, summary TEXT NOT NULL
);
CREATE INDEX polls_at ON polls (router, at);
"""


def _t(peer: str | None, up: bool | None, bindings: int | None) -> Tunnel:
    return Tunnel(name="Tunnel0", peer_id=peer, up=up, bindings=bindings, encap="gre-ipv4")


def _record(h: History, router: str, at: float, tunnels: list[Tunnel] | None) -> None:
    h.record(
        router,
        at=at,
        ok=tunnels is not None,
        error=None if tunnels is not None else "timeout",
        latency_ms=5,
        summary={},
        bindings=None,
        tunnels=tunnels,
    )


def _seen(h: History, at: float) -> dict[str, list[tuple[str | None, bool | None, int | None]]]:
    return {
        router: [(t.peer_id, t.up, t.bindings) for t in tunnels]
        for router, tunnels in h.tunnels_at(at).items()
    }


def test_tunnels_read_back_as_they_were_and_a_failed_poll_keeps_the_last_report(
    tmp_path: Path,
) -> None:
    h = History(tmp_path / "h.sqlite")
    _record(h, "lma1", 10, [_t("MAG1", True, 12), _t("MAG2", False, 0)])
    _record(h, "mag1", 11, [_t("LMA1", True, 12)])
    _record(h, "lma1", 20, [_t("MAG1", True, 15), _t("MAG2", True, 4)])
    _record(h, "mag1", 21, None)  # failed: the map keeps its last report, drawn stale
    _record(h, "mag2", 22, [])
    assert h.tunnels_at(5) == {}
    assert _seen(h, 15) == {
        "lma1": [("MAG1", True, 12), ("MAG2", False, 0)],
        "mag1": [("LMA1", True, 12)],
    }
    assert _seen(h, 30) == {
        "lma1": [("MAG1", True, 15), ("MAG2", True, 4)],
        "mag1": [("LMA1", True, 12)],
        "mag2": [],
    }
    h.close()


def test_an_older_database_gains_the_column_and_its_polls_have_no_tunnels(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(_OLD_SCHEMA)
        db.execute("INSERT INTO polls VALUES ('lma1', 10, 1, NULL, 5, '{\"bindings\": 3}')")
    h = History(path)
    assert h.fleet_at(15)["lma1"].summary == {"bindings": 3}
    assert h.tunnels_at(15) == {}  # recorded before tunnels were: unknown, not empty
    _record(h, "lma1", 20, [_t("MAG1", None, None)])
    assert _seen(h, 25) == {"lma1": [("MAG1", None, None)]}
    h.close()
    assert _seen(History(path), 25) == {"lma1": [("MAG1", None, None)]}  # reopened: no change


def test_retention_prunes_tunnels_with_their_polls(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite", retention_sec=100)
    for at in range(0, 400, 10):
        _record(h, "lma1", at, [_t("MAG1", True, at)])
    h.prune(now=400)
    assert h.tunnels_at(250) == {}
    assert _seen(h, 395) == {"lma1": [("MAG1", True, 390)]}
    h.close()


class _OnePoll:
    def __init__(self, result: PollResult) -> None:
        self.result = result

    def routers(self) -> list:
        return []

    def poll(self, router: str, kinds: object) -> PollResult:
        return self.result

    def close(self) -> None:
        pass


def test_the_recording_poller_keeps_each_polls_tunnels_and_domain(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite")
    result = PollResult(
        router="mag1",
        started=99.0,
        finished=100.0,
        tunnels=[_t("LMA1", True, 7), _t("LMA2", False, 0)],
    )
    RecordingPoller(_OnePoll(result), h).poll("mag1", ["tunnels"])
    assert _seen(h, 100) == {"mag1": [("LMA1", True, 7), ("LMA2", False, 0)]}
    assert summary_of(result)["domain"] is None
    h.close()

"""Recorded history replays the fleet and binding tables as they were."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import zlib
from pathlib import Path

from pmiptui.history.binding_rows import decode_change_set
from pmiptui.history.store import History
from pmiptui.model.binding_columns import BindingColumns
from pmiptui.model.bindings import Binding


def _b(nai: str, remaining: int = 100, state: str = "BCE_ACTIVE") -> Binding:
    return Binding(nai=nai, domain="D1", state=state, remaining_sec=remaining)


def _record(h: History, at: float, bindings: list[Binding], ok: bool = True) -> None:
    h.record(
        "lma1",
        at=at,
        ok=ok,
        error=None if ok else "timeout",
        latency_ms=12,
        summary={"bindings": len(bindings)},
        bindings=bindings,
    )


def test_bindings_replay_from_snapshot_and_changes(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite", snapshot_every_sec=100)
    _record(h, 10, [_b("a"), _b("b")])
    _record(h, 20, [_b("a", 90, "BCE_REFRESH"), _b("c")])
    _record(h, 30, [_b("c")])
    assert h.bindings_at("lma1", 5) is None
    assert sorted(b["nai"] for b in h.bindings_at("lma1", 15) or []) == ["a", "b"]
    at_20 = {b["nai"]: b for b in h.bindings_at("lma1", 25) or []}
    assert sorted(at_20) == ["a", "c"]
    assert at_20["a"]["state"] == "BCE_REFRESH" and at_20["a"]["remaining_sec"] == 90
    assert [b["nai"] for b in h.bindings_at("lma1", 31) or []] == ["c"]
    h.close()


def test_counters_alone_are_not_a_change(tmp_path: Path) -> None:
    """Remaining lifetime ticks every poll; storing it would store every binding each poll."""
    h = History(tmp_path / "h.sqlite", snapshot_every_sec=100)
    _record(h, 10, [_b("a", 100), _b("b", 100)])
    _record(h, 20, [_b("a", 90), _b("b", 90, "BCE_REFRESH")])
    at_20 = {b["nai"]: b for b in h.bindings_at("lma1", 25) or []}
    assert at_20["a"]["remaining_sec"] == 100  # as last recorded
    assert at_20["b"]["remaining_sec"] == 90 and at_20["b"]["state"] == "BCE_REFRESH"
    h.close()
    with sqlite3.connect(tmp_path / "h.sqlite") as db:
        [(blob,)] = db.execute("SELECT data FROM change_sets").fetchall()
    assert [nai for nai, _text in decode_change_set(zlib.decompress(blob))] == ["b"]


def test_bindings_stored_as_columns_replay_like_records(tmp_path: Path) -> None:
    records = [_b("a"), Binding(nai="b", domain="D1", ipv6_hnps=["2001:db8:1::/64"])]
    h = History(tmp_path / "h.sqlite")
    _record(h, 10, records)
    h.record(
        "lma2",
        at=10,
        ok=True,
        error=None,
        latency_ms=1,
        summary={},
        bindings=BindingColumns.from_records(records),
    )
    assert h.bindings_at("lma2", 11) == h.bindings_at("lma1", 11)
    assert h.bindings_at("lma2", 11)[1]["ipv6_hnps"] == ["2001:db8:1::/64"]  # type: ignore[index]
    h.close()


def test_snapshots_written_as_one_json_object_still_replay(tmp_path: Path) -> None:
    """Databases from before snapshots were stored as lines."""
    h = History(tmp_path / "h.sqlite")
    _record(h, 10, [_b("a")])
    h.close()
    old = {"x": json.dumps({"nai": "x", "domain": "D1"})}
    with sqlite3.connect(tmp_path / "h.sqlite") as db:
        db.execute("UPDATE snapshots SET data = ?", (zlib.compress(json.dumps(old).encode()),))
    h = History(tmp_path / "h.sqlite")
    assert h.bindings_at("lma1", 11) == [{"nai": "x", "domain": "D1"}]
    h.close()


def test_recording_is_queued_and_reads_wait_for_it(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite")
    gate = threading.Event()
    h._pending.put(gate.wait)  # the writer is busy with something slow
    _record(h, 10, [_b("a")])  # returns at once
    threading.Timer(0.2, gate.set).start()
    assert [b["nai"] for b in h.bindings_at("lma1", 11) or []] == ["a"]
    h.close()


def test_fleet_at_gives_each_routers_last_poll(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite")
    _record(h, 10, [_b("a")])
    _record(h, 20, [], ok=False)
    rows = h.fleet_at(15)
    assert rows["lma1"].ok and rows["lma1"].summary == {"bindings": 1}
    assert h.fleet_at(25)["lma1"].error == "timeout"
    assert h.fleet_at(5) == {}


def test_retention_is_bounded_but_keeps_a_base_snapshot(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite", retention_sec=100, snapshot_every_sec=50)
    for at in range(0, 400, 10):
        _record(h, at, [_b(f"n{at}")])
    h.prune(now=400)
    assert h.fleet_at(250) == {}
    assert [b["nai"] for b in h.bindings_at("lma1", 390) or []] == ["n390"]
    assert h.bindings_at("lma1", 100) is None


def test_a_write_delay_defers_writing_but_not_what_reads_see(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite", write_delay_sec=0.3)
    started = time.monotonic()
    _record(h, 10, [_b("a")])
    assert time.monotonic() - started < 0.1  # recording returned at once
    assert [b["nai"] for b in h.bindings_at("lma1", 11) or []] == ["a"]
    assert time.monotonic() - started >= 0.3
    h.close()


def test_a_writer_that_falls_behind_leaves_tables_out_not_polls(
    tmp_path: Path, monkeypatch
) -> None:
    import pmiptui.history.store as store

    monkeypatch.setattr(store, "MAX_QUEUED_BINDINGS", 5)
    h = History(tmp_path / "h.sqlite")
    gate = threading.Event()
    h._pending.put(gate.wait)  # the writer is stuck: a backlog builds
    table = [_b(f"mn{i}") for i in range(3)]
    _record(h, 1000.0, table)
    _record(h, 1001.0, [*table, _b("mn9")])  # 3 + 4 waiting > 5: left out
    assert h.tables_skipped == 1
    assert h.last_error is not None and "1 binding table(s) not recorded" in h.last_error
    gate.set()
    assert h.fleet_at(1001.5)["lma1"].at == 1001.0  # the poll itself is recorded
    assert [b["nai"] for b in h.bindings_at("lma1", 1001.5) or []] == ["mn0", "mn1", "mn2"]
    _record(h, 1002.0, [*table, _b("mn9")])  # written once the backlog is gone
    assert len(h.bindings_at("lma1", 1002.5) or []) == 4
    h.close()


def test_last_error_says_a_failed_write_until_a_later_poll_is_written(tmp_path: Path) -> None:
    h = History(tmp_path / "h.sqlite")
    write = h._record_now
    failing = True

    def record_now(poll) -> None:
        if failing:
            raise sqlite3.OperationalError("disk I/O error")
        write(poll)

    h._record_now = record_now  # type: ignore[method-assign]
    _record(h, 10, [_b("a")])
    assert h.times() is None  # not written
    assert h.last_error == "write failed: disk I/O error"
    failing = False
    _record(h, 20, [_b("a")])
    assert h.times() == (20, 20)
    assert h.last_error is None  # recording again
    h.close()


def test_last_error_clears_once_a_writer_that_fell_behind_catches_up(
    tmp_path: Path, monkeypatch
) -> None:
    import pmiptui.history.store as store

    monkeypatch.setattr(store, "MAX_QUEUED_BINDINGS", 5)
    h = History(tmp_path / "h.sqlite")
    gate = threading.Event()
    h._pending.put(gate.wait)
    table = [_b(f"mn{i}") for i in range(3)]
    _record(h, 1000.0, table)
    _record(h, 1001.0, [*table, _b("mn9")])  # left out
    gate.set()
    h.times()  # the backlog, the poll that lost its table included, is written
    assert h.last_error is not None and h.last_error.startswith("behind, 1 binding table(s)")
    _record(h, 1002.0, table)
    h.times()
    assert h.last_error is None
    h.close()


def test_change_rows_of_an_older_file_still_replay_beside_change_sets(tmp_path: Path) -> None:
    """Files written before revision 0004 keep a row per changed binding."""
    h = History(tmp_path / "h.sqlite", snapshot_every_sec=100)
    _record(h, 10, [_b("a"), _b("b")])
    h.close()
    with sqlite3.connect(tmp_path / "h.sqlite") as db:
        db.execute("INSERT INTO changes VALUES ('lma1', 15, 'b', NULL)")  # b went away
    h = History(tmp_path / "h.sqlite", snapshot_every_sec=100)
    h._last["lma1"] = {"a": 0}  # as the writer left it after the older poll
    _record(h, 20, [_b("a"), _b("c")])
    assert [b["nai"] for b in h.bindings_at("lma1", 16) or []] == ["a"]
    assert sorted(b["nai"] for b in h.bindings_at("lma1", 25) or []) == ["a", "c"]
    h.close()

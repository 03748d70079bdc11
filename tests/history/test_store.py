"""Recorded history replays the fleet and binding tables as they were."""

from __future__ import annotations

from pathlib import Path

from pmiptui.history.store import History
from pmiptui.model.bindings import Binding


def _b(nai: str, remaining: int = 100) -> Binding:
    return Binding(nai=nai, domain="D1", state="BCE_ACTIVE", remaining_sec=remaining)


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
    _record(h, 20, [_b("a", 90), _b("c")])
    _record(h, 30, [_b("c")])
    assert h.bindings_at("lma1", 5) is None
    assert sorted(b["nai"] for b in h.bindings_at("lma1", 15) or []) == ["a", "b"]
    at_20 = {b["nai"]: b for b in h.bindings_at("lma1", 25) or []}
    assert sorted(at_20) == ["a", "c"] and at_20["a"]["remaining_sec"] == 90
    assert [b["nai"] for b in h.bindings_at("lma1", 31) or []] == ["c"]
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

"""One store, two databases: the same behaviour on a SQLite file and on PostgreSQL 16."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from pmiptui.history.engine import head_revision, store_url
from pmiptui.history.pollers import PollerBeat, covering
from pmiptui.history.recording import RecordingPoller
from pmiptui.history.results import bindings_from, result_from, result_text
from pmiptui.history.schema import metadata
from pmiptui.history.store import History
from pmiptui.model.bindings import Binding
from pmiptui.model.globals import LmaGlobals
from pmiptui.model.poll import CommandRun, PollResult, RouterInfo
from pmiptui.model.stats import PmipStats
from pmiptui.model.tunnels import Tunnel


def _b(nai: str, remaining: int = 100, state: str = "BCE_ACTIVE") -> Binding:
    return Binding(nai=nai, domain="D1", state=state, remaining_sec=remaining, peer_id="MAG1")


def _result(at: float, bindings: list[Binding] | None) -> PollResult:
    return PollResult(
        router="lma1",
        started=at - 0.5,
        finished=at,
        globals=LmaGlobals(domain="D1", lma_id="LMA1", max_bindings=128000),
        stats=PmipStats(pba_accepted=7, pba_rejected=1),
        tunnels=[Tunnel(name="Tunnel0", peer_id="MAG1", up=True, bindings=2)],
        bindings=bindings,
        binding_total=None if bindings is None else len(bindings),
        fetched={"globals": at, "stats": at} | ({"bindings": at} if bindings else {}),
        raw={"stats": "Total PBA accepted 7"},
        commands=[
            CommandRun(
                command="show ipv6 mobile pmipv6 lma stats", started=at, duration_ms=3, result="ok"
            )
        ],
    )


def test_polls_bindings_and_tunnels_replay_alike(store_url: str) -> None:
    h = History(store_url, snapshot_every_sec=100)
    for at, table in ((10, [_b("a"), _b("b")]), (20, [_b("a", 90, "BCE_REFRESH"), _b("c")])):
        result = _result(at, table)
        h.record(
            "lma1",
            at=at,
            ok=True,
            error=None,
            latency_ms=500,
            summary={"bindings": len(table)},
            bindings=table,
            tunnels=result.tunnels,
            result=result_text(result),
            poller="p1",
        )
    assert h.routers() == ["lma1"]
    assert h.times() == (10, 20)
    assert h.neighbour(10, forward=True) == 20 and h.neighbour(10, forward=False) is None
    assert h.fleet_at(15)["lma1"].summary == {"bindings": 2}
    assert [(t.peer_id, t.up, t.bindings) for t in h.tunnels_at(25)["lma1"]] == [("MAG1", True, 2)]
    table = {row["nai"]: row for row in h.bindings_at("lma1", 25) or []}
    assert sorted(table) == ["a", "c"] and table["a"]["state"] == "BCE_REFRESH"
    assert h.bindings_at("lma1", 5) is None
    h.close()


def test_a_whole_result_comes_back_as_records(store_url: str) -> None:
    h = History(store_url)
    sent = _result(10, [_b("a")])
    h.record(
        "lma1",
        at=10,
        ok=True,
        error=None,
        latency_ms=1,
        summary={},
        bindings=sent.bindings,
        result=result_text(sent),
    )
    at, text = h.latest("lma1") or (None, None)
    assert at == 10 and text is not None
    back = result_from(text, bindings_from(h.bindings_at("lma1", at) or []))
    assert back == replace(sent, raw={})  # globals, stats, tunnels, commands, times, bindings
    assert h.latest("nobody") is None
    h.close()


def test_prune_keeps_the_latest_snapshot_and_forgets_silent_pollers(store_url: str) -> None:
    h = History(store_url, retention_sec=100, snapshot_every_sec=1000)
    for at in (10, 20, 300):
        h.record(
            "lma1", at=at, ok=True, error=None, latency_ms=1, summary={}, bindings=[_b("a", at)]
        )
    h.beat(_beat("old", beat_at=50))
    h.beat(_beat("new", beat_at=290))
    assert h.prune(now=300) == 2
    assert h.times() == (300, 300)
    assert [row["nai"] for row in h.bindings_at("lma1", 300) or []] == ["a"]
    assert [p.id for p in h.pollers()] == ["new"]
    h.close()


def _beat(
    name: str, *, beat_at: float, routers: tuple[str, ...] = ("lma1",), stopped: float | None = None
) -> PollerBeat:
    return PollerBeat(
        id=name,
        host="noc1",
        pid=1,
        shard="1/1",
        routers=routers,
        interval_sec=5.0,
        started=0.0,
        beat_at=beat_at,
        stopped=stopped,
    )


def test_heartbeats_say_which_routers_a_live_poller_covers(store_url: str) -> None:
    h = History(store_url)
    h.beat(_beat("p1", beat_at=100, routers=("mag1", "lma1")))
    h.beat(_beat("p2", beat_at=100, routers=("mag2",)))
    h.beat(_beat("p2", beat_at=101, routers=("mag2",), stopped=101))  # replaces its row
    beats = h.pollers()
    assert sorted(p.id for p in beats) == ["p1", "p2"]
    assert sorted(covering(beats, now=105)) == ["lma1", "mag1"]  # p2 stopped
    assert covering(beats, now=100 + 7.6) == {}  # p1 silent for more than 2.5 beat periods
    h.close()


def test_the_schema_is_migrated_to_the_newest_revision_and_matches_the_tables(
    store_url: str,
) -> None:
    History(store_url).close()
    History(store_url).close()  # a second open migrates nothing
    engine = create_engine(_sync(store_url))
    with engine.connect() as db:
        assert db.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            head_revision()
        )
        found = inspect(db)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in found.get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name
    engine.dispose()


def _sync(url: str) -> str:
    return store_url(url).render_as_string(hide_password=False)


def _open_and_close(url: str) -> str:
    History(url).close()
    return "ok"


def test_pollers_opening_one_empty_store_at_once_all_succeed(store_url: str) -> None:
    """Pollers started together: the migration runs once, none fails."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(3, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert list(pool.map(_open_and_close, [store_url] * 3)) == ["ok"] * 3
    History(store_url).close()


class _Fixed:
    def __init__(self, result: PollResult) -> None:
        self.result = result

    def routers(self) -> list[RouterInfo]:
        return [RouterInfo(name="lma1", host="h", role="lma")]

    def poll(self, router: str, kinds: object) -> PollResult:
        return self.result

    def close(self) -> None:
        pass


def test_a_recording_poller_names_itself_in_each_poll(store_url: str) -> None:
    h = History(store_url)
    recording = RecordingPoller(_Fixed(_result(10, None)), h, poller_id="noc1:42")
    recording.poll("lma1", ("stats",))
    _at, text = h.latest("lma1") or (None, None)
    assert text is not None and result_from(text).stats == PmipStats(pba_accepted=7, pba_rejected=1)
    recording.close()


@pytest.mark.parametrize("bad", ["mysql://u@h/db", "postgresql://", "http://x"])
def test_a_url_that_is_no_store_is_refused_in_one_line(bad: str) -> None:
    from pmiptui.errors import InputError
    from pmiptui.history.opening import StoreError, open_store

    with pytest.raises((InputError, StoreError)) as raised:
        open_store(bad)
    assert "\n" not in raised.value.message


def test_an_audit_record_goes_to_the_store_masked_beside_the_file(
    store_url: str, tmp_path: Path
) -> None:
    from pmiptui.audit import AuditRecord, also_audit_to, write_audit
    from pmiptui.redact import remember_secret

    remember_secret("s3cr3t-key-42")
    h = History(store_url)
    record = AuditRecord(
        router="mag1",
        procedure="mag-auth",
        result="applied",
        diff="+ auth-option spi 100 key ascii s3cr3t-key-42",
    )
    with also_audit_to(h.record_audit):
        write_audit(record, tmp_path / "audit.jsonl")
    write_audit(record, tmp_path / "audit.jsonl")  # outside: the file only
    [stored] = h.audit()
    assert stored["router"] == "mag1" and stored["result"] == "applied"
    assert "s3cr3t-key-42" not in json.dumps(h.audit())
    h.close()

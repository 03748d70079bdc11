"""A console attached to a store reads polls, marks the repeats, and says who went silent."""

from __future__ import annotations

from pmiptui.history.pollers import PollerBeat
from pmiptui.history.recording import RecordingPoller
from pmiptui.history.store import History
from pmiptui.history.store_view import (
    NOT_RECORDED,
    StoreView,
    routers_in_store,
    with_poller_intervals,
)
from pmiptui.model.bindings import Binding
from pmiptui.model.globals import LmaGlobals
from pmiptui.model.poll import PollResult, RouterInfo

LMA = RouterInfo(name="lma1", host="h", role="lma", poll_interval_sec=5.0)


class _Once:
    def __init__(self, results: list[PollResult]) -> None:
        self.results = results

    def routers(self) -> list[RouterInfo]:
        return [LMA]

    def poll(self, router: str, kinds: object) -> PollResult:
        return self.results.pop(0)

    def close(self) -> None:
        pass


def _poll(at: float, nais: list[str]) -> PollResult:
    return PollResult(
        router="lma1",
        started=at - 1,
        finished=at,
        globals=LmaGlobals(domain="D1", lma_id="LMA1"),
        bindings=[Binding(nai=n, domain="D1") for n in nais],
        binding_total=len(nais),
        fetched={"globals": at, "bindings": at},
    )


def _beat(at: float, *, stopped: float | None = None) -> PollerBeat:
    return PollerBeat(
        id="noc1:7",
        host="noc1",
        pid=7,
        shard="1/1",
        routers=("lma1",),
        interval_sec=5.0,
        started=0,
        beat_at=at,
        stopped=stopped,
    )


def test_polls_are_read_once_repeats_are_marked_and_bindings_come_when_asked(
    store_url: str,
) -> None:
    history = History(store_url)
    clock = [100.0]
    view = StoreView(history, [LMA], clock=lambda: clock[0])
    first = view.poll("lma1", ("stats",))
    assert first.error == NOT_RECORDED and first.stale and not first.again
    assert view.poll("lma1", ()).again

    history.beat(_beat(100))
    clock[0] = 100.6  # heartbeats read once serve the view for half a second
    RecordingPoller(_Once([_poll(99, ["a", "b"])]), history, poller_id="noc1:7").poll("lma1", ())
    seen = view.poll("lma1", ("stats",))
    assert seen.ok and not seen.again and seen.stale is None
    assert seen.bindings is None and "bindings" not in seen.fetched  # not watched: no table
    watched = view.poll("lma1", ("bindings",))
    assert watched.again and [b.nai for b in watched.bindings or []] == ["a", "b"]
    assert view.poll("lma1", ("bindings",)).bindings is None  # the same table is not re-sent

    clock[0] = 107.0  # no beat for 7 s: 2.5 beat periods of a 5 s poller have passed
    assert "silent" in (view.poll("lma1", ()).stale or "")
    history.beat(_beat(107, stopped=107))
    clock[0] = 107.6
    assert view.poll("lma1", ()).stale == "its poller noc1:7 stopped"
    view.close()


def test_a_console_without_inventory_shows_the_stores_routers(store_url: str) -> None:
    history = History(store_url)
    RecordingPoller(_Once([_poll(10, ["a"])]), history).poll("lma1", ())
    history.beat(
        PollerBeat(
            id="p",
            host="h",
            pid=1,
            shard="1/1",
            routers=("mag9",),
            interval_sec=2.0,
            started=0,
            beat_at=10,
        )
    )
    found = routers_in_store(history, 5.0)
    assert [(r.name, r.role, r.domain) for r in found] == [
        ("lma1", "lma", "D1"),
        ("mag9", "?", None),
    ]
    timed = with_poller_intervals(found, history.pollers())
    assert [r.poll_interval_sec for r in timed] == [5.0, 2.0]
    history.close()


def test_a_console_attaching_late_gets_each_kind_as_last_fetched(store_url: str) -> None:
    """Globals are fetched every ten minutes: a console opened in between still shows them."""
    history = History(store_url)
    first = _poll(10, ["a"])
    later = PollResult(
        router="lma1", started=19, finished=20, binding_total=1, fetched={"binding_total": 20}
    )
    RecordingPoller(_Once([first, later]), history).poll("lma1", ())
    RecordingPoller(_Once([later]), history).poll("lma1", ())
    seen = StoreView(history, [LMA], clock=lambda: 21.0).poll("lma1", ())
    assert seen.globals == first.globals and seen.fetched["globals"] == 10
    assert seen.binding_total == 1 and seen.finished == 20
    assert [(r.role, r.domain) for r in routers_in_store(history, 5.0)] == [("lma", "D1")]
    history.close()

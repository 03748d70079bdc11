"""The console's state without Textual: routers, polls, history and replay."""

from __future__ import annotations

from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ui.data.console_state import ConsoleState
from pmiptui.ui.data.replay import ReplayFrame

ROUTERS = [
    RouterInfo(name="lma1", host="127.0.0.1", role="lma", pmipv6_id="LMA1"),
    RouterInfo(name="mag1", host="127.0.0.1", role="mag", pmipv6_id="MAG1"),
]


def test_polls_are_recorded_for_known_routers_only():
    state = ConsoleState()
    state.load_routers(ROUTERS, since=100.0)
    assert list(state.routers) == ["lma1", "mag1"]
    assert [s.order for s in state.routers.values()] == [0, 1]
    state.poll_started("mag1", 101.0)
    assert state.routers["mag1"].in_flight_since == 101.0
    failed = PollResult(router="mag1", started=101.0, finished=102.0, error="refused")
    recorded = state.record_poll(failed, None)
    assert recorded is state.routers["mag1"] and recorded.last is failed
    assert recorded.in_flight_since is None
    stranger = PollResult(router="mag9", started=101.0, finished=102.0)
    assert state.record_poll(stranger, None) is None
    state.poll_started("mag9", 103.0)  # unknown: ignored


def test_history_replay_and_router_ids():
    state = ConsoleState()
    state.load_routers(ROUTERS, since=0.0)
    assert state.note_history("disk full") is None
    assert state.note_history(None) == "disk full" and state.history_error is None
    assert state.replay_at is None
    state.replay_frame = ReplayFrame(at=50.0, polls={}, tunnels={})
    assert state.replay_at == 50.0
    assert state.router_by_id("mag1") == ROUTERS[1]
    assert state.router_by_id("lma1").name == "lma1"  # type: ignore[union-attr]
    assert state.router_by_id("LMA1") == ROUTERS[0] and state.router_by_id("x") is None
    assert state.router_by_id(None) is None

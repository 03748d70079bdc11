"""Snapshots of the fleet screen and each router tab on the frozen fake fleet (80x24)."""

from __future__ import annotations

import pytest

from tests.ui.conftest import make_app, open_router, settle
from tests.ui.fake_history import FakeHistory
from tests.ui.fake_poller import FakePoller

SIZE = (80, 24)


def _app(**kwargs: object) -> object:
    fake = FakePoller(interval=60.0, bindings=24)
    fake.fail("mag2", "Authentication failed for admin@127.0.0.1:2202")
    return make_app(fake, **kwargs)


def _run_before(*keys: str, router: str | None = None):
    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        if router is not None:
            await open_router(app, pilot, router)
        if keys:
            await pilot.press(*keys)
            await settle(app, pilot)
        app.clear_notifications()  # toasts time out: not part of a stable picture
        await pilot.pause()

    return run_before


def test_fleet(snap_compare):
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_run_before())


@pytest.mark.parametrize(
    "key,tab",
    [
        ("1", "globals"),
        ("2", "bindings"),
        ("3", "stats"),
        ("4", "tunnels"),
        ("5", "config"),
        ("6", "log"),
    ],
)
def test_router_tab(snap_compare, key, tab):
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_run_before(key, router="mag1"))


def test_binding_detail(snap_compare):
    assert snap_compare(
        _app(), terminal_size=SIZE, run_before=_run_before("2", "down", "enter", router="lma1")
    )


def test_error_router_banner(snap_compare):
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_run_before("1", router="mag2"))


def test_domain_map(snap_compare):
    """mag2 fails its polls: its box says ERROR and its tunnel is drawn stale."""
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_run_before("m"))


def test_router_trends(snap_compare):
    """lma1's bindings over the last hour from the recorded history, the limit dashed."""
    app = _app(history=FakeHistory())
    assert snap_compare(app, terminal_size=SIZE, run_before=_run_before("7", router="lma1"))


def test_fleet_trends(snap_compare):
    """The fleet's tunnels up over six hours (`t`, then `m` twice and `w`)."""
    app = _app(history=FakeHistory())
    assert snap_compare(app, terminal_size=SIZE, run_before=_run_before("t", "m", "m", "w"))

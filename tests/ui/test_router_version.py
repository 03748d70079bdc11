"""The router's IOS XE release: the Globals tab's first line, and a notice, once, for a
release the formats were not checked against."""

from __future__ import annotations

import pytest

from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.model.version import DeviceVersion
from pmiptui.ui.data.router_state import RouterState
from tests.ui.conftest import make_app, settle
from tests.ui.fake_poller import FakePoller

UNCHECKED = (
    "mag1 runs IOS XE 17.9.4; pmiptui's formats were checked against 16.7.x: "
    "parse drift is possible"
)


def _notices(app) -> list[str]:
    return [n.message for n in app._notifications if n.title.endswith("unchecked release")]


@pytest.mark.asyncio
async def test_globals_starts_with_the_release_and_platform(fake: FakePoller) -> None:
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.show_router("mag1", tab="globals")
        await settle(app, pilot)
        line = app.screen.query_one("#globals-version")
        assert str(line.render()) == "IOS XE 16.07.01 on ASR1001-X"
        assert line.display
        assert _notices(app) == []  # the lab's release is a checked one


@pytest.mark.asyncio
async def test_an_unchecked_release_is_noticed_once(fake: FakePoller) -> None:
    fake.set_version("mag1", "17.9.4")
    app = make_app(fake)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert _notices(app) == [UNCHECKED]
        note = next(n for n in app._notifications if n.message == UNCHECKED)
        assert note.title == "mag1: unchecked release" and note.severity == "warning"
        for _ in range(2):  # more polls, and a reconnect that reads `show version` again
            await pilot.press("r")
            await settle(app, pilot)
        fake.fail("mag1", "Connection refused", "Unreachable")
        await pilot.press("r")
        await settle(app, pilot)
        fake.recover("mag1")
        await pilot.press("r")
        await settle(app, pilot)
        assert app.routers["mag1"].last.fetched.get("version") is not None
        assert _notices(app) == [UNCHECKED]
        app.show_router("mag1", tab="globals")
        await settle(app, pilot)
        line = str(app.screen.query_one("#globals-version").render())
        assert line == "IOS XE 17.9.4 on ASR1001-X (formats checked against 16.7.x only)"


def _state() -> RouterState:
    return RouterState(info=RouterInfo(name="mag1", host="h", role="mag"), order=0, since=0.0)


def _poll(at: float, version: DeviceVersion | None) -> PollResult:
    fetched = {"stats": at} if version is None else {"stats": at, "version": at}
    return PollResult(router="mag1", started=at, finished=at, version=version, fetched=fetched)


def test_the_notice_is_decided_once_per_router_and_release() -> None:
    state = _state()
    state.record(_poll(1.0, None), None)
    assert state.version_notice() is None and state.version_line is None  # not read yet
    state.record(_poll(2.0, DeviceVersion(release="17.9.4")), None)
    assert state.version_notice() == UNCHECKED
    state.record(_poll(3.0, None), None)  # carried forward: the same release
    assert state.version is not None and state.version.release == "17.9.4"
    assert state.version_notice() is None
    state.record(_poll(4.0, DeviceVersion(release="17.12.1")), None)  # upgraded: news
    assert state.version_notice() == UNCHECKED.replace("17.9.4", "17.12.1")
    assert state.version_notice() is None


def test_a_checked_release_is_never_noticed() -> None:
    state = _state()
    state.record(_poll(1.0, DeviceVersion(release="16.07.01", platform="ASR1001-X")), None)
    assert state.version_notice() is None
    assert state.version_line == "IOS XE 16.07.01 on ASR1001-X"

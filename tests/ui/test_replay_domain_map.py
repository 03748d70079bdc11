"""The domain map follows replay: it draws the recorded tunnels, shows the banner, goes live."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from pmiptui.history.recording import RecordingPoller
from pmiptui.history.store import History
from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.ui.app import PmipApp
from pmiptui.ui.data.domain_map import DOWN, STALE, UP
from pmiptui.ui.screens.domain_map import DomainMapScreen
from pmiptui.ui.widgets.replay_banner import ReplayBanner
from tests.ui.conftest import settle
from tests.ui.fake_poller import FakePoller


class _TunnelFaults:
    """The fake fleet, but the tunnels between named pairs can be reported down."""

    def __init__(self, inner: FakePoller) -> None:
        self.inner = inner
        self.down: set[tuple[str, str]] = set()
        """(router, peer id) pairs whose tunnel the router reports down."""

    def routers(self) -> list[RouterInfo]:
        return self.inner.routers()

    def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
        result = self.inner.poll(router, kinds)
        if result.tunnels is None:
            return result
        tunnels = [
            replace(t, up=False) if (router, t.peer_id) in self.down else t for t in result.tunnels
        ]
        return replace(result, tunnels=tunnels)

    def close(self) -> None:
        self.inner.close()


def _edges(screen: DomainMapScreen, state: str) -> list[str]:
    drawing = screen.drawing
    return [
        drawing.lines[s.line][s.start : s.end].strip("─╌┄┤ ")
        for s in drawing.spans
        if s.style == state
    ]


def _text(screen: DomainMapScreen) -> str:
    return "\n".join(screen.drawing.lines)


async def _poll(app: PmipApp, pilot: object, fake: FakePoller) -> None:
    fake.clock.advance(60)
    await pilot.press("r")  # type: ignore[attr-defined]
    await settle(app, pilot)


@pytest.mark.asyncio
async def test_the_map_draws_the_replayed_moment_and_goes_live_again(tmp_path):
    fake = FakePoller(interval=60.0, bindings=24)
    faults = _TunnelFaults(fake)
    faults.down = {("lma1", "MAG2"), ("mag2", "LMA1")}
    history = History(tmp_path / "history.sqlite")
    app = PmipApp(RecordingPoller(faults, history), clock=fake.clock, history=history)
    app.animation_level = "none"
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)  # poll 1: MAG2's tunnel down, 12 bindings on each MAG
        faults.down = set()
        for _ in range(3):
            fake.add_binding("MAG1")
        await _poll(app, pilot, fake)  # poll 2: both up, MAG1 carries 15
        fake.fail("mag2", "Authentication failed")
        await _poll(app, pilot, fake)  # poll 3: mag2 fails

        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DomainMapScreen)
        banner = screen.query_one(ReplayBanner)
        # the MAGs' down tunnels to LMA2 (not polled) carry 0; mag2's is stale now
        assert _edges(screen, UP) == ["15"] and _edges(screen, STALE) == ["12", "0"]
        assert "MAG MAG2  ERROR" in _text(screen) and not banner.has_class("-replay")

        app.replay.goto("-100s")  # between polls 1 and 2
        await settle(app, pilot)
        assert app.screen is screen
        assert banner.has_class("-replay") and "— not live" in str(banner.render())
        assert _edges(screen, UP) == ["12"] and _edges(screen, DOWN) == ["12", "0", "0"]
        assert "MAG MAG2  OK" in _text(screen) and "ERROR" not in _text(screen)

        fake.add_binding("MAG1")
        await _poll(app, pilot, fake)  # a live poll while replaying does not leak in
        assert _edges(screen, UP) == ["12"] and _edges(screen, DOWN) == ["12", "0", "0"]

        await pilot.press("right_square_bracket")  # one recorded poll on: poll 2
        await settle(app, pilot)
        assert _edges(screen, UP) == ["15", "12"] and _edges(screen, DOWN) == ["0", "0"]

        app.replay.goto("live")
        await settle(app, pilot)
        assert not banner.has_class("-replay")
        assert _edges(screen, UP) == ["16"] and _edges(screen, STALE) == ["12", "0"]
        assert "MAG MAG2  ERROR" in _text(screen)
    history.close()

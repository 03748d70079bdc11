"""Fixtures for console tests: a fake fleet and helpers that wait on workers, not clocks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from pmiptui.ui.app import PmipApp
from tests.ui.fake_poller import FakePoller

INTERVAL = 60.0
"""Long enough that no timer fires during a test: polls happen when a test asks (`r`)."""


@pytest.fixture
def fake() -> Iterator[FakePoller]:
    poller = FakePoller(interval=INTERVAL)
    yield poller
    poller.release()


def make_app(fake: FakePoller, **kwargs: object) -> PmipApp:
    app = PmipApp(fake, clock=fake.clock, **kwargs)  # type: ignore[arg-type]
    app.animation_level = "none"  # tab underlines and scrolls land at once
    return app


async def settle(app: PmipApp, pilot: object, *, skip: tuple[str, ...] = ()) -> None:
    """Wait until every worker except those of `skip` routers is done, then for the UI."""
    for _ in range(20):
        busy = [
            w
            for w in app.workers
            if not w.is_finished and w.name not in skip and w.group != "export"
        ]
        if not busy and app.routers:
            break
        await app.workers.wait_for_complete(busy)
        await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def open_router(app: PmipApp, pilot: object, name: str, tab: str = "bindings") -> None:
    """Open a router screen and wait until its bindings table is shown."""
    from pmiptui.ui.screens.router import RouterScreen
    from pmiptui.ui.widgets.bindings_pane import BindingsPane

    app.show_router(name, tab=tab)
    for _ in range(50):
        await settle(app, pilot)
        screen = app.screen
        if isinstance(screen, RouterScreen) and screen.router == name:
            pane = screen.query_one(BindingsPane)
            if pane.view is not None or app.routers[name].prepared is None:
                return
    raise AssertionError(f"router screen {name} did not show its bindings")


async def palette_command(app: PmipApp, pilot: object, text: str) -> None:
    """Type `text` in the command palette and press Enter once its search has answered."""
    from textual.command import CommandInput, CommandList, CommandPalette, Hit

    await pilot.press("colon")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(CommandInput).value = text
    results = palette.query_one(CommandList)
    group = CommandPalette._GATHER_COMMANDS_GROUP

    def answered() -> bool:
        searching = any(w.group == group and not w.is_finished for w in app.workers)
        first = results.get_option_at_index(0) if results.option_count else None
        return not searching and isinstance(getattr(first, "hit", None), Hit)  # not discovery

    deadline = time.monotonic() + 10
    while not answered():
        assert time.monotonic() < deadline, f"the command palette found nothing for {text!r}"
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]


async def open_wizard(
    app: PmipApp, pilot: object, values: dict[str, Any], procedure: str = "mag-domain-minimum"
) -> Any:
    """Open mag1's screen, then the wizard for `procedure` prefilled with `values`."""
    from pmiptui.configgen.catalogue import get
    from pmiptui.ui.screens.wizard import WizardScreen

    await open_router(app, pilot, "mag1")
    screen = WizardScreen(
        "mag1", get(procedure), values, console=app.state, configurator=app.configurator
    )
    await app.push_screen(screen)
    await settle(app, pilot)
    return screen

"""Snapshots of one wizard step and of the review screen at 80x24 (fakes only)."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import make_app, open_wizard, settle
from tests.ui.fake_configurator import FakeConfigurator
from tests.ui.fake_poller import FakePoller

SIZE = (80, 24)
VALUES = {
    "domain-name": "D1",
    "lmas": [{"lma-id": "lmaX", "ipv6-address": "2001:db8::zz"}],
    "nais": [{"user": "u1", "realm": "example.com", "lma-id": "lmaX", "service": "dual"}],
}


def _app() -> object:
    return make_app(FakePoller(interval=60.0, bindings=24), configurator=FakeConfigurator())


def _run_before(values: dict[str, Any], *, page: int = 0, review: bool = False):
    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        screen = await open_wizard(app, pilot, values)
        screen.form.index = page
        await screen.show_page()
        if review:
            await screen.review()
        await settle(app, pilot)
        app.clear_notifications()
        await pilot.pause()

    return run_before


def test_wizard_step_with_a_field_error(snap_compare):
    """The LMA's IPv6 address page: the typed value breaks its rule."""
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_run_before(VALUES, page=3))


def test_review_screen(snap_compare):
    """The full plan beside the diff against the router's config, not armed."""
    fixed = {**VALUES, "lmas": [{"lma-id": "lmaX", "ipv6-address": "2001:db8::9"}]}
    assert snap_compare(_app(), terminal_size=SIZE, run_before=_run_before(fixed, review=True))

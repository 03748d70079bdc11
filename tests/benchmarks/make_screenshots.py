"""Screenshots of the console on the fake fleet (frozen clock) at 110x32, as SVGs.

Writes `screenshots/console-*.svg`: the fleet, each router tab (Trends from a fake recorded
history), a binding's detail, a wizard step with its preview, the wizard's review, the
domain map and the fleet's trends. mag2 fails its polls so the fault colours show. Run as
`python -m tests.benchmarks.make_screenshots` (not collected by pytest); the lab and parse
screenshots beside them are left alone.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from pmiptui.ui.app import PmipApp
from tests.ui.conftest import make_app, open_router, open_wizard, settle
from tests.ui.fake_configurator import FakeConfigurator
from tests.ui.fake_history import FakeHistory
from tests.ui.fake_poller import FakePoller

SIZE = (110, 32)
OUT = Path(__file__).resolve().parents[2] / "screenshots"
TABS = ["globals", "bindings", "stats", "tunnels", "config", "log", "trends"]
WIZARD_VALUES = {
    "domain-name": "D1",
    "lmas": [{"lma-id": "LMA1", "ipv6-address": "2001:db8:0:ffff::1"}],
    "nais": [{"user": "u1", "realm": "example.com", "lma-id": "LMA1", "service": "dual"}],
}


async def _shoot(app: PmipApp, pilot: object, name: str, out: Path) -> Path:
    await settle(app, pilot)
    app.clear_notifications()  # toasts are not part of the picture
    await pilot.pause()  # type: ignore[attr-defined]
    path = Path(app.save_screenshot(filename=f"console-{name}.svg", path=str(out)))
    print(f"{path}  {path.stat().st_size} bytes")
    return path


async def make(out: Path = OUT) -> list[Path]:
    """Drive the app through each screen and save one SVG per screen."""
    out.mkdir(parents=True, exist_ok=True)
    fake = FakePoller(interval=60.0, bindings=24)
    fake.fail("mag2", "Authentication failed for admin@127.0.0.1:2202")
    app = make_app(fake, configurator=FakeConfigurator(), history=FakeHistory())
    saved = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            saved.append(await _shoot(app, pilot, "fleet", out))
            await open_router(app, pilot, "lma1")
            for n, tab in enumerate(TABS, start=1):
                await pilot.press(str(n))
                saved.append(await _shoot(app, pilot, f"router-{tab}", out))
            await pilot.press("2", "down", "enter")
            saved.append(await _shoot(app, pilot, "binding-detail", out))
            await pilot.press("escape")
            wizard = await open_wizard(app, pilot, WIZARD_VALUES)
            wizard.form.index = 3
            await wizard.show_page()
            saved.append(await _shoot(app, pilot, "wizard-step", out))
            await wizard.review()
            saved.append(await _shoot(app, pilot, "wizard-review", out))
            app.show_fleet()
            await pilot.press("m")
            saved.append(await _shoot(app, pilot, "domain-map", out))
            app.show_fleet()
            await pilot.press("t", "w")  # the fleet's bindings over six hours
            saved.append(await _shoot(app, pilot, "fleet-trends", out))
    finally:
        fake.release()
    return saved


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    paths = asyncio.run(make(out))
    print(f"{len(paths)} screenshots in {out}")


if __name__ == "__main__":
    main()

"""The composition root's process-wide settings: set up around the app's run, undone after."""

from __future__ import annotations

import gc
import threading

from pmiptui.console import console_process
from pmiptui.ui.polling import worker_threads
from tests.ui.conftest import make_app, settle
from tests.ui.fake_poller import FakePoller


def test_the_app_runs_on_the_roots_loop_and_executor_and_everything_is_undone():
    fake = FakePoller(interval=60.0)
    app = make_app(fake)
    seen: dict[str, object] = {}

    async def pilot_run(pilot) -> None:
        await settle(app, pilot)
        seen["gc_enabled"] = gc.isenabled()
        seen["threads"] = {t.name for t in threading.enumerate()}
        seen["polled"] = {name: fake.polls(name) for name in ("lma1", "mag1", "mag2")}
        app.exit()

    with console_process(3) as loop:
        executor = loop._default_executor  # type: ignore[attr-defined]
        assert executor._max_workers == worker_threads(3)
        assert not gc.isenabled()
        app.run(loop=loop, headless=True, size=(100, 24), auto_pilot=pilot_run)
    assert seen["gc_enabled"] is False
    assert any(name.startswith("pmiptui-worker") for name in seen["threads"])  # type: ignore[union-attr]
    assert all(count >= 1 for count in seen["polled"].values())  # type: ignore[union-attr]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert executor._shutdown and loop.is_closed()

"""The console against the built-in lab over real SSH and Netmiko (no fakes, no mocks).

mag1 refuses logins (auth-fail) and mag2 goes silent after login (hang); lma1 is healthy.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui.device.poller import SshPoller
from pmiptui.inventory import load_inventory
from pmiptui.lab.runtime import LabThread
from pmiptui.ui.app import PmipApp
from pmiptui.ui.data.router_state import ERROR, OK, STALE
from pmiptui.ui.screens.router import RouterScreen
from pmiptui.ui.widgets.bindings_pane import BindingsPane
from tests.lab.conftest import start_lab

pytestmark = [pytest.mark.asyncio, pytest.mark.lab]
INTERVAL = 1.0


@pytest.fixture(scope="module")
def lab_inventory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("console-lab")
    lab: LabThread = start_lab(folder, faults=["mag1:auth-fail", "mag2:hang"])
    try:
        yield lab.lab.write_inventory(folder)
    finally:
        lab.stop()


def _app(inventory: Path, export_dir: Path) -> tuple[PmipApp, SshPoller]:
    poller = SshPoller(load_inventory(inventory), poll_interval_sec=INTERVAL, read_timeout=60)
    app = PmipApp(poller, export_dir=export_dir)
    app.animation_level = "none"
    return app, poller


async def _until(pilot: object, check: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.2)
        await pilot.pause()  # type: ignore[attr-defined]


async def test_fleet_faults_filter_sort_marks_and_export(lab_inventory, tmp_path) -> None:
    app, poller = _app(lab_inventory, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        status = lambda name: app.routers[name].status(app.now(), False)  # noqa: E731
        await _until(pilot, lambda: app.routers and app.routers["lma1"].polls >= 2)
        assert status("lma1") == OK
        assert app.routers["lma1"].binding_count
        await _until(pilot, lambda: status("mag1") == ERROR)
        assert "password refused" in (app.routers["mag1"].last.error or "")  # type: ignore[union-attr]

        # the hung router goes stale while lma1 keeps being polled
        polls = app.routers["lma1"].polls
        await _until(pilot, lambda: status("mag2") == STALE, timeout=30)
        await _until(pilot, lambda: app.routers["lma1"].polls > polls + 1)
        assert status("lma1") == OK

        await pilot.press("end", "enter")  # faulty routers sort first: lma1 is the last row
        await _until(pilot, lambda: isinstance(app.screen, RouterScreen))
        assert app.screen.router == "lma1"  # type: ignore[attr-defined]
        await pilot.press("2")  # the Bindings tab
        pane = app.screen.query_one(BindingsPane)
        await _until(pilot, lambda: pane.view is not None and pane.view.table.num_rows > 0)
        # the lab attaches, detaches and roams mobile nodes every second: marks appear
        await _until(pilot, lambda: bool(app.routers["lma1"].prepared.marks), timeout=30)  # type: ignore[union-attr]

        pane.set_filter("peer=mag1")
        await _until(pilot, lambda: pane.view is not None and pane.view.spec.filter == "peer=mag1")
        peers = set(pane.view.table["peer"].to_pylist())  # type: ignore[union-attr]
        assert peers == {"mag1"}
        pane.action_sort()  # the first sort is by change mark, which the lab's mobility moves
        pane.action_sort()  # the next by NAI
        await _until(pilot, lambda: pane.view is not None and pane.view.spec.sort == "nai")
        nais = pane.view.table["nai"].to_pylist()  # type: ignore[union-attr]
        assert nais == sorted(nais)

        await pilot.press("e")
        await _until(pilot, lambda: any(tmp_path.glob("*.csv")), timeout=30)
        exported = next(tmp_path.glob("*.csv")).read_text()
        assert exported.splitlines()[0].startswith("nai") or "nai" in exported.splitlines()[0]
        assert "mag1" in exported and "mag2" not in exported
    poller.close()

"""The first poll of a router reads `show version`; later polls do not (its cadence is
`connect`)."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from pmiptui.daemon.fleet_loop import FleetLoop
from pmiptui.device.poller import SshPoller
from pmiptui.inventory import load_inventory
from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.model.version import DeviceVersion
from tests.lab.conftest import start_lab

pytestmark = pytest.mark.lab

LAB = DeviceVersion(release="16.07.01", platform="ASR1001-X")


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    state = tmp_path_factory.mktemp("version")
    thread = start_lab(state)
    yield thread.lab.write_inventory(state)
    thread.stop()


def test_version_on_the_first_poll_only(inventory: Path) -> None:
    poller = SshPoller(load_inventory(inventory), names=["mag1"])
    results: list[PollResult] = []
    enough = threading.Event()

    def keep(_info: RouterInfo, result: PollResult) -> None:
        results.append(result)
        if len(results) >= 3:
            enough.set()

    loop = FleetLoop(poller, keep)
    try:
        [info] = poller.routers()
        loop.start([replace(info, poll_interval_sec=0.2)])
        assert enough.wait(60), "three polls did not come back"
    finally:
        loop.stop()
        poller.close()
    first, *later = results
    assert first.ok, first.error
    assert first.version == LAB and first.unparsed == 0
    assert [run.command for run in first.commands].count("show version") == 1
    for result in later:
        assert result.ok, result.error
        assert result.version is None and "version" not in result.fetched
        assert "show version" not in [run.command for run in result.commands]


def test_pmiptui_show_names_the_release(inventory: Path) -> None:
    run = [sys.executable, "-m", "pmiptui.cli", "show", "--inventory", str(inventory), "mag1"]
    table = subprocess.run([*run, "stats"], capture_output=True, text=True)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0] == "IOS XE 16.07.01 on ASR1001-X"
    assert table.stderr == ""  # the lab's release is a checked one: no note
    version = subprocess.run([*run, "version", "--json"], capture_output=True, text=True)
    assert version.returncode == 0, version.stderr
    assert '"release": "16.07.01"' in version.stdout and "IOS XE" not in version.stdout

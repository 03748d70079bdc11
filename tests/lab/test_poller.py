"""The SSH poller against the lab: data, reuse, and failures returned as data."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmiptui.device.poller import SshPoller
from pmiptui.inventory import load_inventory
from pmiptui.lab.runtime import LabThread
from pmiptui.model.poll import POLL_KINDS
from tests.lab.conftest import start_lab

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabThread, Path]]:
    state = tmp_path_factory.mktemp("fleet")
    thread = start_lab(state, faults=["mag2:auth-fail"])
    path = thread.lab.write_inventory(state)
    yield thread, path
    thread.stop()


def test_poll_brings_every_kind_and_reuses_the_session(fleet: tuple[LabThread, Path]) -> None:
    _thread, path = fleet
    poller = SshPoller(load_inventory(path), names=["lma1", "mag1"])
    try:
        first = poller.poll("lma1", POLL_KINDS)
        assert first.ok, first.error
        assert first.globals is not None and first.globals.lma_id == "lma1"
        assert first.bindings and first.stats is not None and first.tunnels
        assert first.config and first.config.startswith("ipv6 mobile pmipv6-domain")
        assert first.unparsed == 0
        assert [run.result for run in first.commands] == ["ok"] * 5
        started = time.monotonic()
        again = poller.poll("lma1", ["stats"])
        assert again.ok and time.monotonic() - started < 2
    finally:
        poller.close()


def test_auth_failure_is_a_result_with_a_clear_message(fleet: tuple[LabThread, Path]) -> None:
    _thread, path = fleet
    poller = SshPoller(load_inventory(path), names=["mag2"])
    result = poller.poll("mag2", ["globals"])
    assert not result.ok
    assert "mag2" in (result.error or "") and "admin" not in (result.error or "").split()
    backed_off = poller.poll("mag2", ["globals"])
    assert "next try in" in (backed_off.error or "")


def test_pmiptui_show_prints_json_and_fails_in_one_line(fleet: tuple[LabThread, Path]) -> None:
    _thread, path = fleet
    run = [sys.executable, "-m", "pmiptui.cli", "show", "--inventory", str(path)]
    ok = subprocess.run([*run, "mag1", "tunnels", "--json"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert '"peer_id": "lma1"' in ok.stdout
    bad = subprocess.run([*run, "mag2", "stats"], capture_output=True, text=True)
    assert bad.returncode == 6
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr

"""The SSH poller against the lab: data, reuse, and failures returned as data."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from pmiptui.device.poller import UNKNOWN_ROLE, SshPoller, detect_role
from pmiptui.errors import InputError
from pmiptui.inventory import choose_host_key_policy, load_inventory
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
        assert [run.result for run in first.commands] == ["ok"] * len(POLL_KINDS)
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
    assert backed_off.error == result.error and backed_off.retry_at is not None


def test_pmiptui_show_prints_json_and_fails_in_one_line(fleet: tuple[LabThread, Path]) -> None:
    _thread, path = fleet
    run = [sys.executable, "-m", "pmiptui.cli", "show", "--inventory", str(path)]
    ok = subprocess.run([*run, "mag1", "tunnels", "--json"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert '"peer_id": "lma1"' in ok.stdout
    bad = subprocess.run([*run, "mag2", "stats"], capture_output=True, text=True)
    assert bad.returncode == 6
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_roles_missing_from_a_netmiko_inventory_are_read_from_the_routers(
    fleet: tuple[LabThread, Path], tmp_path: Path
) -> None:
    thread, _path = fleet
    plain = {
        name: {
            "device_type": "cisco_xe",
            "ip": "127.0.0.1",
            "port": thread.lab.port(name),
            "username": "admin",
            "password": "admin",
            "secret": "admin",
        }
        for name in ("lma1", "mag1")
    }
    path = tmp_path / ".netmiko.yml"
    path.write_text(yaml.safe_dump({**plain, "pmip": ["lma1", "mag1"]}))
    inventory = load_inventory(path)
    targets = {
        name: choose_host_key_policy(inventory.router(name), override="accept-new")
        for name in inventory.names
    }
    poller = SshPoller(inventory, targets=targets)
    try:
        assert [info.role for info in poller.routers()] == [UNKNOWN_ROLE, UNKNOWN_ROLE]
        lma = poller.poll("lma1", ["globals"])
        mag = poller.poll("mag1", ["globals"])
        assert lma.ok and mag.ok, (lma.error, mag.error)
        assert [info.role for info in poller.routers()] == ["lma", "mag"]
        assert getattr(lma.globals, "lma_id", None) == "lma1"
        assert getattr(mag.globals, "mag_id", None) == "mag1"
        assert [run.command for run in lma.commands] == ["show ipv6 mobile pmipv6 lma globals"]
    finally:
        poller.close()


@pytest.mark.parametrize(
    ("running", "message"),
    [
        ("ipv6 mobile pmipv6-domain D1\n", "neither `ipv6 mobile pmipv6-mag` nor"),
        (
            "ipv6 mobile pmipv6-mag M1 domain D1\nipv6 mobile pmipv6-lma L1 domain D1\n",
            "both `ipv6 mobile pmipv6-mag` and",
        ),
    ],
)
def test_unclear_role_asks_for_it_in_the_inventory(running: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        detect_role("r1", running)
    assert "set `role: mag` or `role: lma`" in str(caught.value)
    assert detect_role("r1", "ipv6 mobile pmipv6-lma L1 domain D1\n") == "lma"

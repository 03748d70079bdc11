"""SSH host keys against the lab: unknown keys refused, accept-new records, changed keys refused."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import asyncssh
import pytest
import yaml

from pmiptui.cli import main
from pmiptui.device.host_keys import HostKeyRefused
from pmiptui.device.session import RouterSession
from pmiptui.inventory import RouterTarget, load_inventory
from pmiptui.lab.runtime import LabThread
from tests.device.conftest import MINIMUM_VALUES
from tests.lab.conftest import start_lab

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabThread, Path]]:
    """A lab and its state folder (which holds its host key)."""
    state = tmp_path_factory.mktemp("keyed")
    thread = start_lab(state, mobile_nodes=5)
    yield thread, state
    thread.stop()


def _fingerprint(state: Path) -> str:
    return asyncssh.read_private_key(str(state / "ssh_host_ed25519_key")).get_fingerprint()


def _target(thread: LabThread, policy: str | None, tmp_path: Path) -> RouterTarget:
    target = load_inventory(thread.lab.write_inventory(tmp_path)).router("mag1")
    return replace(target, host_key_policy=policy, known_hosts=None)


def test_unknown_key_is_refused_under_known_hosts(
    keyed: tuple[LabThread, Path], tmp_path: Path, own_known_hosts: Path
) -> None:
    thread, state = keyed
    with pytest.raises(HostKeyRefused) as caught:
        RouterSession(_target(thread, None, tmp_path)).open()
    message = str(caught.value)
    port = thread.lab.port("mag1")
    assert message.startswith(f"refusing mag1 at 127.0.0.1:{port}: unknown SSH host key ")
    assert f"ssh-ed25519 {_fingerprint(state)}" in message
    assert "--host-keys accept-new" in message and "\n" not in message
    assert caught.value.exit_code == 6
    assert not own_known_hosts.exists()


def test_accept_new_records_the_key_and_known_hosts_then_trusts_it(
    keyed: tuple[LabThread, Path], tmp_path: Path, own_known_hosts: Path
) -> None:
    thread, _state = keyed
    with RouterSession(_target(thread, "accept-new", tmp_path)) as session:
        assert "hostname mag1" in session.send("show running-config | include ^hostname")
    port = thread.lab.port("mag1")
    [line] = own_known_hosts.read_text().splitlines()
    assert line.startswith(f"[127.0.0.1]:{port} ssh-ed25519 AAAA")
    with RouterSession(_target(thread, "known_hosts", tmp_path)) as session:
        assert session.send("show running-config | include ^hostname").strip() == "hostname mag1"
    assert len(own_known_hosts.read_text().splitlines()) == 1


def test_changed_key_is_refused_even_under_accept_new(
    keyed: tuple[LabThread, Path], tmp_path: Path, own_known_hosts: Path
) -> None:
    thread, state = keyed
    port = thread.lab.port("mag1")
    other = asyncssh.generate_private_key("ssh-ed25519")
    key_type, key_text = other.export_public_key("openssh").decode().split()[:2]
    own_known_hosts.write_text(f"[127.0.0.1]:{port} {key_type} {key_text}\n")
    with pytest.raises(HostKeyRefused) as caught:
        RouterSession(_target(thread, "accept-new", tmp_path)).open()
    message = str(caught.value)
    assert "host key has CHANGED to ssh-ed25519 " + _fingerprint(state) in message
    assert f"known: {other.get_fingerprint()}" in message
    assert f"delete the [127.0.0.1]:{port} line from {own_known_hosts}" in message
    assert len(own_known_hosts.read_text().splitlines()) == 1


def test_show_refuses_an_unknown_key_in_one_line_with_exit_6(
    keyed: tuple[LabThread, Path], tmp_path: Path
) -> None:
    thread, state = keyed
    inventory = thread.lab.write_inventory(tmp_path)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmiptui.cli",
            "show",
            "--inventory",
            str(inventory),
            "--host-keys",
            "known_hosts",
            "mag1",
            "globals",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 6
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert _fingerprint(state) in run.stderr and "--host-keys accept-new" in run.stderr


def test_config_apply_refuses_an_unknown_key_before_sending(
    keyed: tuple[LabThread, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    thread, state = keyed
    inventory = thread.lab.write_inventory(tmp_path)
    values = tmp_path / "values.yaml"
    values.write_text(yaml.safe_dump(MINIMUM_VALUES))
    code = main(
        [
            "config",
            "apply",
            "--inventory",
            str(inventory),
            "mag1",
            "mag-domain-minimum",
            "--values",
            str(values),
            "--yes",
            "--host-keys",
            "known_hosts",
        ]
    )
    assert code == 6
    err = capsys.readouterr().err
    assert err.startswith("error: refusing mag1") and _fingerprint(state) in err


def test_lab_inventory_accepts_its_own_key_in_its_own_file(
    keyed: tuple[LabThread, Path], tmp_path: Path, own_known_hosts: Path
) -> None:
    thread, _state = keyed
    target = load_inventory(thread.lab.write_inventory(tmp_path)).router("lma1")
    assert target.host_key_policy == "accept-new"
    assert target.known_hosts == tmp_path / "known_hosts"
    with RouterSession(target) as session:
        assert "hostname lma1" in session.send("show running-config | include ^hostname")
    assert (tmp_path / "known_hosts").read_text().count("ssh-ed25519") == 1
    assert not own_known_hosts.exists()

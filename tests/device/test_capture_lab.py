"""`pmiptui capture` against the lab over real SSH with unmodified Netmiko.

The lab logs in with a distinctive password and enable secret, and its routers carry a
distinctive auth-option key, so a test can grep every member of a bundle for them.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import socket
import stat
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmiptui import __version__, cli
from pmiptui.capture_cli import add_capture_parser
from pmiptui.device.capture import polled_commands
from pmiptui.lab.faults import faults_by_router
from pmiptui.lab.runtime import LabOptions, LabThread
from pmiptui.lab.topology import load_topology

pytestmark = pytest.mark.lab

PASSWORD = "LabPw-Capture-4417"
ENABLE = "LabEnable-Capture-9203"
KEY = "LabKey-Capture-6688"
SECRETS = (PASSWORD, ENABLE, KEY)
HOSTILE = "../../../tmp/pwn\x1b[2J/.."


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LabThread, Path]]:
    """lma1 and mag1 with an auth-option key; mag2 drops the session on its stats."""
    folder = tmp_path_factory.mktemp("capture-lab")
    topology = dataclasses.replace(load_topology(), password=PASSWORD, enable_secret=ENABLE)
    options = LabOptions(
        port_base=0,
        state_dir=folder,
        bindings=8,
        seed=7,
        faults=faults_by_router(["mag2:drop-on=pmipv6 mag stats"]),
    )
    thread = LabThread(topology, options)
    thread.start()
    for name in ("lma1", "mag1"):
        sim = thread.lab.routers[name]
        keyed = thread.call(sim.running_text).replace(
            "ipv6 mobile pmipv6-domain D1\n",
            f"ipv6 mobile pmipv6-domain D1\n auth-option spi 100 key ascii {KEY}\n",
        )
        thread.call(functools.partial(sim.replace_config, keyed))
    inventory = _inventory(thread, folder / "inventory")
    yield thread, inventory
    thread.stop()


def _inventory(thread: LabThread, folder: Path) -> Path:
    """The lab's inventory, plus a hostile name, a closed port and a wrong password."""
    path = thread.lab.write_inventory(folder)
    devices: dict[str, Any] = yaml.safe_load(path.read_text())
    mag1 = devices["mag1"]
    devices[HOSTILE] = {k: v for k, v in mag1.items() if k != "role"}  # role read from config
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    devices["closed"] = {**mag1, "port": closed}
    devices["badpw"] = {**mag1, "password": "not-the-password"}
    path.write_text(yaml.safe_dump(devices, sort_keys=False))
    return path


def pmiptui(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """`pmiptui ARGV` through `cli.main`, with `capture` registered if cli.py lacks it."""
    build = cli.build_parser

    def with_capture() -> argparse.ArgumentParser:
        parser = build()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction) and "capture" not in action.choices:
                add_capture_parser(action)
        return parser

    monkeypatch.setattr(cli, "build_parser", with_capture)
    return cli.main(argv)


def members(path: Path) -> dict[str, bytes]:
    """Every file of a bundle, by its member name."""
    with tarfile.open(path) as tar:
        return {
            info.name: tar.extractfile(info).read()  # type: ignore[union-attr]
            for info in tar.getmembers()
            if info.isfile()
        }


def manifest_of(files: dict[str, bytes]) -> tuple[str, dict[str, Any]]:
    """The bundle's folder and its manifest."""
    [name] = [n for n in files if n.endswith("/manifest.json")]
    return name.rsplit("/", 1)[0], json.loads(files[name])


def assert_no_secret(path: Path) -> None:
    """No member of the bundle holds the lab's password, enable secret or key."""
    for name, data in members(path).items():
        for secret in SECRETS:
            assert secret.encode() not in data, (name, secret)


@pytest.mark.parametrize(("router", "role"), [("mag1", "mag"), ("lma1", "lma")])
def test_capture_a_router(
    lab: tuple[LabThread, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    router: str,
    role: str,
) -> None:
    _thread, inventory = lab
    monkeypatch.chdir(tmp_path)
    assert pmiptui(["capture", router, "--inventory", str(inventory)], monkeypatch) == 0
    [path] = tmp_path.glob(f"pmiptui-capture-{router}-*Z.tar.gz")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    printed = capsys.readouterr()
    assert printed.err == ""
    assert str(path.name) in printed.out and "IOS XE 16.07.01 on ASR1001-X" in printed.out

    files = members(path)
    folder, manifest = manifest_of(files)
    assert folder == path.name.removesuffix(".tar.gz")
    assert all(name.startswith(f"{folder}/") for name in files)
    assert manifest["router"] == router and manifest["role"] == role
    assert manifest["role_source"] == "inventory"
    assert manifest["ios_xe"] == {"release": "16.07.01", "platform": "ASR1001-X"}
    assert manifest["pmiptui_version"] == __version__
    assert manifest["error"] is None
    assert manifest["started_utc"].endswith("Z") and manifest["duration_ms"] >= 0
    assert manifest["commands"][0]["command"] == "show version"
    commands = {c["command"]: c for c in manifest["commands"]}
    for entry in polled_commands(role):
        command = commands[entry.command]
        assert command["kind"] == entry.kind
        assert command["bytes"] > 0 and command["duration_ms"] >= 0
        assert command["parse_error"] is None and command["unparsed"] == 0, command
        assert f"{folder}/{entry.kind}.txt" in files
        parsed = json.loads(files[f"{folder}/{entry.kind}.json"])
        assert parsed["records"], entry.kind
        assert files[f"{folder}/{entry.kind}.unparsed.txt"] == b""
    assert b"key ascii ***" in files[f"{folder}/running-config.txt"]
    assert_no_secret(path)


def test_hostile_router_name(
    lab: tuple[LabThread, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _thread, inventory = lab
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert pmiptui(["capture", HOSTILE, "--inventory", str(inventory)], monkeypatch) == 0
    [path] = work.iterdir()  # nothing written anywhere but here
    assert path.name.startswith("pmiptui-capture-tmp_pwn_2J-")
    assert list(tmp_path.rglob("*.tar.gz")) == [path]
    files = members(path)
    folder, manifest = manifest_of(files)
    assert manifest["router"] == HOSTILE
    assert manifest["role"] == "mag" and manifest["role_source"] == "running-config"
    assert all(n.startswith(f"{folder}/") and ".." not in n.split("/") for n in files)
    assert_no_secret(path)


def test_session_dropped_midway_keeps_what_came_before(
    lab: tuple[LabThread, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _thread, inventory = lab
    out = tmp_path / "mag2.tar.gz"
    argv = ["capture", "mag2", "--inventory", str(inventory), "--out", str(out)]
    assert pmiptui(argv, monkeypatch) == 6
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: connection to mag2 lost"), err
    assert str(out) in err[0]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    _folder, manifest = manifest_of(members(out))
    assert manifest["error"]["title"] == "Connection lost"
    assert manifest["error"]["exit_code"] == 6
    kinds = [c["kind"] for c in manifest["commands"]]
    assert kinds == [None, "mag-globals", "mag-bindings", "mag-binding-total"]
    assert_no_secret(out)


@pytest.mark.parametrize(
    ("router", "code", "says"),
    [
        ("closed", 6, "cannot reach closed at 127.0.0.1:"),
        ("badpw", 6, "username or password refused"),
        ("nosuch", 2, "router 'nosuch' is not in"),
    ],
)
def test_no_session_no_bundle(
    lab: tuple[LabThread, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    router: str,
    code: int,
    says: str,
) -> None:
    _thread, inventory = lab
    monkeypatch.chdir(tmp_path)
    assert pmiptui(["capture", router, "--inventory", str(inventory)], monkeypatch) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0], err
    assert not any(secret in err[0] for secret in SECRETS)
    assert list(tmp_path.iterdir()) == []


def test_out_that_exists_is_refused_before_connecting(
    lab: tuple[LabThread, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    thread, inventory = lab
    out = tmp_path / "taken.tar.gz"
    out.write_text("mine")
    before = thread.lab.routers["mag1"].log[:]
    argv = ["capture", "mag1", "--inventory", str(inventory), "--out", str(out)]
    assert pmiptui(argv, monkeypatch) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "mine"
    assert thread.lab.routers["mag1"].log == before

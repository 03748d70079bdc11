"""The capture's commands and its bundle, against a scripted router (no SSH)."""

from __future__ import annotations

import json
import os
import stat
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pmiptui.device.capture import (
    VERSION_COMMAND,
    Capture,
    CommandCapture,
    capture_with,
    polled_commands,
)
from pmiptui.device.capture_bundle import bundle_folder, safe_name, write_bundle
from pmiptui.errors import ConnectionLost, InputError, RouterError
from pmiptui.lab.version import show_version
from pmiptui.redact import Secret
from pmiptui.show_commands import for_role

FIXTURES = Path(__file__).parent.parent / "fixtures"
KEY = "CaptureUnitKey-5150"
DOMAIN_KEY = f"ipv6 mobile pmipv6-domain D1\n auth-option spi 64 key ascii {KEY}\n"


def _fixture(kind: str) -> str:
    """A clean sample output of `kind` from the parse fixtures."""
    for case in ("netmiko_raw", "guide_sample", "lab"):
        path = FIXTURES / kind / f"{case}.txt"
        if path.exists():
            return path.read_text()
    raise AssertionError(f"no sample for {kind}")


def router(role: str, **special: str | Exception) -> Callable[[str], str]:
    """A scripted router of `role`: each polled command answers its fixture; `special`
    maps a poll kind (or `version`) to another answer or an exception to raise."""
    answers: dict[str, str | Exception] = {VERSION_COMMAND: show_version("r1", 0.0, "FXS1")}
    for entry in polled_commands(role):
        if entry.field != "config":
            answers[entry.command] = _fixture(entry.kind)
    running = (FIXTURES / "running-config" / f"{role}_detailed.txt").read_text()
    answers[for_role(role)["config"].command] = DOMAIN_KEY + running
    for field, answer in special.items():
        command = VERSION_COMMAND if field == "version" else for_role(role)[field].command
        answers[command] = answer

    def send(command: str) -> str:
        answer = answers[command]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return send


def members(path: Path) -> dict[str, str]:
    """Every file of a bundle, by its member name."""
    with tarfile.open(path) as tar:
        found = {}
        for info in tar.getmembers():
            if info.isfile():
                data = tar.extractfile(info)
                assert data is not None
                found[info.name] = data.read().decode("utf-8")
        return found


@pytest.mark.parametrize("role", ["mag", "lma"])
def test_runs_show_version_then_each_polled_command(role: str) -> None:
    capture = capture_with("r1", role, router(role))
    assert capture.error is None
    assert [c.command for c in capture.commands] == [
        VERSION_COMMAND,
        *(entry.command for entry in polled_commands(role)),
    ]
    assert capture.role == role
    assert capture.role_source == "inventory"


def test_role_read_from_the_running_config_first() -> None:
    capture = capture_with("r1", None, router("lma"))
    assert capture.role == "lma"
    assert capture.role_source == "running-config"
    commands = [c.command for c in capture.commands]
    assert commands[1] == "show running-config | section ipv6 mobile"
    assert sorted(commands) == sorted(
        [VERSION_COMMAND, *(e.command for e in polled_commands("lma"))]
    )


def test_a_refused_command_is_kept_and_the_capture_goes_on() -> None:
    refusal = "        ^\n% Invalid input detected at '^' marker.\n"
    capture = capture_with("r1", "mag", router("mag", stats=refusal))
    assert len(capture.commands) == 1 + len(polled_commands("mag"))
    stats = next(c for c in capture.commands if c.field == "stats")
    assert stats.raw == refusal
    assert stats.error is not None and "Invalid input" in stats.error
    assert isinstance(capture.error, RouterError)
    assert capture.error.exit_code == 3


def test_a_broken_session_ends_the_capture_with_what_came_before() -> None:
    lost = ConnectionLost("connection to r1 lost (running `show ipv6 mobile pmipv6 mag stats`)")
    capture = capture_with("r1", "mag", router("mag", stats=lost))
    fields = [c.field for c in capture.commands]
    assert fields == [None, "globals", "bindings", "binding_total"]
    assert capture.error is lost


def test_an_unclear_role_is_the_error() -> None:
    capture = capture_with("r1", None, router("mag", config="hostname r1\n"))
    assert isinstance(capture.error, InputError)
    assert capture.role is None


def test_bundle_layout_manifest_and_mode(tmp_path: Path) -> None:
    capture = capture_with("r1", "mag", router("mag"))
    path = tmp_path / "b.tar.gz"
    manifest = write_bundle(capture, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    files = members(path)
    folder = bundle_folder(capture)
    assert {name.split("/")[0] for name in files} == {folder}
    assert json.loads(files[f"{folder}/manifest.json"]) == manifest
    assert manifest["ios_xe"] == {"release": "16.07.01", "platform": "ASR1001-X"}
    assert manifest["router"] == "r1" and manifest["role"] == "mag" and manifest["error"] is None
    for entry in manifest["commands"]:
        assert f"{folder}/{entry['file']}" in files
        if entry["kind"] is not None:
            parsed = json.loads(files[f"{folder}/{entry['kind']}.json"])
            assert parsed["kind"] == entry["kind"] and "records" in parsed, parsed
            assert f"{folder}/{entry['kind']}.unparsed.txt" in files
    with tarfile.open(path) as tar:
        for info in tar.getmembers():
            assert info.mode == (0o700 if info.isdir() else 0o600)
            assert info.isdir() or info.isfile()


def test_the_bundle_never_holds_a_key_or_a_password(tmp_path: Path) -> None:
    password = Secret("InventoryPw-8080")  # as an inventory password is made
    leaky = f"banner line: user typed {password.reveal()} here\n"
    capture = capture_with("r1", "mag", router("mag", version=show_version("r1", 0, "X") + leaky))
    capture.commands.append(
        CommandCapture(
            command="show x",
            name="extra",
            kind=None,
            field=None,
            started=0.0,
            duration_ms=0,
            raw=f"username a password 0 PlainPw-77\nenable secret 9 {KEY}x\nsaw {KEY} again\n",
        )
    )
    path = tmp_path / "b.tar.gz"
    write_bundle(capture, path)
    for name, text in members(path).items():
        for secret in (KEY, "InventoryPw-8080", "PlainPw-77"):
            assert secret not in text, (name, secret)
    assert "key ascii ***" in members(path)[f"{bundle_folder(capture)}/running-config.txt"]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("mag1", "mag1"),
        ("../../etc/passwd", "etc_passwd"),
        ("/abs/path", "abs_path"),
        ("..", "router"),
        ("", "router"),
        ("a\x1b[31mb\nc", "a_31mb_c"),
        ("-rf", "rf"),
        (".hidden", "hidden"),
        ("x" * 300, "x" * 64),
        ("asr-pe1.lab_2", "asr-pe1.lab_2"),
    ],
)
def test_safe_name(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_a_hostile_router_name_stays_inside_the_folder(tmp_path: Path) -> None:
    name = "../../../tmp/evil\x1b]0;pwn\x07/.."
    capture = capture_with(name, "lma", router("lma"))
    path = tmp_path / "b.tar.gz"
    manifest = write_bundle(capture, path)
    assert manifest["router"] == name  # kept as data, in JSON
    folder = bundle_folder(capture)
    assert "/" not in folder and ".." not in folder and "\x1b" not in folder
    with tarfile.open(path) as tar:
        for info in tar.getmembers():
            assert info.name == folder or info.name.startswith(f"{folder}/")
            assert ".." not in info.name.split("/")
            assert not os.path.isabs(info.name)


def test_an_existing_file_or_symlink_is_never_overwritten(tmp_path: Path) -> None:
    capture = Capture(router="r1", started=0.0, finished=0.0)
    existing = tmp_path / "there.tar.gz"
    existing.write_text("keep me")
    with pytest.raises(InputError, match="already exists"):
        write_bundle(capture, existing)
    assert existing.read_text() == "keep me"
    link = tmp_path / "link.tar.gz"
    link.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(InputError):
        write_bundle(capture, link)
    assert not (tmp_path / "elsewhere").exists()


def test_a_parse_failure_is_recorded_not_raised(tmp_path: Path) -> None:
    capture = capture_with("r1", "mag", router("mag", tunnels=""))
    manifest: dict[str, Any] = write_bundle(capture, tmp_path / "b.tar.gz")
    tunnel = next(c for c in manifest["commands"] if c["field"] == "tunnels")
    assert tunnel["parse_error"] and tunnel["unparsed"] is None
    files = members(tmp_path / "b.tar.gz")
    folder = bundle_folder(capture)
    assert "error" in json.loads(files[f"{folder}/mag-tunnel.json"])
    assert f"{folder}/mag-tunnel.unparsed.txt" not in files


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o277])
def test_the_bundle_is_0600_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    before = os.umask(umask)
    try:
        path = tmp_path / "b.tar.gz"
        write_bundle(capture_with("r1", "mag", router("mag")), path)
    finally:
        os.umask(before)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

"""` --More-- ` as a person meets it: the system `ssh` client on a pty, driven by pexpect."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from pmiptui.lab.faults import Faults
from pmiptui.lab.pager import ERASE, MORE
from pmiptui.lab.runtime import Lab, LabThread

pexpect = pytest.importorskip("pexpect")
SSH = shutil.which("ssh")
pytestmark = [pytest.mark.lab, pytest.mark.skipif(SSH is None, reason="no ssh client")]
PROMPT = "lma1#"


def login(lab: Lab) -> pexpect.spawn:
    """A privileged `ssh` session with lma1 on a 24-line terminal wide enough not to wrap."""
    assert SSH is not None
    child = pexpect.spawn(
        SSH,
        [
            "-tt", "-p", str(lab.port("lma1")),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
            "-o", "LogLevel=ERROR", "admin@127.0.0.1",
        ],
        env={**os.environ, "TERM": "vt100"},
        encoding="utf-8",
        codec_errors="replace",
        dimensions=(24, 400),
        timeout=15,
    )  # fmt: skip
    child.expect_exact("assword:")
    child.send("admin\r")
    child.expect_exact("lma1>")
    child.send("enable\r")
    child.expect_exact("Password:")
    child.send("admin\r")
    child.expect_exact(PROMPT)
    return child


@pytest.fixture
def cli(lab: Lab) -> Iterator[pexpect.spawn]:
    child = login(lab)
    yield child
    child.terminate(force=True)


@pytest.fixture(scope="module")
def config(lab: Lab) -> list[str]:
    """lma1's `show running-config`, whole (paging off), one item a line."""
    child = login(lab)
    try:
        child.send("terminal length 0\r")
        child.expect_exact(PROMPT)
        lines = run(child, "show running-config")
    finally:
        child.terminate(force=True)
    assert lines[0] == "Building configuration..." and lines[-1] == "end"
    assert len(lines) > 48  # two screens, a line, and more to quit
    return lines


def run(child: pexpect.spawn, command: str) -> list[str]:
    """Type `command`, wait for the prompt: its output lines (no echo, no prompt)."""
    child.send(command + "\r")
    child.expect_exact(PROMPT)
    echo, *lines = child.before.split("\r\n")
    assert echo == command and lines[-1] == ""
    assert MORE not in child.before
    return lines[:-1]


def screen(child: pexpect.spawn, *, erased: bool = True) -> list[str]:
    """The lines shown up to the next ` --More-- `; after a key, starting with the erase."""
    child.expect_exact(MORE)
    text = child.before
    if erased:
        assert text.startswith(ERASE)
        text = text[len(ERASE) :]
    lines = text.split("\r\n")
    assert lines[-1] == ""
    return lines[:-1]


def test_show_running_config_pages_at_24_lines_then_space_enter_and_q(
    cli: pexpect.spawn, config: list[str]
) -> None:
    cli.send("show running-config\r")
    first = screen(cli, erased=False)
    assert first[0] == "show running-config"
    assert first[1:] == config[:23]
    cli.send(" ")
    assert screen(cli) == config[23:46]
    cli.send("\r")
    assert screen(cli) == [config[46]]
    cli.send("q")
    cli.expect_exact(PROMPT)
    assert cli.before == ERASE
    clock = run(cli, "show clock")  # typed and echoed: line editing is back
    assert len(clock) == 1 and "UTC" in clock[0]


def test_any_other_key_also_returns_to_the_prompt(cli: pexpect.spawn) -> None:
    cli.send("show running-config\r")
    screen(cli, erased=False)
    cli.send("x")
    cli.expect_exact(PROMPT)
    assert cli.before == ERASE
    assert run(cli, "terminal length 0") == []


def test_terminal_length_0_turns_paging_off(cli: pexpect.spawn, config: list[str]) -> None:
    assert run(cli, "terminal length 0") == []
    assert run(cli, "show running-config") == config


def test_terminal_length_10_pages_at_10(cli: pexpect.spawn, config: list[str]) -> None:
    assert run(cli, "terminal length 10") == []
    cli.send("show running-config\r")
    assert screen(cli, erased=False)[1:] == config[:9]
    cli.send(" ")
    assert screen(cli) == config[9:18]
    while True:
        cli.send(" ")
        if cli.expect_exact([MORE, PROMPT]) == 1:
            break
    assert cli.before.rstrip("\r\n").endswith("end")


def test_paging_is_per_session(lab: Lab, config: list[str]) -> None:
    quiet, paged = login(lab), login(lab)
    try:
        assert run(quiet, "terminal length 0") == []
        paged.send("show running-config\r")
        assert screen(paged, erased=False)[1:] == config[:23]
        assert run(quiet, "show running-config") == config
        paged.send("q")
        paged.expect_exact(PROMPT)
    finally:
        quiet.terminate(force=True)
        paged.terminate(force=True)


def test_trickle_keeps_paging(lab_thread: LabThread, config: list[str]) -> None:
    lab_thread.set_faults("lma1", Faults(trickle=True))
    child = login(lab_thread.lab)
    try:
        child.send("show running-config\r")
        assert screen(child, erased=False)[1:] == config[:23]
        child.send(" ")
        assert screen(child) == config[23:46]
        child.send("q")
        child.expect_exact(PROMPT)
    finally:
        lab_thread.set_faults("lma1", Faults())
        child.terminate(force=True)


def test_drop_after_cuts_a_paged_output(lab_thread: LabThread, config: list[str]) -> None:
    lab_thread.set_faults("lma1", Faults(drop_after_bytes=len("\n".join(config)) // 2))
    child = login(lab_thread.lab)
    try:
        child.send("show running-config\r")
        pages = 0
        while (seen := child.expect_exact([MORE, PROMPT, pexpect.EOF])) == 0:
            pages += 1
            child.send(" ")
        assert seen == 2 and pages >= 1  # cut mid-output, after at least one screen
    finally:
        lab_thread.set_faults("lma1", Faults())
        child.terminate(force=True)

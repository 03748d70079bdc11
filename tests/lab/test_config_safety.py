"""Change-safety features of the lab (exclusive lock, rollback timer, flash files, drop-on),
as unmodified Netmiko sees them over real SSH, two sessions at once where it matters."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import paramiko
import pytest
from netmiko import BaseConnection, ConnectHandler
from netmiko.exceptions import NetmikoTimeoutException

from pmiptui.lab.faults import Faults, faults_by_router
from pmiptui.lab.router import ConfigLock, SimRouter
from pmiptui.lab.runtime import LabThread
from tests.lab.conftest import device, start_lab

pytestmark = pytest.mark.lab

PROMPT = r"[>#]\s*$"
BANNER = "Enter configuration commands, one per line.  End with CNTL/Z."
LOCKED = (
    "Configuration mode locked exclusively. The lock will be cleared once you exit out of "
    "configuration mode using end/exit"
)
PENDING = (
    "%Rollback Confirmed Change already pending, use configure confirm or configure revert now"
)
FREE = """Parser Configure Lock
---------------------
Owner PID           : -1
User                : unknown
TTY                 : -1
Type                : NO LOCK
State               : FREE
Class               : unknown
Count               : 0
Pending Requests    : 0
User debug info     : 0"""


@pytest.fixture
def thread(tmp_path: Path) -> Iterator[LabThread]:
    """A lab of its own for each test, so locks and timers never leak between tests."""
    lab = start_lab(tmp_path)
    yield lab
    lab.stop()


def _router(thread: LabThread) -> SimRouter:
    return thread.lab.routers["lma1"]


def _open(thread: LabThread) -> BaseConnection:
    conn = ConnectHandler(**device(thread.lab, "lma1"))
    conn.enable()
    return conn


def _send(conn: BaseConnection, line: str) -> str:
    """Send one line and read up to the next prompt, whatever mode it is in."""
    return str(conn.send_command(line, expect_string=PROMPT))


def _configure(conn: BaseConnection, *lines: str) -> None:
    output = str(conn.send_config_set(list(lines), error_pattern=r"%"))
    assert "%" not in output, output


def _exclusive(conn: BaseConnection, how: str) -> None:
    _configure(conn, f"configuration mode exclusive {how}")


def _lock(thread: LabThread) -> ConfigLock | None:
    router = _router(thread)
    return thread.call(lambda: router.lock)  # type: ignore[return-value]


def _until(check: Callable[[], bool], timeout: float = 10) -> None:
    """Wait for the lab to reach a state (a session's end is noticed asynchronously)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def _client(conn: BaseConnection) -> paramiko.SSHClient:
    client = conn.remote_conn_pre
    assert isinstance(client, paramiko.SSHClient)
    return client


def _transport(conn: BaseConnection) -> paramiko.Transport:
    transport = _client(conn).get_transport()
    assert transport is not None
    return transport


def _hang_up(conn: BaseConnection) -> None:
    """Close the SSH connection without `end` or `exit`, as a killed client would."""
    _client(conn).close()


def _cut_by(conn: BaseConnection, line: str) -> str:
    """Type a line the router drops the connection on; what arrived after the echo."""
    conn.write_channel(line + conn.RETURN)
    transport = _transport(conn)
    _until(lambda: not transport.is_active())
    return str(conn.read_channel()).replace(line, "", 1)


def _abort(thread: LabThread, conn: BaseConnection) -> None:
    """Abort, on the lab's side, the SSH connection of one client."""
    port = _transport(conn).sock.getsockname()[1]  # type: ignore[union-attr]
    listener = next(item for item in thread.lab.listeners if item.name == "lma1")

    def abort() -> None:
        for server_side in list(listener.connections):
            if server_side.get_extra_info("peername")[1] == port:
                server_side.abort()

    thread.call(abort)


def _refusal(lock: ConfigLock) -> str:
    return (
        f"Configuration mode locked exclusively by user 'admin' process '{lock.pid}' "
        f"from terminal '{lock.tty}'. Please try later."
    )


# -- exclusive configuration mode -------------------------------------------------------------


def test_lock_needs_exclusive_manual_mode(thread: LabThread) -> None:
    with _open(thread) as conn:
        out = _send(conn, "configure terminal lock")
        caret = " " * len("lma1#configure terminal ") + "^"
        assert out == f"{caret}\n% Invalid input detected at '^' marker."
        assert conn.find_prompt() == "lma1#"
        _exclusive(conn, "auto")
        assert "Invalid input" in _send(conn, "conf t lock")
        _exclusive(conn, "manual")
        assert "configuration mode exclusive manual" in _send(
            conn, "show running-config | include ^configuration"
        )
        _configure(conn, "no configuration mode exclusive")
        assert _send(conn, "show running-config | include ^configuration") == ""
        assert "Invalid input" in _send(conn, "configure terminal lock")
    assert _lock(thread) is None


def test_lock_refuses_other_sessions_until_end(thread: LabThread) -> None:
    with _open(thread) as first, _open(thread) as second:
        _exclusive(first, "manual")
        assert _send(first, "configure terminal lock") == f"{LOCKED}\n{BANNER}"
        assert first.find_prompt() == "lma1(config)#"
        lock = _lock(thread)
        assert lock is not None and lock.command == "configure terminal lock"
        for line in (
            "configure terminal",
            "configure terminal lock",
            "configure terminal revert timer 5",
            "configure replace bootflash:archive-1 force",
            "configure revert now",
            "configure confirm",
        ):
            assert _send(second, line) == _refusal(lock), line
        assert second.find_prompt() == "lma1#"
        shown = _send(second, "show configuration lock")
        assert shown.splitlines()[:11] == [
            "Parser Configure Lock",
            "---------------------",
            f"Owner PID           : {lock.pid}",
            "User                : admin",
            f"TTY                 : {lock.tty}",
            "Type                : EXCLUSIVE",
            "State               : LOCKED",
            "Class               : EXPOSED",
            "Count               : 1",
            "Pending Requests    : 0",
            "User debug info     : configure terminal lock",
        ]
        assert "Remote ip address : 127.0.0.1" in shown
        assert re.search(r"^Lock active time \(in Sec\) : \d+$", shown, re.M)
        assert re.search(r"^Lock Expiration timer \(in Sec\) : \d+$", shown, re.M)
        _send(first, "hostname lma1")  # the owner keeps configuring
        _send(first, "end")
        assert _lock(thread) is None
        assert _send(second, "show configuration lock") == FREE
        assert _send(second, "configure terminal lock").startswith(LOCKED)
        _send(second, "exit")  # `exit` from global config releases it too
        assert _lock(thread) is None


def test_ctrl_z_releases_the_lock(thread: LabThread) -> None:
    with _open(thread) as conn:
        _exclusive(conn, "manual")
        _send(conn, "configure terminal lock")
        conn.write_channel("\x1a")
        conn.read_until_pattern(r"lma1#\s*$")
        assert _lock(thread) is None


@pytest.mark.parametrize("how", ["client closes", "server aborts", "drop-on fault"])
def test_lock_is_released_when_the_session_ends(thread: LabThread, how: str) -> None:
    with _open(thread) as other:
        _exclusive(other, "manual")
        owner = _open(thread)
        _send(owner, "configure terminal lock")
        assert _lock(thread) is not None
        if how == "client closes":
            _hang_up(owner)
        elif how == "server aborts":
            _abort(thread, owner)
        else:
            thread.set_faults("lma1", faults_by_router(["lma1:drop-on=^do show clock"])["lma1"])
            assert "#" not in _cut_by(owner, "do show clock")
            thread.set_faults("lma1", Faults())
        _until(lambda: _lock(thread) is None)
        _hang_up(owner)
        assert _send(other, "configure terminal lock").startswith(LOCKED)
        _send(other, "end")


def test_lock_refused_while_another_session_configures(thread: LabThread) -> None:
    with _open(thread) as first, _open(thread) as second:
        _exclusive(first, "manual")
        _send(first, "configure terminal")
        assert _lock(thread) is None  # manual: a plain `configure terminal` takes no lock
        out = _send(second, "configure terminal lock")
        line = thread.call(lambda: _router(thread).configuring(besides=0)[0].line)
        assert out.splitlines() == [
            "% Error: Can't lock configuration mode exclusively since the following users are "
            "currently configuring the system:",
            f'User "admin" on line {line} ( 127.0.0.1 )',
        ]
        assert second.find_prompt() == "lma1#"
        assert _lock(thread) is None
        _send(first, "end")


def test_auto_mode_locks_every_configure_terminal(thread: LabThread) -> None:
    with _open(thread) as first, _open(thread) as second:
        _exclusive(first, "auto")
        assert _send(first, "configure terminal") == f"{LOCKED}\n{BANNER}"
        lock = _lock(thread)
        assert lock is not None and lock.command == "configure terminal"
        assert _send(second, "configure terminal") == _refusal(lock)
        _send(first, "end")
        assert _send(second, "configure terminal revert timer 5") == f"{LOCKED}\n{BANNER}"
        lock = _lock(thread)
        assert lock is not None
        assert _send(first, "configure terminal") == _refusal(lock)
        assert _send(first, "configure confirm") == _refusal(lock)
        _send(second, "end")
        assert _send(first, "configure confirm") == ""
        assert _lock(thread) is None


# -- Rollback Confirmed Change ----------------------------------------------------------------


def test_rollback_timer_shows_the_pending_change(thread: LabThread) -> None:
    with _open(thread) as conn:
        assert _send(conn, "show archive config rollback timer") == (
            "%No Rollback Confirmed Change pending"
        )
        _send(conn, "configure terminal revert timer 5")
        _send(conn, "end")
        lines = _send(conn, "show archive config rollback timer").splitlines()
        assert re.fullmatch(
            r"Time configured\(or reset\) : \d\d:\d\d:\d\d UTC [A-Z][a-z]{2} [A-Z][a-z]{2} "
            r"[1-9]\d? \d{4}",
            lines[0],
        )
        assert lines[1:] == [
            "Timer type                : absolute timer",
            "Timer value               : 5 min",
            "User                      : admin",
        ]
        assert "Rollback Confirmed Change timer:" in _send(conn, "show archive")
        _send(conn, "configure confirm")
        assert _send(conn, "sh arch conf roll timer") == "%No Rollback Confirmed Change pending"


def test_second_session_cannot_rearm_a_pending_timer(thread: LabThread) -> None:
    with _open(thread) as first, _open(thread) as second:
        _send(first, "configure terminal revert timer 5")
        _send(first, "end")
        assert _send(second, "configure terminal revert timer 3") == PENDING
        assert second.find_prompt() == "lma1#"
        assert "Timer value               : 5 min" in _send(
            second, "show archive config rollback timer"
        )
        assert _send(first, "configure terminal revert timer 7") == BANNER  # same session
        _send(first, "end")
        assert "Timer value               : 7 min" in _send(
            first, "show archive config rollback timer"
        )


POOL = "ip local pool safety 10.9.9.1 10.9.9.9"


@pytest.mark.parametrize("settle", ["configure confirm", "configure revert now"])
def test_another_session_settles_a_change_a_dead_session_left(
    thread: LabThread, settle: str
) -> None:
    owner = _open(thread)
    _send(owner, "configure terminal revert timer 5")
    _send(owner, POOL)
    _send(owner, "end")
    _hang_up(owner)
    with _open(thread) as other:
        out = _send(other, settle).strip()
        assert out == ("Rollback Done" if settle == "configure revert now" else "")
        assert _send(other, "show archive config rollback timer").startswith("%No Rollback")
        kept = POOL in _send(other, "show running-config | include ^ip local pool")
        assert kept is (settle == "configure confirm")


# -- flash files ------------------------------------------------------------------------------


def _copy(conn: BaseConnection, url: str) -> str:
    return str(conn.send_multiline([[f"copy running-config {url}", r"\?"], ["", PROMPT]]))


def test_dir_more_and_delete(thread: LabThread) -> None:
    name = "pmiptui-lma1-20261130T214002-4242.cfg"
    with _open(thread) as conn:
        assert "bytes copied" in _copy(conn, f"bootflash:{name}")
        running = str(thread.call(_router(thread).running_text))
        listing = _send(conn, "dir bootflash:")
        assert listing.startswith("Directory of bootflash:/\n\n")
        when = r"[A-Z][a-z]{2} [1-9]\d? \d{4} \d\d:\d\d:\d\d \+00:00"
        row = rf"^ +\d+  -rw- +(\d+)  {when}  {name}$"
        found = re.search(row, listing, re.M)
        assert found is not None, listing
        assert int(found.group(1)) == len(running)  # type: ignore[arg-type]
        assert re.search(r"^\d+ bytes total \(\d+ bytes free\)$", listing, re.M)
        assert name in _send(conn, "dir")  # bootflash: is the default file system
        assert _send(conn, f"more bootflash:{name}") == running.rstrip("\n")
        assert _send(conn, f"more bootflash:/{name}") == running.rstrip("\n")
        asked = conn.send_multiline(
            [
                [f"delete bootflash:{name}", rf"Delete filename \[{re.escape(name)}\]\? "],
                ["", rf"Delete bootflash:{re.escape(name)}\? \[confirm\]"],
                ["", PROMPT],
            ]
        )
        assert "%" not in asked
        assert name not in _send(conn, "dir bootflash:")
        assert _send(conn, f"more bootflash:{name}") == (
            f"%Error opening bootflash:{name} (No such file or directory)"
        )
        _copy(conn, "bootflash:second.cfg")
        assert _send(conn, "delete /force bootflash:second.cfg") == ""
        assert _send(conn, "delete /force bootflash:second.cfg") == (
            "%Error deleting bootflash:second.cfg (No such file or directory)"
        )
    router = _router(thread)
    assert thread.call(lambda: sorted(router.files)) == ["nvram:startup-config"]


def test_dir_layout_matches_ios() -> None:
    from calendar import timegm

    from pmiptui.lab.flash import show_dir

    name = "pmiptui-lma1-20261130T214002-4242.cfg"
    url = f"bootflash:{name}"
    stamp = timegm((2026, 11, 30, 21, 40, 2, 0, 0, 0))
    text = show_dir("bootflash", {url: "x" * 4127}, {url: stamp}, 0.0)
    assert text == (
        "Directory of bootflash:/\n"
        "\n"
        f"   11  -rw-             4127  Nov 30 2026 21:40:02 +00:00  {name}\n"
        "\n"
        "7897796608 bytes total (7881564160 bytes free)\n"
    )


# -- drop-on ----------------------------------------------------------------------------------


def test_drop_on_runs_the_line_then_cuts_the_connection(tmp_path: Path) -> None:
    thread = start_lab(tmp_path, faults=["lma1:drop-on=^configure confirm"])
    try:
        router = _router(thread)
        with _open(thread) as conn:
            _send(conn, "configure terminal revert timer 5")
            _send(conn, POOL)
            _send(conn, "end")
            assert _cut_by(conn, "configure confirm").strip() == ""  # no reply, no prompt
        assert thread.call(lambda: router.revert) is None  # confirmed before the cut
        assert POOL in thread.call(router.running_text)  # type: ignore[operator]
        with _open(thread) as again:  # every matching line drops, on every session
            assert "UTC" in _send(again, "show clock")
            assert "%" not in _cut_by(again, "configure confirm")
    finally:
        thread.stop()


def test_down_on_runs_the_line_then_takes_the_router_away(tmp_path: Path) -> None:
    thread = start_lab(tmp_path, faults=["lma1:down-on=^configure confirm"])
    try:
        router = _router(thread)
        with _open(thread) as conn:
            _send(conn, "configure terminal revert timer 5")
            _send(conn, "end")
            assert _cut_by(conn, "configure confirm").strip() == ""
        assert thread.call(lambda: router.revert) is None
        with pytest.raises(NetmikoTimeoutException):
            ConnectHandler(**device(thread.lab, "lma1", conn_timeout=3))
    finally:
        thread.stop()


def test_faults_change_while_the_lab_runs(thread: LabThread) -> None:
    with _open(thread) as conn:
        assert "UTC" in _send(conn, "show clock")
        thread.set_faults("lma1", faults_by_router(["lma1:drop-on=^show clock"])["lma1"])
        assert "UTC" not in _cut_by(conn, "show clock")
    thread.set_faults("lma1", Faults())
    with _open(thread) as conn:
        assert "UTC" in _send(conn, "show clock")

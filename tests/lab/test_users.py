"""`show users` and the lab's session API, as unmodified Netmiko sees them over real SSH."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from netmiko import BaseConnection, ConnectHandler

from pmiptui.lab.runtime import LabThread
from pmiptui.lab.sessions import VtySession
from tests.lab.conftest import device

pytestmark = pytest.mark.lab

_ROW = re.compile(r"^(?P<mark>[* ])\s*(?P<line>\d+) vty (?P<vty>\d+)\s+(?P<user>\S+)\s+idle\s+")


def _until(check: Callable[[], bool], timeout: float = 10) -> None:
    """Wait for the lab to reach a state (a session's end is noticed asynchronously)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def _rows(conn: BaseConnection) -> list[tuple[str, int, int, str]]:
    """`show users` on `conn`: (mark, line, vty, user) of each VTY row."""
    text = str(conn.send_command("show users"))
    found = (_ROW.match(row) for row in text.splitlines())
    return [(m["mark"], int(m["line"]), int(m["vty"]), m["user"]) for m in found if m]


def _own(thread: LabThread, name: str, before: list[VtySession]) -> VtySession:
    """The one session opened on `name` since `before` was taken."""
    known = {s.number for s in before}
    (new,) = [s for s in thread.sessions(name) if s.number not in known]
    return new


def test_show_users_lists_both_sessions_and_marks_the_asker(lab_thread: LabThread) -> None:
    lab = lab_thread.lab
    _until(lambda: lab_thread.sessions("mag1") == [])
    with ConnectHandler(**device(lab, "mag1")) as first:
        one = _own(lab_thread, "mag1", [])
        with ConnectHandler(**device(lab, "mag1")) as second:
            two = _own(lab_thread, "mag1", [one])
            assert (one.vty, two.vty) == (0, 1)
            assert lab_thread.session_counts()["mag1"] == 2
            assert _rows(first) == [("*", 2, 0, "admin"), (" ", 3, 1, "admin")]
            assert _rows(second) == [(" ", 2, 0, "admin"), ("*", 3, 1, "admin")]
            assert [s.peer for s in lab_thread.sessions("mag1")] == ["127.0.0.1"] * 2
        _until(lambda: len(lab_thread.sessions("mag1")) == 1)
        assert [s.number for s in lab_thread.sessions("mag1")] == [one.number]
        assert _rows(first) == [("*", 2, 0, "admin")]
        assert lab_thread.session_counts()["mag1"] == 1
    _until(lambda: lab_thread.sessions("mag1") == [])


def test_a_new_session_reuses_the_freed_vty_line(lab_thread: LabThread) -> None:
    lab = lab_thread.lab
    _until(lambda: lab_thread.sessions("mag2") == [])
    with ConnectHandler(**device(lab, "mag2")) as first:
        with ConnectHandler(**device(lab, "mag2")):
            assert len(lab_thread.sessions("mag2")) == 2
        _until(lambda: len(lab_thread.sessions("mag2")) == 1)
        with ConnectHandler(**device(lab, "mag2")) as third:
            assert [s.vty for s in lab_thread.sessions("mag2")] == [0, 1]
            assert _rows(third)[1][0] == "*"
        assert _rows(first) != []
    _until(lambda: lab_thread.session_counts()["mag2"] == 0)


def test_idle_time_restarts_on_input_and_pipes_filter(lab_thread: LabThread) -> None:
    lab = lab_thread.lab
    _until(lambda: lab_thread.sessions("lma1") == [])
    with ConnectHandler(**device(lab, "lma1")) as conn:
        (opened,) = lab_thread.sessions("lma1")
        before = opened.last_input
        output = str(conn.send_command("show users | include vty"))
        assert output.strip().startswith("*") and "Interface" not in output
        (session,) = lab_thread.sessions("lma1")
        assert session.last_input > before >= session.login
        assert session.user == "admin" and session.router == "lma1"

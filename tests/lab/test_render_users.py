"""`show users` text and the session table behind it, without SSH."""

from __future__ import annotations

import pytest

from pmiptui.lab.render_users import idle_text, show_users
from pmiptui.lab.sessions import SessionTable

EXPECTED = """\
    Line       User       Host(s)              Idle       Location
*  2 vty 0     admin      idle                 00:00:00 127.0.0.1
   3 vty 1     oper       idle                 00:01:12 10.0.0.9

  Interface    User               Mode         Idle     Peer Address

"""


def test_show_users_layout_marks_the_asking_session() -> None:
    table = SessionTable("mag1")
    first = table.open(user="admin", peer="127.0.0.1", now=1000.0)
    table.open(user="oper", peer="10.0.0.9", now=1000.0)
    table.touch(first.number, 1072.0)
    assert show_users(table.records(), current=first.number, now=1072.0) == EXPECTED


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00:00"), (72.9, "00:01:12"), (86399, "23:59:59"), (93600, "1d02h"), (864000, "1w3d")],
)
def test_idle_time_as_ios_abbreviates_it(seconds: float, text: str) -> None:
    assert idle_text(seconds) == text


def test_a_new_session_takes_the_lowest_free_vty_line() -> None:
    table = SessionTable("lma1")
    a, b, c = (table.open(user="admin", peer="127.0.0.1", now=0.0) for _ in range(3))
    assert [s.vty for s in (a, b, c)] == [0, 1, 2]
    table.close(b.number)
    d = table.open(user="admin", peer="127.0.0.1", now=1.0)
    assert (d.number, d.vty, d.line) == (4, 1, 3)
    assert [s.number for s in table.records()] == [a.number, d.number, c.number]
    assert table.get(b.number) is None

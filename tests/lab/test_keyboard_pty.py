"""`?`, Tab and line editing as an operator meets them: OpenSSH's client in a pty (pexpect).

Expected listings are computed from the IOS model (`help_text`), so a new command gets its
help checked here for free; the test checks they reach the screen intact and that the typed
line is given back after them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from pmiptui.ios.modes import CONFIG, PRIV_EXEC
from pmiptui.lab.context_help import UNRECOGNIZED, help_text
from pmiptui.lab.runtime import Lab

pexpect = pytest.importorskip("pexpect")

SSH = shutil.which("ssh")
pytestmark = [
    pytest.mark.lab,
    pytest.mark.skipif(SSH is None, reason="no ssh client on this machine"),
]

CTRL_A, CTRL_E, CTRL_U, CTRL_W, CTRL_Z = "\x01", "\x05", "\x15", "\x17", "\x1a"
UP = "\x1b[A"
EXEC = "lma1#"
LMA_MODE = "config-ipv6-pmipv6-lma"


def _screen(text: str) -> str:
    """Text as the session writes it: the line editor sends CR LF."""
    return text.replace("\n", "\r\n")


@pytest.fixture
def session(lab: Lab) -> Iterator[pexpect.spawn]:
    child = pexpect.spawn(
        str(SSH),
        [
            "-tt", "-p", str(lab.port("lma1")),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
            "-o", "LogLevel=ERROR", "admin@127.0.0.1",
        ],
        encoding="utf-8",
        timeout=15,
        dimensions=(50, 200),
    )  # fmt: skip
    try:
        child.expect_exact("assword:")
        child.send("admin\r")
        child.expect_exact("lma1>")
        child.send("terminal length 0\r")
        child.expect_exact("lma1>")
        child.send("enable\r")
        child.expect_exact("Password:")
        child.send("admin\r")
        child.expect_exact(EXEC)
        yield child
    finally:
        child.close(force=True)


def _help(child: pexpect.spawn, typed: str, mode: str, prompt: str, *, send: bool = True) -> None:
    """Type `typed` (unless it is already on the line) then `?`: the model's listing, then
    the prompt and the line again."""
    child.send((typed if send else "") + "?")
    listing = help_text(mode, typed, len(prompt))
    child.expect_exact(_screen(f"{typed}?\n{listing}{prompt}{typed}"))


def _clear(child: pexpect.spawn, prompt: str) -> None:
    """Ctrl-U the line away and check an empty Enter gives a bare prompt."""
    child.send(CTRL_U + "\r")
    child.expect_exact(prompt)


def test_question_mark_at_several_depths(session: pexpect.spawn) -> None:
    for typed in ("", "show ", "show ipv6 mobile pmipv6 ", "sh ipv6 mob", "show version | "):
        _help(session, typed, PRIV_EXEC, EXEC)
        _clear(session, EXEC)
    _help(session, "show ", PRIV_EXEC, EXEC)
    session.send("clock\r")
    session.expect_exact("UTC")
    session.expect_exact(EXEC)


def test_question_mark_errors(session: pexpect.spawn) -> None:
    session.send("show foo?")
    session.expect_exact(_screen(f"show foo?\n{UNRECOGNIZED}\n\n{EXEC}show foo"))
    _clear(session, EXEC)
    session.send("show foo ?")
    session.expect_exact(_screen("\n" + " " * len(EXEC + "show ") + "^\n"))
    session.expect_exact("% Invalid input detected at '^' marker.")
    _clear(session, EXEC)


def test_question_mark_in_config_and_a_submode(session: pexpect.spawn) -> None:
    session.send("configure terminal\r")
    config = "lma1(config)#"
    session.expect_exact(config)
    _help(session, "ipv6 mobile ", CONFIG, config)
    _clear(session, config)
    session.send("ipv6 mobile pmipv6-lma lma1 domain D1\r")
    submode = f"lma1({LMA_MODE})#"
    session.expect_exact(submode)
    _help(session, "", LMA_MODE, submode)
    _help(session, "bce ", LMA_MODE, submode)
    _clear(session, submode)
    session.send(CTRL_Z)
    session.expect_exact(EXEC)


def test_tab_completes_the_last_word_or_rings(session: pexpect.spawn) -> None:
    session.send("sh ipv6 mob\t")
    session.expect_exact("sh ipv6 mobile ")
    _help(session, "sh ipv6 mobile ", PRIV_EXEC, EXEC, send=False)
    _clear(session, EXEC)
    session.send("c\t")
    session.expect_exact("\a")
    _clear(session, EXEC)
    session.send("sh cl\t\r")
    session.expect_exact("UTC")
    session.expect_exact(EXEC)


def test_editing_keys_and_history(session: pexpect.spawn) -> None:
    session.send("show garbage" + CTRL_U + "show version\r")
    session.expect_exact("Cisco IOS XE Software")
    session.expect_exact(EXEC)
    session.send("show ipv6 nonsense" + CTRL_W + CTRL_W + "clock\r")
    session.expect_exact("UTC")
    session.expect_exact(EXEC)
    session.send("how clock" + CTRL_A + "s" + CTRL_E + "\r")
    session.expect_exact("UTC")
    session.expect_exact(EXEC)
    session.send(UP + UP + UP + "\r")
    session.expect_exact("Cisco IOS XE Software")
    session.expect_exact(EXEC)
    session.send("show history\r")
    session.expect_exact(
        _screen(
            "  terminal length 0\n  enable\n  show version\n  show clock\n  show clock\n"
            "  show version\n  show history\n"
        )
    )
    session.expect_exact(EXEC)

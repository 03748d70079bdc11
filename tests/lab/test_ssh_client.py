"""The system `ssh` client logs in to a lab router and works interactively, under a pty."""

from __future__ import annotations

import os
import pty
import select
import shutil
import time

import pytest

from pmiptui.lab.runtime import Lab

pytestmark = [
    pytest.mark.lab,
    pytest.mark.skipif(shutil.which("ssh") is None, reason="no ssh client on this machine"),
]


class Pty:
    """A program on a pseudo-terminal, driven like a person at a keyboard."""

    def __init__(self, argv: list[str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp(argv[0], argv)
        self.seen = ""

    def expect(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"did not see {text!r}; screen so far:\n{self.seen[-800:]}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536).decode(errors="replace")
                except OSError:
                    break
        if text not in self.seen:
            raise AssertionError(f"did not see {text!r}; screen:\n{self.seen[-800:]}")
        found = self.seen
        self.seen = self.seen[self.seen.index(text) + len(text) :]
        return found

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.fd, char.encode())
            time.sleep(0.005)

    def close(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def test_interactive_ssh_session(lab: Lab) -> None:
    session = Pty(
        [
            "ssh", "-tt", "-p", str(lab.port("lma1")),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
            "-o", "LogLevel=ERROR", "admin@127.0.0.1",
        ]
    )  # fmt: skip
    try:
        session.expect("assword:")
        session.type("admin\r")
        session.expect("lma1>")
        session.type("enable\r")
        session.expect("Password:")
        session.type("admin\r")
        session.expect("lma1#")
        session.type("sh ver\r")
        assert "Cisco IOS XE Software" in session.expect(" --More-- ")  # 24-line screen
        session.type(" ")
        session.expect("lma1#")
        session.type("conf t\r")
        session.expect("lma1(config)#")
        session.type("ipv6 mobile pmipv6-lma lma1 domain D1\r")
        session.expect("lma1(config-ipv6-pmipv6-lma)#")
        session.type("bce maximum 99999999999\r")
        assert "% Invalid input detected at '^' marker." in session.expect("#")
        session.type("\x1a")
        session.expect("lma1#")
        session.type("exit\r")
    finally:
        session.close()

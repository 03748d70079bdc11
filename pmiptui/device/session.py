"""An SSH session with one router through Netmiko (`cisco_xe`), with typed one-line errors.

Every Netmiko, paramiko and socket exception is turned into a `DeviceError` subclass whose
message names the router and its address and never carries a password or secret. The
router's SSH host key is checked before logging in (`host_keys`).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import getpass
import re
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import paramiko
from netmiko import BaseConnection, ConnectHandler
from netmiko.exceptions import (
    NetmikoAuthenticationException,
    NetmikoBaseException,
    NetmikoTimeoutException,
    ReadTimeout,
)
from paramiko.ssh_exception import NoValidConnectionsError

from pmiptui.device.host_keys import connect_settings, policy_for, refusal
from pmiptui.errors import AuthFailed, ConnectFailed, ConnectionLost, DeviceError, Timeout
from pmiptui.inventory import Ask, RouterTarget, ask_secret, with_password

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0
_TAIL_CHARS = 512
"""How much of the output's end is searched for the prompt after each read."""
_POLL_SEC = 0.01
"""Pause between reads of an idle channel."""
_CHUNK_BYTES = 65_536
"""The most read from the channel at a time."""
_LINE_END = re.compile(r"\r\r\r\n|\r\r\n|\r\n|\n\r|\r")
"""Line endings as Netmiko normalises them."""

_REASONS = {
    errno.ECONNREFUSED: "connection refused",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ENETUNREACH: "network unreachable",
    errno.ECONNRESET: "connection reset",
    errno.ETIMEDOUT: "timed out",
}


def _reason(error: BaseException) -> str:
    """A few words saying why a socket-level failure happened, from the exception chain."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, NoValidConnectionsError) and seen.errors:
            return _reason(next(iter(seen.errors.values())))
        if isinstance(seen, socket.gaierror):
            return "host name not resolved"
        if isinstance(seen, TimeoutError | socket.timeout):
            return "timed out"
        if isinstance(seen, OSError) and seen.errno in _REASONS:
            return _REASONS[seen.errno]
        seen = seen.__cause__ or seen.__context__
    text = str(error)
    if "DNS failure" in text:
        return "host name not resolved"
    if "Timed out" in text or "timed out" in text:
        return "timed out"
    return "SSH session could not be set up"


def connect_error(target: RouterTarget, error: BaseException) -> DeviceError:
    """The typed error for a failure while opening a session."""
    refused = refusal(target, error)
    if refused is not None:
        return refused
    where = f"{target.name} at {target.address}"
    if isinstance(error, NetmikoAuthenticationException | paramiko.AuthenticationException):
        return AuthFailed(f"cannot log in to {where}: username or password refused")
    if isinstance(error, ValueError) and "enable mode" in str(error):
        return AuthFailed(f"cannot enter enable mode on {where}: enable secret refused")
    if isinstance(error, ReadTimeout):
        return Timeout(f"{where} stopped answering while logging in")
    reason = _reason(error)
    if reason == "timed out":
        return Timeout(f"cannot reach {where}: timed out")
    return ConnectFailed(f"cannot reach {where}: {reason}")


def session_error(target: RouterTarget, error: BaseException, doing: str) -> DeviceError:
    """The typed error for a failure on an open session."""
    if isinstance(error, ReadTimeout | NetmikoTimeoutException | TimeoutError):
        return Timeout(f"{target.name} stopped answering ({doing})")
    return ConnectionLost(f"connection to {target.name} lost ({doing})")


SESSION_ERRORS: tuple[type[BaseException], ...] = (
    NetmikoBaseException,
    paramiko.SSHException,
    OSError,
    EOFError,
)
"""What Netmiko raises when a session breaks (timeouts included: NetmikoTimeoutException
is a paramiko SSHException)."""
_OPEN_ERRORS: tuple[type[BaseException], ...] = (*SESSION_ERRORS, ValueError)
"""While opening, also Netmiko's ValueError for a refused `enable`."""


class RouterSession:
    """A privileged-exec session with one router; commands raise `DeviceError` on failure."""

    def __init__(
        self,
        target: RouterTarget,
        *,
        ask: Ask = getpass.getpass,
        read_timeout: float = READ_TIMEOUT_S,
        connect_timeout: float = CONNECT_TIMEOUT_S,
    ) -> None:
        self.target = target
        self.read_timeout = read_timeout
        self.connect_timeout = connect_timeout
        self._ask = ask
        self._conn: BaseConnection | None = None

    # lifecycle ---------------------------------------------------------------------------

    def open(self) -> RouterSession:
        """Connect and enter privileged exec mode."""
        target = self.target = with_password(self.target, ask=self._ask)
        password = target.password.reveal() if target.password is not None else ""
        secret = target.secret.reveal() if target.secret is not None else ""
        params: dict[str, Any] = {
            "device_type": target.device_type,
            "host": target.host,
            "port": target.port,
            "username": target.username,
            "password": password,
            "secret": secret,
            "fast_cli": False,
            "conn_timeout": self.connect_timeout,
            "auth_timeout": self.connect_timeout,
            "banner_timeout": self.connect_timeout,
            # Bounds the login and session setup reads; lifted once the session is up.
            "read_timeout_override": self.connect_timeout,
            **connect_settings(target),
            "auto_connect": False,
        }
        conn: BaseConnection | None = None
        try:
            conn = ConnectHandler(**params)
            # Netmiko offers only AutoAdd or Reject; ours records (accept-new) or names the key.
            conn.key_policy = policy_for(target)
            conn._open()
        except _OPEN_ERRORS as error:
            client = getattr(conn, "remote_conn_pre", None)
            if client is not None:
                with contextlib.suppress(Exception):
                    client.close()
            raise connect_error(target, error) from None
        conn.read_timeout_override = None
        self._conn = conn
        try:
            if not conn.check_enable_mode():
                if not secret:
                    secret = ask_secret(target, "enable secret", ask=self._ask).reveal()
                self._enable(conn, secret)
        except _OPEN_ERRORS as error:
            self.close()
            raise connect_error(target, error) from None
        except AuthFailed:
            self.close()
            raise
        return self

    def _enable(self, conn: BaseConnection, secret: str) -> None:
        """`enable`, answering `Password:` once; a second `Password:` means a wrong secret.

        (Netmiko's own `enable()` waits out its read timeout on a wrong secret.)
        """
        asks = r"[Pp]assword:\s*$"
        expect = f"(?:{asks})|(?:{self.prompt_pattern})"
        timeout = self.connect_timeout
        out = conn.send_command("enable", expect_string=expect, read_timeout=timeout)
        if re.search(asks, str(out)):
            out = conn.send_command(
                secret, expect_string=expect, read_timeout=timeout, cmd_verify=False
            )
        for _ in range(3):
            if not re.search(asks, str(out)):
                break
            out = conn.send_command(
                "", expect_string=expect, read_timeout=timeout, cmd_verify=False
            )
        if not conn.check_enable_mode():
            raise AuthFailed(
                f"cannot enter enable mode on {self.target.name} at {self.target.address}: "
                "enable secret refused"
            )

    def reconnect(self) -> RouterSession:
        """Drop whatever is left of the session and open a new one."""
        self.close()
        return self.open()

    def close(self) -> None:
        """End the session; never raises."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        # A broken session may fail to say goodbye; it is closed either way.
        with contextlib.suppress(Exception):
            conn.disconnect()

    def __enter__(self) -> RouterSession:
        return self.open() if self._conn is None else self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # commands ----------------------------------------------------------------------------

    @property
    def prompt_pattern(self) -> str:
        """Any prompt of this router: exec (`mag1#`) or a config mode (`mag1(config-…)#`)."""
        base = self._connection().base_prompt
        return rf"{re.escape(base)}(?:\([^)\n]*\))?[>#]"

    def send(self, line: str, *, read_timeout: float | None = None, doing: str = "") -> str:
        """Type one line and return the router's answer up to the next prompt (no echo).

        Read with the same chunked reader as `show`, so a closed channel is noticed within
        one poll interval instead of after Netmiko's whole read timeout.
        """
        return self.show(line, read_timeout=read_timeout, doing=doing or "running a command")

    def show(self, command: str, *, read_timeout: float | None = None, doing: str = "") -> str:
        """Run a show command and return its output, however large, without echo or prompt.

        Netmiko's `send_command` cleans its output with regex passes and a split/join over
        the whole text. On a 70 MB `binding` output each pass holds the GIL for hundreds of
        milliseconds, and the console cannot draw meanwhile. Here the output is read with
        Netmiko's channel primitives and only ever handled a chunk at a time, until one
        final join.
        """
        conn = self._connection()
        timeout = read_timeout or self.read_timeout
        prompt_at_end = re.compile(rf"(?:^|\n){self.prompt_pattern}[ \t]*$")
        with self._mapped(doing or f"running `{command}`"):
            conn.write_channel(conn.normalize_cmd(command))
            chunks = self._read_until(conn, prompt_at_end, timeout, command)
        return _without_echo_and_prompt(chunks, command, self.prompt_pattern)

    def _read_until(
        self, conn: BaseConnection, end: re.Pattern[str], timeout: float, command: str
    ) -> list[str]:
        """Chunks read until the text's tail matches `end`; ReadTimeout after `timeout` s.

        Reads at most _CHUNK_BYTES at a time: Netmiko's `read_channel` drains everything
        buffered into one string and runs its line-ending regexes over it, which at full
        speed is megabytes, and the GIL is held for as long. Between reads the channel is
        checked, so a router that hung up is noticed at once.
        """
        read = _chunk_reader(conn)
        chunks: list[str] = []
        tail = ""
        deadline = time.monotonic() + timeout
        while True:
            data = read()
            if data:
                chunks.append(data)
                tail = (tail + data)[-_TAIL_CHARS:]
                if end.search(tail):
                    return chunks
                continue
            self._connection()  # ConnectionLost at once if the router hung up
            if time.monotonic() > deadline:
                raise ReadTimeout(f"no prompt {timeout:.0f} s after `{command}`")
            time.sleep(_POLL_SEC)

    def dialog(
        self,
        line: str,
        answers: list[tuple[str, str]],
        *,
        read_timeout: float | None = None,
        doing: str = "",
    ) -> str:
        """Type a command that may ask questions; answer each `(question regex, reply)` in turn.

        Stops at the router's prompt; at most ten questions are answered.
        """
        conn = self._connection()
        questions = "|".join(f"(?:{pattern})" for pattern, _ in answers)
        prompt = self.prompt_pattern
        end = re.compile(rf"(?:{questions})[ \t]*$|(?:^|\n){prompt}[ \t]*$")
        timeout = read_timeout or self.read_timeout
        transcript = []
        with self._mapped(doing or line):
            conn.write_channel(conn.normalize_cmd(line))
            text = "".join(self._read_until(conn, end, timeout, line))
            for _ in range(10):
                transcript.append(text)
                reply = _latest_answer(text, answers)
                if reply is None or re.search(rf"{prompt}\s*$", text):
                    break
                conn.write_channel(conn.normalize_cmd(reply))
                text = "".join(self._read_until(conn, end, timeout, line))
        return "\n".join(transcript)

    def _connection(self) -> BaseConnection:
        """The live Netmiko connection; ConnectionLost at once if the SSH channel is gone.

        Netmiko itself only notices a closed channel when a read times out.
        """
        conn = self._conn
        if conn is None:
            raise ConnectionLost(f"no open session with {self.target.name}")
        channel = conn.remote_conn
        if isinstance(channel, paramiko.Channel) and (
            channel.closed
            or channel.eof_received
            or channel.transport is None
            or not channel.transport.is_active()
        ):
            raise ConnectionLost(f"connection to {self.target.name} lost")
        return conn

    @contextmanager
    def _mapped(self, doing: str) -> Iterator[None]:
        try:
            yield
        except SESSION_ERRORS as error:
            raise session_error(self.target, error, doing) from None


def _chunk_reader(conn: BaseConnection) -> Callable[[], str]:
    """A function returning the next chunk of text read (or ""), line ends made `\\n`."""
    channel = conn.remote_conn
    if not isinstance(channel, paramiko.Channel):
        return conn.read_channel  # not SSH: Netmiko's own reader
    decode = codecs.getincrementaldecoder("utf-8")("replace").decode
    carry = ""

    def read() -> str:
        nonlocal carry
        if not channel.recv_ready():
            return ""
        text = carry + decode(channel.recv(_CHUNK_BYTES))
        stripped = text.rstrip("\r")
        text, carry = stripped, text[len(stripped) :]  # a CR whose LF is still to come
        if "\r" in text:
            text = _LINE_END.sub("\n", text)
        return text

    return read


def _without_echo_and_prompt(chunks: list[str], command: str, prompt: str) -> str:
    """Join the chunks, dropping the echoed command line and the final prompt line.

    Only the first and last chunks are edited, so no step works on the whole text but
    the join.
    """
    start, head = "", 0
    while "\n" not in start.lstrip("\n"):
        if head == len(chunks):
            return ""  # nothing but the echo and the prompt
        start += chunks[head]
        head += 1
    blank = len(start) - len(start.lstrip("\n"))  # a slow router may end the line first
    first, _newline, rest = start[blank:].partition("\n")
    if first.rstrip().endswith(command.strip()):
        chunks = [rest, *chunks[head:]]
    last = chunks[-1]
    cut = last.rfind("\n")
    if re.fullmatch(rf"{prompt}[ \t]*", last[cut + 1 :]):
        chunks = [*chunks[:-1], last[: max(cut, 0)]]
        while len(chunks) > 1 and not chunks[-1]:
            chunks.pop()
        if cut < 0 and chunks[-1].endswith("\n"):
            # The prompt came in a chunk of its own: its line break is in the one before.
            chunks[-1] = chunks[-1][:-1]
    return "".join(chunks)


def _latest_answer(text: str, answers: list[tuple[str, str]]) -> str | None:
    """The reply to the question asked last in `text`, if any."""
    best: tuple[int, str] | None = None
    for pattern, reply in answers:
        for found in re.finditer(pattern, text):
            if best is None or found.end() > best[0]:
                best = (found.end(), reply)
    return None if best is None else best[1]

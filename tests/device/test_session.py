"""Opening sessions: typed one-line errors for refused, unauthenticated and silent routers."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest

from pmiptui.device.session import RouterSession
from pmiptui.errors import AuthFailed, ConnectFailed, ConnectionLost, Timeout
from pmiptui.inventory import Inventory, RouterTarget
from pmiptui.lab.runtime import LabThread
from pmiptui.redact import Secret
from tests.lab.conftest import start_lab

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabThread]:
    thread = start_lab(tmp_path_factory.mktemp("faulty"), faults=["mag1:auth-fail", "mag2:hang"])
    yield thread
    thread.stop()


def _target(port: int, name: str = "mag1", password: str = "admin") -> RouterTarget:
    return RouterTarget(
        name=name,
        host="127.0.0.1",
        port=port,
        username="admin",
        password=Secret(password),
        secret=Secret("admin"),
        host_key_policy="accept-new",
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_session_opens_privileged_and_sends(inventory: Inventory) -> None:
    with RouterSession(inventory.router("lma1")) as session:
        assert session.send("show running-config | include ^hostname").strip() == "hostname lma1"


def test_refused_connection_is_connect_failed() -> None:
    port = _free_port()
    with pytest.raises(ConnectFailed) as caught:
        RouterSession(_target(port)).open()
    assert str(caught.value) == f"cannot reach mag1 at 127.0.0.1:{port}: connection refused"
    assert caught.value.exit_code == 6


def test_refused_login_is_auth_failed_without_the_password(faulty: LabThread) -> None:
    target = _target(faulty.lab.port("mag1"), password="hunter2-secret")
    with pytest.raises(AuthFailed) as caught:
        RouterSession(target).open()
    assert "username or password refused" in str(caught.value)
    assert "hunter2" not in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.exit_code == 6


def test_silent_router_is_a_timeout(faulty: LabThread) -> None:
    with pytest.raises(Timeout) as caught:
        RouterSession(_target(faulty.lab.port("mag2"), name="mag2"), connect_timeout=1).open()
    assert "mag2" in str(caught.value)


def test_wrong_enable_secret_is_auth_failed(inventory: Inventory) -> None:
    target = replace(inventory.router("lma1"), secret=Secret("wrong"))
    with pytest.raises(AuthFailed, match="enable secret refused"):
        RouterSession(target).open()


def test_commands_on_a_closed_session_raise_connection_lost(inventory: Inventory) -> None:
    session = RouterSession(inventory.router("lma1")).open()
    session.close()
    with pytest.raises(ConnectionLost):
        session.send("show clock")


# ---- show(): large outputs read chunk by chunk ------------------------------------------


def test_echo_and_prompt_are_cut_from_the_edges_only():
    from pmiptui.device.session import _without_echo_and_prompt

    prompt = r"lma1(?:\([^)\n]*\))?[>#]"
    chunks = ["show ipv6 mob", "ile pmipv6 lma binding\nline 1\n", "line 2\n", "lma1#"]
    assert (
        _without_echo_and_prompt(chunks, "show ipv6 mobile pmipv6 lma binding", prompt)
        == "line 1\nline 2"  # as when the prompt shares a chunk (below)
    )
    assert _without_echo_and_prompt(["x\nonly\nlma1# "], "y", prompt) == "x\nonly"
    assert _without_echo_and_prompt(["show x", "lma1#"], "show x", prompt) == ""


def test_chunk_reader_makes_line_ends_newlines_across_chunk_edges(monkeypatch):
    import paramiko

    from pmiptui.device import session as session_module

    pieces = [b"a\r", b"\nb\r\r\n\xc3", b"\xa9\r\n", b"lma1#"]

    class FakeChannel:
        def recv_ready(self):
            return bool(pieces)

        def recv(self, _size):
            return pieces.pop(0)

    class FakeConn:
        remote_conn = FakeChannel()

    monkeypatch.setattr(paramiko, "Channel", FakeChannel)
    read = session_module._chunk_reader(FakeConn())  # type: ignore[arg-type]
    text = "".join(iter(read, ""))
    assert text == "a\nb\né\nlma1#"


@pytest.mark.parametrize(
    "chunks",
    [
        ["show x\nline1\nline2\nmag1#"],
        ["show x\nline1\nline2\n", "mag1#"],
        ["show x\nline1\n", "line2\n", "mag1#"],
        ["show x\n", "line1\nline2", "\nmag1#"],
    ],
)
def test_output_is_the_same_wherever_the_chunks_break(chunks: list[str]) -> None:
    """The prompt's line break is cut whether or not the prompt came in a chunk of its own."""
    from pmiptui.device.session import _without_echo_and_prompt

    assert _without_echo_and_prompt(chunks, "show x", r"mag1#") == "line1\nline2"

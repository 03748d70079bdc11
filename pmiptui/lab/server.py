"""Serve lab routers over real SSH (asyncssh) on loopback, with per-router fault injection."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from pmiptui.lab.faults import Faults
from pmiptui.lab.shell import Console, run_session


@dataclass(slots=True, kw_only=True)
class Login:
    """The lab's one set of credentials (lab only: never use these on a real router)."""

    username: str = "admin"
    password: str = "admin"
    enable_secret: str = "admin"


@dataclass(slots=True, kw_only=True)
class Listener:
    """One router listening on one loopback port."""

    name: str
    port: int
    faults: Faults = field(default_factory=Faults)
    server: asyncssh.SSHAcceptor | None = None
    connections: set[asyncssh.SSHServerConnection] = field(default_factory=set)


class _Auth(asyncssh.SSHServer):
    """Password authentication against the lab login, failing on purpose for `auth-fail`."""

    def __init__(self, login: Login, listener: Listener) -> None:
        self._login = login
        self._listener = listener
        self._conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        self._listener.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None:
            self._listener.connections.discard(self._conn)

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def kbdint_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return False

    def validate_password(self, username: str, password: str) -> bool:
        if self._listener.faults.auth_fail:
            return False
        return username == self._login.username and password == self._login.password


def host_key(state_dir: Path | None) -> asyncssh.SSHKey:
    """The lab's SSH host key, kept in the state folder so known_hosts stays valid on restart."""
    if state_dir is None:
        return asyncssh.generate_private_key("ssh-ed25519")
    path = state_dir / "ssh_host_ed25519_key"
    if path.exists():
        return asyncssh.read_private_key(str(path))
    key = asyncssh.generate_private_key("ssh-ed25519")
    state_dir.mkdir(parents=True, exist_ok=True)
    key.write_private_key(str(path))
    path.chmod(0o600)
    return key


ConsoleFactory = Callable[[str, str], Console]
"""Makes the CLI of a new session from its login name and remote address."""


async def serve(
    listener: Listener,
    console_factory: ConsoleFactory,
    *,
    login: Login,
    key: asyncssh.SSHKey,
    host: str = "127.0.0.1",
) -> Listener:
    """Start one router's SSH server; port 0 picks a free port, written back to the listener.

    Sessions read `listener.faults` as they go, so replacing it changes a running router.
    """

    async def on_process(process: asyncssh.SSHServerProcess[str]) -> None:
        user = process.get_extra_info("username") or login.username
        peer = process.get_extra_info("peername")
        console = console_factory(str(user), str(peer[0]) if peer else "unknown")
        await run_session(
            process,
            console,
            lambda: listener.faults,
            login.enable_secret,
            lambda: go_down(listener),
        )

    listener.server = await asyncssh.create_server(
        lambda: _Auth(login, listener),
        host,
        listener.port,
        server_host_keys=[key],
        process_factory=on_process,
        encoding="utf-8",
        line_editor=True,
        line_history=50,
        reuse_address=True,
        login_timeout=30,
        keepalive_interval=0,
    )
    sockets = listener.server.sockets
    listener.port = sockets[0].getsockname()[1] if sockets else listener.port
    return listener


def go_down(listener: Listener) -> None:
    """Take a router off the network: stop listening and cut every open connection."""
    if listener.server is not None:
        listener.server.close()
    for conn in list(listener.connections):
        conn.abort()


async def stop(listeners: list[Listener]) -> None:
    """Close every server and wait until they are down."""
    for listener in listeners:
        go_down(listener)
    for listener in listeners:
        if listener.server is not None:
            await listener.server.wait_closed()
    await asyncio.sleep(0.05)

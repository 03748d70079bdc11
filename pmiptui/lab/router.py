"""One simulated router: its running and startup configs, flash files, revert timer and log."""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pmiptui.ios.config_tree import ConfigNode, parse_running_config, render_running_config, walk
from pmiptui.lab.configs import startup_config
from pmiptui.lab.faults import Faults
from pmiptui.lab.sessions import SessionTable, VtySession
from pmiptui.lab.topology import LabRouter, Topology
from pmiptui.redact import mask_secrets


class Network(Protocol):
    """What a router needs from the lab network it belongs to (the runtime joins them)."""

    def config_changed(self, router_name: str) -> None: ...

    def clear(self, router_name: str) -> None: ...

    def show(self, router_name: str, role: str, what: str, ident: str | None) -> Iterable[str]: ...


class Session(Protocol):
    """What a router knows of one open CLI session: who it is and whether it configures."""

    @property
    def user(self) -> str: ...

    @property
    def line(self) -> str: ...

    @property
    def peer(self) -> str: ...

    @property
    def in_config(self) -> bool: ...


def split_url(url: str) -> tuple[str, str]:
    """`bootflash:/x.cfg` -> (`bootflash`, `x.cfg`): file system and file name."""
    system, _, name = url.partition(":")
    return system.lower(), name.lstrip("/")


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line a client sent, as the router's command log keeps it (secrets masked)."""

    time: float
    session: int
    mode: str
    line: str
    result: str


@dataclass(slots=True)
class PendingRevert:
    """A `configure terminal revert timer` in force: the config to go back to, and when."""

    snapshot: ConfigNode
    deadline: float
    handle: asyncio.TimerHandle | None = None
    armed: float = 0.0
    """When the timer was configured (or last reset)."""
    minutes: int = 0
    """The timer value the session asked for."""
    user: str = "admin"
    """Login name of the session that armed it."""
    session: int = 0
    """Number of the session that armed it (0: armed by the lab itself)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfigLock:
    """The exclusive configuration lock (`configuration mode exclusive`) and its owner."""

    session: int
    """Number of the owning SSH session."""
    user: str
    """Login name of the owning session."""
    pid: int
    """Made-up process number of the owning session, as IOS shows it."""
    tty: int
    """Terminal line number of the owning session."""
    peer: str
    """Remote address of the owning session."""
    command: str
    """The command that took the lock (IOS's `User debug info`)."""
    since: float
    """When the lock was taken."""


@dataclass(slots=True)
class SimRouter:
    """A lab router. All methods run on the lab's event loop thread."""

    topology: Topology
    spec: LabRouter
    state_dir: Path | None = None
    faults: Faults = field(default_factory=Faults)
    started: float = field(default_factory=time.time)
    running: ConfigNode = field(init=False)
    files: dict[str, str] = field(default_factory=dict)
    """Flash and NVRAM files by URL (`bootflash:x.cfg`), as text."""
    file_times: dict[str, float] = field(default_factory=dict)
    """When each file was written; files without an entry date from the router's start."""
    log: list[LogEntry] = field(default_factory=list)
    revert: PendingRevert | None = None
    lock: ConfigLock | None = None
    """The exclusive configuration lock, while a session holds it."""
    network: Network | None = None
    """The lab network, once the runtime has joined the router to it (:meth:`join`)."""
    sessions: SessionTable = field(init=False)
    """The SSH sessions open on the router, as `show users` lists them."""
    _open: dict[int, Session] = field(default_factory=dict)

    def __post_init__(self) -> None:
        saved = self._startup_path()
        text = saved.read_text() if saved and saved.exists() else None
        self.running = parse_running_config(text or startup_config(self.topology, self.spec))
        self.files["nvram:startup-config"] = render_running_config(self.running)
        self.sessions = SessionTable(self.spec.name)

    @property
    def hostname(self) -> str:
        """The router's hostname from its running config (the prompt follows it)."""
        for _depth, node in walk(self.running):
            if node.line.startswith("hostname "):
                return node.line.split(" ", 1)[1]
        return "Router"

    @property
    def serial(self) -> str:
        """A stable, made-up serial number."""
        return f"FXS{zlib.crc32(self.spec.name.encode()) % 10**7:07d}"

    def join(self, network: Network) -> None:
        """Belong to the lab network (mobility state and `show` output live there)."""
        self.network = network

    def session_opened(self, session: Session) -> VtySession:
        """A CLI session started: remember it; returns its record (number 1, 2, …; VTY line)."""
        record = self.sessions.open(user=session.user, peer=session.peer, now=time.time())
        self._open[record.number] = session
        return record

    def session_input(self, session: int) -> None:
        """A session sent a line: its idle time restarts."""
        self.sessions.touch(session, time.time())

    def session_closed(self, session: int) -> None:
        """A session ended: forget it, free its VTY line and the configuration lock it held."""
        self._open.pop(session, None)
        self.sessions.close(session)
        self.release_lock(session)

    def configuring(self, besides: int) -> list[Session]:
        """The live sessions other than `besides` that are in a configuration mode."""
        return [c for n, c in self._open.items() if n != besides and c.in_config]

    def exclusive_mode(self) -> str | None:
        """`auto` or `manual` from `configuration mode exclusive`, or None when not set."""
        for node in self.running.children:
            if node.line.startswith("configuration mode exclusive "):
                return node.line.rsplit(" ", 1)[1]
        return None

    def take_lock(self, lock: ConfigLock) -> None:
        """Give the exclusive configuration lock to the session `lock` names."""
        self.lock = lock

    def release_lock(self, session: int) -> None:
        """Free the exclusive lock if `session` holds it."""
        if self.lock is not None and self.lock.session == session:
            self.lock = None

    def write_file(self, url: str, text: str) -> None:
        """Write a file, stamping its time."""
        url = self._file_key(url) or url
        self.files[url] = text
        self.file_times[url] = time.time()

    def read_file(self, url: str) -> str | None:
        """A file's text (`bootflash:x` and `bootflash:/x` are the same file), or None."""
        key = self._file_key(url)
        return None if key is None else self.files[key]

    def delete_file(self, url: str) -> bool:
        """Remove a file; False when there was none."""
        key = self._file_key(url)
        if key is None:
            return False
        self.file_times.pop(key, None)
        del self.files[key]
        return True

    def _file_key(self, url: str) -> str | None:
        if url in self.files:
            return url
        wanted = split_url(url)
        return next((key for key in self.files if split_url(key) == wanted), None)

    def record(self, session: int, mode: str, line: str, result: str) -> None:
        """Keep a line in the command log, with key material masked."""
        self.log.append(LogEntry(time.time(), session, mode, mask_secrets(line), result))
        del self.log[:-5000]

    def config_changed(self) -> None:
        """Tell the network the configuration changed so state follows it."""
        if self.network is not None:
            self.network.config_changed(self.spec.name)

    def running_text(self) -> str:
        """`show running-config` body."""
        return render_running_config(self.running)

    def archive_path(self) -> str | None:
        """The `archive` / `path` URL, when configured."""
        for _depth, node in walk(self.running):
            if node.line == "archive":
                for kid in node.children:
                    if kid.line.startswith("path "):
                        return kid.line.split(" ", 1)[1]
        return None

    def save(self) -> None:
        """`write memory`: the running config becomes startup, on disk when there is a state dir."""
        text = render_running_config(self.running)
        self.write_file("nvram:startup-config", text)
        path = self._startup_path()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)

    def set_running(self, running: ConfigNode) -> None:
        """The running config becomes `running` (a session's config line); the network follows."""
        if running is not self.running:
            self.running = running
            self.config_changed()

    def replace_config(self, text: str) -> None:
        """`configure replace`: the running config becomes exactly `text`."""
        self.running = parse_running_config(text)
        self.config_changed()

    def start_revert(self, minutes: int, *, user: str = "admin", session: int = 0) -> None:
        """Arm the rollback timer with a snapshot of the current config."""
        self.cancel_revert()
        loop = asyncio.get_running_loop()
        now = time.time()
        self.revert = PendingRevert(
            self.running, now + minutes * 60, armed=now, minutes=minutes, user=user, session=session
        )
        self.revert.handle = loop.call_later(minutes * 60, self.revert_now)

    def cancel_revert(self) -> None:
        """`configure confirm`: keep the changes."""
        if self.revert is not None and self.revert.handle is not None:
            self.revert.handle.cancel()
        self.revert = None

    def revert_now(self) -> bool:
        """Go back to the snapshot taken when the timer was armed; False when none is pending."""
        if self.revert is None:
            return False
        snapshot = self.revert.snapshot
        self.cancel_revert()
        self.running = snapshot
        self.config_changed()
        return True

    def show_pmipv6(self, role: str, what: str, ident: str | None) -> Iterable[str]:
        """Output of `show ipv6 mobile pmipv6 ROLE [ID] WHAT`, produced lazily."""
        if self.network is None:
            return ()
        return self.network.show(self.spec.name, role, what, ident)

    def clear_pmipv6(self) -> None:
        """`clear ipv6 mobile pmipv6 …`: restart this router's counters."""
        if self.network is not None:
            self.network.clear(self.spec.name)

    def _startup_path(self) -> Path | None:
        if self.state_dir is None:
            return None
        return self.state_dir / self.spec.name / "startup-config"

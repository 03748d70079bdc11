"""One change at a time per router between pmiptui processes on this host.

A change holds an exclusive `flock` on a file named after the router's address for as long
as it runs, from reading the running-config to the end of the read-back. The kernel drops
the lock when the process ends in any way (`kill -9` included), so a dead holder never
blocks the next change; what a dead holder may have left on the router is caught by the
router-side checks (`router_guard`). The file holds who took the lock, to name them.

The folder is shared by every operator of the host: `$PMIPTUI_LOCK_DIR`, else
`/tmp/pmiptui-locks` (created sticky and world-writable, like /tmp, so operators cannot
remove each other's files; a lock file holds no secret).
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import hashlib
import json
import os
import re
import socket
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from pmiptui.errors import ChangeRefused, InputError
from pmiptui.inventory import RouterTarget

ENV_VAR = "PMIPTUI_LOCK_DIR"
DEFAULT_DIR = Path("/tmp/pmiptui-locks")


@dataclass(frozen=True, slots=True, kw_only=True)
class Holder:
    """Who is changing a router, written into its lock file."""

    router: str
    address: str
    user: str
    host: str
    pid: int
    procedure: str
    since: str
    """ISO 8601, UTC, seconds."""

    def describe(self) -> str:
        """`alice@jump1 (pid 4242, lma-detailed) since 21:40:02 UTC`."""
        try:
            when = datetime.fromisoformat(self.since).strftime("%H:%M:%S UTC")
        except ValueError:
            when = self.since
        return f"{self.user}@{self.host} (pid {self.pid}, {self.procedure}) since {when}"


def lock_dir() -> Path:
    """Where the lock files live."""
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else DEFAULT_DIR


def lock_path(target: RouterTarget) -> Path:
    """The lock file of one router, named after its address (two names, one router)."""
    address = f"{target.host}:{target.port}"
    readable = re.sub(r"[^A-Za-z0-9._-]", "_", address)[:60]
    digest = hashlib.sha256(address.encode()).hexdigest()[:12]
    return lock_dir() / f"{readable}-{digest}.lock"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _open_shared_dir(folder: Path) -> None:
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o1777)
    except OSError as error:
        raise InputError(
            f"cannot create the change lock folder {folder}: {error.strerror or error} "
            f"(set {ENV_VAR} to a writable folder)"
        ) from None


def _read_holder(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8", "replace") or "null")
        return Holder(**data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None


@contextlib.contextmanager
def change_lock(target: RouterTarget, procedure: str) -> Iterator[Holder]:
    """Hold the router's change lock; ChangeRefused at once, naming the holder, if taken."""
    path = lock_path(target)
    _open_shared_dir(path.parent)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        raise InputError(f"cannot open the change lock {path}: {error.strerror or error}") from None
    try:
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o666)  # other operators of the host must be able to lock it too
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            who = holder.describe() if holder else "another pmiptui process"
            raise ChangeRefused(
                f"{target.name} is being changed by {who}; nothing was sent. "
                "Try again when that change has ended."
            ) from None
        me = Holder(
            router=target.name,
            address=f"{target.host}:{target.port}",
            user=_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            procedure=procedure,
            since=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(asdict(me)).encode(), 0)
        try:
            yield me
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing drops the flock

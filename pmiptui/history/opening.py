"""Open the history for a console: a file that is not a usable database is set aside.

A garbage, truncated or foreign file (or a directory in its place) is renamed to
`<name>.corrupt-<UTC time>`, its -wal/-shm/-journal with it (so SQLite never replays them
into the fresh file), and a fresh history is started. When even that is impossible the
console runs without history. Either way the caller gets a one-line notice to show; a
file that is only busy or unreadable for now (locked, permissions) is never moved.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from pmiptui.errors import PmipError
from pmiptui.history.database_file import SIDE_FILES, UnusableHistory
from pmiptui.history.engine import database_reason, shown, store_url
from pmiptui.history.store import History

_DAMAGED = {
    sqlite3.SQLITE_ERROR,  # our tables cannot be made over what is there (an index, a view)
    sqlite3.SQLITE_CORRUPT,
    sqlite3.SQLITE_FORMAT,
    sqlite3.SQLITE_NOTADB,
}
"""Primary SQLite result codes that mean the file's content is unusable, not its access."""


class HistoryNotice(PmipError):
    """The history could not be used as it was; said once when the console starts."""

    title = "History"


class StoreError(PmipError):
    """A store given with `--store` cannot be opened: unreachable, refused, not ours."""

    title = "Store"
    exit_code = 6


_FAILURES = (OSError, sqlite3.Error, SQLAlchemyError, UnusableHistory)
"""What opening a store raises when the store, not pmiptui, is at fault."""


def open_store(location: str | Path, **options: Any) -> History:
    """The store at `location` (a path or URL); StoreError, one line and no password,
    when it cannot be had. Unlike the console's own history file, a shared store is
    never set aside or replaced: it belongs to the NOC, not to this process."""
    url = store_url(location)
    try:
        return History(url.render_as_string(hide_password=False), **options)
    except _FAILURES as error:
        raise StoreError(f"cannot open store {shown(url)}: {_why(error)}") from None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenedHistory:
    """The history to record into (None: run without), and what to tell the operator."""

    history: History | None
    notice: HistoryNotice | None = None


def open_history(
    path: Path, *, clock: Callable[[], float] = time.time, **options: Any
) -> OpenedHistory:
    """Open the history at `path` (`options` go to `History`); never raises for a bad file."""
    existed = path.exists() or path.is_symlink()
    try:
        return OpenedHistory(history=History(path, **options))
    except _FAILURES as error:
        reason = _damage(error)
        if reason is None:
            verb = "open" if existed else "create"
            return _without(f"cannot {verb} history {path} ({_why(error)})")
    try:
        aside = set_aside(path, clock())
    except OSError as error:
        return _without(
            f"history {path} could not be used ({reason}) and cannot be moved aside ({_why(error)})"
        )
    said = f"history {path} could not be used ({reason}); it was moved to {aside}"
    try:
        history = History(path, **options)
    except _FAILURES as error:
        return _without(f"{said}, but a fresh history cannot be created ({_why(error)})")
    return OpenedHistory(
        history=history, notice=HistoryNotice(f"{said} and a fresh history was started")
    )


def set_aside(path: Path, now: float) -> Path:
    """Rename `path` and its side files to `<name>.corrupt-<UTC time>[-N]`; the new path.

    An earlier set-aside file of the same second is never overwritten."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    count = 1
    while any(_taken(Path(f"{aside}{suffix}")) for suffix in ("", *SIDE_FILES)):
        count += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{count}")
    os.rename(path, aside)
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if _taken(side):
            os.rename(side, f"{aside}{suffix}")
    return aside


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _damage(error: BaseException) -> str | None:
    """Why the file itself is unusable, or None when the failure is about access or space."""
    if isinstance(error, UnusableHistory):
        return error.reason
    error = getattr(error, "orig", None) or error
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _DAMAGED:
            return str(error)
    return None


def _why(error: BaseException) -> str:
    """The reason alone: a driver's first line, without SQLAlchemy's statement and link."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return database_reason(error)


def _without(message: str) -> OpenedHistory:
    return OpenedHistory(history=None, notice=HistoryNotice(f"{message}: running without history"))

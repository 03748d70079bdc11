"""The history's file on disk: private modes, a read-only probe, the columns it must have."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pmiptui.private_files import make_private, private_dir

REQUIRED_COLUMNS = {
    "polls": ("router", "at", "ok", "error", "latency_ms", "summary"),
    "snapshots": ("router", "at", "data"),
    "changes": ("router", "at", "nai", "data"),
}
"""What an existing table must have (`polls.tunnels` is added when missing)."""
SIDE_FILES = ("-wal", "-shm", "-journal")
"""SQLite's companions of a database file, named `<file><suffix>`."""


class UnusableHistory(Exception):
    """The history file is there but is no history database this version can use."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) SQLite will open; SQLite gives the
    -wal and -shm it creates the file's mode. An existing file, and side files left by
    an earlier run, are made 0600. UnusableHistory for something that is not a file."""
    private_dir(path.parent)
    if path.is_dir():
        raise UnusableHistory("it is a directory")
    if path.exists() and not path.is_file():
        raise UnusableHistory("it is not a regular file")
    make_private(path)
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.is_file():
            make_private(side)


def probe(path: Path) -> None:
    """Read the file's header and schema over a read-only connection, which (unlike a
    writer's) leaves -wal and -shm in place when it closes: a damaged file raises here
    with its side files intact, to be set aside with it."""
    db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        db.execute("PRAGMA schema_version").fetchone()
        check_schema(db)
    finally:
        db.close()


def check_schema(db: sqlite3.Connection) -> None:
    """UnusableHistory when a table of ours exists without the columns it needs."""
    for table, required in REQUIRED_COLUMNS.items():
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        missing = [name for name in required if name not in columns]
        if columns and missing:
            raise UnusableHistory(f"table {table} lacks columns {', '.join(missing)}")

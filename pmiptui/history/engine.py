"""Where the store lives: a file path or URL becomes an engine on an up-to-date schema.

`sqlite:///path` (or a plain path) is one file in WAL mode: readers never wait for the
writer, and one writer per file is the rule. `postgresql://...` takes psycopg 3, for many
pollers and consoles on several machines. Either way Alembic brings the schema to the
newest revision when the store is opened, so every version reads what an older one wrote.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from pmiptui.errors import InputError

MIGRATIONS = Path(__file__).parent / "migrations"
SCHEMES = ("sqlite", "postgresql")
BUSY_TIMEOUT_SEC = 10.0
"""How long a SQLite connection waits for another's write lock before it gives up."""


def store_url(location: Path | str) -> URL:
    """The URL of a store given as a path or a URL; InputError for another scheme.

    A bare `postgresql://` gets the psycopg 3 driver; the password is never printed
    (`URL.render_as_string` hides it).
    """
    text = str(location)
    if "://" not in text:
        return URL.create("sqlite", database=text)
    try:
        url = make_url(text)
    except ArgumentError:
        raise InputError(f"--store: not a store URL: {_shown(text)}") from None
    if url.get_backend_name() not in SCHEMES:
        raise InputError(
            f"--store: {url.get_backend_name()!r} is no store; use sqlite:///PATH or "
            "postgresql://USER@HOST/DB"
        )
    if url.get_backend_name() == "postgresql" and url.get_driver_name() != "psycopg":
        url = url.set(drivername="postgresql+psycopg")
    return url


def shown(url: URL) -> str:
    """The URL as it may be printed and logged: its password masked."""
    return url.render_as_string(hide_password=True)


def _shown(text: str) -> str:
    """A text that failed to parse as a URL, cut short and without what may be a password."""
    head, _, tail = text.rpartition("@")
    return (f"***@{tail}" if head else tail)[:80]


def database_reason(error: BaseException) -> str:
    """A database error's reason alone: the driver's first line, without the statement and
    link SQLAlchemy wraps it in (they would fill a banner or a log line)."""
    reason = getattr(error, "orig", None) or error
    return (str(reason).strip().splitlines() or [type(reason).__name__])[0]


def open_engine(url: URL) -> Engine:
    """An engine on `url`; SQLite connections use WAL and real transactions."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=8)
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if url.database in (None, "", ":memory:"):
        options["poolclass"] = StaticPool
    else:
        options["connect_args"]["timeout"] = BUSY_TIMEOUT_SEC
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _sqlite_connected)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connected(connection: Any, _record: Any) -> None:
    """pysqlite's own transaction handling is off (SQLAlchemy's SQLite recipe), so DDL is
    transactional and `_sqlite_begin` decides when a transaction starts."""
    connection.isolation_level = None
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: Any) -> None:
    """BEGIN, or BEGIN IMMEDIATE where asked: a transaction that will write takes the
    write lock first, so two that start together queue (busy timeout) rather than fail."""
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


_MIGRATING = threading.Lock()
"""Alembic keeps its migration context in module globals: one migration per process."""


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (creating it in an empty database).

    Processes that open one store at once migrate one after another: the SQLite write
    lock, or PostgreSQL's advisory lock (see `migrations/env.py`), orders them.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _MIGRATING, engine.connect() as connection:
        connection = connection.execution_options(sqlite_begin="IMMEDIATE")
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


def head_revision() -> str:
    """The newest schema revision this version knows."""
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return str(ScriptDirectory.from_config(config).get_current_head())

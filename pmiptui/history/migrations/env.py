"""Alembic's environment: migrate over the connection the store hands in (no alembic.ini).

On PostgreSQL a transaction-scoped advisory lock serialises pollers and consoles that
start at the same moment against one database; on SQLite the write lock does.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from pmiptui.history.schema import metadata

MIGRATION_LOCK = 0x706D6970
"""The advisory lock id ("pmip") held while migrating a PostgreSQL store."""

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK})
    context.run_migrations()

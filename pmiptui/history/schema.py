"""The store's tables, declared once for SQLite and PostgreSQL (SQLAlchemy Core).

`polls` has a row per poll of a router: its summary figures (fleet row, map), its
tunnels, and, since revision 0002, the whole parsed result but the binding table
(`result`, JSON) and the poller that made it. Binding tables are stored as `snapshots`
plus changes: since revision 0004 one compressed `change_sets` row per poll (the
`changes` rows, one per binding, of older files are still read). `pollers` has a
heartbeat row per headless poller; `audit`
a row per configuration apply attempt made from a console (secrets masked, as in the
audit log).
The migrations under `migrations/versions` build exactly these tables; a test checks
that the two agree.
"""

from __future__ import annotations

from sqlalchemy import Column, Double, Index, Integer, LargeBinary, MetaData, Table, Text

metadata = MetaData()

polls = Table(
    "polls",
    metadata,
    Column("router", Text, nullable=False),
    Column("at", Double, nullable=False),
    Column("ok", Integer, nullable=False),
    Column("error", Text),
    Column("latency_ms", Integer),
    Column("summary", Text, nullable=False),
    Column("tunnels", Text),
    Column("result", Text),
    Column("poller", Text),
)
Index("polls_at", polls.c.router, polls.c.at)

snapshots = Table(
    "snapshots",
    metadata,
    Column("router", Text, nullable=False),
    Column("at", Double, nullable=False),
    Column("data", LargeBinary, nullable=False),
)
Index("snapshots_at", snapshots.c.router, snapshots.c.at)

change_sets = Table(
    "change_sets",
    metadata,
    Column("router", Text, nullable=False),
    Column("at", Double, nullable=False),
    Column("data", LargeBinary, nullable=False),  # zlib: `binding_rows.encode_change_set`
)
Index("change_sets_at", change_sets.c.router, change_sets.c.at)

changes = Table(
    "changes",
    metadata,
    Column("router", Text, nullable=False),
    Column("at", Double, nullable=False),
    Column("nai", Text, nullable=False),
    Column("data", Text),
)
Index("changes_at", changes.c.router, changes.c.at)

pollers = Table(
    "pollers",
    metadata,
    Column("id", Text, primary_key=True),
    Column("host", Text, nullable=False),
    Column("pid", Integer, nullable=False),
    Column("shard", Text, nullable=False),
    Column("routers", Text, nullable=False),
    Column("interval_sec", Double, nullable=False),
    Column("started", Double, nullable=False),
    Column("beat_at", Double, nullable=False),
    Column("stopped", Double),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Double, nullable=False),
    Column("router", Text, nullable=False),
    Column("operator", Text, nullable=False),
    Column("result", Text, nullable=False),
    Column("record", Text, nullable=False),  # the whole record, masked (`audit.audit_data`)
)
Index("audit_at", audit.c.router, audit.c.at)

"""The history as the console kept it before the shared store: polls, snapshots, changes.

A history file written before migrations existed already has these tables (perhaps
without `polls.tunnels`): they are kept, and the column is added.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "polls",
        sa.Column("router", sa.Text, nullable=False),
        sa.Column("at", sa.Double, nullable=False),
        sa.Column("ok", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("latency_ms", sa.Integer),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("tunnels", sa.Text),
        if_not_exists=True,
    )
    if "tunnels" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("polls")}:
        op.add_column("polls", sa.Column("tunnels", sa.Text))
    op.create_index("polls_at", "polls", ["router", "at"], if_not_exists=True)
    op.create_table(
        "snapshots",
        sa.Column("router", sa.Text, nullable=False),
        sa.Column("at", sa.Double, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        if_not_exists=True,
    )
    op.create_index("snapshots_at", "snapshots", ["router", "at"], if_not_exists=True)
    op.create_table(
        "changes",
        sa.Column("router", sa.Text, nullable=False),
        sa.Column("at", sa.Double, nullable=False),
        sa.Column("nai", sa.Text, nullable=False),
        sa.Column("data", sa.Text),
        if_not_exists=True,
    )
    op.create_index("changes_at", "changes", ["router", "at"], if_not_exists=True)


def downgrade() -> None:
    for table in ("changes", "snapshots", "polls"):
        op.drop_table(table)

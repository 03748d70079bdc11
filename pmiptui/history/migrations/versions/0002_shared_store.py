"""The shared store: each poll's whole result and its poller; a heartbeat row per poller.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("polls") as batch:
        batch.add_column(sa.Column("result", sa.Text))
        batch.add_column(sa.Column("poller", sa.Text))
    op.create_table(
        "pollers",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("host", sa.Text, nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("shard", sa.Text, nullable=False),
        sa.Column("routers", sa.Text, nullable=False),
        sa.Column("interval_sec", sa.Double, nullable=False),
        sa.Column("started", sa.Double, nullable=False),
        sa.Column("beat_at", sa.Double, nullable=False),
        sa.Column("stopped", sa.Double),
    )


def downgrade() -> None:
    op.drop_table("pollers")
    with op.batch_alter_table("polls") as batch:
        batch.drop_column("poller")
        batch.drop_column("result")

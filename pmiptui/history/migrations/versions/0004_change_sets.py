"""A poll's binding changes in one compressed row (`change_sets`), not a row per binding.

Under an LMA's churn the per-binding `changes` rows were nearly all of the store's growth
(36-42 MB per router-hour in bench_store); compressed together they take a fraction.
Older `changes` rows stay and are still read.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_sets",
        sa.Column("router", sa.Text, nullable=False),
        sa.Column("at", sa.Double, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("change_sets_at", "change_sets", ["router", "at"])


def downgrade() -> None:
    op.drop_table("change_sets")

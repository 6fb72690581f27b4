"""A covering index for the ledger's per-person counts (the agenda's reciprocity check).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_exchanges_owner_person_direction",
        "exchanges",
        ["owner_id", "person_id", "direction"],
    )
    op.drop_index("ix_exchanges_owner_person", table_name="exchanges")


def downgrade() -> None:
    op.create_index("ix_exchanges_owner_person", "exchanges", ["owner_id", "person_id"])
    op.drop_index("ix_exchanges_owner_person_direction", table_name="exchanges")

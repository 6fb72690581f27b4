"""An index for the agenda's check-in scan: per owner and circle, by last contact.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_people_owner_circle_seen",
        "people",
        ["owner_id", "circle", sa.text("coalesce(last_interaction_at, created_at)")],
    )


def downgrade() -> None:
    op.drop_index("ix_people_owner_circle_seen", table_name="people")

"""Purpose intelligence: the user's purpose corrections (training data) and each owner's
refitted model.

Only additions: no existing row is changed or dropped.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "purpose_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("model_purpose", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_purpose_corrections_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_purpose_corrections_interaction_id_interactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purpose_corrections")),
    )
    op.create_index(op.f("ix_purpose_corrections_owner_id"), "purpose_corrections", ["owner_id"])
    op.create_index(
        op.f("ix_purpose_corrections_interaction_id"), "purpose_corrections", ["interaction_id"]
    )
    op.create_table(
        "purpose_models",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("backend", sa.String(length=20), nullable=False),
        sa.Column("model", sa.LargeBinary(), nullable=False),
        sa.Column("last_correction_id", sa.Integer(), nullable=False),
        sa.Column("corrections", sa.Integer(), nullable=False),
        sa.Column("trained_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["accounts.id"],
            name=op.f("fk_purpose_models_owner_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("owner_id", "backend", name=op.f("pk_purpose_models")),
    )


def downgrade() -> None:
    op.drop_table("purpose_models")
    op.drop_index(op.f("ix_purpose_corrections_interaction_id"), "purpose_corrections")
    op.drop_index(op.f("ix_purpose_corrections_owner_id"), "purpose_corrections")
    op.drop_table("purpose_corrections")

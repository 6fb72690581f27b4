"""What imports need: identities' dates and digests, departments, related names, photos,
the vCard properties Kithkin does not model, and imported interactions' keys.

Only additions: no existing row is changed or dropped.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _person_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
    ]


def _person_keys(table: str) -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f(f"fk_{table}_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f(f"fk_{table}_source_id_sources"),
            ondelete="SET NULL",
        ),
    ]


def upgrade() -> None:
    op.add_column("person_identities", sa.Column("since", sa.Date(), nullable=True))
    op.add_column("person_identities", sa.Column("fingerprint", sa.String(64), nullable=True))
    op.add_column(
        "employments",
        sa.Column("department", sa.String(300), nullable=False, server_default=sa.text("''")),
    )
    op.add_column("interactions", sa.Column("external_key", sa.String(200), nullable=True))
    op.create_index(
        "ix_interactions_owner_external_key",
        "interactions",
        ["owner_id", "external_key"],
        unique=True,
    )
    op.create_table(
        "person_related_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_person_columns(),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("label", sa.String(50), nullable=False),
        *_person_keys("person_related_names"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_related_names")),
    )
    op.create_index(
        op.f("ix_person_related_names_person_id"), "person_related_names", ["person_id"]
    )
    op.create_table(
        "person_photos",
        *_person_columns(),
        sa.Column("uri", sa.Text(), nullable=False),
        *_person_keys("person_photos"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_photos")),
    )
    op.create_table(
        "person_extra_properties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_person_columns(),
        sa.Column("group_name", sa.String(100), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        *_person_keys("person_extra_properties"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_extra_properties")),
    )
    op.create_index(
        op.f("ix_person_extra_properties_person_id"), "person_extra_properties", ["person_id"]
    )


def downgrade() -> None:
    op.drop_table("person_extra_properties")
    op.drop_table("person_photos")
    op.drop_table("person_related_names")
    op.drop_index("ix_interactions_owner_external_key", table_name="interactions")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("external_key")
    with op.batch_alter_table("employments") as batch:
        batch.drop_column("department")
    with op.batch_alter_table("person_identities") as batch:
        batch.drop_column("fingerprint")
        batch.drop_column("since")

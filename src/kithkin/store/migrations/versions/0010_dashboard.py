"""For the dashboard's first load after a write: ``accounts.interactions_version``, the data
version at which the account's interactions last changed (the balance chart is kept until they
do), and two indexes: the people with a cadence of their own (a partial index: few people have
one) and the people added in a window (the goal "connect"), which both read the whole people
table before.

On SQLite, a database that has planner statistics (``sqlite_stat1``, which ``PRAGMA optimize``
writes as Kithkin closes) gets them for the new indexes too: without, the planner takes an index
with no statistics for a very selective one and, at 100k people, sorted the whole table for
each page of the people list (found by ``bench.web``).

Only additions: no row is changed or dropped.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_OWN_CADENCE = sa.text("cadence_days IS NOT NULL")


def upgrade() -> None:
    op.add_column(
        "accounts",
        sa.Column("interactions_version", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index(
        "ix_people_owner_own_cadence",
        "people",
        ["owner_id"],
        sqlite_where=_OWN_CADENCE,
        postgresql_where=_OWN_CADENCE,
    )
    op.create_index("ix_people_owner_created", "people", ["owner_id", "created_at"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and _has_statistics(bind):
        bind.exec_driver_sql("PRAGMA analysis_limit=1000")  # as Store.close: bounded work
        bind.exec_driver_sql("ANALYZE people")


def _has_statistics(bind: sa.Connection) -> bool:
    found = bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
    ).first()
    return found is not None


def downgrade() -> None:
    op.drop_index("ix_people_owner_created", table_name="people")
    op.drop_index("ix_people_owner_own_cadence", table_name="people")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("interactions_version")

"""Denormalized warmth on people: heat as of an instant, filled from existing interactions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import math
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The warmth model as of this revision (core/warmth.py): heat per channel, halving every 45 d.
WEIGHTS = {
    "in-person": 1.0,
    "video": 0.8,
    "call": 0.6,
    "event": 0.5,
    "other": 0.3,
    "email": 0.25,
    "message": 0.25,
    "linkedin": 0.25,
    "x": 0.25,
    "slack": 0.25,
}
DECAY_PER_SECOND = math.log(2) / (45.0 * 86_400.0)


def upgrade() -> None:
    op.add_column(
        "people", sa.Column("warmth_heat", sa.Float(), server_default=sa.text("0"), nullable=False)
    )
    op.add_column("people", sa.Column("warmth_as_of", sa.DateTime(), nullable=True))
    _backfill()


def _backfill() -> None:
    """Each person's heat as of their last interaction, from every interaction they were in."""
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    rows = bind.execute(
        sa.text(
            "SELECT p.person_id, i.occurred_at, i.channel FROM interaction_participants p "
            "JOIN interactions i ON i.id = p.interaction_id ORDER BY p.person_id"
        )
    )
    touches: dict[int, list[tuple[datetime, str]]] = {}
    for person_id, occurred_at, channel in rows:
        at = (
            occurred_at
            if isinstance(occurred_at, datetime)
            else datetime.fromisoformat(str(occurred_at))
        )
        touches.setdefault(person_id, []).append((at, channel))
    update = sa.text("UPDATE people SET warmth_heat = :heat, warmth_as_of = :as_of WHERE id = :id")
    batch = []
    for person_id, items in touches.items():
        as_of = max(at for at, _ in items)
        heat = sum(
            WEIGHTS.get(channel, 0.3) * math.exp(-DECAY_PER_SECOND * (as_of - at).total_seconds())
            for at, channel in items
        )
        stored = as_of.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else as_of
        batch.append({"heat": heat, "as_of": stored, "id": person_id})
        if len(batch) >= 5000:
            bind.execute(update, batch)
            batch = []
    if batch:
        bind.execute(update, batch)


def downgrade() -> None:
    op.drop_column("people", "warmth_as_of")
    op.drop_column("people", "warmth_heat")

"""Single records by id, for the REST API (the CLI shows them through other commands)."""

from __future__ import annotations

from kithkin.core.records import Interaction
from kithkin.services.context import Context


def get_interaction(ctx: Context, interaction_id: int) -> Interaction:
    """One of the owner's interactions, or NotFound."""
    with ctx.store.transaction() as tx:
        return tx.interactions.get(interaction_id)

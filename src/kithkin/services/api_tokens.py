"""Listing and revoking the signed-in owner's API tokens (`auth.create_api_token` makes them)."""

from __future__ import annotations

from kithkin.errors import NotFound
from kithkin.services.context import Context
from kithkin.store.api_tokens import ApiTokenInfo, ApiTokensRepository


def list_api_tokens(ctx: Context) -> list[ApiTokenInfo]:
    """The owner's tokens, newest first: names and dates only (the secrets are not kept)."""
    with ctx.store.transaction() as tx:
        return ApiTokensRepository(tx.session, tx.owner_id).list()


def revoke_api_token(ctx: Context, token_id: int) -> str:
    """Revoke one of the owner's tokens for good; returns its name."""
    with ctx.store.transaction() as tx:
        name = ApiTokensRepository(tx.session, tx.owner_id).revoke(token_id)
    if name is None:
        raise NotFound(f"there is no API token {token_id}.")
    return name

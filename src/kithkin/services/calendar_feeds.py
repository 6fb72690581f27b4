"""The calendar feed: /calendar/<secret>.ics, for a calendar app to subscribe to.

The secret alone identifies the owner (a calendar app cannot sign in). It is random, shown
once when made, and stored only as a SHA-256 digest; making a new one stops the old one.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from kithkin.services.auth import digest
from kithkin.services.context import Context
from kithkin.store import Store
from kithkin.store.calendar_feeds import CalendarFeedsRepository


def feed_created_at(ctx: Context) -> datetime | None:
    """When the owner's current feed secret was made; None when there is no feed."""
    with ctx.store.accounts() as auth:
        return CalendarFeedsRepository(auth.session).created_at(ctx.store.owner_id)


def new_feed_secret(ctx: Context) -> str:
    """Create the owner's feed secret, or replace it (the old feed URL stops working)."""
    secret = secrets.token_urlsafe(32)
    with ctx.store.accounts() as auth:
        CalendarFeedsRepository(auth.session).replace(
            ctx.store.owner_id, digest(secret), now=ctx.now()
        )
    return secret


def feed_owner(store: Store, secret: str) -> int | None:
    """The account a feed secret belongs to, or None for an unknown (or rotated) secret."""
    with store.accounts() as auth:
        return CalendarFeedsRepository(auth.session).owner_of(digest(secret))

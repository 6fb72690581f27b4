"""Calendar feeds: which owner a feed secret's SHA-256 belongs to. Not scoped to one owner:
a calendar app cannot sign in, so the secret is how a feed request finds its owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kithkin.store.tables import CalendarFeedRow


class CalendarFeedsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def created_at(self, owner_id: int) -> datetime | None:
        """When the owner's current feed secret was made (None: no feed yet)."""
        row = self.session.get(CalendarFeedRow, owner_id)
        return row.created_at if row is not None else None

    def replace(self, owner_id: int, digest: str, *, now: datetime) -> None:
        """Make ``digest`` the owner's only feed secret: the previous one stops working."""
        row = self.session.get(CalendarFeedRow, owner_id, with_for_update=True)
        if row is None:
            self.session.add(CalendarFeedRow(owner_id=owner_id, secret_hash=digest, created_at=now))
        else:
            row.secret_hash = digest
            row.created_at = now
        self.session.flush()

    def owner_of(self, digest: str) -> int | None:
        return self.session.scalars(
            select(CalendarFeedRow.owner_id).where(CalendarFeedRow.secret_hash == digest)
        ).first()

"""An owner's API tokens: list them (names and dates, never secrets) and revoke them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kithkin.store.tables import ApiTokenRow


@dataclass(frozen=True, slots=True)
class ApiTokenInfo:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


class ApiTokensRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def list(self) -> list[ApiTokenInfo]:
        rows = self.session.scalars(
            select(ApiTokenRow)
            .where(ApiTokenRow.owner_id == self.owner_id)
            .order_by(ApiTokenRow.created_at.desc(), ApiTokenRow.id.desc())
        )
        return [ApiTokenInfo(row.id, row.name, row.created_at, row.last_used_at) for row in rows]

    def revoke(self, token_id: int) -> str | None:
        """Delete the owner's token ``token_id``; its name, or None when the owner has none."""
        name = self.session.scalars(
            select(ApiTokenRow.name).where(
                ApiTokenRow.owner_id == self.owner_id, ApiTokenRow.id == token_id
            )
        ).first()
        if name is not None:
            self.session.execute(
                delete(ApiTokenRow).where(
                    ApiTokenRow.owner_id == self.owner_id, ApiTokenRow.id == token_id
                )
            )
        return name

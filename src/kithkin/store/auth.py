"""Accounts, browser sessions, one-time sign-in links and API tokens. Only hashes are stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from kithkin.store import direct
from kithkin.store.tables import AccountRow, ApiTokenRow, LoginTokenRow, WebSessionRow

LAST_USED_EVERY = timedelta(minutes=1)

# What every request runs to find its owner: plain columns, statements built once.
_WEB_SESSION = select(
    WebSessionRow.owner_id, WebSessionRow.csrf_token, WebSessionRow.expires_at
).where(WebSessionRow.id == bindparam("digest"))
_API_TOKEN = select(ApiTokenRow.id, ApiTokenRow.owner_id, ApiTokenRow.last_used_at).where(
    ApiTokenRow.token_hash == bindparam("digest")
)


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    username: str
    password_hash: str | None


@dataclass(frozen=True, slots=True)
class WebSession:
    owner_id: int
    csrf_token: str
    expires_at: datetime


class AuthRepository:
    """Not scoped to one owner: this is where a request finds out who its owner is."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def account(self, username: str) -> Account | None:
        row = self.session.scalars(
            select(AccountRow).where(AccountRow.username == username)
        ).first()
        return Account(row.id, row.username, row.password_hash) if row else None

    def accounts_with_passwords(self) -> int:
        return len(
            self.session.scalars(
                select(AccountRow.id).where(AccountRow.password_hash.is_not(None))
            ).all()
        )

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        self.session.execute(
            update(AccountRow)
            .where(AccountRow.id == account_id)
            .values(password_hash=password_hash)
        )

    def add_session(
        self, digest: str, owner_id: int, csrf_token: str, *, now: datetime, expires_at: datetime
    ) -> None:
        self.session.add(
            WebSessionRow(
                id=digest,
                owner_id=owner_id,
                csrf_token=csrf_token,
                created_at=now,
                expires_at=expires_at,
            )
        )
        self.session.flush()

    def web_session(self, digest: str, *, now: datetime) -> WebSession | None:
        row = direct.connection(self.session).execute(_WEB_SESSION, {"digest": digest}).first()
        if row is None or row.expires_at <= now:
            return None
        return WebSession(row.owner_id, row.csrf_token, row.expires_at)

    def end_session(self, digest: str) -> None:
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.id == digest))

    def add_login_token(self, digest: str, owner_id: int, *, expires_at: datetime) -> None:
        self.session.add(LoginTokenRow(id=digest, owner_id=owner_id, expires_at=expires_at))
        self.session.flush()

    def use_login_token(self, digest: str, *, now: datetime) -> int | None:
        """The owner the link signs in, once: a used or expired link signs in nobody."""
        row = self.session.get(LoginTokenRow, digest, with_for_update=True)
        if row is None or row.used_at is not None or row.expires_at <= now:
            return None
        row.used_at = now
        self.session.flush()
        return row.owner_id

    def add_api_token(self, owner_id: int, name: str, digest: str, *, now: datetime) -> int:
        row = ApiTokenRow(owner_id=owner_id, name=name, token_hash=digest, created_at=now)
        self.session.add(row)
        self.session.flush()
        return row.id

    def api_token_owner(self, digest: str, *, now: datetime) -> int | None:
        row = direct.connection(self.session).execute(_API_TOKEN, {"digest": digest}).first()
        if row is None:
            return None
        # At most one write a minute per token: a write on every API call serialises them.
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
            self.session.execute(
                update(ApiTokenRow).where(ApiTokenRow.id == row.id).values(last_used_at=now)
            )
        return int(row.owner_id)

"""Who is signed in: one-time links, passwords (argon2), browser sessions, API tokens.

Secrets are random (`secrets.token_urlsafe`), shown once and stored only as SHA-256 digests.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from kithkin.errors import Conflict, InvalidInput, NotFound
from kithkin.store import Store
from kithkin.store.auth import AuthRepository, WebSession

SESSION_DAYS = 30
LOGIN_LINK_HOURS = 24
MIN_PASSWORD = 10


@dataclass(frozen=True, slots=True)
class SignedIn:
    cookie: str  # the session cookie's value; only its digest is stored
    owner_id: int
    csrf_token: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_login_link(store: Store, *, now: datetime, owner_id: int | None = None) -> str:
    """A one-time sign-in token for the account (the local account by default)."""
    token = secrets.token_urlsafe(32)
    with store.accounts() as auth:
        auth.add_login_token(
            digest(token),
            owner_id if owner_id is not None else store.owner_id,
            expires_at=now + timedelta(hours=LOGIN_LINK_HOURS),
        )
    return token


def sign_in_with_link(store: Store, token: str, *, now: datetime) -> SignedIn | None:
    with store.accounts() as auth:
        owner_id = auth.use_login_token(digest(token), now=now)
        return None if owner_id is None else _start_session(auth, owner_id, now=now)


def sign_in_with_password(
    store: Store, username: str, password: str, *, now: datetime
) -> SignedIn | None:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = PasswordHasher()
    with store.accounts() as auth:
        account = auth.account(username.strip())
        if account is None or account.password_hash is None:
            hasher.hash(password)  # the same work whether or not the name exists
            return None
        try:
            hasher.verify(account.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if hasher.check_needs_rehash(account.password_hash):
            auth.set_password_hash(account.id, hasher.hash(password))
        return _start_session(auth, account.id, now=now)


def session_for(store: Store, cookie: str, *, now: datetime) -> WebSession | None:
    with store.accounts() as auth:
        return auth.web_session(digest(cookie), now=now)


def sign_out(store: Store, cookie: str) -> None:
    with store.accounts() as auth:
        auth.end_session(digest(cookie))


def set_password(store: Store, username: str, password: str, *, now: datetime) -> None:
    """Give an account a password (creating the account): `kithkin user add`."""
    from argon2 import PasswordHasher

    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"a password needs at least {MIN_PASSWORD} characters.", field="password"
        )
    name = username.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise InvalidInput(f"{username!r} is not a user name (no spaces).", field="USERNAME")
    store.ensure_account(name, now=now)
    with store.accounts() as auth:
        account = auth.account(name)
        if account is None:
            raise NotFound(f"there is no account {name!r}.")
        if account.password_hash is not None:
            raise Conflict(f"{name!r} already has a password.")
        auth.set_password_hash(account.id, PasswordHasher().hash(password))


def create_api_token(store: Store, name: str, *, now: datetime, owner_id: int | None = None) -> str:
    """A new API token for scripts (shown once; only its digest is kept)."""
    label = " ".join(name.split())
    if not label or len(label) > 100:
        raise InvalidInput(
            "name the token (1 to 100 characters), e.g. 'backup script'.", field="name"
        )
    token = "kk_" + secrets.token_urlsafe(32)
    with store.accounts() as auth:
        auth.add_api_token(
            owner_id if owner_id is not None else store.owner_id, label, digest(token), now=now
        )
    return token


def api_token_owner(store: Store, token: str, *, now: datetime) -> int | None:
    """The account an API token belongs to, or None for an unknown token."""
    with store.accounts() as auth:
        return auth.api_token_owner(digest(token), now=now)


def has_password_accounts(store: Store) -> bool:
    with store.accounts() as auth:
        return auth.accounts_with_passwords() > 0


def _start_session(auth: AuthRepository, owner_id: int, *, now: datetime) -> SignedIn:
    cookie = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    auth.add_session(
        digest(cookie), owner_id, csrf, now=now, expires_at=now + timedelta(days=SESSION_DAYS)
    )
    return SignedIn(cookie, owner_id, csrf)

"""The signed-in owner of a request, and the CSRF check on everything that changes data."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import BackgroundTasks, Request

from kithkin.services import auth
from kithkin.services import dashboard as dashboards
from kithkin.services.context import Context
from kithkin.web.security import same_token

SESSION_COOKIE = "kithkin_session"


class NotSignedInError(Exception):
    """Raised by `signed_in`; the app answers with a redirect to /login."""


@dataclass(frozen=True)
class Signed:
    ctx: Context
    csrf_token: str


def web_state(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.web


def signed_in(request: Request) -> Signed:
    """FastAPI dependency: the request's owner, or `NotSignedInError` (a redirect to /login)."""
    state = web_state(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    found = auth.session_for(state.store, cookie, now=state.now()) if cookie else None
    if found is None:
        raise NotSignedInError()
    return Signed(state.context(found.owner_id), found.csrf_token)


async def checked(request: Request, after: BackgroundTasks) -> Signed:
    """FastAPI dependency for POSTs that change data: `csrf_checked`, and once the answer is
    sent the dashboard is brought up to date (`dashboards.refresh`)."""
    signed = await csrf_checked(request)
    after.add_task(dashboards.refresh, signed.ctx)
    return signed


async def csrf_checked(request: Request) -> Signed:
    """Signed in, and the CSRF token (form field `csrf_token` or header `X-CSRF-Token`)
    matches the session's."""
    from fastapi import HTTPException

    signed = signed_in(request)
    given = request.headers.get("X-CSRF-Token")
    if given is None:
        form = await request.form()
        value = form.get("csrf_token")
        given = value if isinstance(value, str) else None
    if not same_token(signed.csrf_token, given):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong")
    return signed

"""Who is calling the API: a script with `Authorization: Bearer <token>`, or the signed-in
browser (its session cookie), which must then send `X-CSRF-Token` on every non-GET request."""

from __future__ import annotations

from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kithkin.services import auth
from kithkin.services import dashboard as dashboards
from kithkin.services.context import Context
from kithkin.web.api.errors import ApiError
from kithkin.web.security import same_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
bearer = HTTPBearer(
    auto_error=False,
    description="An API token, made on the Settings page (shown once).",
)
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, message, headers={"WWW-Authenticate": "Bearer"})


def api_context(request: Request, credentials: Bearer, after: BackgroundTasks) -> Context:
    """FastAPI dependency: a `Context` scoped to the caller's account, or a 401/403. After a
    change is answered, the caller's dashboard is brought up to date (`dashboards.refresh`)."""
    ctx = _caller(request, credentials)
    if request.method not in SAFE_METHODS:
        after.add_task(dashboards.refresh, ctx)
    return ctx


def _caller(request: Request, credentials: Bearer) -> Context:
    from kithkin.web.session import SESSION_COOKIE

    state = request.app.state.web
    if request.headers.get("Authorization") is not None:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise _unauthorized("use the header 'Authorization: Bearer <token>'.")
        owner = auth.api_token_owner(state.store, credentials.credentials, now=state.now())
        if owner is None:
            raise _unauthorized("that API token is not known (or was revoked).")
        return state.context(owner)  # type: ignore[no-any-return]
    cookie = request.cookies.get(SESSION_COOKIE)
    session = auth.session_for(state.store, cookie, now=state.now()) if cookie else None
    if session is None:
        raise _unauthorized("sign in: send 'Authorization: Bearer <token>'.")
    if request.method not in SAFE_METHODS and not same_token(
        session.csrf_token, request.headers.get("X-CSRF-Token")
    ):
        raise ApiError(403, "CSRF token missing or wrong: send the X-CSRF-Token header.")
    return state.context(session.owner_id)  # type: ignore[no-any-return]


Ctx = Annotated[Context, Depends(api_context)]

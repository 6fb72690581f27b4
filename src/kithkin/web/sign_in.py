"""Signing in (a one-time link, or a user name and password) and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.services import auth
from kithkin.web.session import csrf_checked, web_state

router = APIRouter()


def _signed_in_response(request: Request, signed: auth.SignedIn) -> Response:
    from kithkin.web.session import SESSION_COOKIE

    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        signed.cookie,
        max_age=auth.SESSION_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=web_state(request).secure_cookies,
        path="/",
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, token: str | None = None) -> Response:
    from kithkin.web.templating import templates

    state = web_state(request)
    if token is not None:
        signed = auth.sign_in_with_link(state.store, token, now=state.now())
        if signed is not None:
            return _signed_in_response(request, signed)
        message = "This sign-in link was used already or has expired."
        return HTMLResponse(
            templates().get_template("login.html").render(message=message), status_code=401
        )
    return HTMLResponse(templates().get_template("login.html").render(message=None))


@router.post("/login")
def login(
    request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()]
) -> Response:
    from kithkin.web.templating import templates

    state = web_state(request)
    client = request.client.host if request.client else "?"
    key = f"{client}:{username.strip().casefold()}"
    if state.limiter.blocked(key):
        message = "Too many attempts: wait a few minutes and try again."
        page = templates().get_template("login.html").render(message=message)
        return HTMLResponse(page, status_code=429)
    signed = auth.sign_in_with_password(state.store, username, password, now=state.now())
    if signed is None:
        state.limiter.failed(key)
        page = templates().get_template("login.html").render(message="Wrong name or password.")
        return HTMLResponse(page, status_code=401)
    state.limiter.succeeded(key)
    return _signed_in_response(request, signed)


@router.post("/logout")
async def logout(request: Request) -> Response:
    from kithkin.web.session import SESSION_COOKIE

    await csrf_checked(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        auth.sign_out(web_state(request).store, cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response

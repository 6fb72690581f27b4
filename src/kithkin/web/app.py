"""The web app: server-rendered pages (Jinja2 + htmx) over the same services as the CLI.

`create_app` builds it for one database; `kithkin serve` runs it with uvicorn. Every page and
action works on the signed-in owner's data only: a request gets a `Context` whose store is
scoped to the owner its session belongs to.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kithkin.config import Settings
from kithkin.errors import KithkinError
from kithkin.services.context import Context
from kithkin.store import Store
from kithkin.web.security import SECURITY_HEADERS, LoginLimiter
from kithkin.web.session import SESSION_COOKIE, NotSignedInError
from kithkin.web.templating import templates

PACKAGE = resources.files("kithkin.web")
WORKER_THREADS = 4  # requests whose (synchronous) code runs at once; see _limit_threads


@dataclass
class WebState:
    store: Store  # the process's database; each request scopes it to its owner
    settings: Settings
    clock: Callable[[], datetime]
    secure_cookies: bool
    limiter: LoginLimiter
    cache: dict[str, Any] = field(default_factory=dict)  # shared by the worker's requests

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    def context(self, owner_id: int) -> Context:
        return Context(
            store=self.store.for_owner(owner_id),
            settings=self.settings,
            clock=self.clock,
            source_kind="web",
            cache=self.cache,
        )


_SECURITY_HEADERS = [
    (name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
]


class SecurityHeaders:
    """Adds the security headers a response does not set itself. Plain ASGI: Starlette's
    BaseHTTPMiddleware costs a task group and a stream per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in _SECURITY_HEADERS if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


@asynccontextmanager
async def _limit_threads(app: FastAPI) -> AsyncIterator[None]:
    """Run at most WORKER_THREADS requests' code at once (anyio's default is 40): under load,
    dozens of threads only take turns at the GIL, and every request waits longer."""
    from anyio.to_thread import current_default_thread_limiter

    current_default_thread_limiter().total_tokens = WORKER_THREADS
    yield


def create_app(
    settings: Settings,
    *,
    store: Store | None = None,
    clock: Callable[[], datetime] | None = None,
    secure_cookies: bool = False,
) -> FastAPI:
    from kithkin.web import (
        api,
        calendar,
        duplicates_pages,
        events_pages,
        export_pages,
        follow_up_pages,
        ledger_pages,
        log_pages,
        network_pages,
        pages,
        people_pages,
        person_actions,
        review_pages,
        search_pages,
        settings_pages,
        sign_in,
        transfer_pages,
    )

    fixed = settings.fixed_now
    chosen_clock = clock or ((lambda: fixed) if fixed is not None else (lambda: datetime.now(UTC)))
    opened = store or Store.open(settings.database_url, now=chosen_clock())
    app = FastAPI(
        title="Kithkin",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_limit_threads,
    )
    app.state.web = WebState(opened, settings, chosen_clock, secure_cookies, LoginLimiter())
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(Path(str(PACKAGE / "static")))), name="static")
    for module in (
        api,  # first: its calls are the most frequent, and routes are tried in order
        sign_in,
        pages,
        log_pages,
        duplicates_pages,
        people_pages,
        person_actions,
        follow_up_pages,
        events_pages,
        ledger_pages,
        search_pages,
        network_pages,
        transfer_pages,
        export_pages,
        review_pages,
        settings_pages,
        calendar,
    ):
        app.include_router(module.router)

    @app.exception_handler(KithkinError)
    async def kithkin_error(request: Request, error: KithkinError) -> Response:
        return HTMLResponse(
            templates().get_template("error.html").render(message=str(error)), status_code=400
        )

    @app.exception_handler(NotSignedInError)
    async def not_signed_in(request: Request, error: NotSignedInError) -> Response:
        if request.headers.get("HX-Request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    return app


__all__ = ["SESSION_COOKIE", "create_app"]

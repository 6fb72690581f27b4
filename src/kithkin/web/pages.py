"""The dashboard, and what every page uses: `page()` and the signed-in dependencies.
Pages are thin: each one calls a service and renders a template."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.core.periods import days_ago, local_day
from kithkin.errors import InvalidInput
from kithkin.services import dashboard as dashboards
from kithkin.services import engine
from kithkin.web.session import Signed, checked, signed_in
from kithkin.web.snooze import DEFAULT_SNOOZE, SNOOZE_CHOICES

router = APIRouter()
SignedIn = Annotated[Signed, Depends(signed_in)]
Checked = Annotated[Signed, Depends(checked)]


def page(name: str, signed: Signed, **values: Any) -> HTMLResponse:
    from kithkin.web.templating import templates

    html = templates().get_template(name).render(csrf_token=signed.csrf_token, **values)
    return HTMLResponse(html)


def ago_of(signed: Signed) -> Callable[[datetime | None], str]:
    """ "today", "yesterday", "5 days ago" (or "never") by the calendar in the user's zone."""
    today = engine.local_today(signed.ctx)
    tz = signed.ctx.settings.timezone

    def ago(at: datetime | None) -> str:
        return days_ago((today - local_day(at, tz)).days) if at else "never"

    return ago


@router.get("/", response_class=HTMLResponse)
def dashboard(signed: SignedIn) -> Response:
    board = dashboards.dashboard(signed.ctx)
    return page(
        "dashboard.html",
        signed,
        agenda=board.agenda,
        goals=board.goals,
        weeks=board.weeks,
        budget=board.budget,
    )


@router.post("/agenda/done", response_class=HTMLResponse)
def agenda_done(request: Request, signed: Checked, key: Annotated[str, Form()]) -> Response:
    engine.done(signed.ctx, key)
    return _item_gone(request)


@router.post("/agenda/snooze", response_class=HTMLResponse)
def agenda_snooze(
    request: Request,
    signed: Checked,
    key: Annotated[str, Form()],
    duration: Annotated[str, Form()] = DEFAULT_SNOOZE,
) -> Response:
    """Put an item aside: one of the dashboard's choices (the CLI and the API take any)."""
    if duration not in SNOOZE_CHOICES:
        choices = ", ".join(SNOOZE_CHOICES.values())
        raise InvalidInput(f"snooze {duration!r}: choose one of {choices}.")
    engine.snooze(signed.ctx, key, duration)
    return _item_gone(request)


def _item_gone(request: Request) -> Response:
    """htmx swaps the agenda row for nothing; a plain form goes back to the dashboard."""
    if request.headers.get("HX-Request"):
        return HTMLResponse("")
    return RedirectResponse("/", status_code=303)

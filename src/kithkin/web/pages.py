"""The pages: dashboard and log. Thin: each one calls a service and renders a template."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.errors import KithkinError
from kithkin.services import engine
from kithkin.services.quick_log import save_quick_log, understand_quick_log
from kithkin.web.session import Signed, checked, signed_in

router = APIRouter()
SignedIn = Annotated[Signed, Depends(signed_in)]
Checked = Annotated[Signed, Depends(checked)]


def page(name: str, signed: Signed, **values: Any) -> HTMLResponse:
    from kithkin.web.app import templates

    html = templates().get_template(name).render(csrf_token=signed.csrf_token, **values)
    return HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
def dashboard(signed: SignedIn) -> Response:
    ctx = signed.ctx
    agenda = engine.today(ctx)
    goals, budget = engine.goals(ctx)
    weeks = engine.balance(ctx, weeks=6)
    return page("dashboard.html", signed, agenda=agenda, goals=goals, weeks=weeks, budget=budget)


@router.post("/agenda/done", response_class=HTMLResponse)
def agenda_done(signed: Checked, key: Annotated[str, Form()]) -> Response:
    engine.done(signed.ctx, key)
    return HTMLResponse("")  # htmx removes the row


@router.get("/log", response_class=HTMLResponse)
def log_form(signed: SignedIn) -> Response:
    return page("log.html", signed, preview=None, text="", problem=None)


@router.post("/log/preview", response_class=HTMLResponse)
def log_preview(signed: Checked, text: Annotated[str, Form()] = "") -> Response:
    """The live preview of a quick log, as the user types (the same parser as the CLI)."""
    if not text.strip():
        return HTMLResponse("")
    try:
        preview = understand_quick_log(signed.ctx, text)
    except KithkinError as error:
        return page("log_preview.html", signed, preview=None, problem=str(error))
    return page("log_preview.html", signed, preview=preview, problem=None)


@router.post("/log", response_class=HTMLResponse)
def log_save(signed: Checked, text: Annotated[str, Form()]) -> Response:
    try:
        preview = understand_quick_log(signed.ctx, text)
        interaction = save_quick_log(signed.ctx, preview)
    except KithkinError as error:
        return page("log.html", signed, preview=None, text=text, problem=str(error))
    return RedirectResponse(f"/?logged={interaction.id}", status_code=303)

"""The dashboard, and what every page uses: `page()` and the signed-in dependencies.
Pages are thin: each one calls a service and renders a template."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, Response

from kithkin.services import dashboard as dashboards
from kithkin.services import engine
from kithkin.web.session import Signed, checked, signed_in

router = APIRouter()
SignedIn = Annotated[Signed, Depends(signed_in)]
Checked = Annotated[Signed, Depends(checked)]


def page(name: str, signed: Signed, **values: Any) -> HTMLResponse:
    from kithkin.web.templating import templates

    html = templates().get_template(name).render(csrf_token=signed.csrf_token, **values)
    return HTMLResponse(html)


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
def agenda_done(signed: Checked, key: Annotated[str, Form()]) -> Response:
    engine.done(signed.ctx, key)
    return HTMLResponse("")  # htmx removes the row

"""The people list and the person page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from kithkin.services import search
from kithkin.services.people import list_people
from kithkin.web.pages import SignedIn, page
from kithkin.web.session import Signed

router = APIRouter()


@router.get("/people", response_class=HTMLResponse)
def people(signed: SignedIn, q: str = "") -> Response:
    return page("people.html", signed, rows=_people_rows(signed, q), q=q)


@router.get("/people/rows", response_class=HTMLResponse)
def people_rows(signed: SignedIn, q: str = "") -> Response:
    return page("people_rows.html", signed, rows=_people_rows(signed, q))


def _people_rows(signed: Signed, q: str) -> list[Any]:
    if q.strip():
        return list(search(signed.ctx, q, limit=50).people)
    return list_people(signed.ctx, limit=200)

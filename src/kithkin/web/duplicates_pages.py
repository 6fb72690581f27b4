"""Possible duplicates, side by side, and merging a pair (the CLI's duplicates and merge).

The list is the likeliest pairs first, each record shown with what tells it apart (job,
e-mails, phones, web pages, birthday, when it was added, the last contact) beside the score
and the reasons. Each side has a "Keep this one" form: it posts the pair's ids to
``/duplicates/merge``, which merges the other record into the kept one and goes back to the
list with ``?merged=<kept id>`` (a confirmation with a link to the kept person)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.core.periods import local_day
from kithkin.errors import InvalidInput, NotFound
from kithkin.services.duplicates_pages import duplicates_page, merge_pair, person_ref
from kithkin.web.pages import Checked, SignedIn, ago_of, page
from kithkin.web.session import Signed

router = APIRouter()


@router.get("/duplicates", response_class=HTMLResponse)
def duplicates(signed: SignedIn, merged: str = "") -> Response:
    found = duplicates_page(signed.ctx)
    kept = person_ref(signed.ctx, merged) if merged else None
    return page(
        "duplicates.html",
        signed,
        pairs=found.pairs,
        total=found.total,
        kept=kept,
        ago=ago_of(signed),
        day=_day(signed),
    )


@router.post("/duplicates/merge", response_class=HTMLResponse)
def merge(
    signed: Checked,
    keep: Annotated[str, Form()] = "",
    other: Annotated[str, Form()] = "",
) -> Response:
    """Merge OTHER into KEEP, both exact ids; then back to the list (303)."""
    keep, other = keep.strip(), other.strip()
    try:
        if not keep or not other:
            raise InvalidInput("choose which of the two records to keep.", field="keep")
        if keep == other:
            raise InvalidInput(
                "that is the same record twice; choose one of two different records to keep.",
                field="other",
            )
        result = merge_pair(signed.ctx, keep, other)
    except NotFound as error:
        return _problem(signed, str(error), status=404)
    except InvalidInput as error:
        return _problem(signed, error.message, status=400)
    return RedirectResponse(f"/duplicates?merged={result.kept.id}", status_code=303)


def _problem(signed: Signed, message: str, *, status: int) -> Response:
    response = page("duplicates_problem.html", signed, message=message)
    response.status_code = status
    return response


def _day(signed: Signed) -> Callable[[datetime | None], str]:
    tz = signed.ctx.settings.timezone

    def day(at: datetime | None) -> str:
        return local_day(at, tz).isoformat() if at else ""

    return day

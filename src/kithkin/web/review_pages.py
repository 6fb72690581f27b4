"""The weekly review and the mistakes report: what `kithkin review` prints, as a printable
page, with links to the previous and the next week."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from kithkin.core.review import clip
from kithkin.core.review_text import PURPOSE_ORDER
from kithkin.errors import KithkinError
from kithkin.services import engine
from kithkin.web.pages import SignedIn, page

router = APIRouter()


def _ordered(counts: Mapping[str, int], order: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """``(key, count)`` in ``order`` first, then by name (as the Markdown review lists them)."""
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    return [(key, counts[key]) for key in keys]


def _week_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@router.get("/review", response_class=HTMLResponse)
def review_page(signed: SignedIn, week: str = "") -> Response:
    """The review of the week holding ``week`` (YYYY-MM-DD; default this week)."""
    today = engine.local_today(signed.ctx)
    day = _week_day(week) if week else today
    if day is None:
        return _problem(signed, f"week: {week!r} is not a date; expected YYYY-MM-DD.")
    try:
        result, _names = engine.review(signed.ctx, week=day)
    except KithkinError as error:
        return _problem(signed, str(error))
    first = result.week.first
    following = first + timedelta(days=7)
    return page(
        "review.html",
        signed,
        review=result,
        by_purpose=_ordered(result.happened.by_purpose, PURPOSE_ORDER),
        by_channel=_ordered(result.happened.by_channel),
        activities=_ordered(result.happened.activities),
        previous_week=(first - timedelta(days=7)).isoformat(),
        next_week=following.isoformat() if following <= today else "",
        past=today not in result.week,
        clip=clip,
    )


def _problem(signed: SignedIn, message: str) -> Response:
    response = page("review.html", signed, review=None, problem=message)
    response.status_code = 400
    return response

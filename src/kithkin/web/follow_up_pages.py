"""The follow-ups page: every open follow-up, the most urgent first, done or snoozed in place.

The list is ``kithkin follow-ups`` (``?all=1`` is its ``--all``: done and dropped ones too), a
hundred at a time with the count of the rest. Each open or snoozed row has a Done button and
a Snooze choice: with htmx the row is swapped for its new state; without JavaScript the form
posts and the answer is a 303 back to the same page of the list, which then says what
changed (``?changed=<id>``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.core.records import FollowUp
from kithkin.core.vocabulary import FollowUpStatus
from kithkin.errors import Conflict, InvalidInput, NotFound
from kithkin.services import engine
from kithkin.services.follow_up_pages import MAX_ID, follow_up, follow_ups_page
from kithkin.web.pages import Checked, SignedIn, page
from kithkin.web.session import Signed
from kithkin.web.snooze import DEFAULT_SNOOZE, SNOOZE_CHOICES

router = APIRouter()

_LIST_KEYS = ("all", "after")  # what a return address may carry
_MISSING = "There is no such follow-up."


def due_words(due: date, today: date) -> str:
    """``3 days overdue``, ``1 day overdue``, ``due today``, ``due tomorrow``, ``due in 5 days``."""
    days = (due - today).days
    if days < 0:
        return f"{-days} day{'' if days == -1 else 's'} overdue"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    return f"due in {days} days"


def is_open(follow_up: FollowUp) -> bool:
    return follow_up.status in (FollowUpStatus.OPEN, FollowUpStatus.SNOOZED)


def is_snoozed(follow_up: FollowUp, today: date) -> bool:
    """Put aside until a day still to come (after it, the follow-up is back on the agenda)."""
    until = follow_up.snoozed_until
    return follow_up.status is FollowUpStatus.SNOOZED and until is not None and until > today


def is_overdue(follow_up: FollowUp, today: date) -> bool:
    """Past its day and neither closed nor snoozed to a later day."""
    return is_open(follow_up) and follow_up.due < today and not is_snoozed(follow_up, today)


def _list_link(include_closed: bool, after: str = "") -> str:
    """The list's URL query (empty values left out)."""
    return urlencode(
        {k: v for k, v in (("all", "1" if include_closed else ""), ("after", after)) if v}
    )


def _back(text: str) -> str:
    """A return address's query, keeping only what the list reads (never another site)."""
    values = {k: v for k, v in parse_qsl(text, keep_blank_values=False) if k in _LIST_KEYS}
    return urlencode(values)


def _helpers(signed: Signed) -> dict[str, object]:
    return {
        "tz": signed.ctx.settings.timezone,
        "due_words": due_words,
        "is_open": is_open,
        "is_snoozed": is_snoozed,
        "is_overdue": is_overdue,
    }


def _list_page(
    signed: Signed,
    *,
    include_closed: bool,
    after: str,
    changed: FollowUp | None = None,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    try:
        found = follow_ups_page(signed.ctx, include_closed=include_closed, after=after)
    except InvalidInput as error:
        found = follow_ups_page(signed.ctx, include_closed=include_closed)
        after, problem, status = "", error.message, 400
    response = page(
        "follow_ups.html",
        signed,
        found=found,
        include_closed=include_closed,
        after=after,
        back=_list_link(include_closed, after),
        first_link=_list_link(include_closed),
        next_link=_list_link(include_closed, found.next_after) if found.next_after else "",
        open_link=_list_link(False),
        all_link=_list_link(True),
        changed=changed,
        problem=problem,
        today=found.today,
        **_helpers(signed),
    )
    response.status_code = status
    return response


@router.get("/follow-ups", response_class=HTMLResponse)
def follow_ups(signed: SignedIn, all: str = "", after: str = "", changed: str = "") -> Response:
    """The list; ``changed`` names the follow-up a form without JavaScript just changed."""
    shown = None
    number = _number(changed)
    if number is not None:
        try:
            shown = follow_up(signed.ctx, number)
        except NotFound:
            shown = None
    return _list_page(signed, include_closed=all not in ("", "0"), after=after, changed=shown)


def _missing(signed: Signed) -> Response:
    response = page("error.html", signed, message=_MISSING)
    response.status_code = 404
    return response


def _number(text: str) -> int | None:
    """A follow-up id as typed in a URL, or None for anything that cannot be one."""
    if not (text.isascii() and text.isdigit() and len(text) <= 10):
        return None
    return int(text) if int(text) <= MAX_ID else None


def _follow_up_or_404(signed: Signed, follow_up_id: str) -> FollowUp | Response:
    number = _number(follow_up_id)
    if number is None:
        return _missing(signed)
    try:
        return follow_up(signed.ctx, number)
    except NotFound:
        return _missing(signed)


def _answer(
    request: Request, signed: Signed, follow_up_id: int, back: str, *, note: str = ""
) -> Response:
    """After a change: htmx gets the row in its new state; a plain form goes back to the
    list it came from, which then says what changed."""
    if request.headers.get("HX-Request"):
        today = engine.local_today(signed.ctx)
        return page(
            "follow_ups_row.html",
            signed,
            follow_up=follow_up(signed.ctx, follow_up_id),
            back=back,
            today=today,
            note=note,
            **_helpers(signed),
        )
    query = _back(back)
    query = f"{query}&changed={follow_up_id}" if query else f"changed={follow_up_id}"
    return RedirectResponse(f"/follow-ups?{query}", status_code=303)


def _refused(signed: Signed, back: str, problem: str, status: int) -> Response:
    """Nothing changed: the list comes back saying why (htmx gets the same answer; its row
    stays as it was)."""
    values = dict(parse_qsl(_back(back)))
    return _list_page(
        signed,
        include_closed=values.get("all", "") not in ("", "0"),
        after=values.get("after", ""),
        problem=problem,
        status=status,
    )


@router.post("/follow-ups/{follow_up_id}/done", response_class=HTMLResponse)
def follow_up_done(
    request: Request,
    signed: Checked,
    follow_up_id: str,
    back: Annotated[str, Form()] = "",
) -> Response:
    found = _follow_up_or_404(signed, follow_up_id)
    if not isinstance(found, FollowUp):
        return found
    if found.status is FollowUpStatus.DONE and request.headers.get("HX-Request"):
        # Done already (in another tab): the row shows it, which is what was asked for.
        return _answer(request, signed, found.id, back, note="It was already done.")
    try:
        engine.done(signed.ctx, f"follow-up:{found.id}")
    except NotFound:
        return _missing(signed)
    except Conflict as error:
        return _refused(signed, back, f"Nothing changed: {error}", 409)
    return _answer(request, signed, found.id, back)


@router.post("/follow-ups/{follow_up_id}/snooze", response_class=HTMLResponse)
def follow_up_snooze(
    request: Request,
    signed: Checked,
    follow_up_id: str,
    duration: Annotated[str, Form()] = DEFAULT_SNOOZE,
    back: Annotated[str, Form()] = "",
) -> Response:
    found = _follow_up_or_404(signed, follow_up_id)
    if not isinstance(found, FollowUp):
        return found
    if duration not in SNOOZE_CHOICES:
        choices = ", ".join(SNOOZE_CHOICES.values())
        problem = f"Nothing changed: snooze for one of {choices} (not {duration!r})."
        return _refused(signed, back, problem, 400)
    if not is_open(found):
        problem = (
            f"Nothing changed: follow-up {found.id} is {found.status.value}; "
            "only an open one can be snoozed."
        )
        return _refused(signed, back, problem, 409)
    try:
        engine.snooze(signed.ctx, f"follow-up:{found.id}", duration)
    except NotFound:
        return _missing(signed)
    return _answer(request, signed, found.id, back)

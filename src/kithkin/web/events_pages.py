"""The events page: the events you went to or will go to, whom you met there, and a form to record
one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.errors import InvalidInput, KithkinError
from kithkin.services.events import EventList, EventSummary, add_event, list_events
from kithkin.web.pages import Checked, SignedIn, page
from kithkin.web.session import Signed

router = APIRouter()
ROWS = 4  # attendee rows the form starts with; "Add more people" adds as many again
MAX_ROWS = 60
LABELS = {"name": "Name", "--on": "First day", "--until": "Last day", "--location": "Place"}
INPUTS = {"name": "name", "--on": "on", "--until": "until", "--location": "location"}


@dataclass(frozen=True)
class Entered:
    """What the form holds: empty, or what a rejected POST had (so nothing typed is lost)."""

    name: str = ""
    on: str = ""
    until: str = ""
    location: str = ""
    people: tuple[str, ...] = ()
    met: frozenset[int] = frozenset()
    rows: int = ROWS

    def person(self, row: int) -> str:
        return self.people[row] if row < len(self.people) else ""


@dataclass(frozen=True)
class Problem:
    text: str
    field: str = ""  # the input it is about (marked aria-invalid)
    rows: frozenset[int] = frozenset()  # for "people": the attendee rows it is about


@dataclass(frozen=True)
class Shown:
    entered: Entered = field(default_factory=Entered)
    problem: Problem | None = None
    added: int | None = None


def days(event: EventSummary) -> str:
    """ "Wed 18 Nov 2026", "18–20 Nov 2026", "30 Nov – 2 Dec 2026" or across years."""
    start, end = event.starts_on, event.ends_on
    if end is None or end == start:
        return f"{start:%a} {start.day} {start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def relative(event: EventSummary, today: date) -> str:
    """How far away the event is: "today", "in 3 days", "on now", "yesterday", "5 days ago"
    ("" for events over more than 30 days ago: the date says enough)."""
    if event.starts_on <= today <= event.last_day:
        return "today" if event.starts_on == event.last_day else "on now"
    if event.starts_on > today:
        ahead = (event.starts_on - today).days
        return "tomorrow" if ahead == 1 else f"in {ahead} days"
    ago = (today - event.last_day).days
    if ago > 30:
        return ""
    return "yesterday" if ago == 1 else f"{ago} days ago"


def _events_page(
    signed: Signed, shown: Shown = Shown(), *, older: str = "", status: int = 200
) -> Response:
    problem = shown.problem
    try:
        events = list_events(signed.ctx, older=older)
    except InvalidInput as error:  # a mangled "older" link: show the first page and say so
        events = list_events(signed.ctx)
        problem = problem or Problem(f"That page of past events does not exist: {error.message}")
        older, status = "", 400
    everything = [*events.upcoming, *events.past]
    added = next((event for event in everything if event.id == shown.added), None)
    response = page(
        "events.html",
        signed,
        events=events,
        older=older,
        entered=shown.entered,
        problem=problem,
        added=added,
        added_id=shown.added,
        days=days,
        relative=relative,
        empty=_empty(events),
        max_rows=MAX_ROWS,
    )
    response.status_code = status
    return response


def _small_number(text: str, *, digits: int = 4) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= digits


def _empty(events: EventList) -> bool:
    return not events.upcoming and not events.past


def _problem(error: KithkinError, people: Sequence[str]) -> Problem:
    if isinstance(error, InvalidInput):
        label = LABELS.get(error.field or "", "")
        text = f"{label}: {error.message}" if label else str(error)
        return Problem(text, INPUTS.get(error.field or "", ""))
    message = str(error)  # nobody or several people match a name: it is quoted in the message
    rows = frozenset(
        row for row, name in enumerate(people) if name.strip() and repr(name.strip()) in message
    )
    text = message.split("; see `kithkin", 1)[0].rstrip(".") + "."
    return Problem(f"Who was there: {text}", "people", rows)


@router.get("/events", response_class=HTMLResponse)
def events_page(signed: SignedIn, older: str = "", added: str = "") -> Response:
    shown = Shown(added=int(added) if _small_number(added, digits=18) else None)
    return _events_page(signed, shown, older=older)


@router.get("/events/attendee-rows", response_class=HTMLResponse)
def attendee_rows(signed: SignedIn, start: int = ROWS) -> Response:
    """More attendee rows for the form (htmx swaps them in for the "Add more people" button)."""
    first = max(0, min(start, MAX_ROWS))
    return page(
        "events_attendees.html",
        signed,
        entered=Entered(),
        first=first,
        last=min(first + ROWS, MAX_ROWS),
        max_rows=MAX_ROWS,
        problem=None,
    )


@router.post("/events", response_class=HTMLResponse)
def record_event(
    signed: Checked,
    name: Annotated[str, Form()] = "",
    on: Annotated[str, Form()] = "",
    until: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
    people: Annotated[list[str] | None, Form()] = None,
    met: Annotated[list[str] | None, Form()] = None,
    more: Annotated[str, Form()] = "",
) -> Response:
    given = tuple(people or ())
    met_rows = frozenset(int(row) for row in met or () if _small_number(row))
    rows = max(ROWS, len(given))
    if more:  # "Add more people" without JavaScript: the same form with more rows
        rows = min(rows + ROWS, MAX_ROWS)
    entered = Entered(name, on, until, location, given, met_rows, rows)
    if more:
        return _events_page(signed, Shown(entered))
    if name.strip() and not on.strip():
        problem = Problem("First day: say when the event started (YYYY-MM-DD).", "on")
        return _events_page(signed, Shown(entered, problem), status=400)
    named = [(row, text.strip()) for row, text in enumerate(given) if text.strip()]
    first_met = [text for row, text in named if row in met_rows]
    knew = [text for row, text in named if row not in met_rows]
    try:
        record = add_event(
            signed.ctx,
            name,
            on=on,
            until=until.strip() or None,
            location=location,
            met=first_met,
            saw=knew,
        )
    except KithkinError as error:
        return _events_page(signed, Shown(entered, _problem(error, given)), status=400)
    return RedirectResponse(f"/events?added={record.id}#event-{record.id}", status_code=303)

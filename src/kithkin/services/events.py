"""Events you attended (and whom you met there) and milestones worth remembering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kithkin.core.dates import PartialDate
from kithkin.core.records import PersonRef
from kithkin.core.vocabulary import MilestoneKind, parse_choice
from kithkin.errors import InvalidInput
from kithkin.services.context import Context

NAME_LIMIT = 300  # the events table's name and location columns
LIST_LIMIT = 50  # events per list on the events page


@dataclass(frozen=True)
class EventRecord:
    id: int
    name: str
    starts_on: date
    ends_on: date | None
    location: str
    met: tuple[PersonRef, ...]
    saw: tuple[PersonRef, ...]


@dataclass(frozen=True)
class Attendee:
    id: str
    name: str
    met_there: bool  # first met at this event


@dataclass(frozen=True)
class EventSummary:
    id: int
    name: str
    starts_on: date
    ends_on: date | None
    location: str
    attendees: tuple[Attendee, ...]

    @property
    def last_day(self) -> date:
        return self.ends_on or self.starts_on


@dataclass(frozen=True)
class EventList:
    """The events page's lists: ``upcoming`` (not over yet, soonest first; ``more_upcoming`` if
    there are more than shown) and ``past`` (latest first, a page of them; ``older`` is the
    cursor of the next page, or None at the end)."""

    today: date
    upcoming: tuple[EventSummary, ...]
    more_upcoming: bool
    past: tuple[EventSummary, ...]
    older: str | None


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a date; expected YYYY-MM-DD.", field=field) from None


def add_event(
    ctx: Context,
    name: str,
    *,
    on: str,
    until: str | None = None,
    location: str = "",
    met: Sequence[str] = (),
    saw: Sequence[str] = (),
) -> EventRecord:
    """Record an event: ``met`` are people first met there, ``saw`` people you already knew."""
    title = " ".join(name.split())
    if not title:
        raise InvalidInput("an event needs a name.", field="name")
    if len(title) > NAME_LIMIT:
        raise InvalidInput(f"keep the name under {NAME_LIMIT} characters.", field="name")
    if len(location.strip()) > NAME_LIMIT:
        raise InvalidInput(f"keep the location under {NAME_LIMIT} characters.", field="--location")
    starts = _day(on, "--on")
    ends = _day(until, "--until") if until else None
    if ends is not None and ends < starts:
        raise InvalidInput("the event cannot end before it starts.", field="--until")
    now = ctx.now()
    with ctx.store.transaction() as tx:
        met_ids = [tx.people.resolve(ref) for ref in met]
        saw_ids = [tx.people.resolve(ref) for ref in saw]
        event_id = tx.events.add_event(
            name=title,
            starts_on=starts,
            ends_on=ends,
            location=location.strip(),
            met=met_ids,
            saw=saw_ids,
            now=now,
        )
        names = tx.people.names([*met_ids, *saw_ids])
    return EventRecord(
        event_id,
        title,
        starts,
        ends,
        location.strip(),
        tuple(PersonRef(*names[i]) for i in dict.fromkeys(met_ids)),
        tuple(PersonRef(*names[i]) for i in dict.fromkeys(saw_ids) if i not in met_ids),
    )


def _cursor(text: str) -> tuple[date, int] | None:
    """The keyset ``YYYY-MM-DD.ID`` of the last past event of a page."""
    if not text.strip():
        return None
    day, _, number = text.strip().partition(".")
    try:
        return date.fromisoformat(day), int(number)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a page of past events.", field="older") from None


def list_events(ctx: Context, *, older: str = "", limit: int = LIST_LIMIT) -> EventList:
    """The events still to come or going on (soonest first) and those over (latest first, a
    page of ``limit`` after the cursor ``older``), with who was there."""
    before = _cursor(older)
    today = ctx.now().astimezone(ctx.settings.timezone).date()
    with ctx.store.transaction() as tx:
        upcoming = tx.events.upcoming(today, limit=limit + 1)
        past = tx.events.past(today, limit=limit + 1, before=before)
        shown = [*upcoming[:limit], *past[:limit]]
        people = tx.events.attendees([line[0] for line in shown])

    def summary(line: tuple[int, str, date, date | None, str]) -> EventSummary:
        event_id, name, starts_on, ends_on, location = line
        attendees = tuple(Attendee(*person) for person in people[event_id])
        return EventSummary(event_id, name, starts_on, ends_on, location, attendees)

    last = past[limit - 1] if len(past) > limit else None
    return EventList(
        today=today,
        upcoming=tuple(summary(line) for line in upcoming[:limit]),
        more_upcoming=len(upcoming) > limit,
        past=tuple(summary(line) for line in past[:limit]),
        older=f"{last[2].isoformat()}.{last[0]}" if last else None,
    )


def add_milestone(
    ctx: Context, reference: str, kind: str, when: str, *, once: bool = False, note: str = ""
) -> tuple[PersonRef, MilestoneKind, PartialDate]:
    """Remember a milestone (a work anniversary, a wedding…); yearly unless ``once``."""
    chosen = parse_choice(MilestoneKind, kind, field="kind")
    day = PartialDate.parse(when, field="date")
    if once and day.year is None:
        raise InvalidInput("a one-time milestone needs a year: YYYY-MM-DD.", field="date")
    with ctx.store.transaction() as tx:
        person_id = tx.people.resolve(reference)
        tx.events.add_milestone(
            person_id, chosen, day, recurring=not once, note=note.strip(), now=ctx.now()
        )
        uid, name = tx.people.names([person_id])[person_id]
    return PersonRef(uid, name), chosen, day

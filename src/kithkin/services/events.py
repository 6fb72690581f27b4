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


@dataclass(frozen=True)
class EventRecord:
    id: int
    name: str
    starts_on: date
    ends_on: date | None
    location: str
    met: tuple[PersonRef, ...]
    saw: tuple[PersonRef, ...]


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

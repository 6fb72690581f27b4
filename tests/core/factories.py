"""Small builders of engine facts for the core tests: naive local times unless told."""

from __future__ import annotations

from datetime import date, datetime, time

from kithkin.core.facts import InteractionFacts, PersonFacts
from kithkin.core.vocabulary import Activity, Channel, Circle, Initiator, Mode, Purpose

TODAY = date(2026, 11, 20)  # a Friday


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A naive local time on ``day``."""
    return datetime.combine(day, time(hour, minute))


def person(
    name: str,
    *,
    circle: Circle = Circle.KEY,
    mode: Mode = Mode.BOTH,
    added: date = date(2025, 1, 1),
    last: date | datetime | None = None,
    cadence: int | None = None,
) -> PersonFacts:
    """A person whose id is their first name in lower case."""
    last_at = at(last) if last is not None and not isinstance(last, datetime) else last
    return PersonFacts(
        id=name.split()[0].lower(),
        name=name,
        circle=circle,
        mode=mode,
        created_at=at(added, 9),
        last_interaction_at=last_at,
        cadence_days=cadence,
    )


_ids = iter(range(1, 1_000_000))


def interaction(
    when: date | datetime,
    *people: str,
    channel: Channel = Channel.MESSAGE,
    purpose: Purpose | None = Purpose.NETWORKING,
    minutes: int | None = None,
    note: str = "",
    activity: Activity | None = None,
    event_id: int | None = None,
    initiated_by: Initiator = Initiator.ME,
) -> InteractionFacts:
    return InteractionFacts(
        id=next(_ids),
        at=when if isinstance(when, datetime) else at(when),
        channel=channel,
        purpose=purpose,
        minutes=minutes,
        person_ids=people,
        note=note,
        activity=activity,
        event_id=event_id,
        initiated_by=initiated_by,
    )

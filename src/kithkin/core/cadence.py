"""When a check-in falls due: the circle's cadence (or the person's own) since last contact.

A person's check-in is due on ``last seen + cadence`` (local days), where *last seen* is their
latest interaction of any kind (logging anything resets the clock) or, for someone never
contacted, the moment they were added. A person's ``cadence_days`` overrides their circle's;
a circle without a cadence (``dormant``) is never due.

The store mirrors the test in SQL: with ``cutoffs = check_in_cutoffs(today, cadences, tz)``,
a person without an override is due iff
``coalesce(last_interaction_at, created_at) < cutoffs[circle]``. People with an override are
few: pass them all (the engine re-checks every person, so any superset is correct).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from kithkin.core.facts import PersonFacts
from kithkin.core.periods import DateRange, day_start, local_day
from kithkin.core.vocabulary import DEFAULT_CADENCE_DAYS, Circle

Cadences = Mapping[Circle, int | None]


def cadence_of(person: PersonFacts, cadences: Cadences = DEFAULT_CADENCE_DAYS) -> int | None:
    """Days between check-ins with ``person``: their own cadence, else their circle's."""
    if person.cadence_days is not None:
        return person.cadence_days
    return cadences.get(person.circle)


def last_seen(person: PersonFacts) -> datetime:
    """The latest interaction with ``person``, or when they were added if there was none."""
    return person.last_interaction_at or person.created_at


def check_in_due_on(
    person: PersonFacts, *, cadences: Cadences = DEFAULT_CADENCE_DAYS, tz: tzinfo | None = None
) -> date | None:
    """The local day a check-in with ``person`` falls due; None when they have no cadence."""
    cadence = cadence_of(person, cadences)
    if cadence is None:
        return None
    return local_day(last_seen(person), tz) + timedelta(days=cadence)


def check_in_cutoff(today: date, cadence_days: int, tz: tzinfo | None = None) -> datetime:
    """People with this cadence are due on ``today`` iff last seen before this instant."""
    return day_start(today - timedelta(days=cadence_days - 1), tz)


def check_in_cutoffs(
    today: date, cadences: Cadences = DEFAULT_CADENCE_DAYS, tz: tzinfo | None = None
) -> dict[Circle, datetime]:
    """``check_in_cutoff`` for every circle that has a cadence."""
    return {
        circle: check_in_cutoff(today, days, tz)
        for circle, days in cadences.items()
        if days is not None
    }


@dataclass(frozen=True)
class Slip:
    """A person whose check-in fell due (and still is) on ``due``."""

    person: PersonFacts
    due: date
    cadence_days: int


def slipped_past_cadence(
    people: Iterable[PersonFacts],
    during: DateRange,
    *,
    today: date,
    cadences: Cadences = DEFAULT_CADENCE_DAYS,
    tz: tzinfo | None = None,
) -> tuple[Slip, ...]:
    """People whose check-in fell due within ``during`` (up to ``today``) and is still open.

    Store query, per cadence ``c``: last seen at or after ``check_in_cutoff(first - 1 day, c)``
    and before ``check_in_cutoff(end, c)``, with ``end`` the earlier of ``during.last`` and
    ``today`` (a superset is fine). Oldest slip first, then by name.
    """
    end = min(during.last, today)
    slips: list[Slip] = []
    for person in people:
        cadence = cadence_of(person, cadences)
        if cadence is None:
            continue
        due = local_day(last_seen(person), tz) + timedelta(days=cadence)
        if during.first <= due <= end:
            slips.append(Slip(person, due, cadence))
    slips.sort(key=lambda slip: (slip.due, slip.person.name, slip.person.id))
    return tuple(slips)

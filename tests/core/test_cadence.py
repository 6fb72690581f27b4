from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from kithkin.core.cadence import (
    cadence_of,
    check_in_cutoff,
    check_in_cutoffs,
    check_in_due_on,
    slipped_past_cadence,
)
from kithkin.core.facts import PersonFacts
from kithkin.core.periods import week_of
from kithkin.core.vocabulary import Circle, Mode
from tests.core.factories import TODAY, at, person

BERLIN = ZoneInfo("Europe/Berlin")


def test_the_circle_sets_the_cadence_unless_the_person_has_their_own() -> None:
    assert cadence_of(person("Ana Ruiz", circle=Circle.INNER)) == 14
    assert cadence_of(person("Ana Ruiz", circle=Circle.INNER, cadence=3)) == 3
    assert cadence_of(person("Ana Ruiz", circle=Circle.DORMANT)) is None


def test_a_check_in_falls_due_a_cadence_after_the_last_contact_or_the_adding() -> None:
    seen = person("Ana Ruiz", circle=Circle.KEY, last=date(2026, 10, 1))
    never = person("Ben Ode", circle=Circle.KEY, added=date(2026, 10, 5))
    assert check_in_due_on(seen) == date(2026, 10, 31)
    assert check_in_due_on(never) == date(2026, 11, 4)
    assert check_in_due_on(person("Dee Dormant", circle=Circle.DORMANT)) is None


def test_the_cutoff_agrees_with_the_due_day_at_both_ends_of_a_day() -> None:
    cutoff = check_in_cutoff(TODAY, 30)
    for seen in (at(date(2026, 10, 21), 0, 0), at(date(2026, 10, 21), 23, 59)):
        ana = person("Ana Ruiz", last=seen)
        assert check_in_due_on(ana) == TODAY
        assert seen < cutoff
    next_day = at(date(2026, 10, 22), 0, 0)
    assert not next_day < cutoff
    assert check_in_due_on(person("Ana Ruiz", last=next_day)) == TODAY + timedelta(days=1)


def test_cutoffs_in_a_zone_are_utc_instants_of_local_midnight() -> None:
    cutoffs = check_in_cutoffs(TODAY, tz=BERLIN)
    assert Circle.DORMANT not in cutoffs
    # Local midnight starting 2026-10-22 in Berlin (summer time) is 22:00 UTC the day before.
    assert cutoffs[Circle.KEY] == datetime(2026, 10, 21, 22, 0, tzinfo=UTC)
    assert cutoffs[Circle.INNER] == datetime(2026, 11, 6, 23, 0, tzinfo=UTC)


def test_slips_are_the_check_ins_that_fell_due_this_week_and_are_still_open() -> None:
    week = week_of(TODAY)  # Monday 16 to Sunday 22 November
    people = [
        person("Ana Ruiz", circle=Circle.INNER, last=date(2026, 11, 2)),  # due Mon 16
        person("Ben Ode", circle=Circle.KEY, last=date(2026, 10, 15)),  # due Sat 14: earlier
        person("Cy Young", circle=Circle.KEY, last=date(2026, 10, 21)),  # due today
        person("Dee Doe", circle=Circle.KEY, last=date(2026, 10, 22)),  # due tomorrow
    ]
    slips = slipped_past_cadence(people, week, today=TODAY)
    assert [(s.person.name, s.due, s.cadence_days) for s in slips] == [
        ("Ana Ruiz", date(2026, 11, 16), 14),
        ("Cy Young", date(2026, 11, 20), 30),
    ]


def test_slips_read_aware_times_in_the_users_zone() -> None:
    late_sunday = datetime(2026, 10, 18, 22, 30, tzinfo=UTC)  # Monday 00:30 in Berlin
    ana = PersonFacts("ana", "Ana Ruiz", Circle.KEY, Mode.BOTH, late_sunday, late_sunday)
    assert check_in_due_on(ana, tz=BERLIN) == date(2026, 11, 18)
    assert check_in_due_on(ana) == date(2026, 11, 17)


def test_the_slip_query_bounds_hold_exactly_the_slips() -> None:
    week = week_of(TODAY)
    lower = check_in_cutoff(week.first - timedelta(days=1), 30)
    upper = check_in_cutoff(TODAY, 30)
    for day in (date(2026, 10, 16), date(2026, 10, 17), date(2026, 10, 21), date(2026, 10, 22)):
        for seen in (at(day, 0, 0), at(day, 23, 59)):
            slipped = bool(slipped_past_cadence([person("Ana Ruiz", last=seen)], week, today=TODAY))
            assert slipped == (lower <= seen < upper)

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from kithkin.core.milestones import milestone_days
from kithkin.core.periods import (
    DateRange,
    day_start,
    days_ago,
    days_ahead,
    local_day,
    month_of,
    plural,
    recent_weeks,
    week_of,
)

BERLIN = ZoneInfo("Europe/Berlin")


def test_weeks_run_from_monday_to_sunday() -> None:
    assert week_of(date(2026, 11, 22)) == DateRange(date(2026, 11, 16), date(2026, 11, 22))
    assert week_of(date(2026, 11, 23)).first == date(2026, 11, 23)
    assert week_of(date(2026, 11, 20)).label() == "2026-W47"


def test_months_know_their_length_in_leap_years() -> None:
    assert month_of(date(2028, 2, 10)) == DateRange(date(2028, 2, 1), date(2028, 2, 29))
    assert month_of(date(2027, 2, 10)).days == 28
    assert month_of(date(2026, 11, 5)).label() == "2026-11"


def test_recent_weeks_end_with_the_current_one() -> None:
    weeks = recent_weeks(date(2026, 11, 20), 2)
    assert [w.label() for w in weeks] == ["2026-W46", "2026-W47"]


def test_a_range_holds_days_and_times_but_a_datetime_is_not_a_day() -> None:
    week = week_of(date(2026, 11, 20))
    assert date(2026, 11, 22) in week
    assert datetime(2026, 11, 22, 12) not in week
    assert week.holds(datetime(2026, 11, 22, 23, 59))
    assert len(list(week)) == 7


def test_local_days_follow_the_users_zone() -> None:
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert local_day(late, BERLIN) == date(2026, 11, 23)
    assert local_day(late) == date(2026, 11, 22)
    assert local_day(datetime(2026, 11, 22, 23, 30), BERLIN) == date(2026, 11, 22)


def test_a_day_starts_at_local_midnight() -> None:
    assert day_start(date(2026, 11, 23), BERLIN) == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    assert day_start(date(2026, 11, 23)) == datetime(2026, 11, 23)


def test_days_and_counts_read_as_words() -> None:
    assert [days_ago(n) for n in (0, 1, 5)] == ["today", "yesterday", "5 days ago"]
    assert [days_ahead(n) for n in (0, 1, 5)] == ["today", "tomorrow", "in 5 days"]
    assert [plural(1, "day"), plural(2, "person", "people"), plural(1.5, "hour")] == [
        "1 day",
        "2 people",
        "1.5 hours",
    ]


def test_milestone_days_include_feb_29_when_a_common_years_feb_28_is_near() -> None:
    assert (2, 29) in milestone_days(date(2027, 2, 25), 7)
    assert (2, 29) in milestone_days(date(2028, 2, 25), 7)
    assert (2, 29) not in milestone_days(date(2027, 2, 20), 7)
    assert milestone_days(date(2026, 12, 30), 3) == {(12, 30), (12, 31), (1, 1), (1, 2)}

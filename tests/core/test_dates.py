from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.core.dates import PartialDate, parse_due_date, parse_log_time
from kithkin.errors import InvalidInput

BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY = date(2026, 11, 20)


# -- PartialDate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-03-14", PartialDate(month=3, day=14, year=1990)),
        ("--03-14", PartialDate(month=3, day=14)),
        ("--0314", PartialDate(month=3, day=14)),
        ("  --12-25 ", PartialDate(month=12, day=25)),
        ("2024-02-29", PartialDate(month=2, day=29, year=2024)),
        ("--02-29", PartialDate(month=2, day=29)),
    ],
)
def test_a_birthday_is_read_with_or_without_its_year(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("2023-02-29", "day 29 does not exist in month 2 of 2023"),
        ("--02-30", "day 30 does not exist in month 2"),
        ("--13-01", "month 13"),
        ("1990-04-31", "day 31"),
        ("0000-01-01", "year 0"),
        ("1990-3-14", "expected YYYY-MM-DD"),
        ("14/03/1990", "expected YYYY-MM-DD"),
        ("March 14", "expected YYYY-MM-DD"),
        ("", "expected YYYY-MM-DD"),
    ],
)
def test_an_impossible_or_malformed_birthday_is_refused_with_the_reason(
    text: str, complaint: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        PartialDate.parse(text)
    assert error.value.field == "birthday"
    assert complaint in str(error.value)


def test_the_iso_form_of_a_year_less_date_starts_with_two_dashes() -> None:
    assert PartialDate(month=7, day=4).iso() == "--07-04"
    assert str(PartialDate(month=7, day=4, year=1976)) == "1976-07-04"
    assert PartialDate(month=1, day=2, year=33).iso() == "0033-01-02"


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    year = draw(st.one_of(st.none(), st.just(day.year)))
    return PartialDate(month=day.month, day=day.day, year=year)


@given(partial_dates())
def test_parsing_the_iso_form_of_any_partial_date_gives_it_back(value: PartialDate) -> None:
    assert PartialDate.parse(value.iso()) == value


def test_feb_29_falls_on_feb_28_in_common_years_and_on_feb_29_in_leap_years() -> None:
    leap_day = PartialDate(month=2, day=29)
    assert leap_day.occurrence_in(2027) == date(2027, 2, 28)
    assert leap_day.occurrence_in(2028) == date(2028, 2, 29)
    assert leap_day.occurrence_in(2100) == date(2100, 2, 28)  # not a leap year
    assert leap_day.occurrence_in(2000) == date(2000, 2, 29)


def test_the_next_occurrence_is_today_when_it_is_today_and_next_year_once_past() -> None:
    birthday = PartialDate(month=11, day=20, year=1990)
    assert birthday.next_occurrence(FRIDAY) == FRIDAY
    assert birthday.next_occurrence(FRIDAY + timedelta(days=1)) == date(2027, 11, 20)
    assert PartialDate(month=12, day=31).next_occurrence(FRIDAY) == date(2026, 12, 31)


def test_the_next_feb_29_birthday_after_a_leap_day_is_feb_28() -> None:
    leap_day = PartialDate(month=2, day=29, year=1996)
    assert leap_day.next_occurrence(date(2027, 1, 10)) == date(2027, 2, 28)
    assert leap_day.next_occurrence(date(2027, 3, 1)) == date(2028, 2, 29)


@given(partial_dates(), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)))
def test_the_next_occurrence_is_within_a_year_and_never_before_the_day_asked(
    value: PartialDate, today: date
) -> None:
    upcoming = value.next_occurrence(today)
    assert today <= upcoming < today + timedelta(days=367)
    assert upcoming.month == value.month


# -- log times -----------------------------------------------------------------------------


def test_a_bare_log_date_means_noon_in_the_users_zone() -> None:
    assert parse_log_time("2026-11-20", tz=BERLIN) == datetime(2026, 11, 20, 11, 0, tzinfo=UTC)
    assert parse_log_time("2026-07-01", tz=BERLIN) == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


def test_a_log_time_is_read_in_the_users_zone_unless_it_carries_an_offset() -> None:
    assert parse_log_time("2026-11-20T08:30", tz=BERLIN) == datetime(
        2026, 11, 20, 7, 30, tzinfo=UTC
    )
    assert parse_log_time("2026-11-20T08:30+05:00", tz=BERLIN) == datetime(
        2026, 11, 20, 3, 30, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text",
    [
        "2026-13-01",
        "2026-02-30",
        "2026-11-20T25:00",
        "yesterday",
        "20-11-2026",
        "",
        "0001-01-01T00:30",
    ],
)
def test_an_unreadable_log_date_names_the_option_and_the_expected_form(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_log_time(text, tz=BERLIN, field="--date")
    assert error.value.field == "--date"
    assert repr(text) in str(error.value)


# -- due dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("today", date(2026, 11, 20)),
        ("Tomorrow", date(2026, 11, 21)),
        ("in 3 days", date(2026, 11, 23)),
        ("in 1 day", date(2026, 11, 21)),
        ("in 2 weeks", date(2026, 12, 4)),
        ("in two weeks", date(2026, 12, 4)),
        ("in a month", date(2026, 12, 20)),
        ("in 3 months", date(2027, 2, 20)),
        ("next week", date(2026, 11, 23)),  # the next Monday
        ("next month", date(2026, 12, 1)),
        ("friday", date(2026, 11, 27)),  # today is Friday: the next one
        ("next friday", date(2026, 11, 27)),
        ("monday", date(2026, 11, 23)),
        ("on tuesday", date(2026, 11, 24)),
        ("next  Thursday ", date(2026, 11, 26)),
        ("2026-12-01", date(2026, 12, 1)),
        ("december 1", date(2026, 12, 1)),
        ("Dec 25", date(2026, 12, 25)),
    ],
)
def test_a_due_date_phrase_is_read_relative_to_today(phrase: str, due: date) -> None:
    assert parse_due_date(phrase, today=FRIDAY) == due


def test_in_a_month_from_january_31_is_the_end_of_february() -> None:
    assert parse_due_date("in a month", today=date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_due_date("in 1 month", today=date(2028, 1, 31)) == date(2028, 2, 29)


def test_an_iso_due_date_is_taken_as_written_even_when_it_is_past() -> None:
    assert parse_due_date("2026-11-01", today=FRIDAY) == date(2026, 11, 1)


@pytest.mark.parametrize("phrase", ["yesterday", "last friday", "3 days ago"])
def test_a_phrase_that_means_a_past_day_is_refused(phrase: str) -> None:
    with pytest.raises(InvalidInput, match="in the past"):
        parse_due_date(phrase, today=FRIDAY)


@pytest.mark.parametrize(
    ("phrase", "complaint"),
    [
        ("", "the date is empty"),
        ("   ", "the date is empty"),
        ("whenever you like", "not a date I understand"),
        ("in 99999999 days", "too far in the future"),
        ("in 999999999999 weeks", "too far in the future"),
        ("in 99999 months", "too far in the future"),
    ],
)
def test_an_unusable_due_date_is_a_clear_error_not_a_crash(phrase: str, complaint: str) -> None:
    with pytest.raises(InvalidInput, match=complaint) as error:
        parse_due_date(phrase, today=FRIDAY, field="--follow-up")
    assert error.value.field == "--follow-up"


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
phrases = st.one_of(
    st.sampled_from(["today", "tomorrow", "next week", "next month"]),
    st.sampled_from(WEEKDAYS),
    st.sampled_from(WEEKDAYS).map(lambda day: f"next {day}"),
    st.sampled_from(WEEKDAYS).map(lambda day: f"on {day}"),
    st.tuples(
        st.integers(min_value=0, max_value=500), st.sampled_from(["day", "week", "month"])
    ).map(lambda pair: f"in {pair[0]} {pair[1]}s"),
    st.tuples(
        st.sampled_from(["a", "an", "one", "two", "six"]), st.sampled_from(["day", "week"])
    ).map(lambda pair: f"in {pair[0]} {pair[1]}"),
)


@given(phrases, st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)))
def test_a_due_date_phrase_is_never_before_today(phrase: str, today: date) -> None:
    assert parse_due_date(phrase, today=today) >= today


@settings(max_examples=25, deadline=None)  # dateparser is slow; a few days suffice
@given(
    st.sampled_from(["december 1", "jan 15", "1st of march", "in 10 days", "next tuesday"]),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
)
def test_a_calendar_phrase_prefers_the_future(phrase: str, today: date) -> None:
    assert parse_due_date(phrase, today=today) >= today


@given(st.text(max_size=30), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
@settings(max_examples=60, deadline=None)
def test_any_text_gives_a_due_date_or_a_clear_error(text: str, today: date) -> None:
    with contextlib.suppress(InvalidInput):
        parse_due_date(text, today=today)

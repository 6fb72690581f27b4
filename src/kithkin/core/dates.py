"""Dates as people write them: partial birthdays, log times, follow-up phrases."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from kithkin.errors import InvalidInput

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEARLESS = re.compile(r"^--(\d{2})-?(\d{2})$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar day whose year may be unknown (a birthday written ``--12-25``)."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if self.year is not None and not 1 <= self.year <= 9999:
            raise InvalidInput(f"year {self.year} is not between 1 and 9999.", field="date")
        if not 1 <= self.month <= 12:
            raise InvalidInput(f"month {self.month} is not between 1 and 12.", field="date")
        # A year-less date may be Feb 29: the leap year 2000 is the widest check.
        last_day = calendar.monthrange(self.year if self.year is not None else 2000, self.month)[1]
        if not 1 <= self.day <= last_day:
            raise InvalidInput(
                f"day {self.day} does not exist in month {self.month}"
                + (f" of {self.year}" if self.year is not None else "")
                + ".",
                field="date",
            )

    @classmethod
    def parse(cls, text: str, *, field: str = "birthday") -> PartialDate:
        """Parse ``YYYY-MM-DD`` or ``--MM-DD`` (also ``--MMDD``)."""
        value = text.strip()
        full = _FULL.match(value)
        try:
            if full:
                year, month, day = (int(part) for part in full.groups())
                return cls(month=month, day=day, year=year)
            yearless = _YEARLESS.match(value)
            if yearless:
                month, day = (int(part) for part in yearless.groups())
                return cls(month=month, day=day)
        except InvalidInput as error:
            raise InvalidInput(f"{text!r}: {error.message}", field=field) from None
        raise InvalidInput(
            f"{text!r} is not a date; expected YYYY-MM-DD, or --MM-DD when the year is unknown.",
            field=field,
        )

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    def occurrence_in(self, year: int) -> date:
        """The day this date falls on in ``year``; Feb 29 falls on Feb 28 in common years."""
        if self.month == 2 and self.day == 29 and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_occurrence(self, on_or_after: date) -> date:
        candidate = self.occurrence_in(on_or_after.year)
        if candidate < on_or_after:
            candidate = self.occurrence_in(on_or_after.year + 1)
        return candidate


def parse_log_time(text: str, *, tz: tzinfo, field: str = "date") -> datetime:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` in the user's zone, returned in UTC.

    A bare date means noon that day, so the day survives any time-zone shift.
    """
    value = text.strip()
    try:
        if "T" not in value.upper() and " " not in value and ":" not in value:
            day = date.fromisoformat(value)  # a date alone, also written 20261120
            local = datetime.combine(day, time(12, 0), tzinfo=tz)
        else:
            parsed = datetime.fromisoformat(value)
            local = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)
        return local.astimezone(UTC)
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM.", field=field
        ) from None
    except OverflowError:  # e.g. 0001-01-01T00:30 in a zone east of UTC
        raise InvalidInput(f"{text!r} is too far in the past or future.", field=field) from None


_IN_N = re.compile(r"^in\s+(\d+|a|an|one|two|three|four|five|six)\s+(day|week|month)s?$")
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_due_date(text: str, *, today: date, field: str = "follow-up") -> date:
    """When a follow-up is due: an ISO date or an English phrase relative to ``today``.

    Handles ``today``, ``tomorrow``, ``in 3 days``, ``in 2 weeks``, ``in a month``,
    ``next week`` (next Monday), weekday names (``friday``, ``next friday``: the next one
    strictly after today) and anything ``dateparser`` understands in English, always
    preferring the future.
    """
    phrase = " ".join(text.strip().lower().split())
    if not phrase:
        raise InvalidInput(
            "the date is empty; write e.g. 2026-12-01 or 'next friday'.", field=field
        )
    try:
        return date.fromisoformat(phrase)
    except ValueError:
        pass
    if phrase == "today":
        return today
    if phrase == "tomorrow":
        return today + timedelta(days=1)
    if phrase == "next week":
        return today + timedelta(days=7 - today.weekday())
    if phrase == "next month":
        return _add_months(today, 1).replace(day=1)
    in_n = _IN_N.match(phrase)
    if in_n:
        count_text, unit = in_n.groups()
        count = int(count_text) if count_text.isdigit() else _WORD_NUMBERS[count_text]
        try:
            if unit == "day":
                return today + timedelta(days=count)
            if unit == "week":
                return today + timedelta(weeks=count)
            return _add_months(today, count)
        except (OverflowError, ValueError):
            raise InvalidInput(f"{text!r} is too far in the future.", field=field) from None
    weekday = phrase.removeprefix("next ").removeprefix("on ")
    names = [name.lower() for name in calendar.day_name]
    if weekday in names:
        ahead = (names.index(weekday) - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    return _dateparser_day(text, today=today, field=field)


def _dateparser_day(text: str, *, today: date, field: str) -> date:
    day = english_day(text, today=today, prefer="future", hour=9)
    if day is None:
        raise InvalidInput(
            f"{text!r} is not a date I understand; write e.g. 2026-12-01, 'next friday' "
            "or 'in 2 weeks'.",
            field=field,
        )
    if day < today:  # "yesterday", "last friday": a follow-up cannot be due in the past
        raise InvalidInput(
            f"{text!r} is {day.isoformat()}, in the past; a follow-up is due today or later.",
            field=field,
        )
    return day


def english_day(text: str, *, today: date, prefer: str, hour: int = 12) -> date | None:
    """The day an English phrase names (``dateparser``, English only, ``today`` at ``hour`` as
    the fixed base, preferring the "past" or the "future"), or None. Never for dates in
    exported files."""
    import dateparser  # slow to import: only when the simple phrases do not match

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(today, time(hour, 0)),
            "PREFER_DATES_FROM": prefer,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    day: date | None = parsed.date() if parsed is not None else None
    return day


_ROUGH = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def rough_date(text: str, *, field: str = "date") -> str:
    """A year, month or day as people remember when something began ("2019", "2019-05",
    "2019-05-01"), checked and returned as written."""
    value = text.strip()
    found = _ROUGH.match(value)
    if found is None:
        raise InvalidInput(
            f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD.", field=field
        )
    year, month, day = found.groups()
    if month is not None:
        PartialDate(month=int(month), day=int(day or 1), year=int(year))
    return value


def year_of(text: str | None) -> int | None:
    """The year of a stored partial or rough date ("2019", "2019-05", "2019-05-01"); None for
    one without a year ("--05-01") or no date."""
    return int(text[:4]) if text and text[:4].isdigit() else None

"""Days, weeks and months as the user lives them: local days, weeks starting on Monday.

``local_day(at, tz)`` is the one place a time becomes a day: an aware time is converted to
``tz`` first (so a Sunday 23:59 in Berlin stays in its week even though it is Sunday 22:59
UTC), a naive time is taken as already local. ``day_start(day, tz)`` goes the other way and
gives the instant a local day begins, which is what a store query compares columns with.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


def local_day(at: datetime, tz: tzinfo | None = None) -> date:
    """The user's calendar day of ``at`` (naive times are already local)."""
    if tz is None or at.tzinfo is None:
        return at.date()
    return at.astimezone(tz).date()


def day_start(day: date, tz: tzinfo | None = None) -> datetime:
    """The first instant of local ``day``: naive without ``tz``, in UTC with one."""
    if tz is None:
        return datetime.combine(day, time())
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True, order=True)
class DateRange:
    """The local days ``first`` to ``last``, both included."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date) or isinstance(day, datetime):
            return False
        return self.first <= day <= self.last

    def __iter__(self) -> Iterator[date]:
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def holds(self, at: datetime, tz: tzinfo | None = None) -> bool:
        """Whether the time ``at`` falls on one of these local days."""
        return self.first <= local_day(at, tz) <= self.last

    def span(self, other: DateRange) -> DateRange:
        """The smallest range that covers both."""
        return DateRange(min(self.first, other.first), max(self.last, other.last))

    def label(self) -> str:
        """``2026-W47`` for a Monday-to-Sunday week, ``2026-11`` for a month, else the days."""
        if self.first.weekday() == 0 and self.days == 7:
            year, week, _ = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        if self == month_of(self.first):
            return f"{self.first.year}-{self.first.month:02d}"
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


def week_of(day: date) -> DateRange:
    """The Monday-to-Sunday week that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    return DateRange(monday, monday + timedelta(days=6))


def month_of(day: date) -> DateRange:
    last = calendar.monthrange(day.year, day.month)[1]
    return DateRange(day.replace(day=1), day.replace(day=last))


def recent_weeks(today: date, count: int) -> tuple[DateRange, ...]:
    """The ``count`` weeks up to and including the one that holds ``today``, oldest first."""
    this_week = week_of(today)
    return tuple(
        DateRange(this_week.first - timedelta(weeks=back), this_week.last - timedelta(weeks=back))
        for back in range(count - 1, -1, -1)
    )


def days_ago(days: int) -> str:
    """``today``, ``yesterday``, ``5 days ago``."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def days_ahead(days: int) -> str:
    """``today``, ``tomorrow``, ``in 5 days``."""
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def plural(count: float, noun: str, many: str | None = None) -> str:
    """``1 interaction``, ``3 interactions``, ``1.5 hours``, ``2 people`` (``many`` given)."""
    shown = f"{count:g}"
    return f"{shown} {noun}" if count == 1 else f"{shown} {many or noun + 's'}"

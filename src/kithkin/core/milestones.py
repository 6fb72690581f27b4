"""Milestones ahead: birthdays (year optional, Feb 29 included), anniversaries, life events.

A recurring milestone falls on its month and day every year; a Feb 29 one falls on Feb 28 in
common years (``PartialDate.occurrence_in``). A milestone with a year counts the years it
marks ("turns 40", "5 years") and is not reminded before its first anniversary; a
non-recurring one with a year falls on that single day.
"""

from __future__ import annotations

from datetime import date, timedelta

from kithkin.core.facts import BIRTHDAY, MilestoneFacts, MilestoneType
from kithkin.core.periods import days_ahead, plural
from kithkin.core.vocabulary import MilestoneKind, Mode

MILESTONE_LABELS: dict[MilestoneType, str] = {
    BIRTHDAY: "birthday",
    MilestoneKind.WORK_ANNIVERSARY: "work anniversary",
    MilestoneKind.JOB_CHANGE: "new job",
    MilestoneKind.WEDDING: "wedding",
    MilestoneKind.BABY: "baby",
    MilestoneKind.MOVE: "move",
    MilestoneKind.GRADUATION: "graduation",
    MilestoneKind.OTHER: "milestone",
}


def milestone_days(today: date, horizon_days: int) -> frozenset[tuple[int, int]]:
    """The (month, day) pairs from ``today`` to ``horizon_days`` ahead, plus Feb 29 whenever
    a common year's Feb 28 is among them: the store's ``(month, day) IN (…)`` filter."""
    pairs: set[tuple[int, int]] = set()
    for offset in range(horizon_days + 1):
        day = today + timedelta(days=offset)
        pairs.add((day.month, day.day))
        if (day.month, day.day) == (2, 28) and (day + timedelta(days=1)).month == 3:
            pairs.add((2, 29))
    return frozenset(pairs)


def next_occurrence(milestone: MilestoneFacts, today: date) -> tuple[date, int | None] | None:
    """The milestone's next day from ``today`` on and the years it marks (None when the year
    is unknown or it does not recur); None when it will not come again."""
    when = milestone.date
    if when.year is not None and not milestone.recurring:
        single = date(when.year, when.month, when.day)
        return (single, None) if single >= today else None
    day = when.next_occurrence(today)
    if when.year is None:
        return day, None
    years = day.year - when.year
    return (day, years) if years > 0 else None


def milestone_reason(milestone: MilestoneFacts, day: date, today: date, years: int | None) -> str:
    """``birthday in 3 days, turns 40``; ``wedding anniversary tomorrow (10 years)``."""
    when = days_ahead((day - today).days)
    if milestone.kind == BIRTHDAY:
        text = f"birthday {when}" + (f", turns {years}" if years else "")
        if (milestone.date.month, milestone.date.day) == (2, 29) and day.day == 28:
            text += " (born on Feb 29: marked on Feb 28 this year)"
        return text
    label = MILESTONE_LABELS[milestone.kind]
    if years and milestone.kind != MilestoneKind.WORK_ANNIVERSARY:
        label += " anniversary"
    text = f"{label} {when}" + (f" ({plural(years, 'year')})" if years else "")
    return f"{text}: {milestone.note}" if milestone.note else text


def milestone_action(milestone: MilestoneFacts, mode: Mode, years: int | None) -> str:
    if milestone.kind == BIRTHDAY:
        if mode is Mode.PROFESSIONAL:
            return "Send a short, personal note — no business."
        return "Call or send a personal message."
    if milestone.kind == MilestoneKind.WORK_ANNIVERSARY and years:
        return f"Congratulate them on {plural(years, 'year')} in the job."
    if milestone.kind == MilestoneKind.JOB_CHANGE and not years:
        return "Congratulate them on the new role and ask how it is going."
    return "Send your congratulations with a personal note."

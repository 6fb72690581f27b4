"""Networking vs socializing: interactions and hours per week against the networking budget.

Counting rules:

* an interaction whose purpose is ``both`` counts half to networking and half to social,
  its count and its hours alike;
* an activity (posts, articles, events, contacts reviews, shared resources) without a
  purpose is networking: the seeds list them all as networking tasks;
* any other interaction without a purpose is *unclassified*: shown, never guessed;
* an interaction without ``minutes`` counts a typical duration for its channel or activity
  (``TYPICAL_MINUTES``, ``ACTIVITY_MINUTES``), so the budget is not flattered by omissions.

The budget (``HoursBudget``, default 5–10 networking hours a week) is the seeds' advice.
Inputs: the ``InteractionFacts`` of the weeks asked for (``recent_weeks(today, n)`` gives
their range), or, cheaper for a busy month, each week's ``InteractionGroupFacts``: the
interactions counted by purpose, channel and activity, with their logged minutes summed and
those without a duration counted (``GROUP BY purpose, channel, activity`` in the store).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Literal

from kithkin.core.facts import InteractionFacts, InteractionGroupFacts
from kithkin.core.periods import DateRange, local_day, recent_weeks, week_of
from kithkin.core.vocabulary import Activity, Channel, Purpose

BudgetStatus = Literal["under", "within", "over"]

TYPICAL_MINUTES: dict[Channel, int] = {
    Channel.IN_PERSON: 60,
    Channel.VIDEO: 30,
    Channel.CALL: 20,
    Channel.EVENT: 120,
    Channel.EMAIL: 5,
    Channel.MESSAGE: 5,
    Channel.LINKEDIN: 5,
    Channel.X: 5,
    Channel.SLACK: 5,
    Channel.OTHER: 15,
}

ACTIVITY_MINUTES: dict[Activity, int] = {
    Activity.POST_ENGAGEMENT: 10,
    Activity.ARTICLE: 120,
    Activity.EVENT_ATTENDED: 120,
    Activity.CONTACTS_REVIEW: 30,
    Activity.RESOURCE_SHARED: 10,
}


@dataclass(frozen=True)
class HoursBudget:
    min_hours: float = 5.0
    max_hours: float = 10.0

    def status(self, hours: float) -> BudgetStatus:
        if hours < self.min_hours:
            return "under"
        return "over" if hours > self.max_hours else "within"

    def describe(self) -> str:
        return f"{self.min_hours:g}–{self.max_hours:g} h"


def minutes_of(interaction: InteractionFacts) -> int:
    """Its logged duration, else a typical one for its activity or channel."""
    if interaction.minutes is not None:
        return interaction.minutes
    if interaction.activity is not None:
        return ACTIVITY_MINUTES[interaction.activity]
    return TYPICAL_MINUTES[interaction.channel]


def group_minutes(group: InteractionGroupFacts) -> int:
    """A group's minutes: the logged ones, and a typical duration for each without one."""
    if group.activity is not None:
        typical = ACTIVITY_MINUTES[group.activity]
    else:
        typical = TYPICAL_MINUTES[group.channel]
    return group.minutes + group.untimed * typical


def purpose_shares(interaction: InteractionFacts) -> tuple[float, float]:
    """``(networking, social)`` shares of one interaction: (1, 0), (0, 1), (.5, .5) or (0, 0)."""
    return _shares(interaction.purpose, interaction.activity)


def _shares(purpose: Purpose | None, activity: Activity | None) -> tuple[float, float]:
    if purpose is None:
        return (1.0, 0.0) if activity is not None else (0.0, 0.0)
    if purpose is Purpose.BOTH:
        return (0.5, 0.5)
    return (1.0, 0.0) if purpose is Purpose.NETWORKING else (0.0, 1.0)


@dataclass(frozen=True)
class Tally:
    """Interactions and hours of one stretch of days, split by purpose."""

    networking: float = 0.0  # interactions, ``both`` counting half
    social: float = 0.0
    unclassified: int = 0
    networking_hours: float = 0.0
    social_hours: float = 0.0
    unclassified_hours: float = 0.0

    def add(self, interaction: InteractionFacts) -> Tally:
        return self.add_group(InteractionGroupFacts.of(interaction))

    def add_group(self, group: InteractionGroupFacts) -> Tally:
        hours = group_minutes(group) / 60
        networking, social = _shares(group.purpose, group.activity)
        unclassified = networking == social == 0.0
        return Tally(
            networking=self.networking + networking * group.count,
            social=self.social + social * group.count,
            unclassified=self.unclassified + (group.count if unclassified else 0),
            networking_hours=self.networking_hours + networking * hours,
            social_hours=self.social_hours + social * hours,
            unclassified_hours=self.unclassified_hours + (hours if unclassified else 0.0),
        )


def tally(interactions: Iterable[InteractionFacts]) -> Tally:
    total = Tally()
    for interaction in interactions:
        total = total.add(interaction)
    return total


def tally_groups(groups: Iterable[InteractionGroupFacts]) -> Tally:
    total = Tally()
    for group in groups:
        total = total.add_group(group)
    return total


@dataclass(frozen=True)
class WeekBalance:
    week: DateRange
    tally: Tally
    budget: HoursBudget

    @property
    def status(self) -> BudgetStatus:
        return self.budget.status(self.tally.networking_hours)


def weekly_balance(
    interactions: Iterable[InteractionFacts],
    *,
    today: date,
    weeks: int = 4,
    budget: HoursBudget | None = None,
    tz: tzinfo | None = None,
) -> tuple[WeekBalance, ...]:
    """The last ``weeks`` weeks (the current one included, oldest first), each against the
    networking-hours budget. Interactions outside those weeks are ignored."""
    budget = budget or HoursBudget()
    ranges = recent_weeks(today, weeks)
    tallies = {week.first: Tally() for week in ranges}
    for interaction in interactions:
        monday = week_of(local_day(interaction.at, tz)).first
        if monday in tallies:
            tallies[monday] = tallies[monday].add(interaction)
    return tuple(WeekBalance(week, tallies[week.first], budget) for week in ranges)


def weekly_balance_of_groups(
    groups: Sequence[Sequence[InteractionGroupFacts]],
    *,
    today: date,
    budget: HoursBudget | None = None,
) -> tuple[WeekBalance, ...]:
    """``weekly_balance`` from each week's groups, for the ``len(groups)`` weeks up to the one
    that holds ``today``, oldest first (as ``recent_weeks`` lists them)."""
    budget = budget or HoursBudget()
    ranges = recent_weeks(today, len(groups))
    return tuple(
        WeekBalance(week, tally_groups(found), budget)
        for week, found in zip(ranges, groups, strict=True)
    )

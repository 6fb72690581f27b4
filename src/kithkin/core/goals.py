"""Goals: the seeds' weekly and monthly tasks, with progress computed from what was logged.

A goal (``GoalDefault``: key, period, target, label) is measured over the week (Monday to
Sunday) or the calendar month that holds ``today``. What counts, by goal key:

==================  ===================================================================
``engage-posts``    activities ``post-engagement``
``connect-new``     people added in the period (by hand: leave bulk imports out)
``share-resource``  activities ``resource-shared``, plus ``gave resource`` exchanges that
                    are not attached to one of those activities (one share, one count)
``write-article``   activities ``article``
``attend-event``    distinct events: ``events`` starting in the period, events linked from
                    an ``event-attended`` activity or an ``event`` interaction, and
                    ``event-attended`` activities linked to no event
``review-contacts`` activities ``contacts-review``
``activity:NAME``   activities ``NAME`` (any ``Activity``), for goals the user adds
==================  ===================================================================

Any other key is not measured (``GoalProgress.done`` is None): the user ticks it by hand.
Inputs: ``GoalFacts`` holding at least the days of ``goal_window(today)`` (the week and the
month of ``today``; a week may straddle two months).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from kithkin.core.defaults import DEFAULT_GOALS, GoalDefault, Period
from kithkin.core.facts import EventFacts, ExchangeFacts, InteractionFacts
from kithkin.core.periods import DateRange, month_of, week_of
from kithkin.core.vocabulary import Activity, Channel, Direction, ExchangeKind


@dataclass(frozen=True)
class GoalFacts:
    interactions: Sequence[InteractionFacts] = ()
    people_added: Sequence[datetime] = ()  # when each person was added
    exchanges: Sequence[ExchangeFacts] = ()
    events: Sequence[EventFacts] = ()


@dataclass(frozen=True)
class GoalProgress:
    goal: GoalDefault
    period: DateRange
    done: int | None  # None: not measured from the log

    @property
    def met(self) -> bool:
        return self.done is not None and self.done >= self.goal.target

    @property
    def remaining(self) -> int | None:
        return None if self.done is None else max(self.goal.target - self.done, 0)

    def describe(self) -> str:
        """``Engage with 3 posts: 2 of 3 this week``."""
        label = self.goal.label or self.goal.key
        when = f"this {self.goal.period}"
        if self.done is None:
            return f"{label}: not measured {when}"
        mark = " ✓" if self.met else ""
        return f"{label}: {self.done} of {self.goal.target} {when}{mark}"


def goal_period(period: Period, today: date) -> DateRange:
    return week_of(today) if period == "week" else month_of(today)


def goal_window(today: date) -> DateRange:
    """The days whose facts ``goal_progress`` needs."""
    return week_of(today).span(month_of(today))


@dataclass(frozen=True)
class _Slice:
    """The facts of one period."""

    interactions: tuple[InteractionFacts, ...]
    people_added: int
    exchanges: tuple[ExchangeFacts, ...]
    events: tuple[EventFacts, ...]

    def activities(self, activity: Activity) -> list[InteractionFacts]:
        return [i for i in self.interactions if i.activity is activity]


def _slice(facts: GoalFacts, period: DateRange, tz: tzinfo | None) -> _Slice:
    return _Slice(
        interactions=tuple(i for i in facts.interactions if period.holds(i.at, tz)),
        people_added=sum(1 for at in facts.people_added if period.holds(at, tz)),
        exchanges=tuple(e for e in facts.exchanges if period.holds(e.at, tz)),
        events=tuple(e for e in facts.events if e.starts_on in period),
    )


def _resources_shared(facts: _Slice) -> int:
    shares = facts.activities(Activity.RESOURCE_SHARED)
    share_ids = {i.id for i in shares}
    given = [
        e
        for e in facts.exchanges
        if e.direction is Direction.GAVE
        and e.kind is ExchangeKind.RESOURCE
        and e.interaction_id not in share_ids
    ]
    return len(shares) + len(given)


def _events_attended(facts: _Slice) -> int:
    event_ids = {e.id for e in facts.events}
    unlinked = 0
    for i in facts.interactions:
        if i.activity is Activity.EVENT_ATTENDED or i.channel is Channel.EVENT:
            if i.event_id is not None:
                event_ids.add(i.event_id)
            elif i.activity is Activity.EVENT_ATTENDED:
                unlinked += 1
    return len(event_ids) + unlinked


def _activity_count(activity: Activity) -> Callable[[_Slice], int]:
    return lambda facts: len(facts.activities(activity))


METRICS: dict[str, Callable[[_Slice], int]] = {
    "engage-posts": _activity_count(Activity.POST_ENGAGEMENT),
    "connect-new": lambda facts: facts.people_added,
    "share-resource": _resources_shared,
    "write-article": _activity_count(Activity.ARTICLE),
    "attend-event": _events_attended,
    "review-contacts": _activity_count(Activity.CONTACTS_REVIEW),
} | {f"activity:{activity.value}": _activity_count(activity) for activity in Activity}


def goal_progress(
    facts: GoalFacts,
    *,
    today: date,
    goals: Sequence[GoalDefault] = DEFAULT_GOALS,
    tz: tzinfo | None = None,
) -> tuple[GoalProgress, ...]:
    """Each goal's progress in the week or month that holds ``today``, in the given order."""
    slices: dict[DateRange, _Slice] = {}
    progress: list[GoalProgress] = []
    for goal in goals:
        period = goal_period(goal.period, today)
        if period not in slices:
            slices[period] = _slice(facts, period, tz)
        metric = METRICS.get(goal.key)
        done = metric(slices[period]) if metric is not None else None
        progress.append(GoalProgress(goal, period, done))
    return tuple(progress)

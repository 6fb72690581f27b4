"""The relationship engine's use cases: today, snooze/done, warmth, ledger, goals, balance,
review. Each reads facts in one transaction and hands them to the pure ``core`` functions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from kithkin.core.agenda import AgendaItem, AgendaKind, AgendaSettings, build_agenda, item_kind
from kithkin.core.balance import HoursBudget, WeekBalance, weekly_balance_of_groups
from kithkin.core.dates import parse_due_date
from kithkin.core.defaults import GoalDefault
from kithkin.core.facts import InteractionGroupFacts
from kithkin.core.goals import GoalFacts, GoalProgress, goal_progress, goal_window
from kithkin.core.ledger import Balance, ask_nudge, most_one_sided, overall_balance
from kithkin.core.periods import DateRange, day_start, recent_weeks, week_of
from kithkin.core.records import Exchange
from kithkin.core.review import (
    AUTOMATION_DAYS,
    FOLLOW_THROUGH_DAYS,
    ReviewCounts,
    WeeklyReview,
    assemble_review,
    message_groups,
    review_window,
    templates,
)
from kithkin.core.vocabulary import Direction, ExchangeKind, FollowUpStatus
from kithkin.core.warmth import Warmth
from kithkin.errors import Conflict, InvalidInput
from kithkin.services.context import Context
from kithkin.services.people import show_person
from kithkin.store import Transaction

WeekGroups = list[list[InteractionGroupFacts]]  # per week, oldest first

_DURATION = re.compile(r"^(\d+)\s*(d|day|days|w|week|weeks|m|month|months)$")


def local_today(ctx: Context) -> date:
    return ctx.now().astimezone(ctx.settings.timezone).date()


def _agenda_settings(tx: Transaction, limit: int | None) -> AgendaSettings:
    prefs = tx.preferences
    return AgendaSettings(
        limit=limit or int(prefs.setting("agenda_limit") or 10),
        milestone_horizon_days=int(prefs.setting("milestone_horizon_days") or 7),
        after_event_days=int(prefs.setting("after_event_days") or 7),
        reconnect_per_week=int(prefs.setting("reconnect_per_week") or 3),
        cadences=prefs.cadences(),
    )


def today(
    ctx: Context, *, on: date | None = None, limit: int | None = None
) -> tuple[AgendaItem, ...]:
    """The ranked agenda for ``on`` (default: today in the user's zone)."""
    day = on or local_today(ctx)
    tz = ctx.settings.timezone
    with ctx.store.transaction() as tx:
        settings = _agenda_settings(tx, limit)
        facts, hidden = tx.facts.agenda(day, settings, tz)
        return build_agenda(facts, today=day, settings=settings, hidden=hidden, tz=tz)


def parse_snooze(text: str, *, today: date) -> date:
    """``3d``, ``2w``, ``1m``, ``5 days``, or any due-date phrase (``next monday``)."""
    match = _DURATION.match(text.strip().lower())
    if match:
        count, unit = int(match.group(1)), match.group(2)[0]
        if count < 1:
            raise InvalidInput("snooze for at least one day.", field="duration")
        days = {"d": 1, "w": 7, "m": 30}[unit] * count
        return today + timedelta(days=days)
    until = parse_due_date(text, today=today, field="duration")
    if until <= today:
        raise InvalidInput(f"{text!r} is not in the future.", field="duration")
    return until


def snooze(ctx: Context, key: str, duration: str, *, on: date | None = None) -> date:
    """Hide an agenda item until a later day; returns that day."""
    day = on or local_today(ctx)
    kind = item_kind(key)
    until = parse_snooze(duration, today=day)
    with ctx.store.transaction() as tx:
        if kind is AgendaKind.FOLLOW_UP:
            follow_up_id = _follow_up_id(key)
            tx.follow_ups.set_status(
                follow_up_id, FollowUpStatus.SNOOZED, now=ctx.now(), until=until
            )
        else:
            tx.preferences.snooze(key, until=until)
    return until


def done(ctx: Context, key: str) -> AgendaKind:
    """Mark an agenda item done: a follow-up is completed, anything else leaves the list."""
    kind = item_kind(key)
    with ctx.store.transaction() as tx:
        if kind is AgendaKind.FOLLOW_UP:
            follow_up_id = _follow_up_id(key)
            if tx.follow_ups.get(follow_up_id).status is FollowUpStatus.DONE:
                raise Conflict(f"follow-up {follow_up_id} is already done.")
            tx.follow_ups.set_status(follow_up_id, FollowUpStatus.DONE, now=ctx.now())
        else:
            tx.preferences.snooze(key, until=local_today(ctx), dismissed=True)
    return kind


def _follow_up_id(key: str) -> int:
    number = key.partition(":")[2]
    if not number.isdigit():
        raise InvalidInput(f"{key!r} does not name a follow-up; e.g. follow-up:12.", field="item")
    return int(number)


# -- warmth ------------------------------------------------------------------------------


def person_warmth(ctx: Context, reference: str) -> Warmth:
    return show_person(ctx, reference, recent=0, follow_ups=False).warmth


# -- ledger ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerLine:
    person_id: str
    name: str
    balance: Balance


@dataclass(frozen=True)
class Ledger:
    overall: Balance
    people: tuple[LedgerLine, ...]  # most in your debt first
    entries: tuple[Exchange, ...]  # for one person: every entry, newest first
    person: str = ""  # the one person's name, when the ledger is about one person


def ledger(ctx: Context, reference: str | None = None) -> Ledger:
    with ctx.store.transaction() as tx:
        if reference is not None:
            person_id = tx.people.resolve(reference)
            person = tx.people.get(person_id)
            return person_ledger(tx, person_id, uid=person.id, name=person.name)
        balances = tx.facts.balances()
        names = tx.facts.names(list(balances))
    lines = sorted(
        (LedgerLine(uid, names.get(uid, uid), balance) for uid, balance in balances.items()),
        key=lambda line: (line.balance.net, line.name, line.person_id),
    )
    return Ledger(overall_balance(balances.values()), tuple(lines), ())


def person_ledger(tx: Transaction, person_id: int, *, uid: str, name: str) -> Ledger:
    """One person's ledger, inside a transaction that has already found them: their balance
    counted from their entries."""
    entries = tx.facts.exchange_entries(person_id)
    directions = Counter(entry.direction for entry in entries)
    own = Balance(
        gave=directions[Direction.GAVE],
        received=directions[Direction.RECEIVED],
        asked=directions[Direction.ASKED],
    )
    return Ledger(own, (LedgerLine(uid, name, own),), tuple(entries), name)


def ask_nudges(ctx: Context, person_ids: Sequence[str]) -> list[str]:
    """The nudge to offer help first, for each person you have never helped."""
    with ctx.store.transaction() as tx:
        balances = tx.facts.balances(uids=person_ids)
        names = tx.facts.names(list(person_ids))
    nudges = []
    for person_id in person_ids:
        nudge = ask_nudge(balances.get(person_id, Balance()), names.get(person_id, person_id))
        if nudge:
            nudges.append(nudge)
    return nudges


# -- goals, balance, review ----------------------------------------------------------------


def _budget(tx: Transaction) -> HoursBudget:
    prefs = tx.preferences
    return HoursBudget(
        float(prefs.setting("networking_hours_min") or 5),
        float(prefs.setting("networking_hours_max") or 10),
    )


def goals(ctx: Context, *, on: date | None = None) -> tuple[tuple[GoalProgress, ...], HoursBudget]:
    day = on or local_today(ctx)
    tz = ctx.settings.timezone
    window = goal_window(day)
    with ctx.store.transaction() as tx:
        facts = _goal_facts(tx, window, window, tz)
        chosen = tx.preferences.goals()
        budget = _budget(tx)
    return goal_progress(facts, today=day, goals=chosen, tz=tz), budget


def _goal_facts(tx: Transaction, logged: DateRange, window: DateRange, tz: tzinfo) -> GoalFacts:
    """What the goals count: activities and events over the days ``logged``; people added,
    resources given and events over the days of ``window``."""
    first, last = day_start(window.first, tz), day_start(window.last + timedelta(days=1), tz)
    return GoalFacts(
        interactions=tx.facts.interactions(
            day_start(logged.first, tz),
            day_start(logged.last + timedelta(days=1), tz),
            only="goals",
            with_people=False,
        ),
        people_added=tx.facts.people_added(first, last),
        exchanges=tx.facts.exchanges(first, last, only=(Direction.GAVE, ExchangeKind.RESOURCE)),
        events=tx.facts.events(window),
    )


def set_goal(ctx: Context, key: str, target: int) -> GoalDefault:
    if not 0 <= target <= 1000:
        raise InvalidInput(f"{target} is not a target; use 0 (off) to 1000.", field="target")
    with ctx.store.transaction() as tx:
        return tx.preferences.set_goal_target(key, target)


def set_budget(ctx: Context, text: str) -> HoursBudget:
    """``5-10`` (hours a week of networking)."""
    low, _, high = text.replace("–", "-").partition("-")
    try:
        budget = HoursBudget(float(low), float(high or low))
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a budget; write hours as MIN-MAX, e.g. 5-10.", field="--budget"
        ) from None
    if not 0 <= budget.min_hours <= budget.max_hours <= 168:
        raise InvalidInput(f"{text!r} is not a budget; use 0 ≤ MIN ≤ MAX ≤ 168.", field="--budget")
    with ctx.store.transaction() as tx:
        tx.preferences.set_setting("networking_hours_min", budget.min_hours)
        tx.preferences.set_setting("networking_hours_max", budget.max_hours)
    return budget


def balance(ctx: Context, *, weeks: int = 4, on: date | None = None) -> tuple[WeekBalance, ...]:
    day = on or local_today(ctx)
    groups = week_groups(ctx, weeks=weeks, on=day)
    with ctx.store.transaction() as tx:
        budget = _budget(tx)
    return weekly_balance_of_groups(groups, today=day, budget=budget)


def week_groups(ctx: Context, *, weeks: int, on: date) -> WeekGroups:
    """The interactions of the last ``weeks`` weeks up to ``on``, grouped per week (oldest
    first) by purpose, channel and activity: what the balance is made of."""
    if not 1 <= weeks <= 260:
        raise InvalidInput(f"{weeks} weeks is out of range; use 1 to 260.", field="--weeks")
    tz = ctx.settings.timezone
    ranges = recent_weeks(on, weeks)
    bounds = [day_start(week.first, tz) for week in ranges]
    bounds.append(day_start(ranges[-1].last + timedelta(days=1), tz))
    with ctx.store.transaction() as tx:
        return tx.facts.interaction_groups(bounds)


def _review_counts(
    tx: Transaction, day: date, today: date, tz: tzinfo
) -> tuple[ReviewCounts, dict[str, str]]:
    """The counts of the review of ``day``'s week (``today``: its last day, or today), and
    the names of the people they name, by id."""
    week = week_of(day)
    first, last = day_start(week.first, tz), day_start(week.last + timedelta(days=1), tz)
    overdue = tx.facts.overdue_follow_ups(today)
    one_sided, _ = tx.facts.most_one_sided(3)
    sent = tx.facts.messages(
        day_start(today - timedelta(days=AUTOMATION_DAYS), tz),
        day_start(today + timedelta(days=1), tz),
    )
    names_of = {uid: name for uid, name, _ in one_sided}
    groups = message_groups(sent)
    people = tx.facts.participants({message.id for group in groups for message in group})
    counts = ReviewCounts(
        week=tx.facts.interaction_groups([first, last])[0],
        week_people=tx.facts.conversation_people(first, last),
        done=tx.facts.follow_ups_done(first, last, due_since=day - timedelta(days=90)),
        overdue=[follow_up for follow_up, _ in overdue],
        follow_through=tx.facts.follow_through(
            today - timedelta(days=FOLLOW_THROUGH_DAYS), today, tz
        ),
        overall=tx.facts.ledger_totals(),
        one_sided=[
            (names_of[uid], balance)
            for uid, balance in most_one_sided({uid: b for uid, _, b in one_sided})
        ],
        templates=templates(groups, people),
    )
    names = {uid: f.person_name for f, uid in overdue if uid is not None}
    return counts, names | names_of


def review(ctx: Context, *, week: date | None = None) -> tuple[WeeklyReview, dict[str, str]]:
    """The weekly review of the week holding ``week`` (default: this week), and names by id."""
    day = week or local_today(ctx)
    if day > local_today(ctx):
        raise InvalidInput("that week has not happened yet.", field="--week")
    tz = ctx.settings.timezone
    today = min(week_of(day).last, local_today(ctx))
    with ctx.store.transaction() as tx:
        cadences = tx.preferences.cadences()
        counts, names = _review_counts(tx, day, today, tz)
        goal_facts = _goal_facts(tx, goal_window(day), review_window(day), tz)
        slips = tx.facts.slip_candidates(week_of(day), day, cadences, tz)
        goals_chosen = tx.preferences.goals()
        budget = _budget(tx)
    result = assemble_review(
        counts,
        goal_facts,
        slips,
        today=today,
        goals=goals_chosen,
        budget=budget,
        cadences=cadences,
        tz=tz,
    )
    names.update((person.id, person.name) for person in slips)
    return result, names

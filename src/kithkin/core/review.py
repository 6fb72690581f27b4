"""The weekly review: what happened, goals, follow-ups, who slipped, the mistakes, next steps.

The week reviewed is the Monday-to-Sunday week that holds ``today``. Sections:

* **what happened**: the week's interactions by purpose and channel, activities, hours
  (``balance``: ``both`` counts half to each side);
* **goals** (``goals.goal_progress``) and the networking hours against the budget;
* **follow-ups**: done this week (and how many late), every one still open past its day;
* **slipped**: people whose check-in fell due this week and who are still waiting;
* **mistakes** (the seeds' three):
  - poor follow-through: of the follow-ups due in the last ``FOLLOW_THROUGH_DAYS`` days
    (before today), the share done late or not at all (dropped or still open); poor above
    ``POOR_FOLLOW_THROUGH`` once there are ``MIN_FOLLOW_UPS``;
  - self-focus: asks against gives overall (``ledger``) and the most one-sided people;
  - over-automation: near-identical written messages (``similarity``) you sent to
    ``MIN_TEMPLATE_PEOPLE`` people or more in the last ``AUTOMATION_DAYS`` days;
* **next week**: three to five suggestions drawn from the above, most pressing first.

Inputs (``ReviewFacts``): ``interactions`` and ``exchanges`` over ``review_window(today)``;
``follow_ups`` due in the last ``FOLLOW_THROUGH_DAYS`` days or still open; ``balances`` of
everyone (``GROUP BY person_id, direction``); ``people``: the slip candidates
(``cadence.slipped_past_cadence``) and every person another fact names; ``people_added`` and
``events`` as in ``goals``.

A busy month holds far more rows than a review shows, so the store may count instead
(``ReviewCounts``, put together by ``assemble_review``): the week's interactions grouped
(``InteractionGroupFacts``) and its distinct people; the follow-ups done this week (a
superset is fine) and those open past their day (``due < today``, oldest first, then by id);
the follow-through counts (``done_at`` late when on or after the start of the local day after
``due``); the ledger's totals and the ``most_one_sided`` people; and the templates, from the
written messages you sent (``message_groups``, then the people of those groups only).
``weekly_review`` derives the same counts from ``ReviewFacts`` (``count_review``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo

from kithkin.core.balance import HoursBudget, WeekBalance, tally_groups
from kithkin.core.cadence import Cadences, Slip, slipped_past_cadence
from kithkin.core.defaults import DEFAULT_GOALS, GoalDefault
from kithkin.core.facts import (
    EventFacts,
    ExchangeFacts,
    FollowUpFacts,
    InteractionFacts,
    InteractionGroupFacts,
    MessageFacts,
    PersonFacts,
)
from kithkin.core.goals import GoalFacts, GoalProgress, goal_progress, goal_window
from kithkin.core.ledger import Balance, most_one_sided, overall_balance
from kithkin.core.periods import DateRange, local_day, plural, week_of
from kithkin.core.similarity import MIN_WORDS, similar_word_groups, words
from kithkin.core.vocabulary import (
    DEFAULT_CADENCE_DAYS,
    Activity,
    Channel,
    FollowUpStatus,
    Initiator,
    Purpose,
)

FOLLOW_THROUGH_DAYS = 90
POOR_FOLLOW_THROUGH = 0.3
MIN_FOLLOW_UPS = 3
AUTOMATION_DAYS = 30
MIN_TEMPLATE_PEOPLE = 3
WRITTEN_CHANNELS = frozenset(
    {Channel.EMAIL, Channel.MESSAGE, Channel.LINKEDIN, Channel.X, Channel.SLACK}
)


@dataclass(frozen=True)
class ReviewFacts:
    people: Sequence[PersonFacts] = ()
    interactions: Sequence[InteractionFacts] = ()
    follow_ups: Sequence[FollowUpFacts] = ()
    balances: Mapping[str, Balance] = field(default_factory=dict)
    exchanges: Sequence[ExchangeFacts] = ()
    people_added: Sequence[datetime] = ()
    events: Sequence[EventFacts] = ()


@dataclass(frozen=True)
class Happened:
    interactions: int  # conversations with people (activities apart)
    people: int  # distinct people in them
    by_purpose: dict[str, int]  # networking, social, both, unclassified
    by_channel: dict[str, int]
    activities: dict[str, int]


@dataclass(frozen=True)
class OpenFollowUp:
    id: int
    text: str
    due: date
    person_name: str


@dataclass(frozen=True)
class FollowUps:
    done: int  # done this week
    done_late: int  # of those, after their day
    overdue: tuple[OpenFollowUp, ...]  # open past their day, oldest first


@dataclass(frozen=True)
class FollowThrough:
    due: int  # follow-ups that fell due in the window
    late: int
    never: int  # dropped, or still open

    @property
    def share_missed(self) -> float:
        return (self.late + self.never) / self.due if self.due else 0.0

    @property
    def poor(self) -> bool:
        return self.due >= MIN_FOLLOW_UPS and self.share_missed > POOR_FOLLOW_THROUGH


@dataclass(frozen=True)
class SelfFocus:
    overall: Balance
    worst: tuple[tuple[str, Balance], ...]  # (name, balance), you owe them most first

    @property
    def flagged(self) -> bool:
        return self.overall.taken > self.overall.gave


@dataclass(frozen=True)
class Template:
    """One message sent, near-identical, to many people."""

    sample: str
    people: int
    messages: int


@dataclass(frozen=True)
class WeeklyReview:
    week: DateRange
    today: date
    happened: Happened
    goals: tuple[GoalProgress, ...]
    hours: WeekBalance
    follow_ups: FollowUps
    slipped: tuple[Slip, ...]
    follow_through: FollowThrough
    self_focus: SelfFocus
    templates: tuple[Template, ...]
    suggestions: tuple[str, ...]


def review_window(today: date) -> DateRange:
    """The days whose interactions and exchanges the review reads."""
    lookback = DateRange(today - timedelta(days=AUTOMATION_DAYS), today)
    return goal_window(today).span(lookback)


@dataclass(frozen=True)
class ReviewCounts:
    """What ``assemble_review`` needs besides the goals' facts and the slip candidates: what
    the store counts in SQL, or ``count_review`` derives from ``ReviewFacts``."""

    week: Sequence[InteractionGroupFacts] = ()  # the week's interactions and activities
    week_people: int = 0  # distinct people in the week's conversations
    done: Sequence[FollowUpFacts] = ()  # at least those done this week
    overdue: Sequence[OpenFollowUp] = ()  # open past their day, oldest first, then by id
    follow_through: FollowThrough = field(default_factory=lambda: FollowThrough(0, 0, 0))
    overall: Balance = field(default_factory=Balance)  # everyone's balances added up
    one_sided: Sequence[tuple[str, Balance]] = ()  # (name, balance): ``most_one_sided``
    templates: Sequence[Template] = ()


def weekly_review(
    facts: ReviewFacts,
    *,
    today: date,
    goals: Sequence[GoalDefault] = DEFAULT_GOALS,
    budget: HoursBudget | None = None,
    cadences: Cadences = DEFAULT_CADENCE_DAYS,
    tz: tzinfo | None = None,
) -> WeeklyReview:
    """The review of the week that holds ``today``, with next week's suggestions."""
    goal_facts = GoalFacts(facts.interactions, facts.people_added, facts.exchanges, facts.events)
    return assemble_review(
        count_review(facts, today=today, tz=tz),
        goal_facts,
        facts.people,
        today=today,
        goals=goals,
        budget=budget,
        cadences=cadences,
        tz=tz,
    )


def count_review(facts: ReviewFacts, *, today: date, tz: tzinfo | None = None) -> ReviewCounts:
    """The counts a review is made of, from every row."""
    week = week_of(today)
    names = {person.id: person.name for person in facts.people}
    this_week = [i for i in facts.interactions if week.holds(i.at, tz)]
    people = {pid for i in this_week if i.activity is None for pid in i.person_ids}
    messages = _messages(facts.interactions, today, tz)
    people_of = {i.id: i.person_ids for i in facts.interactions}
    return ReviewCounts(
        week=[InteractionGroupFacts.of(i) for i in this_week],
        week_people=len(people),
        done=facts.follow_ups,
        overdue=overdue_follow_ups(facts.follow_ups, names, today),
        follow_through=_follow_through(facts.follow_ups, today, tz),
        overall=overall_balance(facts.balances.values()),
        one_sided=[(names.get(pid, pid), b) for pid, b in most_one_sided(facts.balances)],
        templates=templates(message_groups(messages), people_of),
    )


def assemble_review(
    counts: ReviewCounts,
    goal_facts: GoalFacts,
    people: Sequence[PersonFacts],
    *,
    today: date,
    goals: Sequence[GoalDefault] = DEFAULT_GOALS,
    budget: HoursBudget | None = None,
    cadences: Cadences = DEFAULT_CADENCE_DAYS,
    tz: tzinfo | None = None,
) -> WeeklyReview:
    """The review of the week that holds ``today`` from its counts, the goals' facts and the
    slip candidates (``people``)."""
    week = week_of(today)
    done, late = _done_this_week(counts.done, week, tz)
    review = WeeklyReview(
        week=week,
        today=today,
        happened=_happened(counts.week, counts.week_people),
        goals=goal_progress(goal_facts, today=today, goals=goals, tz=tz),
        hours=WeekBalance(week, tally_groups(counts.week), budget or HoursBudget()),
        follow_ups=FollowUps(done=done, done_late=late, overdue=tuple(counts.overdue)),
        slipped=slipped_past_cadence(people, week, today=today, cadences=cadences, tz=tz),
        follow_through=counts.follow_through,
        self_focus=SelfFocus(counts.overall, tuple(counts.one_sided)),
        templates=tuple(counts.templates),
        suggestions=(),
    )
    return replace(review, suggestions=suggest_next_week(review))


def _counted(counts: Counter[str], order: Sequence[str]) -> dict[str, int]:
    """``counts`` in a fixed order: ``order`` first, anything else after, by name."""
    keys = [key for key in order if key in counts]
    return {key: counts[key] for key in keys + sorted(set(counts) - set(keys))}


_PURPOSES = (*(purpose.value for purpose in Purpose), "unclassified")


def _happened(groups: Sequence[InteractionGroupFacts], people: int) -> Happened:
    purposes: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    activities: Counter[str] = Counter()
    for group in groups:
        if group.activity is not None:
            activities[group.activity.value] += group.count
        else:
            purposes[group.purpose.value if group.purpose else "unclassified"] += group.count
            channels[group.channel.value] += group.count
    return Happened(
        interactions=sum(channels.values()),
        people=people,
        by_purpose=_counted(purposes, _PURPOSES),
        by_channel=_counted(channels, [channel.value for channel in Channel]),
        activities=_counted(activities, [activity.value for activity in Activity]),
    )


def _done_this_week(
    follow_ups: Sequence[FollowUpFacts], week: DateRange, tz: tzinfo | None
) -> tuple[int, int]:
    """How many follow-ups were done this week, and how many of those after their day."""
    done = [
        f
        for f in follow_ups
        if f.status is FollowUpStatus.DONE and f.done_at and week.holds(f.done_at, tz)
    ]
    late = sum(1 for f in done if f.done_at and local_day(f.done_at, tz) > f.due)
    return len(done), late


def overdue_follow_ups(
    follow_ups: Sequence[FollowUpFacts], names: Mapping[str, str], today: date
) -> tuple[OpenFollowUp, ...]:
    """Follow-ups still open past their day, oldest first."""
    overdue = sorted(
        (
            OpenFollowUp(f.id, f.text, f.due, names.get(f.person_id, "") if f.person_id else "")
            for f in follow_ups
            if f.status in (FollowUpStatus.OPEN, FollowUpStatus.SNOOZED) and f.due < today
        ),
        key=lambda f: (f.due, f.id),
    )
    return tuple(overdue)


def _follow_through(
    follow_ups: Sequence[FollowUpFacts], today: date, tz: tzinfo | None
) -> FollowThrough:
    since = today - timedelta(days=FOLLOW_THROUGH_DAYS)
    due = [f for f in follow_ups if since <= f.due < today]
    late = sum(
        1
        for f in due
        if f.status is FollowUpStatus.DONE and f.done_at and local_day(f.done_at, tz) > f.due
    )
    never = sum(1 for f in due if f.status is not FollowUpStatus.DONE)
    return FollowThrough(due=len(due), late=late, never=never)


def _messages(
    interactions: Sequence[InteractionFacts], today: date, tz: tzinfo | None
) -> list[MessageFacts]:
    """The written messages you sent in the last ``AUTOMATION_DAYS`` days, oldest first."""
    since = today - timedelta(days=AUTOMATION_DAYS)
    sent = sorted(
        (
            i
            for i in interactions
            if i.channel in WRITTEN_CHANNELS
            and i.activity is None
            and i.initiated_by is not Initiator.THEM
            and since <= local_day(i.at, tz) <= today
        ),
        key=lambda i: (i.at, i.id),
    )
    return [MessageFacts(i.id, i.note) for i in sent]


def message_groups(messages: Sequence[MessageFacts]) -> list[list[MessageFacts]]:
    """Groups of near-identical messages (``similarity``) among those long enough to tell."""
    long_enough = [(m, tokens) for m in messages if len(tokens := words(m.note)) >= MIN_WORDS]
    groups = similar_word_groups([tokens for _, tokens in long_enough])
    return [[long_enough[index][0] for index in group] for group in groups]


def templates(
    groups: Sequence[Sequence[MessageFacts]], people: Mapping[int, Collection[str]]
) -> tuple[Template, ...]:
    """The groups sent to ``MIN_TEMPLATE_PEOPLE`` people or more (``people``: each message's
    recipients by message id), most people first."""
    found: list[Template] = []
    for group in groups:
        reached = {pid for message in group for pid in people.get(message.id, ())}
        if len(reached) >= MIN_TEMPLATE_PEOPLE:
            found.append(Template(" ".join(group[0].note.split()), len(reached), len(group)))
    found.sort(key=lambda t: (-t.people, -t.messages, t.sample))
    return tuple(found)


FALLBACK_SUGGESTIONS = (
    "Share one useful resource with a key contact, with no ask attached.",
    "Pick one dormant contact worth reviving and send a no-ask hello.",
    "Call a friend just to catch up — no agenda.",
)


def name_list(names: Sequence[str], shown: int = 3) -> str:
    """``Ana``, ``Ana and Ben``, ``Ana, Ben and Cy``, ``Ana, Ben, Cy and 2 others``."""
    if len(names) > shown:
        rest = len(names) - shown
        return f"{', '.join(names[:shown])} and {plural(rest, 'other')}"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return names[0] if names else ""


def clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def suggest_next_week(review: WeeklyReview) -> tuple[str, ...]:
    """Three to five things to do next week, most pressing first, each from the data."""
    ideas: list[str] = []
    if review.follow_ups.overdue:
        oldest = review.follow_ups.overdue[0]
        who = f" for {oldest.person_name}" if oldest.person_name else ""
        count = len(review.follow_ups.overdue)
        what = f"{count} overdue follow-ups, oldest first" if count > 1 else "overdue follow-up"
        ideas.append(f"Clear your {what}: “{oldest.text}”{who}, due {oldest.due}.")
    if review.slipped:
        names = name_list([slip.person.name for slip in review.slipped])
        ideas.append(f"Reach out to {names}: they slipped past their check-in cadence.")
    if review.self_focus.worst:
        names = name_list([name for name, _ in review.self_focus.worst])
        ideas.append(f"Give before you ask: offer {names} an intro, a resource or advice.")
    if review.templates:
        template = review.templates[0]
        ideas.append(
            f"Personalize your outreach: {template.people} people got the same message "
            f"(“{clip(template.sample)}”); write each a line only they would get."
        )
    if review.follow_through.poor:
        share = f"{review.follow_through.share_missed:.0%}"
        ideas.append(
            f"Tighten your follow-through: {share} of the follow-ups due in the last "
            f"{FOLLOW_THROUGH_DAYS} days were late or never done; give each a day you can keep."
        )
    missed = [goal for goal in review.goals if goal.done is not None and not goal.met]
    if missed:
        behind = "; ".join(
            f"{g.goal.label} ({g.done} of {g.goal.target} this {g.goal.period})" for g in missed
        )
        ideas.append(f"Catch up on your goals: {behind}.")
    ideas += _hours_ideas(review)
    for fallback in FALLBACK_SUGGESTIONS:
        if len(ideas) >= 3:
            break
        ideas.append(fallback)
    return tuple(ideas[:5])


def _hours_ideas(review: WeeklyReview) -> list[str]:
    hours, budget = review.hours.tally.networking_hours, review.hours.budget
    ideas: list[str] = []
    if review.hours.status == "under":
        ideas.append(
            f"Block {budget.min_hours - hours:.1f} more hours for networking next week "
            f"({hours:.1f} h this week; budget {budget.describe()})."
        )
    elif review.hours.status == "over":
        ideas.append(
            f"You spent {hours:.1f} h networking, over your {budget.max_hours:g} h budget: "
            "keep some of next week for friends and family."
        )
    if review.happened.interactions and review.hours.tally.social == 0:
        ideas.append("Make time for friends: nothing social this week — call someone, no agenda.")
    return ideas

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from kithkin.core.defaults import GoalDefault
from kithkin.core.facts import EventFacts, ExchangeFacts, InteractionFacts
from kithkin.core.goals import GoalFacts, GoalProgress, goal_progress, goal_window
from kithkin.core.periods import DateRange
from kithkin.core.vocabulary import Activity, Channel, Direction, ExchangeKind
from tests.core.factories import TODAY, at, interaction

SUNDAY_BEFORE = date(2026, 11, 15)
MONDAY = date(2026, 11, 16)


def activity(
    when: date | datetime, kind: Activity, event_id: int | None = None
) -> InteractionFacts:
    return interaction(when, channel=Channel.OTHER, activity=kind, event_id=event_id)


def by_key(progress: tuple[GoalProgress, ...]) -> dict[str, int | None]:
    return {p.goal.key: p.done for p in progress}


def test_the_seeds_goals_are_measured_from_what_was_logged() -> None:
    share = activity(MONDAY, Activity.RESOURCE_SHARED)
    facts = GoalFacts(
        interactions=[
            activity(MONDAY, Activity.POST_ENGAGEMENT),
            activity(date(2026, 11, 18), Activity.POST_ENGAGEMENT),
            activity(at(date(2026, 11, 22), 23, 59), Activity.POST_ENGAGEMENT),
            activity(at(SUNDAY_BEFORE, 23, 59), Activity.POST_ENGAGEMENT),
            share,
            activity(date(2026, 11, 3), Activity.EVENT_ATTENDED, event_id=1),
            activity(date(2026, 11, 2), Activity.CONTACTS_REVIEW),
        ],
        people_added=[at(TODAY), at(SUNDAY_BEFORE)],
        exchanges=[
            ExchangeFacts("ana", Direction.GAVE, ExchangeKind.RESOURCE, at(MONDAY), share.id),
            ExchangeFacts("ben", Direction.GAVE, ExchangeKind.RESOURCE, at(TODAY)),
            ExchangeFacts("cy", Direction.ASKED, ExchangeKind.RESOURCE, at(TODAY)),
        ],
        events=[EventFacts(1, "PyCon", date(2026, 11, 3))],
    )
    progress = goal_progress(facts, today=TODAY)
    assert by_key(progress) == {
        "engage-posts": 3,
        "connect-new": 1,
        "share-resource": 2,
        "write-article": 0,
        "attend-event": 1,
        "review-contacts": 1,
    }
    assert [p.met for p in progress] == [True, False, True, False, True, True]
    assert progress[0].period == DateRange(MONDAY, date(2026, 11, 22))
    assert progress[3].period == DateRange(date(2026, 11, 1), date(2026, 11, 30))


def test_progress_reads_as_a_sentence() -> None:
    [posts] = goal_progress(
        GoalFacts(interactions=[activity(TODAY, Activity.POST_ENGAGEMENT)]),
        today=TODAY,
        goals=[GoalDefault("engage-posts", "week", 3, "Engage with 3 posts")],
    )
    assert posts.describe() == "Engage with 3 posts: 1 of 3 this week"
    assert posts.remaining == 2


def test_a_week_that_straddles_two_months_counts_each_goal_in_its_own_period() -> None:
    wednesday = date(2026, 12, 2)  # week: Monday 30 November to Sunday 6 December
    facts = GoalFacts(
        interactions=[
            activity(date(2026, 11, 30), Activity.POST_ENGAGEMENT),
            activity(date(2026, 12, 1), Activity.POST_ENGAGEMENT),
        ]
    )
    goals = [
        GoalDefault("engage-posts", "week", 3, "Engage with 3 posts"),
        GoalDefault("activity:post-engagement", "month", 10, "Engage with 10 posts a month"),
    ]
    assert [p.done for p in goal_progress(facts, today=wednesday, goals=goals)] == [2, 1]
    assert goal_window(wednesday) == DateRange(date(2026, 11, 30), date(2026, 12, 31))


def test_a_sunday_2359_interaction_belongs_to_the_week_it_ends() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    sunday_late = datetime(2026, 11, 22, 22, 59, tzinfo=UTC)  # 23:59 in Berlin
    monday_early = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # 00:30 on Monday in Berlin
    facts = GoalFacts(
        interactions=[
            activity(sunday_late, Activity.POST_ENGAGEMENT),
            activity(monday_early, Activity.POST_ENGAGEMENT),
        ]
    )
    goals = [GoalDefault("engage-posts", "week", 3, "Engage with 3 posts")]
    [this_week] = goal_progress(facts, today=TODAY, goals=goals, tz=berlin)
    [next_week] = goal_progress(facts, today=date(2026, 11, 23), goals=goals, tz=berlin)
    assert (this_week.done, next_week.done) == (1, 1)


def test_an_event_counts_once_however_it_was_logged() -> None:
    facts = GoalFacts(
        interactions=[
            activity(TODAY, Activity.EVENT_ATTENDED, event_id=9),
            interaction(TODAY, "ana", channel=Channel.EVENT, event_id=9),
            activity(TODAY, Activity.EVENT_ATTENDED),
        ],
        events=[EventFacts(9, "Meetup", TODAY)],
    )
    goals = [GoalDefault("attend-event", "month", 1, "Attend 1 industry event")]
    assert goal_progress(facts, today=TODAY, goals=goals)[0].done == 2


def test_a_goal_the_log_cannot_measure_is_left_to_the_user() -> None:
    goals = [GoalDefault("call-mentor", "month", 1, "Call my mentor")]
    [progress] = goal_progress(GoalFacts(), today=TODAY, goals=goals)
    assert (progress.done, progress.met, progress.remaining) == (None, False, None)
    assert progress.describe() == "Call my mentor: not measured this month"

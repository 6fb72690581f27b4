"""The relationship engine end to end: real databases, a fixed clock, the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from kithkin.core.balance import weekly_balance
from kithkin.core.log_entry import LogInput
from kithkin.core.periods import day_start, recent_weeks, week_of
from kithkin.core.person_changes import PersonInput
from kithkin.core.review import ReviewFacts, WeeklyReview, review_window, weekly_review
from kithkin.errors import Conflict, InvalidInput
from kithkin.services import Context, add_person, engine, log_interaction
from kithkin.services.events import add_event, add_milestone
from kithkin.store.tables import InteractionRow, PersonRow
from tests.conftest import FixedClock


def kinds(ctx: Context, **options: object) -> list[tuple[str, str]]:
    return [(item.kind.value, item.person_name) for item in engine.today(ctx, **options)]  # type: ignore[arg-type]


def test_a_key_contact_is_due_after_thirty_days_and_logging_resets_the_clock(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", circle="key"))
    clock.advance(days=29)
    assert kinds(ctx) == []
    clock.advance(days=1)
    assert kinds(ctx) == [("check-in", "Ana Ruiz")]
    log_interaction(ctx, ["Ana"], LogInput(note="caught up", channel="call"))
    assert kinds(ctx) == []


def test_the_agenda_can_be_computed_for_another_day(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ben Okafor", circle="inner"))
    assert kinds(ctx, on=date(2026, 12, 4)) == [("check-in", "Ben Okafor")]
    assert kinds(ctx, on=date(2026, 11, 25)) == []


def test_overdue_follow_ups_come_first_and_done_removes_them(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", circle="key"))
    add_person(ctx, PersonInput(name="Ben Okafor", circle="inner", birthday="--11-24"))
    log_interaction(ctx, ["Ana"], LogInput(note="coffee", follow_up="tomorrow: send the deck"))
    clock.advance(days=3)
    items = engine.today(ctx)
    assert [(i.kind.value, i.person_name) for i in items][:2] == [
        ("follow-up", "Ana Ruiz"),
        ("milestone", "Ben Okafor"),
    ]
    assert engine.done(ctx, items[0].key).value == "follow-up"
    assert ("follow-up", "Ana Ruiz") not in kinds(ctx)
    with pytest.raises(Conflict):
        engine.done(ctx, items[0].key)


def test_snoozed_items_come_back_after_the_snooze(ctx: Context, clock: FixedClock) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", circle="inner"))
    clock.advance(days=15)
    [item] = engine.today(ctx)
    until = engine.snooze(ctx, item.key, "3d")
    assert until == date(2026, 12, 8)
    assert kinds(ctx) == []
    assert kinds(ctx, on=until) == [("check-in", "Ana Ruiz")]


def test_a_dismissed_milestone_stays_dismissed(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ben Okafor", birthday="1990-11-22", circle="dormant"))
    [item] = engine.today(ctx)
    assert item.reason == "birthday in 2 days, turns 36"
    engine.done(ctx, item.key)
    assert kinds(ctx) == []


def test_a_year_less_feb_29_birthday_is_remembered_on_feb_28_in_common_years(
    ctx: Context,
) -> None:
    add_person(ctx, PersonInput(name="Leap Person", birthday="--02-29", circle="dormant"))
    assert kinds(ctx, on=date(2027, 2, 27)) == [("milestone", "Leap Person")]
    assert kinds(ctx, on=date(2028, 2, 29)) == [("milestone", "Leap Person")]


def test_a_work_anniversary_milestone_shows_up_in_the_week_before(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Chen Wei", circle="dormant"))
    add_milestone(ctx, "Chen", "work-anniversary", "2020-11-25")
    [item] = engine.today(ctx)
    assert item.kind.value == "milestone" and "work anniversary" in item.reason


def test_asking_twice_without_giving_raises_a_reciprocity_nudge(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", circle="dormant"))
    log_interaction(ctx, ["Ana"], LogInput(note="asked", asked=["referral:Stripe"]))
    assert engine.ask_nudges(ctx, [engine.ledger(ctx, "Ana").people[0].person_id]) != []
    assert kinds(ctx) == []
    log_interaction(ctx, ["Ana"], LogInput(note="asked again", asked=["intro:CTO"]))
    assert kinds(ctx) == [("reciprocity", "Ana Ruiz")]
    log_interaction(ctx, ["Ana"], LogInput(note="sent her a paper", gave=["resource:paper"]))
    assert kinds(ctx) == []
    ledger = engine.ledger(ctx)
    assert (ledger.overall.gave, ledger.overall.asked) == (1, 2)


def test_people_met_at_an_event_without_follow_up_are_on_the_agenda(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Dana Levi", circle="network"))
    add_event(ctx, "PyCon", on="2026-11-19", met=["Dana"])
    assert kinds(ctx) == [("after-event", "Dana Levi")]
    log_interaction(ctx, ["Dana"], LogInput(note="nice to meet", follow_up="friday: send link"))
    assert ("after-event", "Dana Levi") not in kinds(ctx)


def test_dormant_once_warm_contacts_are_suggested_for_reconnecting(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Old Friend", circle="dormant"))
    for day in ("2025-01-10", "2025-02-10", "2025-03-10"):
        log_interaction(ctx, ["Old Friend"], LogInput(note="dinner", date=day))
    assert kinds(ctx) == [("reconnect", "Old Friend")]


def test_the_agenda_is_capped(ctx: Context, clock: FixedClock) -> None:
    for number in range(15):
        add_person(ctx, PersonInput(name=f"Person {number:02d}", circle="inner"))
    clock.advance(days=20)
    assert len(engine.today(ctx)) == 10
    assert len(engine.today(ctx, limit=3)) == 3


def test_goals_count_what_was_logged_this_week(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(ctx, [], LogInput(note="commented", activity="post-engagement"))
    log_interaction(ctx, ["Ana"], LogInput(note="sent a guide", gave=["resource:guide"]))
    progress, budget = engine.goals(ctx)
    done = {goal.goal.key: goal.done for goal in progress}
    assert done["engage-posts"] == 1
    assert done["connect-new"] == 1
    assert done["share-resource"] == 1
    assert (budget.min_hours, budget.max_hours) == (5, 10)
    engine.set_goal(ctx, "engage-posts", 5)
    engine.set_budget(ctx, "4-8")
    progress, budget = engine.goals(ctx)
    assert next(g for g in progress if g.goal.key == "engage-posts").goal.target == 5
    assert budget.max_hours == 8


def test_the_balance_splits_both_in_half(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(ctx, ["Ana"], LogInput(note="x", purpose="both", minutes=60))
    log_interaction(ctx, ["Ana"], LogInput(note="y", purpose="social", minutes=30))
    week = engine.balance(ctx, weeks=2)[-1]
    assert (week.tally.networking, week.tally.social) == (0.5, 1.5)
    assert week.tally.social_hours == 1.0


def test_the_review_reports_the_week(ctx: Context, clock: FixedClock) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(ctx, ["Ana"], LogInput(note="coffee", purpose="networking", minutes=45))
    review, _ = engine.review(ctx)
    assert review.happened.interactions == 1
    assert review.happened.by_purpose == {"networking": 1}
    assert 3 <= len(review.suggestions) <= 5


def test_bad_snooze_durations_and_item_keys_are_clear_errors(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="not an agenda item"):
        engine.snooze(ctx, "coffee", "3d")
    with pytest.raises(InvalidInput):
        engine.snooze(ctx, "check-in:abc:2026-11-20", "yesterday")


def test_warmth_is_higher_after_an_in_person_meeting_than_a_message(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    add_person(ctx, PersonInput(name="Ben Okafor"))
    log_interaction(ctx, ["Ana"], LogInput(note="lunch", channel="in-person"))
    log_interaction(ctx, ["Ben"], LogInput(note="dm", channel="message"))
    ana, ben = engine.person_warmth(ctx, "Ana"), engine.person_warmth(ctx, "Ben")
    assert ana.score > ben.score > 0
    assert "in person" in ana.explanation


def test_with_many_overdue_follow_ups_the_oldest_make_the_list(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    for number in range(15):
        day = f"2026-10-{number + 1:02d}"
        log_interaction(ctx, ["Ana"], LogInput(note="x", follow_up=f"{day}: task {number:02d}"))
    items = engine.today(ctx, limit=5)
    assert [item.reason.split("(due ")[1] for item in items] == [
        f"2026-10-0{day})" for day in range(1, 6)
    ]


# -- the counted review and balance agree with the engine over every row ----------------------

TEMPLATE = (
    "Hi {name}, I came across your profile and would love to connect and learn more about "
    "your work in fintech. Looking forward to staying in touch!"
)


def _follow_up_ids(ctx: Context) -> dict[str, int]:
    from kithkin.services import list_follow_ups

    return {f.text: f.id for f in list_follow_ups(ctx, include_closed=True)}


def _done_at(ctx: Context, clock: FixedClock, follow_up: int, when: datetime) -> None:
    from kithkin.services import complete_follow_up

    now, clock.current = clock.current, when
    complete_follow_up(ctx, follow_up)
    clock.current = now


def a_busy_network(ctx: Context, clock: FixedClock) -> None:
    """A week (Nov 16–22, Berlin) with every case the review counts, edges of days included."""
    clock.advance(days=-40)  # added weeks before: check-ins fall due within the week
    for name, circle, cadence in (
        ("Ana Ruiz", "inner", None),
        ("Ben Okafor", "key", None),
        ("Cy Young", "network", 3),
        ("Dee Dormant", "dormant", None),
        ("Eve Stone", "network", None),
        ("Fay Lim", "network", None),
        ("Gus Berg", "key", None),
        ("Hal Quiet", "key", None),
    ):
        add_person(ctx, PersonInput(name=name, circle=circle, cadence_days=cadence))
    clock.advance(days=40)
    for people, entry in (
        (["Ana"], LogInput("coffee", "2026-11-17", "in-person", "networking", minutes=45,
                           follow_up="2026-11-17: send the deck")),
        (["Ben"], LogInput("call", "2026-11-18T00:30", "call", "both",
                           asked=["intro:CTO", "referral:Stripe"],
                           follow_up="2026-11-18: send notes")),
        (["Cy"], LogInput("hi", "2026-11-16T00:30", "message", "social",
                          asked=["advice:pricing"], received=["advice:pricing"])),
        (["Dee"], LogInput("old friend", "2026-11-15T23:30", "email")),
        (["Hal"], LogInput("beers", "2026-10-18", "in-person")),
        ([], LogInput("liked a post", "2026-11-19", activity="post-engagement")),
        (["Eve"], LogInput("shared a guide", "2026-11-19", activity="resource-shared",
                           gave=["resource:guide"])),
        (["Ana", "Ben"], LogInput("dinner", "2026-11-19", "in-person", "social", minutes=120,
                                  follow_up="2026-11-10: book the table")),
        (["Fay"], LogInput("lunch", "2026-11-13", "in-person", asked=["intro:VC", "advice:hiring"],
                           received=["intro:VC"], follow_up="2026-11-12: send the link")),
        (["Gus"], LogInput("ping", "2026-11-02", "slack", follow_up="2026-10-01: old promise")),
        *(
            ([name], LogInput(TEMPLATE.format(name=name), day, "linkedin"))
            for name, day in (("Eve", "2026-11-02"), ("Fay", "2026-11-05"), ("Gus", "2026-11-12"))
        ),
        (["Ana"], LogInput(TEMPLATE.format(name="Ana"), "2026-11-12", "linkedin",
                           initiated_by="them")),
    ):  # fmt: skip
        log_interaction(ctx, people, entry)
    # These tests count unclassified interactions by hand: take back the purpose model's guesses.
    with ctx.store.transaction() as tx:
        tx.session.execute(
            update(InteractionRow)
            .where(InteractionRow.purpose_source == "model")
            .values(purpose=None, purpose_source=None, purpose_confidence=None)
        )
    ids = _follow_up_ids(ctx)
    berlin_midnight = datetime(2026, 11, 10, 23, 30, tzinfo=UTC)  # Nov 11, 00:30 in Berlin
    _done_at(ctx, clock, ids["book the table"], berlin_midnight)  # late, though not in UTC
    _done_at(ctx, clock, ids["send the deck"], datetime(2026, 11, 17, 15, tzinfo=UTC))
    _done_at(ctx, clock, ids["send notes"], datetime(2026, 11, 19, 8, tzinfo=UTC))


def _every_row_review(ctx: Context, day: date) -> WeeklyReview:
    """The review as ``weekly_review`` makes it from every row of the window."""
    tz = ctx.settings.timezone
    window = review_window(day)
    first, last = day_start(window.first, tz), day_start(window.last + timedelta(days=1), tz)
    with ctx.store.transaction() as tx:
        uids = list(tx.session.scalars(select(PersonRow.uid)))
        facts = ReviewFacts(
            people=tx.facts.people_by_uid(uids),
            interactions=tx.facts.interactions(first, last, with_notes=True),
            follow_ups=tx.facts.follow_ups_for_review(day - timedelta(days=90)),
            balances=tx.facts.balances(),
            exchanges=tx.facts.exchanges(first, last),
            people_added=tx.facts.people_added(first, last),
            events=tx.facts.events(window),
        )
        goals, cadences = tx.preferences.goals(), tx.preferences.cadences()
    today = min(week_of(day).last, engine.local_today(ctx))
    return weekly_review(facts, today=today, goals=goals, cadences=cadences, tz=tz)


def test_the_counted_review_is_the_review_of_every_row(ctx: Context, clock: FixedClock) -> None:
    a_busy_network(ctx, clock)
    counted, names = engine.review(ctx)
    expected = _every_row_review(ctx, engine.local_today(ctx))
    assert counted.hours.tally == pytest.approx(expected.hours.tally)
    assert replace(counted, hours=expected.hours) == expected
    assert counted.happened.interactions == 4  # Dee's email was Sunday night in Berlin
    assert (counted.follow_ups.done, counted.follow_ups.done_late) == (2, 1)
    assert counted.follow_through.late == 2  # done 00:30 the next day, Berlin time
    assert [t.people for t in counted.templates] == [3]
    assert [slip.person.name for slip in counted.slipped] == ["Hal Quiet", "Cy Young"]
    assert names[counted.slipped[0].person.id] == "Hal Quiet"


def test_the_counted_review_of_a_past_week_is_the_review_of_every_row(
    ctx: Context, clock: FixedClock
) -> None:
    a_busy_network(ctx, clock)
    clock.advance(days=9)
    counted, _ = engine.review(ctx, week=date(2026, 11, 18))
    expected = _every_row_review(ctx, date(2026, 11, 18))
    assert counted.today == date(2026, 11, 22)
    assert replace(counted, hours=expected.hours) == expected


def test_the_counted_balance_is_the_balance_of_every_row(ctx: Context, clock: FixedClock) -> None:
    a_busy_network(ctx, clock)
    tz = ctx.settings.timezone
    day = engine.local_today(ctx)
    weeks = recent_weeks(day, 4)
    first = day_start(weeks[0].first, tz)
    last = day_start(weeks[-1].last + timedelta(days=1), tz)
    with ctx.store.transaction() as tx:
        rows = tx.facts.interactions(first, last, with_people=False)
    expected = weekly_balance(rows, today=day, weeks=4, tz=tz)
    counted = engine.balance(ctx, weeks=4)
    assert [w.week for w in counted] == [w.week for w in expected]
    assert [w.tally for w in counted] == pytest.approx([w.tally for w in expected])
    assert counted[-1].tally.social == 2.5  # Cy's message: Monday 00:30 in Berlin, not UTC
    assert counted[-2].tally.unclassified == 4


def test_the_agendas_reciprocity_counts_are_the_ledgers(ctx: Context, clock: FixedClock) -> None:
    a_busy_network(ctx, clock)
    with ctx.store.transaction() as tx:
        names: dict[str, str] = {}
        owed = tx.facts.reciprocity(names)
        assert owed == tx.facts.balances(reciprocity_only=True)
        assert sorted(names.values()) == ["Ben Okafor", "Fay Lim"]
        assert sorted(b.received for b in owed.values()) == [0, 1]

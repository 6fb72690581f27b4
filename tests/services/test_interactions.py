from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import (
    Activity,
    Channel,
    Direction,
    ExchangeKind,
    FollowUpStatus,
    Purpose,
    PurposeSource,
)
from kithkin.errors import Conflict, InvalidInput, NotFound
from kithkin.services import (
    Context,
    add_person,
    complete_follow_up,
    list_follow_ups,
    log_interaction,
    show_person,
)
from tests.conftest import FixedClock


@pytest.fixture
def two(ctx: Context) -> Context:
    add_person(ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"]))
    add_person(ctx, PersonInput(name="Bo Chen"))
    return ctx


def test_an_interaction_keeps_everything_that_was_logged_with_it(two: Context) -> None:
    logged = log_interaction(
        two,
        ["bo", "ana@example.com"],
        LogInput(
            note="Lunch: intro talk",
            date="2026-11-18T12:30",
            channel="in-person",
            purpose="both",
            minutes=75,
            gave=["intro:to Sam at Globex"],
            asked=["advice:pricing"],
            follow_up="next friday: send the deck",
        ),
    )
    assert logged.at == datetime(2026, 11, 18, 11, 30, tzinfo=UTC)
    assert [p.name for p in logged.people] == ["Ana Ruiz", "Bo Chen"]
    assert (logged.channel, logged.purpose, logged.purpose_source) == (
        Channel.IN_PERSON,
        Purpose.BOTH,
        PurposeSource.USER,
    )
    assert (logged.note, logged.minutes, logged.topics) == ("Lunch: intro talk", 75, ())
    # one ledger entry per person and per thing exchanged
    assert sorted((e.person.name, e.direction, e.kind, e.text) for e in logged.exchanges) == [
        ("Ana Ruiz", Direction.ASKED, ExchangeKind.ADVICE, "pricing"),
        ("Ana Ruiz", Direction.GAVE, ExchangeKind.INTRO, "to Sam at Globex"),
        ("Bo Chen", Direction.ASKED, ExchangeKind.ADVICE, "pricing"),
        ("Bo Chen", Direction.GAVE, ExchangeKind.INTRO, "to Sam at Globex"),
    ]
    [follow_up] = logged.follow_ups
    assert (follow_up.due, follow_up.text, follow_up.status) == (
        date(2026, 11, 27),
        "send the deck",
        FollowUpStatus.OPEN,
    )
    assert follow_up.person is not None and follow_up.person.name == "Bo Chen"  # named first
    assert follow_up.interaction_id == logged.id


def test_an_interaction_without_a_purpose_carries_the_models_guess(two: Context) -> None:
    logged = log_interaction(
        two,
        ["ana"],
        LogInput(note="Coffee with a recruiter from Stripe about the staff engineer role"),
    )
    assert (logged.purpose, logged.purpose_source) == (Purpose.NETWORKING, PurposeSource.MODEL)
    assert logged.purpose_confidence is not None and 0.34 < logged.purpose_confidence <= 1
    assert "job-search" in logged.topics
    assert logged.channel is Channel.OTHER


def test_an_interaction_without_a_note_or_purpose_is_unclassified(two: Context) -> None:
    logged = log_interaction(two, ["ana"], LogInput(note=""))
    assert (logged.purpose, logged.purpose_source, logged.topics) == (None, None, ())


def test_an_activity_can_be_logged_with_nobody_but_a_conversation_needs_someone(
    two: Context,
) -> None:
    logged = log_interaction(two, [], LogInput(note="Liked 3 posts", activity="post-engagement"))
    assert (logged.people, logged.activity) == ((), Activity.POST_ENGAGEMENT)
    with pytest.raises(InvalidInput, match="say who the interaction was with"):
        log_interaction(two, [], LogInput(note="Lunch"))


def test_a_bad_log_option_writes_nothing(two: Context) -> None:
    for raw in (
        LogInput(note="x", date="2026-02-30"),
        LogInput(note="x", gave=["bribe:cash"]),
        LogInput(note="x", follow_up="soon"),
        LogInput(note="x", minutes=-5),
    ):
        with pytest.raises(InvalidInput):
            log_interaction(two, ["ana"], raw)
    with pytest.raises(NotFound):
        log_interaction(two, ["ana", "zed"], LogInput(note="x", follow_up="tomorrow: y"))
    assert show_person(two, "ana").recent == ()
    assert list_follow_ups(two, include_closed=True) == []


def test_follow_ups_are_listed_soonest_first_and_done_ones_only_on_request(
    two: Context, clock: FixedClock
) -> None:
    log_interaction(two, ["ana"], LogInput(note="a", follow_up="in 2 weeks: later"))
    log_interaction(two, ["bo"], LogInput(note="b", follow_up="tomorrow: sooner"))
    log_interaction(two, ["bo"], LogInput(note="c", follow_up="2026-11-01: already late"))
    assert [f.text for f in list_follow_ups(two)] == ["already late", "sooner", "later"]

    clock.advance(hours=2)
    sooner = list_follow_ups(two)[1]
    done = complete_follow_up(two, sooner.id)
    assert (done.status, done.done_at) == (FollowUpStatus.DONE, clock())
    assert [f.text for f in list_follow_ups(two)] == ["already late", "later"]
    assert [f.status for f in list_follow_ups(two, include_closed=True)] == [
        FollowUpStatus.OPEN,
        FollowUpStatus.DONE,
        FollowUpStatus.OPEN,
    ]
    assert [f.text for f in show_person(two, "bo").follow_ups] == ["already late"]


def test_a_follow_up_is_done_once_and_an_unknown_one_is_not_found(two: Context) -> None:
    logged = log_interaction(two, ["ana"], LogInput(note="a", follow_up="tomorrow: call"))
    follow_up_id = logged.follow_ups[0].id
    complete_follow_up(two, follow_up_id)
    with pytest.raises(Conflict, match="already done"):
        complete_follow_up(two, follow_up_id)
    with pytest.raises(NotFound, match="kithkin follow-ups --all"):
        complete_follow_up(two, follow_up_id + 100)


def test_a_person_shows_their_recent_interactions_newest_first(
    two: Context, clock: FixedClock
) -> None:
    log_interaction(two, ["ana"], LogInput(note="old", date="2026-10-01"))
    log_interaction(two, ["ana", "bo"], LogInput(note="newest"))
    log_interaction(two, ["ana"], LogInput(note="middle", date="2026-11-10T08:00"))
    log_interaction(two, ["bo"], LogInput(note="not Ana's"))
    assert [i.note for i in show_person(two, "ana").recent] == ["newest", "middle", "old"]
    assert [i.note for i in show_person(two, "ana", recent=1).recent] == ["newest"]

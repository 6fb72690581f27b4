"""Editing and deleting logged interactions through the services, on SQLite and PostgreSQL:
what changes, what follows (ledger, search, the model's reading) and the per-person columns
(`last_interaction_at`, the stored warmth) recomputed for every participant."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import Channel, Purpose, PurposeSource
from kithkin.core.warmth import HORIZON_DAYS, add_touch
from kithkin.errors import InvalidInput, NotFound
from kithkin.services import (
    Context,
    add_person,
    list_people,
    log_interaction,
    search,
    show_person,
)
from kithkin.services.interactions import (
    InteractionChanges,
    edit_interaction,
    remove_interaction,
)
from kithkin.services.purpose import correct_purpose
from kithkin.store.tables import (
    ExchangeRow,
    FollowUpRow,
    ParticipantRow,
    PersonRow,
    PurposeCorrectionRow,
    TopicRow,
)
from tests.conftest import FixedClock

Activity = tuple[datetime | None, float, datetime | None]  # last contact, heat, heat as of

JOB_NOTE = "Coffee with a recruiter from Stripe about the staff engineer role"
SOCIAL_NOTE = "Dinner at her place with the kids, we laughed all evening"


@pytest.fixture
def people(ctx: Context) -> Context:
    for name in ("Ana Ruiz", "Ben Okafor", "Cy Vance"):
        add_person(ctx, PersonInput(name=name))
    return ctx


def activity(ctx: Context) -> dict[str, Activity]:
    """Each person's stored (last_interaction_at, warmth_heat, warmth_as_of), by name."""
    with ctx.store.transaction() as tx:
        rows = tx.session.execute(
            select(
                PersonRow.display_name,
                PersonRow.last_interaction_at,
                PersonRow.warmth_heat,
                PersonRow.warmth_as_of,
            )
        ).all()
    return {name: (last, heat, as_of) for name, last, heat, as_of in rows}


def folded(*touches: tuple[datetime, Channel]) -> Activity:
    """What logging these interactions one by one keeps: the columns `add` maintains."""
    heat, as_of = 0.0, None
    for at, channel in sorted(touches):
        heat, as_of = add_touch(heat, as_of, at=at, channel=channel)
    return (max((at for at, _ in touches), default=None), heat, as_of)


def assert_same(found: Activity, expected: Activity) -> None:
    assert found[0] == expected[0]
    assert found[1] == pytest.approx(expected[1], rel=1e-12, abs=1e-12)
    assert found[2] == expected[2]


def recompute(ctx: Context, *names: str) -> None:
    with ctx.store.transaction() as tx:
        ids = [tx.people.resolve(name) for name in names]
        tx.people.recompute_activity(ids, now=ctx.now())


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# -- the recompute function -------------------------------------------------------------


def test_recompute_equals_what_incremental_logging_kept(people: Context) -> None:
    ctx = people
    # Out of order (back-dated), shared, on several channels: `add_touch` took every path.
    log_interaction(ctx, ["ana"], LogInput(note="call", channel="call", date="2026-11-01"))
    log_interaction(ctx, ["ana", "ben"], LogInput(note="dinner", channel="in-person"))
    log_interaction(ctx, ["ana"], LogInput(note="old", channel="video", date="2026-08-15"))
    log_interaction(ctx, ["ben"], LogInput(note="mail", channel="email", date="2026-10-02"))
    log_interaction(ctx, ["ben", "ana"], LogInput(note="x", channel="email", date="2026-10-02"))
    incremental = activity(ctx)
    assert incremental["Ana Ruiz"][1] > 0 and incremental["Cy Vance"] == (None, 0.0, None)
    recompute(ctx, "Ana Ruiz", "Ben Okafor", "Cy Vance")
    again = activity(ctx)
    for name, kept in incremental.items():
        assert_same(again[name], kept)


def test_recompute_leaves_out_heat_older_than_the_horizon_but_not_the_last_contact(
    people: Context, clock: FixedClock
) -> None:
    ctx = people
    log_interaction(ctx, ["ana"], LogInput(note="long ago", channel="in-person", date="2025-01-10"))
    log_interaction(ctx, ["ana"], LogInput(note="lately", channel="call", date="2026-11-02"))
    log_interaction(ctx, ["ben"], LogInput(note="long ago", channel="call", date="2025-01-10"))
    recompute(ctx, "Ana Ruiz", "Ben Okafor")
    found = activity(ctx)
    assert_same(found["Ana Ruiz"], folded((at("2026-11-02T11:00:00"), Channel.CALL)))
    assert found["Ben Okafor"] == (at("2025-01-10T11:00:00"), 0.0, None)
    assert clock() - timedelta(days=HORIZON_DAYS) > at("2025-01-10T11:00:00")


def test_recompute_touches_only_the_owners_people(people: Context) -> None:
    ctx = people
    owner = ctx.store.ensure_account("someone-else", now=ctx.now())
    other = replace(ctx, store=ctx.store.for_owner(owner))
    theirs = add_person(other, PersonInput(name="Zed Secret"))
    log_interaction(other, [theirs.id], LogInput(note="lunch", channel="in-person"))
    with other.store.transaction() as tx:
        zed = tx.people.resolve(theirs.id)
    before = activity(ctx)["Zed Secret"]
    with ctx.store.transaction() as tx:
        tx.people.recompute_activity([zed], now=ctx.now())
    assert activity(ctx)["Zed Secret"] == before and before[1] > 0


# -- editing ------------------------------------------------------------------------------


def test_a_new_date_moves_the_ledger_and_recomputes_everyone_in_it(
    people: Context, clock: FixedClock
) -> None:
    ctx = people
    shared = log_interaction(
        ctx,
        ["ana", "ben"],
        LogInput(note="Lunch", channel="in-person", date="2026-11-18", asked=["intro:to Sam"]),
    )
    log_interaction(ctx, ["ana"], LogInput(note="Call", channel="call", date="2026-11-10"))
    edited = edit_interaction(ctx, shared.id, InteractionChanges(date="2026-11-05T18:30"))
    moved = at("2026-11-05T17:30:00")
    assert edited.changed == ("date",)
    assert edited.interaction.at == moved
    assert [e.at for e in edited.interaction.exchanges] == [moved, moved]
    found = activity(ctx)
    assert_same(
        found["Ana Ruiz"],
        folded((moved, Channel.IN_PERSON), (at("2026-11-10T11:00:00"), Channel.CALL)),
    )
    assert_same(found["Ben Okafor"], folded((moved, Channel.IN_PERSON)))
    assert found["Cy Vance"] == (None, 0.0, None)
    clock.advance(days=3)
    listed = {person.name: person.warmth for person in list_people(ctx)}
    for name in ("Ana Ruiz", "Ben Okafor"):
        assert listed[name] == show_person(ctx, name).warmth.score
    # Moved forward again: the shared lunch is the latest once more.
    edit_interaction(ctx, shared.id, InteractionChanges(date="2026-11-19"))
    assert activity(ctx)["Ana Ruiz"][0] == at("2026-11-19T11:00:00")


def test_a_new_channel_recomputes_the_warmth(people: Context) -> None:
    ctx = people
    logged = log_interaction(ctx, ["ana"], LogInput(note="Hi", channel="email"))
    edited = edit_interaction(ctx, logged.id, InteractionChanges(channel="in-person"))
    assert (edited.changed, edited.interaction.channel) == (("channel",), Channel.IN_PERSON)
    assert_same(activity(ctx)["Ana Ruiz"], folded((ctx.now(), Channel.IN_PERSON)))


def test_minutes_change_alone_and_the_same_values_change_nothing(people: Context) -> None:
    ctx = people
    logged = log_interaction(
        ctx, ["ana"], LogInput(note="Walk", channel="in-person", minutes=30, date="2026-11-19")
    )
    edited = edit_interaction(ctx, logged.id, InteractionChanges(minutes=45))
    assert (edited.changed, edited.interaction.minutes) == (("minutes",), 45)
    version = ctx.store.data_version()
    same = edit_interaction(
        ctx,
        logged.id,
        InteractionChanges(note=" Walk ", date="2026-11-19", channel="in-person", minutes=45),
    )
    assert same.changed == () and same.interaction == edited.interaction
    assert ctx.store.data_version() == version  # nothing was written


def test_a_new_note_re_guesses_a_model_purpose(people: Context) -> None:
    ctx = people
    logged = log_interaction(ctx, ["ana"], LogInput(note=JOB_NOTE))
    assert (logged.purpose, logged.purpose_source) == (Purpose.NETWORKING, PurposeSource.MODEL)
    edited = edit_interaction(ctx, logged.id, InteractionChanges(note=SOCIAL_NOTE))
    guessed = log_interaction(ctx, ["ana"], LogInput(note=SOCIAL_NOTE))  # what log would say
    after = edited.interaction
    assert edited.reguessed and edited.changed == ("note", "purpose")
    assert (after.note, after.purpose, after.purpose_source) == (
        SOCIAL_NOTE,
        Purpose.SOCIAL,
        PurposeSource.MODEL,
    )
    assert (after.purpose_confidence, after.topics) == (guessed.purpose_confidence, guessed.topics)
    assert edited.model_purpose is Purpose.SOCIAL
    cleared = edit_interaction(ctx, logged.id, InteractionChanges(note=""))
    assert (cleared.interaction.purpose, cleared.interaction.purpose_source) == (None, None)
    assert (cleared.interaction.topics, cleared.model_purpose) == ((), None)


def test_a_new_note_keeps_a_purpose_the_user_set(people: Context) -> None:
    ctx = people
    given = log_interaction(ctx, ["ana"], LogInput(note=JOB_NOTE, purpose="both"))
    edited = edit_interaction(ctx, given.id, InteractionChanges(note=SOCIAL_NOTE))
    assert not edited.reguessed and edited.changed == ("note",)
    after = edited.interaction
    assert (after.purpose, after.purpose_source, after.topics) == (
        Purpose.BOTH,
        PurposeSource.USER,
        (),  # never read by the model, as when logged with a purpose
    )
    # A corrected guess: the purpose stays the user's; the model's reading follows the note.
    corrected = log_interaction(ctx, ["ana"], LogInput(note=JOB_NOTE))
    correct_purpose(ctx, corrected.id, Purpose.BOTH)
    edited = edit_interaction(ctx, corrected.id, InteractionChanges(note=SOCIAL_NOTE))
    after = edited.interaction
    assert (after.purpose, after.purpose_source) == (Purpose.BOTH, PurposeSource.USER)
    assert edited.model_purpose is Purpose.SOCIAL
    assert after.topics == log_interaction(ctx, ["ana"], LogInput(note=SOCIAL_NOTE)).topics


def test_a_purpose_is_a_correction_as_before_even_with_a_new_note(people: Context) -> None:
    ctx = people
    alone = log_interaction(ctx, ["ana"], LogInput(note=JOB_NOTE))
    edited = edit_interaction(ctx, alone.id, InteractionChanges(purpose="both"))
    assert edited.changed == ("purpose",) and edited.corrected
    assert (edited.model_purpose, edited.retrained) == (Purpose.NETWORKING, None)
    both = log_interaction(ctx, ["ana"], LogInput(note=JOB_NOTE))
    edited = edit_interaction(ctx, both.id, InteractionChanges(note=SOCIAL_NOTE, purpose="both"))
    assert edited.changed == ("note", "purpose")
    assert (edited.interaction.purpose, edited.interaction.purpose_source) == (
        Purpose.BOTH,
        PurposeSource.USER,
    )
    with ctx.store.transaction() as tx:
        rows = tx.session.execute(
            select(
                PurposeCorrectionRow.interaction_id,
                PurposeCorrectionRow.text,
                PurposeCorrectionRow.purpose,
                PurposeCorrectionRow.model_purpose,
            ).order_by(PurposeCorrectionRow.id)
        ).all()
    assert [tuple(row) for row in rows] == [
        (alone.id, JOB_NOTE, "both", "networking"),
        (both.id, SOCIAL_NOTE, "both", "social"),  # the new note, and what the model says of it
    ]


def test_search_follows_the_note(people: Context) -> None:
    ctx = people
    logged = log_interaction(ctx, ["ana"], LogInput(note="Talked about kayaking in Norway"))
    assert [i.id for i in search(ctx, "kayaking").interactions] == [logged.id]
    edit_interaction(ctx, logged.id, InteractionChanges(note="Talked about sailing in Crète"))
    assert search(ctx, "kayaking").interactions == ()
    assert [i.id for i in search(ctx, "sailing").interactions] == [logged.id]
    assert [i.id for i in search(ctx, "crete").interactions] == [logged.id]
    remove_interaction(ctx, logged.id)
    assert search(ctx, "sailing").interactions == ()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (InteractionChanges(date="someday"), "--date"),
        (InteractionChanges(date="2026-11-21"), "--date"),  # tomorrow: in the future
        (InteractionChanges(minutes=-5), "--minutes"),
        (InteractionChanges(minutes=2000), "--minutes"),
        (InteractionChanges(channel="pigeon"), "--channel"),
        (InteractionChanges(purpose="fun"), "--purpose"),
        (InteractionChanges(note="x" * 100_001), "note"),
        (InteractionChanges(note="fine", date="2026-13-01"), "--date"),
    ],
)
def test_bad_input_changes_nothing(
    people: Context, changes: InteractionChanges, field: str
) -> None:
    ctx = people
    logged = log_interaction(ctx, ["ana"], LogInput(note="Lunch", channel="in-person"))
    before, version = activity(ctx), ctx.store.data_version()
    with pytest.raises(InvalidInput) as raised:
        edit_interaction(ctx, logged.id, changes)
    assert raised.value.field == field
    assert ctx.store.data_version() == version and activity(ctx) == before
    with ctx.store.transaction() as tx:
        assert tx.interactions.get(logged.id) == logged


def test_nothing_to_change_is_an_error(people: Context) -> None:
    logged = log_interaction(people, ["ana"], LogInput(note="Lunch"))
    with pytest.raises(InvalidInput, match="nothing to change"):
        edit_interaction(people, logged.id, InteractionChanges())


def test_unknown_and_other_accounts_interactions_are_not_found(people: Context) -> None:
    ctx = people
    owner = ctx.store.ensure_account("someone-else", now=ctx.now())
    other = replace(ctx, store=ctx.store.for_owner(owner))
    theirs = add_person(other, PersonInput(name="Zed Secret"))
    secret = log_interaction(other, [theirs.id], LogInput(note="Secret lunch"))
    for interaction_id in (secret.id, 999):
        with pytest.raises(NotFound):
            edit_interaction(ctx, interaction_id, InteractionChanges(note="mine now"))
        with pytest.raises(NotFound):
            edit_interaction(ctx, interaction_id, InteractionChanges(purpose="social"))
        with pytest.raises(NotFound):
            remove_interaction(ctx, interaction_id)
    with other.store.transaction() as tx:
        assert tx.interactions.get(secret.id) == secret


# -- deleting -----------------------------------------------------------------------------


def test_removing_deletes_its_rows_keeps_follow_ups_and_recomputes_its_people(
    people: Context,
) -> None:
    ctx = people
    earlier = log_interaction(
        ctx, ["ana"], LogInput(note="Call", channel="call", date="2026-11-12")
    )
    shared = log_interaction(
        ctx,
        ["ana", "ben"],
        LogInput(
            note=JOB_NOTE,
            channel="in-person",
            gave=["intro:to Sam"],
            follow_up="friday: send the deck",
        ),
    )
    correct_purpose(ctx, shared.id, Purpose.BOTH)
    assert shared.topics  # the model's topics, to be deleted with it
    removed = remove_interaction(ctx, shared.id)
    assert removed.interaction == replace(
        shared, purpose=Purpose.BOTH, purpose_source=PurposeSource.USER, purpose_confidence=None
    )
    [kept] = removed.follow_ups
    assert (kept.id, kept.text, kept.interaction_id) == (
        shared.follow_ups[0].id,
        "send the deck",
        None,
    )
    with ctx.store.transaction() as tx:
        with pytest.raises(NotFound):
            tx.interactions.get(shared.id)
        session = tx.session
        for table in (ParticipantRow, TopicRow, ExchangeRow):
            assert (
                session.scalars(
                    select(table.interaction_id).where(table.interaction_id == shared.id)
                ).all()
                == []
            )
        assert session.scalars(select(FollowUpRow.interaction_id)).all() == [None]
        assert session.scalars(select(PurposeCorrectionRow.interaction_id)).all() == [None]
        assert tx.interactions.get(earlier.id) == earlier
    found = activity(ctx)
    assert_same(found["Ana Ruiz"], folded((at("2026-11-12T11:00:00"), Channel.CALL)))
    assert found["Ben Okafor"] == (None, 0.0, None)
    assert show_person(ctx, "ben").warmth.score == 0

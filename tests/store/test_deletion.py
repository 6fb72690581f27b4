"""``rm`` really deletes: the person, their private data, and interactions only they were in."""

from __future__ import annotations

from sqlalchemy import func, select

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, log_interaction, remove_person, show_person
from kithkin.store.tables import (
    EmailRow,
    EmploymentRow,
    ExchangeRow,
    FieldProvenanceRow,
    FollowUpRow,
    InteractionRow,
    InterestRow,
    MergeRow,
    NicknameRow,
    ParticipantRow,
    PersonRow,
    PhoneRow,
    PurposeCorrectionRow,
    TagRow,
    UrlRow,
)

PERSON_TABLES = (
    EmailRow,
    PhoneRow,
    UrlRow,
    NicknameRow,
    TagRow,
    InterestRow,
    EmploymentRow,
    FieldProvenanceRow,
    ExchangeRow,
    FollowUpRow,
    ParticipantRow,
)


def _counts(ctx: Context, person_id: int) -> dict[str, int]:
    with ctx.store.transaction() as tx:
        return {
            table.__tablename__: tx.session.scalar(
                select(func.count()).select_from(table).where(table.person_id == person_id)
            )
            or 0
            for table in PERSON_TABLES
        }


def test_removing_a_person_deletes_their_data_and_their_one_to_one_interactions(
    ctx: Context,
) -> None:
    add_person(
        ctx,
        PersonInput(
            name="Ana Ruiz",
            emails=["ana@example.com"],
            phones=["+1 415 555 0134", "ext 12"],
            urls=["linkedin.com/in/ana"],
            nicknames=["Annie"],
            company="Stripe",
            title="PM",
            tags=["vip"],
            interests=["jazz"],
        ),
    )
    add_person(ctx, PersonInput(name="Bo Chen"))
    alone = log_interaction(
        ctx,
        ["ana"],
        LogInput(note="Private chat", gave=["advice:on pricing"], follow_up="tomorrow: call Ana"),
    )
    shared = log_interaction(
        ctx,
        ["ana", "bo"],
        LogInput(
            note="Dinner with both",
            date="2026-11-19",
            gave=["gift:wine"],
            follow_up="in 2 weeks: plan the next dinner",
        ),
    )
    with ctx.store.transaction() as tx:
        ana, bo = tx.people.resolve("ana"), tx.people.resolve("bo")
    before = _counts(ctx, ana)
    assert all(before.values()), before  # every table has something of Ana's to delete
    bo_before = show_person(ctx, "bo").person

    removed = remove_person(ctx, "ana")

    assert removed.name == "Ana Ruiz"
    assert set(_counts(ctx, ana).values()) == {0}
    with ctx.store.transaction() as tx:
        s = tx.session
        assert s.get(PersonRow, ana) is None
        assert s.get(InteractionRow, alone.id) is None
        [kept] = tx.interactions.load([shared.id])
    assert [p.name for p in kept.people] == ["Bo Chen"]
    assert [(e.person.name, e.kind.value) for e in kept.exchanges] == [("Bo Chen", "gift")]
    assert kept.follow_ups == ()  # the follow-up was about Ana
    assert _counts(ctx, bo)["interaction_participants"] == 1
    bo_after = show_person(ctx, "bo").person
    assert bo_after.last_interaction_at == bo_before.last_interaction_at


def test_removing_a_person_keeps_the_other_people_and_their_e_mails(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"]))
    add_person(ctx, PersonInput(name="Ana Costa", emails=["costa@example.com"]))
    remove_person(ctx, "ana@example.com")
    assert [e.value for e in show_person(ctx, "ana").person.emails] == ["costa@example.com"]
    add_person(ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"]))  # free again


def test_removing_a_person_deletes_the_corrections_on_their_notes_and_merged_snapshots(
    ctx: Context,
) -> None:
    """Both keep text about the person (a note, a whole merged record): `rm` is for real."""
    from kithkin.core.vocabulary import Purpose
    from kithkin.services.duplicates import merge_people
    from kithkin.services.purpose import correct_purpose

    add_person(ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"]))
    add_person(ctx, PersonInput(name="Annie Ruiz", emails=["annie@example.com"]))
    add_person(ctx, PersonInput(name="Bo Chen"))
    alone = log_interaction(ctx, ["ana@example.com"], LogInput(note="Her divorce is final"))
    shared = log_interaction(ctx, ["ana@example.com", "bo"], LogInput(note="Team lunch"))
    correct_purpose(ctx, alone.id, Purpose.SOCIAL)
    correct_purpose(ctx, shared.id, Purpose.SOCIAL)
    merge_people(ctx, "ana@example.com", "annie@example.com")

    def texts() -> tuple[list[str], int]:
        with ctx.store.transaction() as tx:
            corrections = list(tx.session.scalars(select(PurposeCorrectionRow.text)))
            merges = tx.session.scalar(select(func.count()).select_from(MergeRow)) or 0
        return sorted(corrections), merges

    assert texts() == (["Her divorce is final", "Team lunch"], 1)
    remove_person(ctx, "ana@example.com")
    assert texts() == (["Team lunch"], 0)  # the shared interaction and its correction stay

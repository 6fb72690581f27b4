"""Merging two people loses nothing and duplicates nothing; finding candidates scales."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import func, select

from kithkin.core import merge as rules
from kithkin.core.log_entry import LogInput
from kithkin.core.merge import KINDS
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import Channel, Circle, Mode
from kithkin.errors import Ambiguous, InvalidInput
from kithkin.services import (
    Context,
    add_person,
    list_follow_ups,
    list_people,
    log_interaction,
    search,
    show_person,
)
from kithkin.services.duplicates import find_duplicates, merge_people
from kithkin.services.events import add_event, add_milestone
from kithkin.store import Store
from kithkin.store.merge import POINTS_AT_PEOPLE, MergeRepository, people_columns
from kithkin.store.tables import (
    AddressRow,
    EmailRow,
    EventAttendeeRow,
    ExchangeRow,
    ExtraPropertyRow,
    FieldProvenanceRow,
    InteractionRow,
    MergeRow,
    MilestoneRow,
    ParticipantRow,
    PersonIdentityRow,
    PersonRow,
    PhotoRow,
    RelatedNameRow,
    RelationshipRow,
    SnoozeRow,
)
from tests.conftest import START, FixedClock
from tests.helpers import sqlite_only


def test_every_column_that_points_at_a_person_is_handled_by_merge() -> None:
    assert people_columns() == POINTS_AT_PEOPLE


def _pk(ctx: Context, uid: str) -> int:
    with ctx.store.transaction() as tx:
        return tx.people.resolve(uid)


def _build(ctx: Context, clock: FixedClock) -> tuple[str, str, str]:
    """KEEP (Robert Smith) and OTHER (Bob Smith) with every kind of row, overlapping in
    part, and Ana Ruiz whom both know."""
    keep = add_person(
        ctx,
        PersonInput(
            name="Robert Smith",
            emails=["rob@example.com"],
            phones=["+1 415 555 0100"],
            urls=["linkedin.com/in/robsmith"],
            nicknames=["Robbie"],
            company="Acme",
            title="CTO",
            tags=["vip", "founder"],
            interests=["Jazz"],
            birthday="--03-14",
            met_how="PyCon",
            notes="Keeps bees.",
        ),
    ).id
    other = add_person(
        ctx,
        PersonInput(
            name="Bob Smith",
            emails=["bob@example.com"],
            phones=["(415) 555-0100", "+1 415 555 0199"],
            urls=["https://www.linkedin.com/in/robsmith/", "github.com/bobsmith"],
            nicknames=["robbie", "Bobby"],
            company="Globex",
            title="Advisor",
            tags=["vip", "climber"],
            interests=["jazz", "Chess"],
            birthday="1980-03-14",
            met_how="via Ana",
            notes="Climbs on Sundays.",
            circle="inner",
            mode="professional",
            cadence_days=14,
        ),
    ).id
    ana = add_person(ctx, PersonInput(name="Ana Ruiz")).id
    keep_pk, other_pk, ana_pk = _pk(ctx, keep), _pk(ctx, other), _pk(ctx, ana)
    with ctx.store.transaction() as tx:
        s = tx.session
        # An address and an e-mail both have (as an import may write them, unchecked).
        for person_pk in (keep_pk, other_pk):
            s.add(
                EmailRow(
                    person_id=person_pk,
                    value="shared@example.com",
                    normalized="shared@example.com",
                    label="",
                    position=5,
                )
            )
            s.add(AddressRow(person_id=person_pk, label="home", locality="Berlin", country="DE"))
        s.add(AddressRow(person_id=other_pk, label="work", locality="Paris", country="FR"))
        s.add(
            PersonIdentityRow(
                owner_id=tx.owner_id,
                person_id=other_pk,
                system="vcard",
                key="urn:uuid:bob",
                fingerprint="f",
            )
        )
        s.add(RelatedNameRow(person_id=other_pk, name="Jane Smith", label="spouse"))
        s.add(RelatedNameRow(person_id=keep_pk, name="Jane Smith", label="spouse"))
        s.add(PhotoRow(person_id=other_pk, uri="data:image/png;base64,AAAA"))
        s.add(ExtraPropertyRow(person_id=other_pk, name="X-SHOE-SIZE", value="44"))
        for person_pk, related_pk, kind in [
            (keep_pk, ana_pk, "colleague"),
            (other_pk, ana_pk, "colleague"),  # KEEP has it: kept once
            (ana_pk, other_pk, "introduced-by"),  # re-pointed to KEEP
            (other_pk, keep_pk, "sibling"),  # between the two: dropped
        ]:
            s.add(
                RelationshipRow(
                    owner_id=tx.owner_id,
                    person_id=person_pk,
                    other_id=related_pk,
                    kind=kind,
                    note="",
                    created_at=clock(),
                )
            )
        s.add(
            SnoozeRow(
                owner_id=tx.owner_id,
                item_key=f"check-in:{other}:2026-11-20",
                until=clock().date(),
                dismissed=False,
            )
        )
    log_interaction(
        ctx,
        [keep],
        LogInput(note="call about bees", channel="call", date="2026-10-01", gave=["advice:hives"]),
    )
    log_interaction(
        ctx,
        [other],
        LogInput(
            note="climbing",
            channel="in-person",
            date="2026-11-01",
            asked=["intro:to Globex CEO"],
            follow_up="2026-12-01: send the route",
        ),
    )
    log_interaction(
        ctx,
        [keep, other, ana],
        LogInput(note="dinner, the three of us", channel="in-person", gave=["intro:Ana"]),
    )
    add_event(ctx, "PyCon", on="2026-05-01", met=[other], saw=[keep])
    add_event(ctx, "Climbing gala", on="2026-06-01", saw=[other])
    add_milestone(ctx, keep, "work-anniversary", "2020-05-01")
    add_milestone(ctx, other, "work-anniversary", "2020-05-01", note="ten years soon")
    add_milestone(ctx, other, "move", "2026-09-01", once=True)
    return keep, other, ana


def test_merging_moves_everything_to_keep_once(ctx: Context, clock: FixedClock) -> None:
    keep, other, ana = _build(ctx, clock)
    before = show_person(ctx, other).person
    clock.advance(days=1)
    result = merge_people(ctx, keep, other)

    assert result.merged.id == other and result.merged.name == "Bob Smith"
    assert list(result.moved) == list(result.kept_once) == list(KINDS)
    assert {kind: count for kind, count in result.moved.items() if count} == {
        "emails": 1,
        "employments": 1,
        "events": 1,
        "exchanges": 1,
        "extra_properties": 1,
        "follow_ups": 1,
        "identities": 1,
        "interactions": 1,
        "interests": 1,
        "milestones": 1,
        "nicknames": 1,
        "phones": 1,
        "photos": 1,
        "relationships": 1,
        "addresses": 1,
        "tags": 1,
        "urls": 1,
    }
    assert {kind: count for kind, count in result.kept_once.items() if count} == {
        "addresses": 1,
        "emails": 1,
        "events": 1,
        "exchanges": 1,
        "interactions": 1,
        "interests": 1,
        "milestones": 1,
        "nicknames": 1,
        "phones": 1,
        "related_names": 1,
        "relationships": 1,
        "tags": 1,
        "urls": 1,
    }
    assert result.between == 1
    assert result.old_name == "Bob Smith"

    person = show_person(ctx, keep).person
    assert person.name == "Robert Smith"
    assert [e.value for e in person.emails] == [
        "rob@example.com",
        "shared@example.com",
        "bob@example.com",
    ]
    assert [p.value for p in person.phones] == ["+14155550100", "+14155550199"]
    assert [u.value for u in person.urls] == [
        "https://linkedin.com/in/robsmith",
        "https://github.com/bobsmith",
    ]
    assert person.nicknames == ("Robbie", "Bobby", "Bob Smith")
    assert person.tags == ("climber", "founder", "vip")
    assert person.interests == ("Chess", "Jazz")
    assert [(a.label, a.locality) for a in person.addresses] == [
        ("home", "Berlin"),
        ("work", "Paris"),
    ]
    assert [(j.organization, j.title, j.current) for j in person.employments] == [
        ("Acme", "CTO", True),
        ("Globex", "Advisor", False),
    ]
    assert person.birthday is not None and person.birthday.iso() == "1980-03-14"
    assert person.met_how == "PyCon; via Ana"
    assert person.notes == "Keeps bees.\n\nClimbs on Sundays."
    assert (person.circle, person.mode, person.cadence_days) == (
        Circle.INNER,
        Mode.PROFESSIONAL,
        14,
    )
    assert person.last_interaction_at == START  # the dinner, before the clock moved on
    assert person.created_at == before.created_at == START
    assert person.updated_at == clock()
    assert person.provenance["circle"] == "cli: add"

    # OTHER is gone; its old id and its old name now find KEEP.
    assert show_person(ctx, other).person.id == keep
    assert show_person(ctx, "Bob Smith").person.id == keep
    assert [p.name for p in list_people(ctx)] == ["Ana Ruiz", "Robert Smith"]

    keep_pk, ana_pk = _pk(ctx, keep), _pk(ctx, ana)
    with ctx.store.transaction() as tx:
        s = tx.session
        interactions = list(
            s.scalars(
                select(ParticipantRow.interaction_id).where(ParticipantRow.person_id == keep_pk)
            )
        )
        assert len(interactions) == len(set(interactions)) == 3
        dinner = tx.interactions.get(max(interactions))
        assert [p.name for p in dinner.people] == ["Ana Ruiz", "Robert Smith"]
        ledger = Counter(
            s.execute(
                select(ExchangeRow.direction, ExchangeRow.description).where(
                    ExchangeRow.person_id == keep_pk
                )
            )
        )
        assert ledger == {("gave", "hives"): 1, ("asked", "to Globex CEO"): 1, ("gave", "Ana"): 1}
        events = s.execute(
            select(EventAttendeeRow.met_there)
            .where(EventAttendeeRow.person_id == keep_pk)
            .order_by(EventAttendeeRow.event_id)
        ).scalars()
        assert list(events) == [True, False]  # first met at PyCon (as OTHER), then the gala
        milestones = s.execute(
            select(MilestoneRow.kind, MilestoneRow.note)
            .where(MilestoneRow.person_id == keep_pk)
            .order_by(MilestoneRow.kind)
        ).all()
        assert [tuple(m) for m in milestones] == [
            ("move", ""),
            ("work-anniversary", "ten years soon"),
        ]
        relationships = s.execute(
            select(
                RelationshipRow.person_id, RelationshipRow.other_id, RelationshipRow.kind
            ).order_by(RelationshipRow.kind)
        ).all()
        assert [tuple(r) for r in relationships] == [
            (keep_pk, ana_pk, "colleague"),
            (ana_pk, keep_pk, "introduced-by"),
        ]
        assert s.scalar(select(PersonIdentityRow.person_id)) == keep_pk
        assert s.scalar(select(PhotoRow.person_id)) == keep_pk
        assert s.scalar(select(ExtraPropertyRow.person_id)) == keep_pk
        assert s.scalar(select(func.count()).select_from(RelatedNameRow)) == 1
        assert list(s.scalars(select(SnoozeRow.item_key))) == [f"check-in:{keep}:2026-11-20"]
        assert (
            s.scalar(
                select(func.count())
                .select_from(FieldProvenanceRow)
                .where(
                    FieldProvenanceRow.person_id == keep_pk,
                    FieldProvenanceRow.field == "cadence_days",
                )
            )
            == 1
        )
        # Warmth: as if every interaction had been logged with KEEP alone.
        row = s.get_one(PersonRow, keep_pk)
        touches = s.execute(
            select(InteractionRow.occurred_at, InteractionRow.channel)
            .join(ParticipantRow, ParticipantRow.interaction_id == InteractionRow.id)
            .where(ParticipantRow.person_id == keep_pk)
        )
        heat, as_of = rules.heat_of((at, Channel(channel)) for at, channel in touches)
        assert (row.warmth_heat, row.warmth_as_of) == (pytest.approx(heat), as_of)
        record = s.scalars(select(MergeRow)).one()
        assert (record.kept_person_id, record.merged_uid, record.merged_at) == (
            keep_pk,
            other,
            clock(),
        )
        snapshot = json.loads(record.snapshot)
        assert snapshot["person"]["name"] == "Bob Smith"
        assert snapshot["person"]["emails"][0]["value"] == "bob@example.com"
        assert snapshot["rows"]["person_photos.person_id"][0]["uri"].startswith("data:")
        assert len(snapshot["rows"]["interaction_participants.person_id"]) == 2
        assert snapshot["rows"]["people"][0]["notes"] == "Climbs on Sundays."

    listed = {p.name: p.warmth for p in list_people(ctx)}
    assert listed["Robert Smith"] == show_person(ctx, keep).warmth.score
    [follow_up] = list_follow_ups(ctx)
    assert follow_up.person is not None and follow_up.person.id == keep
    assert [p.id for p in search(ctx, "Globex").people] == [keep]
    assert [p.id for p in search(ctx, "bob@example.com").people] == [keep]


def test_merging_someone_with_themself_is_refused(ctx: Context) -> None:
    ana = add_person(ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"]))
    with pytest.raises(InvalidInput, match="both Ana Ruiz"):
        merge_people(ctx, "ana", "ana@example.com")
    assert show_person(ctx, ana.id).person == ana


def test_an_ambiguous_reference_is_the_usual_error(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Sam Lee", emails=["sam1@example.com"]))
    add_person(ctx, PersonInput(name="Sam Lee", emails=["sam2@example.com"]))
    add_person(ctx, PersonInput(name="Bo Chen"))
    with pytest.raises(Ambiguous):
        merge_people(ctx, "Sam Lee", "Bo Chen")
    merge_people(ctx, "sam1@example.com", "sam2@example.com")
    assert [e.value for e in show_person(ctx, "Sam Lee").person.emails] == [
        "sam1@example.com",
        "sam2@example.com",
    ]


def test_a_chain_of_merges_points_every_record_at_the_survivor(ctx: Context) -> None:
    first = add_person(ctx, PersonInput(name="Ana Ruiz", emails=["a@example.com"]))
    second = add_person(ctx, PersonInput(name="Ana R.", emails=["b@example.com"]))
    third = add_person(ctx, PersonInput(name="A. Ruiz", emails=["c@example.com"]))
    merge_people(ctx, second.id, third.id)
    merge_people(ctx, first.id, second.id)
    first_pk = _pk(ctx, first.id)
    with ctx.store.transaction() as tx:
        records = tx.session.execute(select(MergeRow.merged_uid, MergeRow.kept_person_id)).all()
    assert sorted(tuple(r) for r in records) == sorted(
        [(second.id, first_pk), (third.id, first_pk)]
    )
    assert show_person(ctx, "A. Ruiz").person.id == first.id
    with ctx.store.transaction() as tx:
        merges = MergeRepository(tx.session, tx.owner_id, tx.people)
        assert merges.merged_into(third.id[:8]) == merges.merged_into(second.id) == first_pk
        assert merges.merged_into(first.id) is None
        assert merges.merged_into("Ana Ruiz") is None


def test_candidates_come_from_every_blocking_key(ctx: Context) -> None:
    people = {
        name: add_person(ctx, PersonInput(name=name, **fields)).id
        for name, fields in [
            ("Robert Smith", {"company": "Acme"}),
            ("Bob Smith", {"company": "Acme"}),
            ("Sam Lee", {}),
            ("Sam Lee ", {"emails": ["sam@example.com"]}),
            ("Ana Ruiz", {"phones": ["+1 415 555 0100"]}),
            ("Ana Ruiz-Díaz", {"phones": ["415 555 0100"]}),
            ("Chen Wei", {"urls": ["https://www.linkedin.com/in/chenwei"]}),
            ("Wei Chen", {"urls": ["linkedin.com/in/chenwei/"]}),
            ("J. Okafor", {"company": "Globex"}),
            ("John Okafor", {"company": "Globex"}),
            ("Katarina Novak", {"company": "Initech"}),
            ("Katarine Novak", {"company": "Initech"}),
            ("Bo Chen", {"company": "Acme"}),
        ]
    }
    with ctx.store.transaction() as tx:  # an e-mail two people have, as an import may write
        for name in ("Bo Chen", "Robert Smith"):
            tx.session.add(
                EmailRow(
                    person_id=tx.people.resolve(people[name]),
                    value="x@ex.com",
                    normalized="x@ex.com",
                    label="",
                )
            )
    found = {
        frozenset(p.name for p in pair.people): (pair.score, pair.reasons)
        for pair in find_duplicates(ctx)
    }
    assert found == {
        frozenset({"Robert Smith", "Bob Smith"}): (
            74,
            ("Bob is a nickname of Robert and same company Acme",),
        ),
        frozenset({"Sam Lee"}): (40, ("same name",)),
        frozenset({"Ana Ruiz", "Ana Ruiz-Díaz"}): (80, ("same phone +14155550100",)),
        frozenset({"Chen Wei", "Wei Chen"}): (
            94,
            ("same LinkedIn profile", "same name in another order"),
        ),
        frozenset({"J. Okafor", "John Okafor"}): (
            70,
            ("J. may stand for John and same company Globex",),
        ),
        frozenset({"Katarina Novak", "Katarine Novak"}): (
            68,
            ("similar name (88%) and same company Initech",),
        ),
        frozenset({"Bo Chen", "Robert Smith"}): (
            45,
            ("same e-mail x@ex.com", "but different names (Robert Smith, Bo Chen)"),
        ),
    }


@sqlite_only
def test_a_merged_pair_is_no_longer_a_candidate_and_other_accounts_are_apart(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Sam Lee", emails=["sam@example.com"]))
    add_person(ctx, PersonInput(name="Sam Lee"))
    other_account = Store.open(ctx.settings.database_url, now=START, account="someone-else")
    try:
        theirs = Context(store=other_account, settings=ctx.settings, clock=clock)
        add_person(theirs, PersonInput(name="Sam Lee", emails=["sam@example.com"]))
        assert find_duplicates(theirs) == []
        [pair] = find_duplicates(ctx)
        merge_people(ctx, *(p.id for p in pair.people))
        assert find_duplicates(ctx) == []
        assert len(list_people(theirs)) == 1
    finally:
        other_account.close()


def test_a_merged_persons_old_id_finds_who_they_became(ctx: Context) -> None:
    keep = add_person(ctx, PersonInput(name="Robert Smith", emails=["rob@example.com"]))
    other = add_person(ctx, PersonInput(name="Bob Smith", emails=["bob@example.com"]))
    merge_people(ctx, keep.id, other.id)
    assert show_person(ctx, other.id).person.id == keep.id
    assert show_person(ctx, other.id[:10]).person.id == keep.id


def test_a_job_known_with_and_without_its_title_is_one_job(ctx: Context) -> None:
    keep = add_person(ctx, PersonInput(name="Ana Ruiz", company="Stripe"))
    other = add_person(ctx, PersonInput(name="Ana R.", company="Stripe", title="Product Manager"))
    merge_people(ctx, keep.id, other.id)
    jobs = show_person(ctx, keep.id).person.employments
    assert [(job.organization, job.title, job.current) for job in jobs] == [
        ("Stripe", "Product Manager", True)
    ]

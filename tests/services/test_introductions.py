"""Introduction suggestions and recorded introductions, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from kithkin.core.log_entry import LogInput
from kithkin.core.network.intros import Intro
from kithkin.core.person_changes import PersonInput
from kithkin.errors import InvalidInput, NotFound
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.duplicates import merge_people
from kithkin.services.introductions import introduce, intros
from kithkin.services.network import link
from kithkin.store.tables import (
    AddressRow,
    EmploymentRow,
    ExchangeRow,
    InteractionRow,
    OrganizationRow,
    ParticipantRow,
    PersonRow,
    RelationshipRow,
)


def _add(ctx: Context, name: str, **fields: object) -> str:
    raw = PersonInput(name=name, circle=str(fields.pop("circle", "key")), **fields)  # type: ignore[arg-type]
    return add_person(ctx, raw).id


def _pairs(found: list[Intro]) -> set[frozenset[str]]:
    return {frozenset(ref.name for ref in intro.people) for intro in found}


def _counts(ctx: Context) -> tuple[int, ...]:
    with ctx.store.transaction() as tx:
        return tuple(
            int(tx.session.scalar(select(func.count()).select_from(table)) or 0)
            for table in (InteractionRow, ParticipantRow, ExchangeRow, RelationshipRow)
        )


@pytest.fixture
def hiring(ctx: Context) -> dict[str, str]:
    return {
        "ana": _add(
            ctx,
            "Ana Ruiz",
            tags=["hiring"],
            notes="Hiring engineers in Berlin.",
            interests=["Climbing", "jazz"],
        ),
        "sam": _add(ctx, "Sam Lee", tags=["open to work"], interests=["climbing"]),
        "bea": _add(ctx, "Bea Chu", notes="Raising a seed round", interests=["Jazz"]),
        "dan": _add(ctx, "Dan Ode", title="Angel investor", circle="inner"),
        "eve": _add(ctx, "Eve Fox", tags=["open to work"], circle="network"),  # not known well
    }


def test_intros_are_found_with_the_reason(ctx: Context, hiring: dict[str, str]) -> None:
    found = intros(ctx, 5)
    first = found[0]
    assert {ref.name for ref in first.people} == {"Ana Ruiz", "Sam Lee"}
    assert first.reason == (
        "Ana Ruiz is hiring engineers and Sam Lee is looking for work; both into Climbing."
    )
    assert first.needs == ("hiring/job-seeking",)
    assert {ref.id for ref in first.people} == {hiring["ana"], hiring["sam"]}
    assert frozenset({"Dan Ode", "Bea Chu"}) in _pairs(found)
    assert not any("Eve Fox" in pair for pair in _pairs(found))  # the user barely knows Eve


def test_industry_and_city_are_read_from_jobs_and_addresses(ctx: Context) -> None:
    _add(ctx, "Ana Ruiz", company="Northwind")
    _add(ctx, "Sam Lee", company="Globex")
    with ctx.store.transaction() as tx:
        tx.session.execute(update(OrganizationRow).values(industry="Fintech"))
        for pk in tx.session.scalars(select(PersonRow.id)):
            tx.session.add(AddressRow(person_id=pk, locality="Berlin", country="DE"))
    (found,) = intros(ctx, 5)
    assert found.shared.industry == "Fintech" and found.shared.city == "Berlin"
    assert found.reasons == ("both work in Fintech", "both in Berlin")
    with ctx.store.transaction() as tx:  # a past job's industry does not count
        tx.session.execute(update(EmploymentRow).values(is_current=False))
    assert intros(ctx, 5) == []


def test_not_suggested_once_linked(ctx: Context, hiring: dict[str, str]) -> None:
    link(ctx, hiring["ana"], hiring["sam"], "friend")
    assert frozenset({"Ana Ruiz", "Sam Lee"}) not in _pairs(intros(ctx, 5))


def test_not_suggested_once_logged_together(ctx: Context, hiring: dict[str, str]) -> None:
    log_interaction(ctx, [hiring["ana"], hiring["sam"]], LogInput(note="Dinner, all three"))
    found = _pairs(intros(ctx, 5))
    assert frozenset({"Ana Ruiz", "Sam Lee"}) not in found
    assert frozenset({"Dan Ode", "Bea Chu"}) in found


def test_a_person_and_their_duplicate_are_never_suggested(ctx: Context) -> None:
    ana = _add(ctx, "Ana Ruiz", tags=["hiring"], phones=["+1 415 555 0100"])
    twin = _add(ctx, "A. Ruiz", tags=["open to work"], phones=["(415) 555-0100"])
    same_name = _add(ctx, "ana ruiz", tags=["open to work"])
    assert intros(ctx, 5) == []  # the only answered need is between possible duplicates
    merge_people(ctx, ana, twin)
    merge_people(ctx, ana, same_name)
    assert intros(ctx, 5) == []


def test_after_a_merge_the_merged_person_never_appears(ctx: Context) -> None:
    ana = _add(ctx, "Ana Ruiz", tags=["hiring"])
    sam = _add(ctx, "Sam Lee", tags=["open to work"])
    old_sam = _add(ctx, "Samuel Lee", tags=["open to work"], interests=["chess"])
    _add(ctx, "Bo Chen", interests=["Chess"])
    before = {ref.id for intro in intros(ctx, 10) for ref in intro.people}
    assert old_sam in before
    merge_people(ctx, sam, old_sam)
    found = intros(ctx, 10)
    assert old_sam not in {ref.id for intro in found for ref in intro.people}
    assert frozenset({"Ana Ruiz", "Sam Lee"}) in _pairs(found)
    assert frozenset({"Sam Lee", "Bo Chen"}) in _pairs(found)  # Samuel's interest came along
    assert ana in {ref.id for intro in found for ref in intro.people}


def test_introduce_records_everything_and_the_pair_is_no_longer_suggested(
    ctx: Context, hiring: dict[str, str]
) -> None:
    assert frozenset({"Ana Ruiz", "Sam Lee"}) in _pairs(intros(ctx, 5))
    made = introduce(
        ctx,
        "Ana Ruiz",
        hiring["sam"],
        "Emailed both about the role",
        date="2026-11-19",
        channel="email",
    )
    interaction = made.interaction
    assert {ref.name for ref in interaction.people} == {"Ana Ruiz", "Sam Lee"}
    assert interaction.note == "Emailed both about the role"
    assert interaction.purpose is not None and interaction.purpose.value == "networking"
    assert interaction.channel.value == "email"
    assert [(e.direction.value, e.kind.value, e.person.name) for e in interaction.exchanges] == [
        ("gave", "intro", "Ana Ruiz"),
        ("gave", "intro", "Sam Lee"),
    ]
    assert {e.text for e in interaction.exchanges} == {"Ana Ruiz and Sam Lee"}
    assert made.link.created and made.link.kind.value == "knows"
    assert made.link.since == "2026-11-19"
    assert made.link.note == "introduced by you on 2026-11-19"
    assert _counts(ctx) == (1, 2, 2, 1)
    assert frozenset({"Ana Ruiz", "Sam Lee"}) not in _pairs(intros(ctx, 5))


def test_introducing_people_already_linked_keeps_the_link_as_it_was(
    ctx: Context, hiring: dict[str, str]
) -> None:
    link(ctx, hiring["ana"], hiring["sam"], "knows", since="2019", note="climbing partners")
    made = introduce(ctx, hiring["ana"], hiring["sam"], "Reintroduced them", purpose="both")
    assert not made.link.created
    assert (made.link.since, made.link.note) == ("2019", "climbing partners")
    assert made.interaction.purpose is not None and made.interaction.purpose.value == "both"
    assert _counts(ctx) == (1, 2, 2, 1)


@pytest.mark.parametrize(
    ("people", "note", "options", "error"),
    [
        (("Ana Ruiz", "Ana Ruiz"), "hello", {}, InvalidInput),
        (("Ana Ruiz", "Nobody Here"), "hello", {}, NotFound),
        (("Ana Ruiz", "Sam Lee"), "   ", {}, InvalidInput),
        (("Ana Ruiz", "Sam Lee"), "hello", {"date": "2027-01-01"}, InvalidInput),
        (("Ana Ruiz", "Sam Lee"), "hello", {"channel": "pigeon"}, InvalidInput),
    ],
)
def test_errors_write_nothing(
    ctx: Context,
    hiring: dict[str, str],
    people: tuple[str, str],
    note: str,
    options: dict[str, str],
    error: type[Exception],
) -> None:
    version = ctx.store.data_version()
    with pytest.raises(error):
        introduce(ctx, *people, note, **options)  # type: ignore[arg-type]
    assert _counts(ctx) == (0, 0, 0, 0)
    assert ctx.store.data_version() == version


def test_intros_are_cached_until_the_data_changes(ctx: Context, hiring: dict[str, str]) -> None:
    first = intros(ctx, 5)
    assert intros(ctx, 5) is first
    introduce(ctx, hiring["dan"], hiring["bea"], "Sent Bea's deck to Dan")
    again = intros(ctx, 5)
    assert again is not first
    assert frozenset({"Dan Ode", "Bea Chu"}) not in _pairs(again)
    with pytest.raises(InvalidInput):
        intros(ctx, 0)


def test_nothing_to_suggest(ctx: Context) -> None:
    assert intros(ctx, 5) == []
    _add(ctx, "Ana Ruiz", tags=["hiring"])
    assert intros(ctx, 5) == []

"""PERSON is an id, a unique id prefix, an e-mail, a name or a nickname; never a guess."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from kithkin.core.person_changes import PersonInput
from kithkin.errors import Ambiguous, NotFound
from kithkin.services import Context, add_person, show_person
from kithkin.store.tables import PersonRow


@pytest.fixture
def ana_id(ctx: Context) -> str:
    person = add_person(
        ctx,
        PersonInput(name="Ana María Ruiz", emails=["ana@example.com"], nicknames=["Annie"]),
    )
    add_person(ctx, PersonInput(name="Bo Chen", emails=["bo@initech.example"]))
    add_person(ctx, PersonInput(name="Anabel Ortiz"))
    return person.id


def test_every_kind_of_reference_finds_the_person(ctx: Context, ana_id: str) -> None:
    references = [
        ana_id,
        ana_id[:8],
        ana_id.upper(),
        "ana@example.com",
        " ANA@Example.COM ",
        "Ana María Ruiz",
        "ana  maría   ruiz",
        "Annie",
        "annie",
        "ana ruiz",  # every word a prefix of a word of the name
        "ruiz",
        "ana m",
    ]
    found = {reference: show_person(ctx, reference).person.id for reference in references}
    assert found == dict.fromkeys(references, ana_id)


def test_an_ambiguous_reference_fails_and_lists_every_candidate(ctx: Context, ana_id: str) -> None:
    with pytest.raises(Ambiguous) as error:
        show_person(ctx, "ana")
    assert error.value.candidates == [
        f"Ana María Ruiz <ana@example.com> ({ana_id[:8]})",
        f"Anabel Ortiz ({_id(ctx, 'anabel')[:8]})",
    ]
    message = str(error.value)
    assert message.startswith("'ana' matches 2 people: ")
    assert "Use an id (or a longer id prefix) or an e-mail instead." in message


def test_an_exact_name_wins_over_people_whose_names_merely_start_with_it(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Sam"))
    add_person(ctx, PersonInput(name="Sam Lee"))
    add_person(ctx, PersonInput(name="Samantha Fox"))
    assert show_person(ctx, "sam").person.name == "Sam"


def test_two_people_with_the_same_name_are_ambiguous_but_their_emails_are_not(
    ctx: Context,
) -> None:
    one = add_person(ctx, PersonInput(name="Sam Lee", emails=["sam@one.example"]))
    add_person(ctx, PersonInput(name="Sam Lee", emails=["sam@two.example"]))
    with pytest.raises(Ambiguous, match="matches 2 people"):
        show_person(ctx, "Sam Lee")
    assert show_person(ctx, "sam@one.example").person.id == one.id


def test_a_name_that_looks_like_an_id_prefix_is_ambiguous_rather_than_a_guess(
    ctx: Context,
) -> None:
    cece = add_person(ctx, PersonInput(name="Cece"))
    other = add_person(ctx, PersonInput(name="Dana Park"))
    with ctx.store.transaction() as tx:  # make Dana's id start with "cece"
        tx.session.execute(
            update(PersonRow).where(PersonRow.uid == other.id).values(uid="cece" + other.id[4:])
        )
    with pytest.raises(Ambiguous) as error:
        show_person(ctx, "Cece")
    assert len(error.value.candidates) == 2
    assert show_person(ctx, "cece" + other.id[4:8]).person.name == "Dana Park"
    assert show_person(ctx, cece.id).person.name == "Cece"


def test_a_reference_that_matches_nobody_is_not_found(ctx: Context, ana_id: str) -> None:
    for reference in ["Nobody Here", "nobody@example.com", "ffffffff", "ana@example", "   "]:
        with pytest.raises(NotFound):
            show_person(ctx, reference)


def test_a_short_hex_fragment_is_read_as_a_name_not_an_id(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Abe Lincoln"))
    assert show_person(ctx, "abe").person.name == "Abe Lincoln"


def _id(ctx: Context, reference: str) -> str:
    return show_person(ctx, reference).person.id

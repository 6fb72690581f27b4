"""Full-text search (FTS5 on SQLite, tsvector on PostgreSQL) finds the same things on both."""

from __future__ import annotations

import pytest

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.errors import InvalidInput
from kithkin.services import (
    Context,
    add_person,
    edit_person,
    log_interaction,
    remove_person,
    search,
)


def names(ctx: Context, query: str) -> list[str]:
    return sorted(person.name for person in search(ctx, query).people)


def notes(ctx: Context, query: str) -> list[str]:
    return [interaction.note for interaction in search(ctx, query).interactions]


@pytest.fixture
def people(ctx: Context) -> Context:
    add_person(
        ctx,
        PersonInput(
            name="Ana Ruiz",
            emails=["ana.ruiz@example.com"],
            company="Globex Corporation",
            title="Head of Product",
            tags=["climbing"],
            interests=["Jazz"],
            nicknames=["Annie"],
            notes="Met at the Lisbon offsite",
        ),
    )
    add_person(ctx, PersonInput(name="Anders Berg", emails=["anders@bergmail.no"]))
    add_person(ctx, PersonInput(name="Bo Chen", company="Initech", tags=["investor"]))
    return ctx


FINDS = [
    ("an", ["Ana Ruiz", "Anders Berg"]),
    ("Ana", ["Ana Ruiz"]),
    ("ruiz", ["Ana Ruiz"]),
    ("RUI", ["Ana Ruiz"]),
    ("annie", ["Ana Ruiz"]),
    ("ana.ruiz@example.com", ["Ana Ruiz"]),
    ("ana.ruiz", ["Ana Ruiz"]),
    ("example", ["Ana Ruiz"]),
    ("anders@bergmail.no", ["Anders Berg"]),
    ("bergmail", ["Anders Berg"]),
    ("globex", ["Ana Ruiz"]),
    ("head of product", ["Ana Ruiz"]),
    ("climbing", ["Ana Ruiz"]),
    ("investor", ["Bo Chen"]),
    ("jazz", ["Ana Ruiz"]),
    ("lisbon", ["Ana Ruiz"]),
    ("ana globex", ["Ana Ruiz"]),  # every word must match
    ("ana initech", []),
    ("nobody", []),
    ("!!!", []),
]


def test_people_are_found_by_name_prefix_email_company_tag_and_notes(people: Context) -> None:
    # One database for every query: setting it up is the slow part.
    found = {query: names(people, query) for query, _expected in FINDS}
    assert found == dict(FINDS)


def test_interactions_are_found_by_the_words_of_their_notes_newest_first(people: Context) -> None:
    log_interaction(
        people, ["ana"], LogInput(note="Talked about Series A fundraising", date="2026-11-01")
    )
    log_interaction(people, ["bo"], LogInput(note="Fundraising dinner", date="2026-11-10"))
    log_interaction(people, ["bo"], LogInput(note="Board games night"))
    assert notes(people, "fundraising") == [
        "Fundraising dinner",
        "Talked about Series A fundraising",
    ]
    assert notes(people, "series fundrais") == ["Talked about Series A fundraising"]
    assert notes(people, "games") == ["Board games night"]
    assert notes(people, "offsite") == []  # a person's notes are not an interaction's
    assert [p.name for p in search(people, "board").interactions[0].people] == ["Bo Chen"]


def test_a_renamed_person_is_found_by_the_new_name_only(people: Context) -> None:
    edit_person(people, "bo", PersonInput(name="Bo Wang"))
    assert names(people, "chen") == []
    assert names(people, "wang") == ["Bo Wang"]


def test_a_removed_email_or_tag_is_no_longer_found(people: Context) -> None:
    edit_person(
        people,
        "ana",
        PersonInput(remove_emails=["ana.ruiz@example.com"], remove_tags=["climbing"]),
    )
    assert names(people, "example") == []
    assert names(people, "climbing") == []
    assert names(people, "globex") == ["Ana Ruiz"]


def test_a_deleted_person_and_their_own_interactions_are_no_longer_found(people: Context) -> None:
    log_interaction(people, ["ana"], LogInput(note="Coffee in Lisbon"))
    remove_person(people, "ana")
    assert names(people, "ana") == []
    assert names(people, "an") == ["Anders Berg"]
    assert names(people, "lisbon") == []
    assert notes(people, "coffee") == []


def test_an_empty_search_is_a_clear_error(people: Context) -> None:
    with pytest.raises(InvalidInput, match="search for something"):
        search(people, "   ")


def test_search_treats_query_syntax_as_plain_words(people: Context) -> None:
    for query in ['"ana', "ana OR bo", "ana*", "NEAR(ana bo)", "ana & bo | !x", "ana:*"]:
        search(people, query)  # no syntax error from FTS5 or to_tsquery
    assert names(people, "ana OR bo") == []


def test_accents_are_folded_on_both_backends(ctx: Context) -> None:
    jose = add_person(ctx, PersonInput(name="José Pérez", company="Société Générale"))
    add_person(ctx, PersonInput(name="Zoe Muller"))
    log_interaction(ctx, [jose.id], LogInput(note="Café in São Paulo about the Zürich move"))
    assert names(ctx, "perez") == ["José Pérez"]
    assert names(ctx, "PÉREZ") == ["José Pérez"]
    assert names(ctx, "societe gen") == ["José Pérez"]
    assert names(ctx, "zoë müller") == ["Zoe Muller"]  # folded in the query too
    assert notes(ctx, "cafe sao zurich") == ["Café in São Paulo about the Zürich move"]


def test_the_query_folds_accents_with_the_map_the_migration_froze() -> None:
    """Migration 0011 wrote the map into PostgreSQL's generated columns; the store folds a
    query with the map computed from Unicode's decompositions: they must agree."""
    import importlib.util
    from pathlib import Path

    import kithkin.store.migrations as migrations
    from kithkin.store import search as store_search

    path = Path(migrations.__file__).parent / "versions" / "0011_folded_search.py"
    spec = importlib.util.spec_from_file_location("folded_search", path)
    assert spec is not None and spec.loader is not None
    frozen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(frozen)
    assert (frozen.ACCENTED, frozen.PLAIN) == (store_search.ACCENTED, store_search.PLAIN)
    assert "é" in frozen.ACCENTED and len(frozen.ACCENTED) == len(frozen.PLAIN)

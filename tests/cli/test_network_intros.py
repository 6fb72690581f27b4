"""kithkin intros / introduce, end to end on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.conftest import Cli
from tests.helpers import assert_clean_error

INTRO_KEYS = {"people", "score", "reason", "reasons", "shared", "needs"}


def _people(kithkin: Cli) -> dict[str, str]:
    ids = {}
    for name, *options in [
        ("Ana Ruiz", "--tag", "hiring", "--notes", "Hiring engineers", "--interest", "climbing"),
        ("Sam Lee", "--tag", "open to work", "--interest", "Climbing"),
        ("Bea Chu", "--notes", "looking for a cofounder"),
        ("Cy Park", "--tag", "looking for a co-founder"),
    ]:
        ids[name] = kithkin.json("add", name, "--circle", "key", *options)["id"]
    return ids


def _pairs(data: Any) -> set[frozenset[str]]:
    return {frozenset(p["name"] for p in intro["people"]) for intro in data["intros"]}


def test_intros_then_introduce_then_no_longer_suggested(kithkin: Cli) -> None:
    ids = _people(kithkin)
    data = kithkin.json("intros")
    first = data["intros"][0]
    assert set(first) == INTRO_KEYS
    assert first["people"] == [
        {"id": ids["Ana Ruiz"], "name": "Ana Ruiz"},
        {"id": ids["Sam Lee"], "name": "Sam Lee"},
    ]
    assert first["reasons"][0] == "Ana Ruiz is hiring engineers and Sam Lee is looking for work"
    assert first["needs"] == ["hiring/job-seeking"]
    assert first["shared"] == {"interests": ["climbing"], "industry": None, "city": None}
    assert frozenset({"Bea Chu", "Cy Park"}) in _pairs(data)
    assert len(kithkin.json("intros", "--limit", "1")["intros"]) == 1

    shown = kithkin.ok("intros").stdout
    assert "Ana Ruiz ↔ Sam Lee" in shown and "is hiring engineers" in shown

    made = kithkin.json(
        "introduce",
        "Ana",
        "Sam Lee",
        "-m",
        "Emailed both",
        "--date",
        "2026-11-18",
        "--channel",
        "email",
    )
    assert made["note"] == "Emailed both" and made["purpose"] == "networking"
    assert made["channel"] == "email" and made["at"].startswith("2026-11-18")
    assert [(e["direction"], e["kind"]) for e in made["exchanges"]] == [("gave", "intro")] * 2
    assert made["link"] == {
        "person": {"id": ids["Ana Ruiz"], "name": "Ana Ruiz"},
        "other": {"id": ids["Sam Lee"], "name": "Sam Lee"},
        "kind": "knows",
        "since": "2026-11-18",
        "until": None,
        "note": "introduced by you on 2026-11-18",
        "created": True,
    }
    assert frozenset({"Ana Ruiz", "Sam Lee"}) not in _pairs(kithkin.json("intros"))
    ledger = kithkin.json("ledger")
    assert ledger["overall"]["gave"] == 2
    assert {(p["name"], p["gave"]) for p in ledger["people"]} == {("Ana Ruiz", 1), ("Sam Lee", 1)}
    (entry,) = kithkin.json("ledger", "Sam Lee")["entries"]
    assert (entry["direction"], entry["kind"], entry["text"]) == (
        "gave",
        "intro",
        "Ana Ruiz and Sam Lee",
    )

    said = kithkin.ok("introduce", "Bea", "Cy", "-m", "Coffee for the three of us").stdout
    assert "Introduced Bea Chu and Cy Park" in said and "Linked Bea Chu and Cy Park" in said
    assert kithkin.json("intros") == {"intros": []}
    assert "No introductions to suggest" in kithkin.ok("intros").stdout


def test_linked_people_and_merged_duplicates_are_not_suggested(kithkin: Cli) -> None:
    ids = _people(kithkin)
    kithkin.ok("link", "Bea Chu", "Cy Park", "--kind", "friend")
    assert frozenset({"Bea Chu", "Cy Park"}) not in _pairs(kithkin.json("intros"))
    twin = kithkin.json("add", "Samuel Lee", "--circle", "key", "--tag", "hiring")["id"]
    kithkin.ok("edit", twin, "--phone", "+1 415 555 0100")
    kithkin.ok("edit", "Sam Lee", "--phone", "(415) 555-0100")
    pairs = _pairs(kithkin.json("intros", "--limit", "20"))
    assert frozenset({"Samuel Lee", "Sam Lee"}) not in pairs  # one person, twice?
    kithkin.ok("merge", ids["Sam Lee"], twin)
    found = kithkin.json("intros", "--limit", "20")
    assert twin not in {p["id"] for intro in found["intros"] for p in intro["people"]}
    assert frozenset({"Ana Ruiz", "Sam Lee"}) in _pairs(found)


def test_introduce_errors_write_nothing(kithkin: Cli) -> None:
    _people(kithkin)
    assert_clean_error(kithkin("introduce", "Ana", "Ana Ruiz", "-m", "hi"), "themselves")
    assert_clean_error(kithkin("introduce", "Ana", "Nobody", "-m", "hi"))
    assert_clean_error(kithkin("introduce", "Ana", "Sam Lee", "-m", "  "), "-m NOTE")
    assert_clean_error(kithkin("introduce", "Ana", "Sam Lee"), "-m NOTE")
    assert_clean_error(
        kithkin("introduce", "Ana", "Sam Lee", "-m", "hi", "--date", "2030-01-01"), "future"
    )
    assert kithkin.json("ledger")["overall"]["gave"] == 0
    assert kithkin.json("link", "Ana", "Sam Lee")["created"]  # no relationship was left

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.conftest import Cli, FixedClock
from tests.helpers import assert_clean_error, sqlite_only

PERSON_KEYS = {
    "id",
    "name",
    "given_name",
    "family_name",
    "emails",
    "phones",
    "organization",
    "title",
    "birthday",
    "circle",
    "mode",
    "tags",
    "interests",
    "urls",
    "last_interaction_at",
}
SUMMARY_KEYS = {
    "id",
    "name",
    "organization",
    "title",
    "circle",
    "mode",
    "tags",
    "last_interaction_at",
}


def test_add_then_show_returns_the_contract_fields(kithkin: Cli) -> None:
    added = kithkin.json(
        "add",
        "Ana Ruiz",
        "--email",
        "Ana@Example.com",
        "--email",
        "ana@stripe.example",
        "--phone",
        "+1 415 555 0134",
        "--phone",
        "ext 12",
        "--company",
        "Stripe",
        "--title",
        "PM",
        "--circle",
        "key",
        "--mode",
        "professional",
        "--tag",
        "Founder",
        "--tag",
        "vip",
        "--interest",
        "climbing",
        "--birthday",
        "--03-14",
        "--met-at",
        "PyCon 2024",
    )
    shown = kithkin.json("show", "ana")
    assert set(shown) >= PERSON_KEYS
    assert shown["id"] == added["id"]
    assert shown["name"] == "Ana Ruiz"
    assert (shown["given_name"], shown["family_name"]) == ("Ana", "Ruiz")
    assert shown["emails"] == [
        {"value": "ana@example.com", "label": ""},
        {"value": "ana@stripe.example", "label": ""},
    ]
    assert shown["phones"] == [
        {"value": "+14155550134", "raw": "+1 415 555 0134", "label": ""},
        {"value": "ext 12", "raw": "ext 12", "label": ""},
    ]
    assert (shown["organization"], shown["title"]) == ("Stripe", "PM")
    assert shown["birthday"] == "--03-14"
    assert (shown["circle"], shown["mode"]) == ("key", "professional")
    assert shown["tags"] == ["founder", "vip"]
    assert shown["interests"] == ["climbing"]
    assert shown["urls"] == []
    assert shown["met_how"] == "PyCon 2024"
    assert shown["last_interaction_at"] is None
    assert shown["cadence_days_effective"] == 30
    assert shown["warmth"]["score"] == 0
    assert shown["warmth"]["explanation"] == "cold: no interactions yet"
    del shown["cadence_days_effective"], shown["warmth"]
    assert added == shown


def test_a_full_birthday_and_urls_are_shown_as_given(kithkin: Cli) -> None:
    shown = kithkin.json(
        "add", "Bo Chen", "--birthday", "1988-02-29", "--url", "linkedin.com/in/bochen"
    )
    assert shown["birthday"] == "1988-02-29"
    assert shown["urls"] == [{"value": "https://linkedin.com/in/bochen", "label": "linkedin"}]


@sqlite_only
def test_show_prints_a_readable_card(kithkin: Cli) -> None:
    kithkin.ok(
        "add", "Ana Ruiz", "--email", "ana@example.com", "--company", "Stripe", "--title", "PM"
    )
    kithkin.ok("edit", "ana", "--company", "Globex", "--title", "Director")
    out = kithkin.ok("show", "ana").stdout
    assert "Ana Ruiz" in out
    assert "Director at Globex" in out
    assert "PM at Stripe (until 2026-11-20)" in out
    assert "ana@example.com" in out
    assert "network, every 90 days" in out
    assert "last contact  never" in out


def test_people_lists_everyone_by_name_and_filters(kithkin: Cli) -> None:
    assert "No people yet" in kithkin.ok("people").stdout
    assert kithkin.json("people") == []
    kithkin.ok("add", "Cy Park", "--circle", "key", "--tag", "vip", "--mode", "personal")
    kithkin.ok("add", "Ana Ruiz", "--circle", "key", "--company", "Stripe", "--title", "PM")
    kithkin.ok("add", "Bo Chen", "--tag", "VIP")
    listed = kithkin.json("people")
    assert [p["name"] for p in listed] == ["Ana Ruiz", "Bo Chen", "Cy Park"]
    assert all(set(p) >= SUMMARY_KEYS for p in listed)
    assert (listed[0]["organization"], listed[0]["title"]) == ("Stripe", "PM")
    assert [p["name"] for p in kithkin.json("people", "--circle", "key")] == ["Ana Ruiz", "Cy Park"]
    assert [p["name"] for p in kithkin.json("people", "--tag", "vip")] == ["Bo Chen", "Cy Park"]
    assert [p["name"] for p in kithkin.json("people", "--mode", "personal")] == ["Cy Park"]
    assert [p["name"] for p in kithkin.json("people", "--limit", "1")] == ["Ana Ruiz"]
    table = kithkin.ok("people").stdout
    assert "PM at Stripe" in table and "3 people" in table


def test_edit_changes_the_name_and_removes_what_is_asked(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz", "--email", "ana@example.com", "--tag", "vip", "--phone", "ext 12")
    edited = kithkin.json(
        "edit",
        "ana@example.com",
        "--name",
        "Ana Costa",
        "--remove-tag",
        "vip",
        "--remove-phone",
        "ext 12",
        "--nickname",
        "Annie",
        "--tag",
        "friend",
    )
    assert edited["name"] == "Ana Costa" and edited["family_name"] == "Costa"
    assert (edited["tags"], edited["phones"], edited["nicknames"]) == (["friend"], [], ["Annie"])
    assert kithkin.json("show", "annie")["id"] == edited["id"]


def test_edit_keeps_the_job_history_when_the_company_changes(
    kithkin: Cli, clock: FixedClock
) -> None:
    kithkin.ok("add", "Ana Ruiz", "--company", "Stripe", "--title", "PM")
    clock.advance(days=40)
    edited = kithkin.json("edit", "ana", "--company", "Globex", "--title", "Head of Product")
    assert (edited["organization"], edited["title"]) == ("Globex", "Head of Product")
    assert edited["employments"] == [
        {
            "organization": "Globex",
            "title": "Head of Product",
            "start": "2026-12-30",
            "end": None,
            "current": True,
        },
        {
            "organization": "Stripe",
            "title": "PM",
            "start": None,
            "end": "2026-12-30",
            "current": False,
        },
    ]


def test_edit_can_end_the_current_job_and_drop_an_own_cadence(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz", "--company", "Stripe", "--cadence", "10")
    edited = kithkin.json("edit", "ana", "--no-company", "--reset-cadence")
    assert (edited["organization"], edited["cadence_days"]) == ("", None)
    assert [job["current"] for job in edited["employments"]] == [False]
    both = kithkin("edit", "ana", "--no-company", "--company", "Globex")
    assert both.exit_code != 0 and "leave their job and take a new one" in both.stderr


def test_people_are_referred_to_by_id_prefix_email_nickname_or_name(kithkin: Cli) -> None:
    ana = kithkin.json("add", "Ana Ruiz", "--email", "ana@example.com", "--nickname", "Annie")
    kithkin.ok("add", "Bo Chen")
    for reference in (ana["id"], ana["id"][:8], "ANA@example.com", "annie", "Ana Ruiz", "ruiz"):
        assert kithkin.json("show", reference)["id"] == ana["id"], reference


def test_an_ambiguous_name_fails_and_lists_the_candidates(kithkin: Cli) -> None:
    kithkin.ok("add", "Sam Lee", "--email", "sam@one.example")
    kithkin.ok("add", "Sam Lee", "--email", "sam@two.example")
    for command in (("show", "Sam"), ("edit", "sam", "--title", "CTO"), ("rm", "sam", "--yes")):
        message = assert_clean_error(kithkin(*command), "matches 2 people")
        assert "sam@one.example" in message and "sam@two.example" in message
    assert [p["title"] for p in kithkin.json("people")] == ["", ""]


@sqlite_only
def test_an_unknown_person_is_a_clear_error(kithkin: Cli) -> None:
    for command in (("show", "Nobody Here"), ("edit", "Nobody Here", "--title", "x")):
        assert_clean_error(kithkin(*command), "nobody matches 'Nobody Here'", "kithkin people")


INVALID = [
    (("--email", "ana@"), ("email", "'ana@' is not an e-mail address")),
    (("--email", "ana@example.com", "--email", "not-an-email"), ("email",)),
    (("--birthday", "1990-02-30"), ("birthday", "day 30 does not exist")),
    (("--birthday", "--02-30"), ("birthday",)),
    (("--birthday", "14/03/1990"), ("birthday", "expected YYYY-MM-DD")),
    (("--phone", "call me"), ("phone", "no digits")),
    (("--url", "not a url"), ("url",)),
    (("--cadence", "0"), ("cadence", "1 to 3650")),
    (("--tag", " "), ("tag", "empty")),
]


@sqlite_only
def test_invalid_values_are_one_clear_line_and_nothing_is_written(kithkin: Cli) -> None:
    kithkin.ok("add", "Bo Chen")
    before = kithkin.json("show", "bo")
    for options, words in INVALID:
        assert_clean_error(kithkin("add", "Ana Ruiz", *options), *words)
        assert_clean_error(kithkin("edit", "bo", "--title", "CTO", *options), *words)
    assert [p["name"] for p in kithkin.json("people")] == ["Bo Chen"]
    assert kithkin.json("show", "bo") == before


@sqlite_only
def test_a_taken_email_empty_name_or_empty_edit_is_refused(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz", "--email", "ana@example.com")
    assert_clean_error(
        kithkin("add", "Ana Two", "--email", "ANA@example.com"), "already belongs to Ana Ruiz"
    )
    assert_clean_error(kithkin("add", "   "), "needs a name")
    assert_clean_error(kithkin("edit", "ana"), "nothing to change")
    assert_clean_error(kithkin("edit", "ana", "--name", ""), "needs a name")
    assert [p["name"] for p in kithkin.json("people")] == ["Ana Ruiz"]


@sqlite_only
def test_rm_without_yes_and_without_a_terminal_refuses_and_keeps_the_person(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    assert_clean_error(kithkin("rm", "ana"), "cannot be undone", "--yes")
    assert [p["name"] for p in kithkin.json("people")] == ["Ana Ruiz"]


def test_rm_with_yes_deletes_and_reports_what_was_deleted(kithkin: Cli) -> None:
    ana = kithkin.json("add", "Ana Ruiz", "--email", "ana@example.com")
    kithkin.ok("add", "Bo Chen")
    deleted = kithkin.json("rm", ana["id"][:8], "--yes")
    assert deleted["deleted"]["id"] == ana["id"]
    assert deleted["deleted"]["emails"] == [{"value": "ana@example.com", "label": ""}]
    assert [p["name"] for p in kithkin.json("people")] == ["Bo Chen"]
    assert "Deleted Bo Chen" in kithkin.ok("rm", "bo", "--yes").stdout
    assert_clean_error(kithkin("show", "ana@example.com"), "nobody matches")


@sqlite_only
@pytest.mark.parametrize(("answer", "remaining"), [("n\n", ["Ana Ruiz"]), ("y\n", [])])
def test_rm_at_a_terminal_asks_first(
    kithkin: Cli, monkeypatch: pytest.MonkeyPatch, answer: str, remaining: list[str]
) -> None:
    kithkin.ok("add", "Ana Ruiz")
    terminal = SimpleNamespace(stdin=SimpleNamespace(isatty=lambda: True))
    monkeypatch.setattr("kithkin.cli.people.sys", terminal)
    result = kithkin("rm", "ana", input=answer)
    assert "Delete Ana Ruiz" in result.output and "for good?" in result.output
    assert result.exit_code == (1 if remaining else 0)
    assert [p["name"] for p in kithkin.json("people")] == remaining

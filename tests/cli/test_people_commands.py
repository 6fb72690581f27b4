from __future__ import annotations

from tests.conftest import Cli


def test_add_then_show_returns_the_contract_fields(kithkin: Cli) -> None:
    added = kithkin.json(
        "add",
        "Ana Ruiz",
        "--email",
        "Ana@Example.com",
        "--phone",
        "+1 415 555 0134",
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
        "--interest",
        "climbing",
        "--birthday",
        "--03-14",
        "--met-at",
        "PyCon 2024",
    )
    shown = kithkin.json("show", "ana")
    assert shown["id"] == added["id"]
    assert shown["name"] == "Ana Ruiz"
    assert (shown["given_name"], shown["family_name"]) == ("Ana", "Ruiz")
    assert shown["emails"] == [{"value": "ana@example.com", "label": ""}]
    assert shown["phones"] == [{"value": "+14155550134", "raw": "+1 415 555 0134", "label": ""}]
    assert (shown["organization"], shown["title"]) == ("Stripe", "PM")
    assert shown["birthday"] == "--03-14"
    assert (shown["circle"], shown["mode"]) == ("key", "professional")
    assert shown["tags"] == ["founder"]
    assert shown["interests"] == ["climbing"]
    assert shown["urls"] == []
    assert shown["last_interaction_at"] is None


def test_an_ambiguous_name_fails_and_lists_the_candidates(kithkin: Cli) -> None:
    kithkin.ok("add", "Sam Lee", "--email", "sam@one.example")
    kithkin.ok("add", "Sam Lee", "--email", "sam@two.example")
    result = kithkin("show", "Sam")
    assert result.exit_code == 1
    assert "sam@one.example" in result.stderr and "sam@two.example" in result.stderr
    assert "Traceback" not in result.output


def test_an_unknown_person_is_a_clear_error(kithkin: Cli) -> None:
    result = kithkin("show", "Nobody Here")
    assert result.exit_code == 1
    assert "nobody matches 'Nobody Here'" in result.stderr


def test_an_invalid_email_writes_nothing(kithkin: Cli) -> None:
    result = kithkin("add", "Ana Ruiz", "--email", "ana@")
    assert result.exit_code == 1
    assert "email" in result.stderr
    assert kithkin.json("people") == []


def test_an_invalid_birthday_writes_nothing(kithkin: Cli) -> None:
    result = kithkin("add", "Ana Ruiz", "--birthday", "1990-02-30")
    assert result.exit_code == 1
    assert "birthday" in result.stderr
    assert kithkin.json("people") == []

"""kithkin classify / retrain / edit-interaction / log --quick, as scripts and people use them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

KEYS = {"purpose", "confidence", "topics", "evidence"}


def test_classify_prints_the_contract_keys(kithkin: Cli) -> None:
    found = kithkin.json("classify", "Drinks with my biggest client to talk about the renewal")
    assert set(found) == KEYS
    assert found["purpose"] == "networking"
    assert 0 <= found["confidence"] <= 1
    assert "clients-sales" in found["topics"]
    assert isinstance(found["evidence"], list)
    shown = kithkin.ok("classify", "My colleague's wedding in Porto, danced all night").stdout
    assert shown.startswith("social")


def test_classify_a_file_prints_one_object_per_line_in_order(kithkin: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "Pitched our seed round to Lena at Northzone\n"
        "\n"
        "Took the kids to the zoo with Jen and her twins\n",
        "utf-8",
    )
    lines = kithkin.ok("classify", "--file", str(notes), "--json").stdout.splitlines()
    objects = [json.loads(line) for line in lines]
    assert [o["purpose"] for o in objects] == ["networking", None, "social"]
    assert all(set(o) == KEYS for o in objects)
    piped = kithkin("classify", "--file", "-", "--json", input=notes.read_text("utf-8"))
    assert piped.stdout.splitlines() == lines


def test_classify_needs_exactly_one_source(kithkin: Cli, tmp_path: Path) -> None:
    for arguments in ((), ("hello", "--all"), ("hello", "--file", str(tmp_path / "x"))):
        result = kithkin("classify", *arguments)
        assert result.exit_code == 1
        assert "exactly one of TEXT" in result.stderr
    missing = kithkin("classify", "--file", str(tmp_path / "none.txt"))
    assert missing.exit_code != 0 and "none.txt" in missing.stderr


def test_a_correction_retrain_and_classify_all(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    logged = kithkin.json(
        "log", "ana", "-m", "Coffee with a recruiter from Stripe about the staff engineer role"
    )
    assert (logged["purpose"], logged["purpose_source"]) == ("networking", "model")
    edited = kithkin.json("edit-interaction", str(logged["id"]), "--purpose", "both")
    assert (edited["purpose"], edited["purpose_source"]) == ("both", "user")
    assert (edited["model_purpose"], edited["retrained"]) == ("networking", False)
    shown = kithkin.ok("edit-interaction", str(logged["id"]), "--purpose", "social").stdout
    assert "is now social" in shown
    retrained = kithkin.json("retrain")
    assert (retrained["backend"], retrained["corrections"]) == ("default", 2)
    assert retrained["notes"] > 2
    assert kithkin.json("classify", "--all") == {
        "classified": 0,
        "networking": 0,
        "social": 0,
        "both": 0,
    }
    assert "already has a purpose you gave it" in kithkin.ok("classify", "--all").stdout


def test_quick_log_shows_what_it_understood_and_saves_with_yes(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    kithkin.ok("add", "Sam Lee", "--nickname", "sam")
    logged = kithkin.json(
        "log",
        "--quick",
        "Coffee with Ana Ruiz and @sam yesterday, talked about her move to Stripe. "
        "Follow up next Friday: send the deck",
        "--yes",
    )
    assert [p["name"] for p in logged["people"]] == ["Ana Ruiz", "Sam Lee"]
    assert logged["channel"] == "in-person"
    assert logged["at"].startswith("2026-11-19")  # the clock says Friday 20 November
    assert logged["purpose_source"] == "model"
    assert [(f["due"], f["text"]) for f in logged["follow_ups"]] == [
        ("2026-11-27", "send the deck")
    ]
    answered = kithkin("log", "--quick", "Lunch with Ana, 45 min", input="n\n")
    assert answered.exit_code == 1  # not confirmed: nothing saved
    assert "Understood:" in answered.stdout and "45" in answered.stdout
    assert len(kithkin.json("search", "Stripe")["interactions"]) == 1


def test_quick_log_reports_unknown_and_ambiguous_names_and_saves_nothing(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    kithkin.ok("add", "Ana Lopez")
    unknown = kithkin("log", "--quick", "Coffee with Zed Quill yesterday", "--yes")
    assert unknown.exit_code == 1 and "'Zed Quill' matches nobody" in unknown.stderr
    ambiguous = kithkin("log", "--quick", "Coffee with Ana", "--yes")
    assert ambiguous.exit_code == 1 and "matches 2 people" in ambiguous.stderr
    nobody = kithkin("log", "--quick", "coffee downtown", "--yes")
    assert nobody.exit_code == 1 and "no one is named" in nobody.stderr
    assert kithkin.json("search", "coffee")["interactions"] == []


def test_quick_log_and_its_options_do_not_mix(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    result = kithkin("log", "ana", "--quick", "Coffee with Ana", "--channel", "call")
    assert result.exit_code == 2 and "leave out ana and --channel" in result.stderr
    no_terminal = kithkin("log", "--quick", "Coffee with Ana", "--json")
    assert no_terminal.exit_code == 1 and "--yes" in no_terminal.stderr

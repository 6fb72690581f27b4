"""kithkin edit-interaction and rm-interaction, as scripts and people use them."""

from __future__ import annotations

from tests.conftest import Cli

JOB_NOTE = "Coffee with a recruiter from Stripe about the staff engineer role"


def setup(kithkin: Cli) -> dict[str, object]:
    kithkin.ok("add", "Ana Ruiz")
    kithkin.ok("add", "Ben Okafor")
    logged: dict[str, object] = kithkin.json(
        "log",
        "ana",
        "ben",
        "-m",
        JOB_NOTE,
        "--channel",
        "in-person",
        "--date",
        "2026-11-18",
        "--gave",
        "intro:to Sam",
        "--follow-up",
        "friday: send the deck",
    )
    return logged


def test_edit_every_field_with_json(kithkin: Cli) -> None:
    logged = setup(kithkin)
    ident = str(logged["id"])
    edited = kithkin.json(
        "edit-interaction",
        ident,
        "--note",
        "Dinner at her place with the kids, we laughed all evening",
        "--date",
        "2026-11-15T19:30",
        "--channel",
        "video",
        "--minutes",
        "90",
    )
    assert edited["changed"] == ["note", "date", "channel", "minutes", "purpose"]
    assert (edited["at"], edited["channel"], edited["minutes"]) == (
        "2026-11-15T18:30:00Z",
        "video",
        90,
    )
    assert (edited["purpose"], edited["purpose_source"]) == ("social", "model")  # guessed again
    assert edited["model_purpose"] == "social" and edited["retrained"] is False
    assert [e["at"] for e in edited["exchanges"]] == ["2026-11-15T18:30:00Z"] * 2
    assert set(edited) == set(logged) | {"model_purpose", "retrained", "changed"}
    people = {p["name"]: p for p in kithkin.json("people")}
    assert people["Ana Ruiz"]["last_interaction_at"] == "2026-11-15T18:30:00Z"
    assert kithkin.json("search", "laughed")["interactions"][0]["id"] == logged["id"]
    assert kithkin.json("search", "recruiter")["interactions"] == []


def test_purpose_alone_is_the_correction_it_always_was(kithkin: Cli) -> None:
    logged = setup(kithkin)
    assert (logged["purpose"], logged["purpose_source"]) == ("networking", "model")
    shown = kithkin.ok("edit-interaction", str(logged["id"]), "--purpose", "social").stdout
    assert shown.startswith(f"#{logged['id']} is now social (the model had said networking")
    assert "changed" not in shown
    again = kithkin.json("edit-interaction", str(logged["id"]), "--purpose", "both")
    assert (again["purpose"], again["purpose_source"], again["changed"]) == (
        "both",
        "user",
        ["purpose"],
    )
    # A new note keeps the purpose the user set.
    kept = kithkin.json("edit-interaction", str(logged["id"]), "-m", "Lunch with Ana")
    assert (kept["purpose"], kept["purpose_source"], kept["changed"]) == ("both", "user", ["note"])


def test_text_output_names_what_changed(kithkin: Cli) -> None:
    logged = setup(kithkin)
    shown = kithkin.ok("edit-interaction", str(logged["id"]), "--minutes", "40").stdout
    assert shown.startswith(f"#{logged['id']}: changed minutes\nInteraction #{logged['id']}")
    same = kithkin.ok("edit-interaction", str(logged["id"]), "--minutes", "40").stdout
    assert "nothing changed" in same


def test_edit_errors(kithkin: Cli) -> None:
    logged = setup(kithkin)
    ident = str(logged["id"])
    nothing = kithkin("edit-interaction", ident)
    assert nothing.exit_code == 2 and "say what to change" in nothing.stderr
    future = kithkin("edit-interaction", ident, "--date", "2026-12-01")
    assert future.exit_code == 1 and "--date: an interaction cannot be in the future" in (
        future.stderr
    )
    bad = kithkin("edit-interaction", ident, "--date", "next week", "--note", "changed")
    assert bad.exit_code == 1 and "is not a date" in bad.stderr
    assert kithkin("edit-interaction", ident, "--minutes", "-1").exit_code == 1
    assert kithkin("edit-interaction", ident, "--channel", "pigeon").exit_code == 2
    missing = kithkin("edit-interaction", "999", "--note", "x")
    assert missing.exit_code == 1 and "there is no interaction 999" in missing.stderr
    # Nothing was written by any of them.
    shown = kithkin.json("search", "recruiter")["interactions"][0]
    assert {k: shown[k] for k in ("note", "at", "minutes")} == {
        "note": JOB_NOTE,
        "at": logged["at"],
        "minutes": None,
    }


def test_rm_interaction(kithkin: Cli) -> None:
    logged = setup(kithkin)
    follow_up = logged["follow_ups"][0]  # type: ignore[index]
    shown = kithkin.ok("rm-interaction", str(logged["id"])).stdout
    assert shown.startswith(f"Deleted #{logged['id']}  2026-11-18  in-person  with Ana Ruiz, Ben")
    assert "2 ledger entries" in shown and f"kept follow-up #{follow_up['id']}" in shown
    assert kithkin.json("ledger")["overall"]["gave"] == 0
    people = {p["name"]: p for p in kithkin.json("people")}
    assert people["Ana Ruiz"]["last_interaction_at"] is None
    assert people["Ben Okafor"]["warmth"] == 0
    [kept] = kithkin.json("follow-ups")
    assert (kept["id"], kept["interaction_id"]) == (follow_up["id"], None)
    missing = kithkin("rm-interaction", str(logged["id"]))
    assert missing.exit_code == 1 and "there is no interaction" in missing.stderr


def test_rm_interaction_json(kithkin: Cli) -> None:
    logged = setup(kithkin)
    removed = kithkin.json("rm-interaction", str(logged["id"]))
    assert set(removed) == {"deleted", "kept_follow_ups"}
    assert removed["deleted"] == logged
    assert [f["interaction_id"] for f in removed["kept_follow_ups"]] == [None]

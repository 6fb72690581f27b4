from __future__ import annotations

from tests.conftest import Cli
from tests.helpers import assert_clean_error, sqlite_only

pytestmark = sqlite_only


def _two_smiths(kithkin: Cli) -> tuple[str, str]:
    robert = kithkin.json("add", "Robert Smith", "--company", "Acme", "--email", "rob@acme.example")
    bob = kithkin.json(
        "add", "Bob Smith", "--company", "Acme", "--email", "bob@home.example", "--tag", "climber"
    )
    kithkin.ok("log", "Bob Smith", "-m", "climbing", "--channel", "in-person")
    kithkin.ok("log", "Robert Smith", "Bob Smith", "-m", "dinner", "--gave", "intro:Ana")
    return robert["id"], bob["id"]


def test_duplicates_lists_scored_pairs_with_reasons(kithkin: Cli) -> None:
    robert, bob = _two_smiths(kithkin)
    kithkin.ok("add", "Sam Lee")
    kithkin.ok("add", "Sam Lee", "--email", "sam@example.com")
    data = kithkin.json("duplicates")
    assert data["total"] == 2
    first, second = data["pairs"]
    assert first == {
        "score": 74,
        "people": [{"id": robert, "name": "Robert Smith"}, {"id": bob, "name": "Bob Smith"}],
        "reasons": ["Bob is a nickname of Robert and same company Acme"],
    }
    assert (second["score"], second["reasons"]) == (40, ["same name"])

    shown = " ".join(kithkin.ok("duplicates").stdout.split())
    assert (
        f"74 Robert Smith ({robert[:8]}) and Bob Smith ({bob[:8]}) "
        "Bob is a nickname of Robert and same company Acme 40 Sam Lee"
    ) in shown
    assert shown.endswith(
        f"2 pairs. Merge the second into the first: kithkin merge {robert[:8]} {bob[:8]}"
    )

    limited = kithkin.json("duplicates", "--limit", "1")
    assert (len(limited["pairs"]), limited["total"]) == (1, 2)
    assert "the best 1 shown" in kithkin.ok("duplicates", "--limit", "1").stdout


def test_no_duplicates_says_so(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    assert kithkin.ok("duplicates").stdout.strip() == "No likely duplicates."
    assert kithkin.json("duplicates") == {"pairs": [], "total": 0}


def test_merge_moves_everything_and_says_what(kithkin: Cli) -> None:
    robert, bob = _two_smiths(kithkin)
    shown = kithkin.ok("merge", robert[:8], "bob@home.example").stdout
    assert f"Merged Bob Smith ({bob[:8]}) into Robert Smith ({robert[:8]})." in shown
    assert "Moved: 1 e-mail, 1 tag, 1 interaction." in shown
    assert "Already on Robert Smith, kept once: 1 job, 1 interaction, 1 ledger entry." in shown
    assert "'Bob Smith' stays on as a nickname of Robert Smith." in shown

    person = kithkin.json("show", "Bob Smith")  # the old name finds the merged person
    assert person["id"] == robert
    assert [e["value"] for e in person["emails"]] == ["rob@acme.example", "bob@home.example"]
    assert person["tags"] == ["climber"]
    assert kithkin.json("duplicates")["pairs"] == []
    assert kithkin.json("show", bob)["id"] == robert  # and so does the old id


def test_merge_json_has_the_kept_person_and_the_counts(kithkin: Cli) -> None:
    robert, bob = _two_smiths(kithkin)
    data = kithkin.json("merge", "Robert Smith", "Bob Smith")
    assert data["kept"]["id"] == robert
    assert data["kept"]["nicknames"] == ["Bob Smith"]
    assert data["merged"] == {"id": bob, "name": "Bob Smith"}
    assert {kind for kind, count in data["moved"].items() if count} == {
        "emails",
        "interactions",
        "tags",
    }
    assert data["moved"]["emails"] == 1 and data["moved"]["phones"] == 0
    assert {kind: count for kind, count in data["kept_once"].items() if count} == {
        "employments": 1,
        "exchanges": 1,
        "interactions": 1,
    }
    assert data["relationships_between_dropped"] == 0
    assert data["old_name_kept_as_nickname"] == "Bob Smith"


def test_merge_mistakes_are_one_line_errors(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz", "--email", "ana@example.com")
    assert_clean_error(kithkin("merge", "ana", "ana@example.com"), "both Ana Ruiz", "two different")
    assert_clean_error(kithkin("merge", "ana", "nobody"), "nobody matches 'nobody'")
    kithkin.ok("add", "Sam Lee")
    kithkin.ok("add", "Sam Lee")
    assert_clean_error(kithkin("merge", "Sam Lee", "ana"), "matches 2 people")

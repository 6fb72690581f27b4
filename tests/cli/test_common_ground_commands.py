"""kithkin me / common, end to end."""

from __future__ import annotations

from tests.conftest import Cli
from tests.helpers import assert_clean_error, sqlite_only

COMMON_KEYS = {
    "person",
    "with",
    "interests",
    "tags",
    "employers",
    "schools",
    "cities",
    "events",
    "mutual",
    "topics",
    "last",
    "notes",
    "starters",
}
PROFILE_KEYS = {"interests", "employers", "schools", "cities"}


def setup_people(kithkin: Cli) -> None:
    kithkin.ok("add", "Priya Shah", "--circle", "inner")
    kithkin.ok("add", "Tom Baker", "--company", "Globex", "--interest", "Climbing")
    kithkin.ok("add", "Ana Ruiz", "--company", "globex", "--interest", "climbing", "--tag", "ml")
    kithkin.ok("log", "priya", "-m", "Dinner at hers", "--purpose", "social")
    # No --purpose: the classifier guesses it and tags the note's topics.
    kithkin.ok("log", "tom", "ana", "-m", "Coffee: we talked about hiring for her new team")
    kithkin.ok("event", "PyCon 2025", "--on", "2025-05-14", "--met", "tom", "--saw", "ana")
    kithkin.ok("link", "priya", "tom", "--kind", "friend")
    kithkin.ok("link", "priya", "ana", "--kind", "friend")


def test_me_shows_and_edits_your_profile(kithkin: Cli) -> None:
    assert kithkin.ok("me").stdout.startswith("Your profile is empty.")
    profile = kithkin.json(
        "me",
        "--interest",
        "Climbing",
        "--interest",
        "chess",
        "--company",
        "Globex:2019-2022",
        "--school",
        "MIT",
        "--city",
        "Berlin",
    )
    assert set(profile) == PROFILE_KEYS
    assert profile["employers"] == [{"organization": "Globex", "years": "2019-2022"}]
    edited = kithkin.json("me", "--remove-interest", "CHESS", "--remove-city", "berlin")
    assert edited["interests"] == ["Climbing"] and edited["cities"] == []
    shown = kithkin.ok("me").stdout
    assert "interests: Climbing" in shown and "employers: Globex (2019–2022)" in shown
    assert "schools: MIT" in shown


def test_common_between_you_and_a_contact_as_json(kithkin: Cli) -> None:
    setup_people(kithkin)
    kithkin.ok("me", "--interest", "climbing", "--company", "Globex:2019-", "--school", "MIT")
    found = kithkin.json("common", "tom")
    assert set(found) == COMMON_KEYS
    assert found["with"] == "you" and found["person"]["name"] == "Tom Baker"
    assert found["interests"] == ["Climbing"]
    assert found["employers"] == [
        {"organization": "Globex", "years": None, "together": True, "current": True}
    ]
    assert found["events"] == [{"name": "PyCon 2025", "date": "2025-05-14"}]
    assert [m["name"] for m in found["mutual"]] == ["Priya Shah", "Ana Ruiz"]
    assert set(found["mutual"][0]) == {"id", "name", "strength"}
    assert {"topic": "hiring", "count": 1} in found["topics"]
    assert found["last"]["note"] == "Coffee: we talked about hiring for her new team"
    assert found["notes"] == ["schools: not recorded for contacts, so yours cannot be compared."]
    assert found["starters"][0] == "You both work at Globex — ask what Tom Baker is working on."
    assert 2 <= len(found["starters"]) <= 4


def test_common_between_two_contacts_in_words(kithkin: Cli) -> None:
    setup_people(kithkin)
    shown = kithkin.ok("common", "tom", "ana").stdout
    assert shown.startswith("Common ground between Ana Ruiz and Tom Baker")
    assert "interests: Climbing" in shown and "employers: Globex" in shown
    assert "events: PyCon 2025 (2025-05-14)" in shown
    assert "mutual: Priya Shah" in shown and "hiring ×1" in shown
    assert "schools" not in shown
    assert "Conversation starters" in shown
    assert "• Ana Ruiz and Tom Baker both work at Globex." in shown
    assert "• Priya Shah knows them both." in shown
    data = kithkin.json("common", "tom", "ana")
    assert data["with"]["name"] == "Ana Ruiz" and data["tags"] == []


def test_nothing_in_common_says_so(kithkin: Cli) -> None:
    kithkin.ok("add", "Zoe Kim")
    shown = kithkin.ok("common", "zoe").stdout
    assert "Nothing in common is recorded yet." in shown and "starters" not in shown


@sqlite_only
def test_mistakes_are_clean_errors_and_write_nothing(kithkin: Cli) -> None:
    setup_people(kithkin)
    assert_clean_error(kithkin("common", "nobody"), "nobody")
    assert_clean_error(kithkin("common", "tom", "nobody"), "nobody")
    assert_clean_error(kithkin("common", "tom", "Tom Baker"), "two different people")
    assert_clean_error(kithkin("me", "--interest", "climbing", "--company", "G:2022-2019"), "G")
    assert_clean_error(kithkin("me", "--city", "  "), "--city")
    assert kithkin.json("me") == {"interests": [], "employers": [], "schools": [], "cities": []}

from __future__ import annotations

from tests.conftest import Cli, FixedClock
from tests.helpers import assert_clean_error, sqlite_only

INTERACTION_KEYS = {
    "id",
    "at",
    "people",
    "channel",
    "purpose",
    "purpose_source",
    "note",
    "topics",
    "minutes",
}
FOLLOW_UP_KEYS = {"id", "due", "text", "status", "person", "interaction_id"}


def test_log_with_a_follow_up_then_done(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz", "--email", "ana@example.com")
    logged = kithkin.json(
        "log",
        "ana",
        "-m",
        "Coffee about her move to Stripe",
        "--channel",
        "in-person",
        "--purpose",
        "both",
        "--minutes",
        "45",
        "--follow-up",
        "next friday: send the deck",
    )
    assert set(logged) >= INTERACTION_KEYS
    assert logged["people"] == [{"id": kithkin.json("show", "ana")["id"], "name": "Ana Ruiz"}]
    assert (logged["channel"], logged["purpose"], logged["purpose_source"]) == (
        "in-person",
        "both",
        "user",
    )
    assert (logged["minutes"], logged["topics"]) == (45, [])
    assert logged["at"] == "2026-11-20T09:00:00Z"
    [follow_up] = logged["follow_ups"]
    assert follow_up["due"] == "2026-11-27"  # the clock is Friday 2026-11-20
    listed = kithkin.json("follow-ups")
    assert set(listed[0]) >= FOLLOW_UP_KEYS
    assert listed[0]["text"] == "send the deck"
    assert listed[0]["person"]["name"] == "Ana Ruiz"
    done = kithkin.json("done", str(follow_up["id"]))
    assert (done["status"], done["done_at"]) == ("done", "2026-11-20T09:00:00Z")
    assert kithkin.json("follow-ups") == []
    assert kithkin.json("follow-ups", "--all")[0]["status"] == "done"
    assert kithkin.json("show", "ana")["last_interaction_at"] == logged["at"]


def test_one_log_with_several_people_and_the_value_exchanged(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz", "--email", "ana@example.com")
    kithkin.ok("add", "Bo Chen")
    logged = kithkin.json(
        "log",
        "ana@example.com",
        "Bo Chen",
        "-m",
        "Dinner",
        "--date",
        "2026-11-18T19:30",
        "--purpose",
        "social",
        "--gave",
        "intro:to Sam at Globex",
        "--asked",
        "referral:for the Stripe role",
    )
    assert logged["at"] == "2026-11-18T18:30:00Z"  # 19:30 in Berlin
    assert [p["name"] for p in logged["people"]] == ["Ana Ruiz", "Bo Chen"]
    assert sorted(
        (e["person"]["name"], e["direction"], e["kind"], e["text"]) for e in logged["exchanges"]
    ) == [
        ("Ana Ruiz", "asked", "referral", "for the Stripe role"),
        ("Ana Ruiz", "gave", "intro", "to Sam at Globex"),
        ("Bo Chen", "asked", "referral", "for the Stripe role"),
        ("Bo Chen", "gave", "intro", "to Sam at Globex"),
    ]
    assert kithkin.json("show", "bo")["last_interaction_at"] == "2026-11-18T18:30:00Z"


@sqlite_only
def test_a_log_prints_what_was_logged(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    out = kithkin.ok(
        "log", "ana", "-m", "Coffee", "--date", "2026-11-18", "--follow-up", "in 2 weeks: call"
    ).stdout
    assert "Logged #1" in out and "2026-11-18" in out and "with Ana Ruiz" in out
    assert "purpose: " in out and "(guess " in out  # the purpose model's, marked as a guess
    assert "due 2026-12-04: call (Ana Ruiz)" in out


@sqlite_only
def test_overdue_follow_ups_come_first_and_are_marked(kithkin: Cli, clock: FixedClock) -> None:
    kithkin.ok("add", "Ana Ruiz")
    kithkin.ok("log", "ana", "-m", "a", "--follow-up", "in 3 weeks: later")
    kithkin.ok("log", "ana", "-m", "b", "--follow-up", "tomorrow: soon")
    clock.advance(days=5)
    assert [f["text"] for f in kithkin.json("follow-ups")] == ["soon", "later"]
    table = kithkin.ok("follow-ups").stdout
    assert "open (overdue)" in table
    assert table.index("soon") < table.index("later")


def test_search_finds_people_and_interactions_as_json(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz", "--company", "Stripe", "--tag", "fintech")
    kithkin.ok("log", "ana", "-m", "Talked about Stripe's Lisbon office")
    found = kithkin.json("search", "stripe")
    assert set(found) == {"people", "interactions"}
    assert [p["name"] for p in found["people"]] == ["Ana Ruiz"]
    assert found["people"][0]["organization"] == "Stripe"
    assert [i["note"] for i in found["interactions"]] == ["Talked about Stripe's Lisbon office"]
    assert set(found["interactions"][0]) >= INTERACTION_KEYS
    assert kithkin.json("search", "fintech")["interactions"] == []
    assert kithkin.json("search", "nothing-like-this") == {"people": [], "interactions": []}
    assert "Nothing found." in kithkin.ok("search", "nothing-like-this").stdout


LOG_ERRORS = [
    (("ana", "-m", "hi", "--date", "2026-13-01"), ("--date", "expected YYYY-MM-DD")),
    (("ana", "-m", "hi", "--date", "last tuesday"), ("--date",)),
    (("ana", "-m", "hi", "--follow-up", "send the deck"), ("--follow-up", "WHEN: TEXT")),
    (("ana", "-m", "hi", "--follow-up", "someday: x"), ("--follow-up", "not a date I understand")),
    (("ana", "-m", "hi", "--follow-up", "yesterday: x"), ("--follow-up", "in the past")),
    (("ana", "-m", "hi", "--follow-up", "in 99999999 days: x"), ("--follow-up", "too far")),
    (("ana", "-m", "hi", "--gave", "money:lots"), ("--gave", "intro, referral")),
    (("ana", "-m", "hi", "--asked", ":a favor"), ("--asked",)),
    (("ana", "-m", "hi", "--minutes", "-5"), ("--minutes", "0 to 1440")),
    (("ana", "nobody", "-m", "hi"), ("nobody matches 'nobody'",)),
    (("sam", "-m", "hi"), ("matches 2 people",)),
    (("-m", "hi"), ("say who the interaction was with",)),
]


@sqlite_only
def test_every_log_mistake_is_one_clear_line_and_writes_nothing(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    kithkin.ok("add", "Sam Lee", "--email", "sam@one.example")
    kithkin.ok("add", "Sam Lee", "--email", "sam@two.example")
    for arguments, words in LOG_ERRORS:
        assert_clean_error(kithkin("log", *arguments), *words)
    assert kithkin.json("search", "hi")["interactions"] == []
    assert kithkin.json("follow-ups", "--all") == []
    assert kithkin.json("show", "ana")["last_interaction_at"] is None


@sqlite_only
def test_done_and_search_mistakes_are_clear_errors(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    logged = kithkin.json("log", "ana", "-m", "hi", "--follow-up", "tomorrow: call")
    follow_up_id = str(logged["follow_ups"][0]["id"])
    kithkin.ok("done", follow_up_id)
    assert_clean_error(kithkin("done", follow_up_id), "already done")
    assert_clean_error(kithkin("done", "999"), "no follow-up 999", "kithkin follow-ups --all")
    assert_clean_error(kithkin("search", "  "), "search for something")


@sqlite_only
def test_a_malformed_option_value_is_a_usage_error_without_a_traceback(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    for arguments in (
        ("log", "ana", "-m", "hi", "--channel", "fax"),
        ("log", "ana", "-m", "hi", "--purpose", "fun"),
        ("log", "ana", "-m", "hi", "--minutes", "an hour"),
        ("log", "ana"),
        ("add", "Bo Chen", "--circle", "besties"),
    ):
        result = kithkin(*arguments)
        assert result.exit_code == 2, arguments
        assert "Error: " in result.stderr and "Traceback" not in result.output
    assert_clean_error(kithkin("done", "first"), "not an agenda item")
    assert kithkin.json("search", "hi")["interactions"] == []
    assert [p["name"] for p in kithkin.json("people")] == ["Ana Ruiz"]

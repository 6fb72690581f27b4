from __future__ import annotations

from tests.conftest import Cli


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
    assert logged["people"][0]["name"] == "Ana Ruiz"
    assert (logged["channel"], logged["purpose"], logged["purpose_source"]) == (
        "in-person",
        "both",
        "user",
    )
    assert logged["minutes"] == 45
    [follow_up] = logged["follow_ups"]
    assert follow_up["due"] == "2026-11-27"  # the clock is Friday 2026-11-20
    assert kithkin.json("follow-ups")[0]["text"] == "send the deck"
    kithkin.ok("done", str(follow_up["id"]))
    assert kithkin.json("follow-ups") == []
    assert kithkin.json("follow-ups", "--all")[0]["status"] == "done"
    assert kithkin.json("show", "ana")["last_interaction_at"] == logged["at"]


def test_an_invalid_log_date_writes_nothing(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    result = kithkin("log", "ana", "-m", "hi", "--date", "2026-13-01")
    assert result.exit_code == 1
    assert "--date" in result.stderr
    assert kithkin.json("search", "hi")["interactions"] == []

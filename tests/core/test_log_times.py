from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kithkin.core.dates import parse_log_time
from kithkin.core.log_entry import LogInput, check_log_input
from kithkin.errors import Ambiguous, InvalidInput

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_a_compact_date_means_noon_like_the_dashed_one() -> None:
    assert parse_log_time("20261120", tz=BERLIN) == parse_log_time("2026-11-20", tz=BERLIN)


def test_an_interaction_cannot_be_logged_in_the_future() -> None:
    with pytest.raises(InvalidInput, match="cannot be in the future"):
        check_log_input(LogInput(note="x", date="2026-11-21"), now=NOW, tz=BERLIN)
    later_today = check_log_input(LogInput(note="x", date="2026-11-20T22:00"), now=NOW, tz=BERLIN)
    assert later_today.at.date() == NOW.date()


def test_an_ambiguity_beyond_the_listed_candidates_says_more_than() -> None:
    error = Ambiguous("sam", [f"Sam {n}" for n in range(50)], more=True)
    assert "matches more than 50 people" in str(error)
    assert str(error).count(";") == 9

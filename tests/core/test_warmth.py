from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kithkin.core.facts import InteractionFacts
from kithkin.core.vocabulary import Channel
from kithkin.core.warmth import (
    HALF_LIFE_DAYS,
    decay,
    score_of,
    warmth,
    warmth_scores,
)
from tests.core.factories import TODAY, at, interaction

NOW = at(TODAY, 18)


def talk(days_ago: float, channel: Channel = Channel.IN_PERSON) -> InteractionFacts:
    return interaction(NOW - timedelta(days=days_ago), "ana", channel=channel)


def test_heat_halves_every_half_life() -> None:
    then = NOW - timedelta(days=HALF_LIFE_DAYS)
    assert decay(1.0, since=then, now=NOW) == pytest.approx(0.5)
    assert decay(1.0, since=NOW - timedelta(days=2 * HALF_LIFE_DAYS), now=NOW) == pytest.approx(
        0.25
    )


def test_one_coffee_today_is_lukewarm_and_a_monthly_coffee_is_warm() -> None:
    assert warmth([talk(0)], now=NOW).score == 39
    monthly = warmth([talk(30 * n) for n in range(12)], now=NOW)
    assert (monthly.score, monthly.band) == (74, "warm")
    weekly = warmth([talk(7 * n) for n in range(9)], now=NOW)
    assert weekly.score == 95


def test_deeper_channels_leave_more_warmth() -> None:
    order = [Channel.IN_PERSON, Channel.VIDEO, Channel.CALL, Channel.MESSAGE]
    scores = [warmth([talk(3, channel)], now=NOW).score for channel in order]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 4
    written = {warmth([talk(3, c)], now=NOW).score for c in (Channel.EMAIL, Channel.LINKEDIN)}
    assert written == {scores[-1]}


def test_more_frequent_contact_is_warmer() -> None:
    once = warmth([talk(10)], now=NOW).score
    thrice = warmth([talk(10), talk(20), talk(30)], now=NOW).score
    assert thrice > once


def test_warmth_fades_with_silence() -> None:
    scores = [warmth([talk(days)], now=NOW).score for days in (0, 30, 90, 365)]
    assert scores == sorted(scores, reverse=True)
    assert scores[-1] == 0


def test_the_explanation_counts_recent_interactions_and_names_the_last_one() -> None:
    touches = [talk(6), talk(20, Channel.CALL), talk(40, Channel.LINKEDIN), talk(80), talk(200)]
    result = warmth(touches, now=NOW)
    assert result.explanation == "warm: 4 interactions in 90 days, last in person 6 days ago"
    assert (result.recent, result.last_channel) == (4, Channel.IN_PERSON)
    assert warmth([talk(1, Channel.LINKEDIN)], now=NOW).explanation == (
        "cooling: 1 interaction in 90 days, last on LinkedIn yesterday"
    )


def test_without_recent_interactions_the_explanation_says_when_they_last_spoke() -> None:
    assert warmth([], now=NOW).explanation == "cold: no interactions yet"
    long_ago = NOW - timedelta(days=400)
    result = warmth([], now=NOW, last_interaction_at=long_ago)
    assert (result.score, result.explanation) == (0, "cold: last contact 400 days ago")


def test_many_peoples_scores_match_one_at_a_time() -> None:
    rows = [
        ("ana", NOW - timedelta(days=2), Channel.IN_PERSON),
        ("ana", NOW - timedelta(days=50), Channel.CALL),
        ("ben", NOW - timedelta(days=9), Channel.EMAIL),
    ]
    scores = warmth_scores(rows, now=NOW)
    assert scores == {
        "ana": warmth([talk(2), talk(50, Channel.CALL)], now=NOW).score,
        "ben": warmth([talk(9, Channel.EMAIL)], now=NOW).score,
    }


def test_heat_kept_incrementally_gives_the_same_score() -> None:
    first, second = NOW - timedelta(days=40), NOW - timedelta(days=10)
    kept = decay(decay(1.0, since=first, now=second) + 0.6, since=second, now=NOW)
    direct = warmth([talk(40), talk(10, Channel.CALL)], now=NOW).score
    assert score_of(kept) == direct


def test_a_future_interaction_counts_as_now() -> None:
    assert warmth([talk(-1)], now=NOW).score == warmth([talk(0)], now=NOW).score


def test_aware_times_work_too() -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    touch = interaction(now - timedelta(days=6), "ana", channel=Channel.VIDEO)
    assert warmth([touch], now=now).explanation.endswith("last on video 6 days ago")


def test_yesterday_is_the_calendar_day_before_in_the_users_zone() -> None:
    """Last evening at 22:00 is "yesterday" this morning at 08:00, though not 24 hours ago;
    the day before yesterday at 23:00 is "2 days ago" (the person page's own wording)."""
    berlin = ZoneInfo("Europe/Berlin")
    morning = datetime(2026, 11, 20, 8, 0, tzinfo=berlin)
    last_evening = interaction(
        datetime(2026, 11, 19, 22, 0, tzinfo=berlin), "ana", channel=Channel.IN_PERSON
    )
    before = interaction(datetime(2026, 11, 18, 23, 0, tzinfo=berlin), "ana")
    assert warmth([last_evening], now=morning, tz=berlin).explanation.endswith(
        "last in person yesterday"
    )
    assert warmth([before], now=morning, tz=berlin).explanation.endswith("2 days ago")
    # Times in UTC are read in the zone given: 21:00 UTC on the 19th is 22:00 in Berlin.
    in_utc = interaction(last_evening.at.astimezone(UTC), "ana", channel=Channel.IN_PERSON)
    assert warmth([in_utc], now=morning.astimezone(UTC), tz=berlin).explanation.endswith(
        "yesterday"
    )
    # In Tokyo both are on the 20th (06:00 and 16:00): the same day.
    tokyo = ZoneInfo("Asia/Tokyo")
    assert warmth([last_evening], now=morning, tz=tokyo).explanation.endswith("today")

from __future__ import annotations

from datetime import date

import pytest

from kithkin.core.balance import HoursBudget, minutes_of, tally, weekly_balance
from kithkin.core.vocabulary import Activity, Channel, Purpose
from tests.core.factories import TODAY, interaction


def test_an_interaction_for_both_purposes_counts_half_to_each() -> None:
    both = tally([interaction(TODAY, "ana", purpose=Purpose.BOTH, minutes=120)])
    assert (both.networking, both.social) == (0.5, 0.5)
    assert (both.networking_hours, both.social_hours) == (1.0, 1.0)


def test_networking_and_social_interactions_count_to_their_side() -> None:
    result = tally(
        [
            interaction(TODAY, "ana", purpose=Purpose.NETWORKING, minutes=60),
            interaction(TODAY, "ben", purpose=Purpose.SOCIAL, minutes=90),
            interaction(TODAY, "cy", purpose=Purpose.BOTH, minutes=30),
        ]
    )
    assert (result.networking, result.social) == (1.5, 1.5)
    assert (result.networking_hours, result.social_hours) == (1.25, 1.75)


def test_a_missing_duration_counts_as_typical_for_the_channel_or_activity() -> None:
    assert minutes_of(interaction(TODAY, "ana", channel=Channel.IN_PERSON)) == 60
    assert minutes_of(interaction(TODAY, "ana", channel=Channel.LINKEDIN)) == 5
    assert minutes_of(interaction(TODAY, activity=Activity.ARTICLE)) == 120
    assert minutes_of(interaction(TODAY, "ana", channel=Channel.CALL, minutes=7)) == 7


def test_activities_are_networking_and_purposeless_conversations_unclassified() -> None:
    result = tally(
        [
            interaction(TODAY, purpose=None, activity=Activity.POST_ENGAGEMENT, minutes=30),
            interaction(TODAY, "ana", purpose=None, minutes=45),
        ]
    )
    assert (result.networking, result.social, result.unclassified) == (1.0, 0.0, 1)
    assert (result.networking_hours, result.unclassified_hours) == (0.5, 0.75)


def test_the_budget_says_under_within_or_over() -> None:
    budget = HoursBudget()
    assert [budget.status(h) for h in (4.9, 5, 10, 10.5)] == ["under", "within", "within", "over"]
    assert budget.describe() == "5–10 h"


def test_weekly_balance_covers_the_last_weeks_oldest_first() -> None:
    interactions = [
        interaction(date(2026, 11, 2), "ana", purpose=Purpose.NETWORKING, minutes=6 * 60),
        interaction(date(2026, 11, 15), "ana", purpose=Purpose.BOTH, minutes=24 * 60),
        interaction(date(2026, 11, 16), "ben", purpose=Purpose.SOCIAL, minutes=60),
        interaction(date(2026, 10, 1), "ana", purpose=Purpose.NETWORKING, minutes=600),
    ]
    weeks = weekly_balance(interactions, today=TODAY, weeks=3)
    assert [w.week.label() for w in weeks] == ["2026-W45", "2026-W46", "2026-W47"]
    assert [w.tally.networking_hours for w in weeks] == [6.0, 12.0, 0.0]
    assert [w.status for w in weeks] == ["within", "over", "under"]
    assert weeks[2].tally.social == pytest.approx(1.0)

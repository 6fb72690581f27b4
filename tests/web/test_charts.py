"""The dashboard's hours chart: bars in proportion, the budget band where the budget is."""

from __future__ import annotations

from datetime import date

import pytest

from kithkin.core.balance import HoursBudget, Tally, WeekBalance
from kithkin.core.periods import week_of
from kithkin.web.charts import HEIGHT, balance_chart


def week(day: date, networking: float, social: float, budget: HoursBudget) -> WeekBalance:
    tally = Tally(networking_hours=networking, social_hours=social)
    return WeekBalance(week_of(day), tally, budget)


def test_bars_are_in_proportion_and_the_band_is_the_budget() -> None:
    budget = HoursBudget(5, 10)
    weeks = [
        week(date(2026, 11, 9), 4.0, 2.0, budget),
        week(date(2026, 11, 16), 12.0, 0.0, budget),
    ]
    chart = balance_chart(weeks, budget)
    bars = {(b.kind, b.label): b for b in chart.bars}
    assert len(chart.bars) == 4
    four = bars["networking", "week of Nov 9: 4.0 h networking"]
    twelve = bars["networking", "week of Nov 16: 12.0 h networking"]
    two = bars["social", "week of Nov 9: 2.0 h social"]
    assert twelve.height == pytest.approx(3 * four.height) and four.height == pytest.approx(
        2 * two.height
    )
    zero = bars["social", "week of Nov 16: 0.0 h social"]
    assert zero.height == 0 and zero.y + zero.height == four.y + four.height  # one baseline
    assert twelve.y >= 0 and twelve.y + twelve.height <= HEIGHT  # the tallest fits
    assert chart.band_top < chart.band_bottom
    assert [m.text for m in chart.marks] == ["0 h", "5 h", "10 h"]
    assert [w.text for w in chart.weeks] == ["Nov 9", "Nov 16"]
    assert chart.summary.endswith("this week 12.0 h networking (over) and 0.0 h social.")


def test_no_weeks_no_bars() -> None:
    chart = balance_chart([], HoursBudget())
    assert chart.bars == () and chart.weeks == ()

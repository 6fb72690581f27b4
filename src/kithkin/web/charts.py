"""Charts drawn on the server as SVG geometry (no JavaScript, no chart library).

``balance_chart`` lays out the dashboard's networking/social hours per week against the hours
budget: for each week a networking bar and a social bar side by side, the budget as a band
behind them, and a few hour marks on the left. The template only draws what it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kithkin.core.balance import HoursBudget, WeekBalance

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 10, 26  # room for the hour marks and the week labels
BAR_GAP = 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    hours: float
    kind: str  # networking | social
    label: str  # the tooltip


@dataclass(frozen=True)
class Mark:
    y: float
    text: str


@dataclass(frozen=True)
class WeekLabel:
    x: float
    text: str


@dataclass(frozen=True)
class BalanceChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    marks: tuple[Mark, ...]
    weeks: tuple[WeekLabel, ...]
    band_top: float  # the budget band, from max_hours (top) to min_hours (bottom)
    band_bottom: float
    left: int
    right: int
    summary: str  # what the chart says, for screen readers


def balance_chart(weeks: Sequence[WeekBalance], budget: HoursBudget) -> BalanceChart:
    tallest = max(
        [budget.max_hours * 1.15, *(w.tally.networking_hours for w in weeks)]
        + [w.tally.social_hours for w in weeks]
    )
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(weeks), 1)
    bar_width = min((slot - 3 * BAR_GAP) / 2, 36.0)

    def y_of(hours: float) -> float:
        return TOP + plot_height * (1 - hours / tallest)

    bars: list[Bar] = []
    labels: list[WeekLabel] = []
    for index, week in enumerate(weeks):
        centre = LEFT + slot * (index + 0.5)
        first = week.week.first
        day = f"{first:%b} {first.day}"
        for offset, kind, hours in (
            (-bar_width - BAR_GAP / 2, "networking", week.tally.networking_hours),
            (BAR_GAP / 2, "social", week.tally.social_hours),
        ):
            top = y_of(hours)
            label = f"week of {day}: {hours:.1f} h {kind}"
            bars.append(Bar(centre + offset, top, bar_width, y_of(0) - top, hours, kind, label))
        labels.append(WeekLabel(centre, day))
    marks = tuple(
        Mark(y_of(hours), f"{hours:g} h")
        for hours in sorted({0.0, budget.min_hours, budget.max_hours})
    )
    last = weeks[-1] if weeks else None
    summary = (
        f"Networking and social hours for the last {len(weeks)} weeks against a budget of "
        f"{budget.describe()}"
        + (
            f"; this week {last.tally.networking_hours:.1f} h networking "
            f"({last.status}) and {last.tally.social_hours:.1f} h social."
            if last
            else "."
        )
    )
    return BalanceChart(
        WIDTH,
        HEIGHT,
        tuple(bars),
        marks,
        tuple(labels),
        y_of(budget.max_hours),
        y_of(budget.min_hours),
        LEFT,
        WIDTH - RIGHT,
        summary,
    )

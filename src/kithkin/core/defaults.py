"""What a new Kithkin account starts with: the seeds' strategy as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kithkin.core.vocabulary import DEFAULT_CADENCE_DAYS, Circle

Period = Literal["week", "month"]


@dataclass(frozen=True)
class GoalDefault:
    key: str
    period: Period
    target: int
    label: str


DEFAULT_GOALS: tuple[GoalDefault, ...] = (
    GoalDefault("engage-posts", "week", 3, "Engage with 3 posts"),
    GoalDefault("connect-new", "week", 2, "Connect with 2 new people"),
    GoalDefault("share-resource", "week", 1, "Share 1 useful resource"),
    GoalDefault("write-article", "month", 1, "Write 1 industry article"),
    GoalDefault("attend-event", "month", 1, "Attend 1 industry event"),
    GoalDefault("review-contacts", "month", 1, "Review and update contacts"),
)

DEFAULT_CIRCLES: tuple[tuple[Circle, int | None], ...] = tuple(DEFAULT_CADENCE_DAYS.items())

DEFAULT_SETTINGS: dict[str, object] = {
    "networking_hours_min": 5,
    "networking_hours_max": 10,
    "milestone_horizon_days": 7,
    "agenda_limit": 10,
}

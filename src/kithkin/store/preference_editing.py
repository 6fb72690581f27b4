"""What the settings page edits beyond `PreferencesRepository`: every goal (including those
turned off) and the circles' check-in cadences, for one owner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kithkin.core.defaults import GoalDefault
from kithkin.core.vocabulary import Circle
from kithkin.errors import NotFound
from kithkin.store.tables import CircleRow, GoalRow


@dataclass(frozen=True, slots=True)
class CircleCadence:
    circle: Circle
    cadence_days: int | None  # None: no regular check-in


class PreferenceEditor:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def circles(self) -> list[CircleCadence]:
        rows = self.session.execute(
            select(CircleRow.name, CircleRow.cadence_days)
            .where(CircleRow.owner_id == self.owner_id)
            .order_by(CircleRow.position, CircleRow.name)
        ).all()
        return [
            CircleCadence(Circle(name), days)
            for name, days in rows
            if name in Circle._value2member_map_
        ]

    def set_cadence(self, circle: Circle, days: int | None) -> None:
        row = self.session.get(CircleRow, (self.owner_id, circle.value))
        if row is None:
            raise NotFound(f"there is no circle {circle.value!r}.")
        row.cadence_days = days
        self.session.flush()

    def all_goals(self) -> list[GoalDefault]:
        """Every goal, those turned off (target 0) too: weekly ones first."""
        rows = self.session.scalars(
            select(GoalRow)
            .where(GoalRow.owner_id == self.owner_id)
            .order_by(GoalRow.period.desc(), GoalRow.id)
        )
        return [
            GoalDefault(
                row.key,
                "week" if row.period == "week" else "month",
                row.target if row.active else 0,
                row.label,
            )
            for row in rows
        ]

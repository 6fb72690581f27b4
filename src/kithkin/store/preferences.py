"""An owner's settings, goals, circle cadences and agenda snoozes."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kithkin.core.defaults import DEFAULT_SETTINGS, GoalDefault
from kithkin.core.vocabulary import Circle
from kithkin.errors import NotFound
from kithkin.store.tables import CircleRow, GoalRow, SettingRow, SnoozeRow


class PreferencesRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def setting(self, key: str) -> Any:
        row = self.session.get(SettingRow, (self.owner_id, key))
        return json.loads(row.value) if row is not None else DEFAULT_SETTINGS.get(key)

    def set_setting(self, key: str, value: Any) -> None:
        self.session.merge(SettingRow(owner_id=self.owner_id, key=key, value=json.dumps(value)))
        self.session.flush()

    def cadences(self) -> dict[Circle, int | None]:
        rows = self.session.execute(
            select(CircleRow.name, CircleRow.cadence_days).where(
                CircleRow.owner_id == self.owner_id
            )
        ).all()
        return {Circle(name): days for name, days in rows if name in Circle._value2member_map_}

    def goals(self) -> list[GoalDefault]:
        rows = self.session.scalars(
            select(GoalRow)
            .where(GoalRow.owner_id == self.owner_id, GoalRow.active)
            .order_by(GoalRow.period.desc(), GoalRow.id)
        )
        return [
            GoalDefault(row.key, "week" if row.period == "week" else "month", row.target, row.label)
            for row in rows
        ]

    def set_goal_target(self, key: str, target: int) -> GoalDefault:
        row = self.session.scalars(
            select(GoalRow).where(GoalRow.owner_id == self.owner_id, GoalRow.key == key)
        ).first()
        if row is None:
            known = ", ".join(goal.key for goal in self.goals())
            raise NotFound(f"there is no goal {key!r}; the goals are: {known}.")
        row.target = target
        row.active = target > 0
        self.session.flush()
        return GoalDefault(row.key, "week" if row.period == "week" else "month", target, row.label)

    def snooze(self, key: str, *, until: date, dismissed: bool = False) -> None:
        self.session.merge(
            SnoozeRow(owner_id=self.owner_id, item_key=key, until=until, dismissed=dismissed)
        )
        self.session.flush()

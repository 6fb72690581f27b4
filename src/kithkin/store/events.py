"""Events (and who was there) and milestones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.orm import Session

from kithkin.core.dates import PartialDate
from kithkin.core.vocabulary import MilestoneKind
from kithkin.store.tables import EventAttendeeRow, EventRow, MilestoneRow


class EventsRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def add_event(
        self,
        *,
        name: str,
        starts_on: date,
        ends_on: date | None,
        location: str,
        met: Sequence[int],
        saw: Sequence[int],
        now: datetime,
    ) -> int:
        row = EventRow(
            owner_id=self.owner_id,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            location=location,
            purpose=None,
            note="",
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        first_met = set(met)
        for person_id in dict.fromkeys([*met, *saw]):
            self.session.add(
                EventAttendeeRow(
                    event_id=row.id, person_id=person_id, met_there=person_id in first_met
                )
            )
        self.session.flush()
        return row.id

    def add_milestone(
        self,
        person_id: int,
        kind: MilestoneKind,
        when: PartialDate,
        *,
        recurring: bool,
        note: str,
        now: datetime,
    ) -> int:
        row = MilestoneRow(
            owner_id=self.owner_id,
            person_id=person_id,
            kind=kind.value,
            year=when.year,
            month=when.month,
            day=when.day,
            recurring=recurring,
            note=note,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

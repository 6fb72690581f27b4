"""Events (and who was there) and milestones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from kithkin.core.dates import PartialDate
from kithkin.core.vocabulary import MilestoneKind
from kithkin.store.tables import EventAttendeeRow, EventRow, MilestoneRow, PersonRow

# (id, name, starts_on, ends_on, location) of a listed event
EventLine = tuple[int, str, date, date | None, str]
# (person uid, display name, met there) of someone at a listed event
AttendeeLine = tuple[str, str, bool]


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

    # -- reading ---------------------------------------------------------------------------

    def upcoming(self, today: date, *, limit: int) -> list[EventLine]:
        """Events not over by ``today`` (going on or to come), soonest first; at most ``limit``."""
        last_day = func.coalesce(EventRow.ends_on, EventRow.starts_on)
        rows = self.session.execute(
            select(
                EventRow.id, EventRow.name, EventRow.starts_on, EventRow.ends_on, EventRow.location
            )
            .where(EventRow.owner_id == self.owner_id, last_day >= today)
            .order_by(EventRow.starts_on, EventRow.id)
            .limit(limit)
        ).all()
        return [(row[0], row[1], row[2], row[3], row[4]) for row in rows]

    def past(
        self, today: date, *, limit: int, before: tuple[date, int] | None = None
    ) -> list[EventLine]:
        """Events over before ``today``, latest start first; at most ``limit``, and only those
        after the keyset ``before`` (start day, id) in that order when it is given."""
        last_day = func.coalesce(EventRow.ends_on, EventRow.starts_on)
        query = select(
            EventRow.id, EventRow.name, EventRow.starts_on, EventRow.ends_on, EventRow.location
        ).where(EventRow.owner_id == self.owner_id, last_day < today)
        if before is not None:
            day, event_id = before
            query = query.where(
                or_(
                    EventRow.starts_on < day,
                    and_(EventRow.starts_on == day, EventRow.id < event_id),
                )
            )
        rows = self.session.execute(
            query.order_by(EventRow.starts_on.desc(), EventRow.id.desc()).limit(limit)
        ).all()
        return [(row[0], row[1], row[2], row[3], row[4]) for row in rows]

    def attendees(self, event_ids: Sequence[int]) -> dict[int, list[AttendeeLine]]:
        """Who was at each of these (owned) events: first met there first, then by name."""
        found: dict[int, list[AttendeeLine]] = {event_id: [] for event_id in event_ids}
        if not event_ids:
            return found
        rows = self.session.execute(
            select(
                EventAttendeeRow.event_id,
                PersonRow.uid,
                PersonRow.display_name,
                EventAttendeeRow.met_there,
            )
            .join(EventRow, EventRow.id == EventAttendeeRow.event_id)
            .join(PersonRow, PersonRow.id == EventAttendeeRow.person_id)
            .where(
                EventAttendeeRow.event_id.in_(list(event_ids)),
                EventRow.owner_id == self.owner_id,
                PersonRow.owner_id == self.owner_id,
            )
            .order_by(
                EventAttendeeRow.event_id,
                EventAttendeeRow.met_there.desc(),
                PersonRow.sort_name,
                PersonRow.id,
            )
        ).all()
        for event_id, uid, name, met_there in rows:
            found[event_id].append((uid, name, bool(met_there)))
        return found

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

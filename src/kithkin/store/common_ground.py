"""What common ground is made of, read for one or two people: their interests, tags, jobs and
cities, the events they attended, and the topics and notes of the interactions they shared."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from kithkin.core.dates import year_of
from kithkin.core.network.common import EventTogether, Profile, Stint, TopicCount
from kithkin.store.tables import (
    AddressRow,
    EmploymentRow,
    EventAttendeeRow,
    EventRow,
    InteractionRow,
    InterestRow,
    OrganizationRow,
    ParticipantRow,
    PersonRow,
    TagRow,
    TopicRow,
)


class CommonGroundRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def _names(self, table: type[TagRow] | type[InterestRow], person: int) -> tuple[str, ...]:
        return tuple(
            self.session.scalars(
                select(table.name)
                .join(PersonRow, PersonRow.id == table.person_id)
                .where(PersonRow.owner_id == self.owner_id, table.person_id == person)
                .order_by(table.name)
            )
        )

    def profile(self, person: int) -> Profile:
        """A contact's side: interests, tags, jobs (with years when known) and cities (an
        address's locality, else its region, else its country). Contacts have no schools."""
        jobs = self.session.execute(
            select(
                OrganizationRow.name,
                EmploymentRow.start_date,
                EmploymentRow.end_date,
                EmploymentRow.is_current,
            )
            .join(OrganizationRow, OrganizationRow.id == EmploymentRow.organization_id)
            .where(OrganizationRow.owner_id == self.owner_id, EmploymentRow.person_id == person)
            .order_by(EmploymentRow.position, EmploymentRow.id)
        ).all()
        places = self.session.execute(
            select(AddressRow.locality, AddressRow.region, AddressRow.country)
            .join(PersonRow, PersonRow.id == AddressRow.person_id)
            .where(PersonRow.owner_id == self.owner_id, AddressRow.person_id == person)
            .order_by(AddressRow.position, AddressRow.id)
        ).all()
        cities = [next((p.strip() for p in place if p and p.strip()), "") for place in places]
        return Profile(
            interests=self._names(InterestRow, person),
            tags=self._names(TagRow, person),
            employers=tuple(
                Stint(name, year_of(start), None if current else year_of(end), bool(current))
                for name, start, end, current in jobs
            ),
            cities=tuple(dict.fromkeys(city for city in cities if city)),
        )

    def events_attended(
        self, people: Sequence[int], *, limit: int, today: date
    ) -> tuple[EventTogether, ...]:
        """Events every one of ``people`` attended (up to ``today``), newest first."""
        query = select(EventRow.name, EventRow.starts_on).where(
            EventRow.owner_id == self.owner_id, EventRow.starts_on <= today
        )
        for person in people:
            query = query.where(
                EventRow.id.in_(
                    select(EventAttendeeRow.event_id).where(EventAttendeeRow.person_id == person)
                )
            )
        rows = self.session.execute(
            query.order_by(EventRow.starts_on.desc(), EventRow.id.desc()).limit(limit)
        ).all()
        return tuple(EventTogether(name, day) for name, day in rows)

    def _shared_interactions(self, people: Sequence[int]) -> Select[Any]:
        """The ids of this owner's interactions every one of ``people`` took part in."""
        return (
            select(ParticipantRow.interaction_id)
            .join(InteractionRow, InteractionRow.id == ParticipantRow.interaction_id)
            .where(
                InteractionRow.owner_id == self.owner_id,
                ParticipantRow.person_id.in_(list(people)),
            )
            .group_by(ParticipantRow.interaction_id)
            .having(func.count() == len(set(people)))
        )

    def topics(self, people: Sequence[int], *, limit: int) -> tuple[TopicCount, ...]:
        """The topics of the interactions ``people`` shared, most frequent first."""
        count = func.count().label("count")
        rows = self.session.execute(
            select(TopicRow.topic, count)
            .where(TopicRow.interaction_id.in_(self._shared_interactions(people)))
            .group_by(TopicRow.topic)
            .order_by(count.desc(), TopicRow.topic)
            .limit(limit)
        ).all()
        return tuple(TopicCount(topic, int(n)) for topic, n in rows)

    def last_note(self, people: Sequence[int]) -> tuple[datetime, str] | None:
        """The latest interaction ``people`` shared that has a note: when, and the note."""
        row = self.session.execute(
            select(InteractionRow.occurred_at, InteractionRow.note)
            .where(
                InteractionRow.id.in_(self._shared_interactions(people)),
                InteractionRow.note != "",
            )
            .order_by(InteractionRow.occurred_at.desc(), InteractionRow.id.desc())
            .limit(1)
        ).first()
        return None if row is None else (row[0], row[1])

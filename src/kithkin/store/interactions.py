"""Interactions, their participants, topics, ledger entries and follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import case, literal, select, update
from sqlalchemy.orm import Session

from kithkin.core.log_entry import LogEntry
from kithkin.core.records import Exchange, FollowUp, Interaction, PersonRef
from kithkin.core.vocabulary import (
    Activity,
    Channel,
    Direction,
    ExchangeKind,
    FollowUpStatus,
    Initiator,
    Purpose,
    PurposeSource,
)
from kithkin.errors import NotFound
from kithkin.store.people import PeopleRepository
from kithkin.store.tables import (
    ExchangeRow,
    FollowUpRow,
    InteractionRow,
    ParticipantRow,
    PersonRow,
    TopicRow,
)
from kithkin.store.types import UTCDateTime


class InteractionsRepository:
    def __init__(self, session: Session, owner_id: int, people: PeopleRepository) -> None:
        self.session = session
        self.owner_id = owner_id
        self.people = people

    def add(
        self,
        entry: LogEntry,
        person_ids: Sequence[int],
        *,
        source_id: int,
        now: datetime,
        purpose_source: PurposeSource | None = None,
        purpose_confidence: float | None = None,
        model_purpose: Purpose | None = None,
        topics: Sequence[str] = (),
        external_key: str | None = None,
    ) -> int:
        """Write one interaction and everything logged with it, and move the people's clocks."""
        s = self.session
        row = InteractionRow(
            owner_id=self.owner_id,
            occurred_at=entry.at,
            minutes=entry.minutes,
            channel=entry.channel.value,
            purpose=entry.purpose.value if entry.purpose else None,
            purpose_source=(
                (purpose_source or PurposeSource.USER).value if entry.purpose else None
            ),
            purpose_confidence=purpose_confidence,
            model_purpose=model_purpose.value if model_purpose else None,
            initiated_by=entry.initiated_by.value,
            activity=entry.activity.value if entry.activity else None,
            note=entry.note,
            source_id=source_id,
            external_key=external_key,
            created_at=now,
            updated_at=now,
        )
        s.add(row)
        s.flush()
        unique_ids = list(dict.fromkeys(person_ids))
        s.add_all(ParticipantRow(interaction_id=row.id, person_id=pid) for pid in unique_ids)
        s.add_all(TopicRow(interaction_id=row.id, topic=topic) for topic in dict.fromkeys(topics))
        for exchange in entry.exchanges:
            s.add_all(
                ExchangeRow(
                    owner_id=self.owner_id,
                    person_id=pid,
                    interaction_id=row.id,
                    direction=exchange.direction.value,
                    kind=exchange.kind.value,
                    description=exchange.text,
                    occurred_at=entry.at,
                )
                for pid in unique_ids
            )
        if entry.follow_up is not None:  # one follow-up, on the first person named
            s.add(
                FollowUpRow(
                    owner_id=self.owner_id,
                    person_id=unique_ids[0] if unique_ids else None,
                    interaction_id=row.id,
                    due_on=entry.follow_up.due,
                    text=entry.follow_up.text,
                    status=FollowUpStatus.OPEN.value,
                    created_at=now,
                )
            )
        s.flush()
        if unique_ids:
            # Typed, so that it is stored as naive UTC like every other time (an untyped
            # aware datetime would be shifted by a PostgreSQL session's time zone).
            at = literal(entry.at, UTCDateTime())
            later = case(
                (PersonRow.last_interaction_at.is_(None), at),
                (PersonRow.last_interaction_at < at, at),
                else_=PersonRow.last_interaction_at,
            )
            s.execute(
                update(PersonRow)
                .where(PersonRow.id.in_(unique_ids))
                .values(last_interaction_at=later)
                .execution_options(synchronize_session=False)
            )
            self.people.add_touch(unique_ids, at=entry.at, channel=entry.channel)
        return row.id

    def get(self, interaction_id: int) -> Interaction:
        found = self.load([interaction_id])
        if not found:
            raise NotFound(f"there is no interaction {interaction_id}.")
        return found[0]

    def ids_for_person(self, person_id: int, *, limit: int = 20) -> list[int]:
        return list(
            self.session.scalars(
                select(InteractionRow.id)
                .join(ParticipantRow, ParticipantRow.interaction_id == InteractionRow.id)
                .where(ParticipantRow.person_id == person_id)
                .order_by(InteractionRow.occurred_at.desc(), InteractionRow.id.desc())
                .limit(limit)
            )
        )

    def load(self, ids: Sequence[int]) -> list[Interaction]:
        """Interactions by id, newest first, with their people, topics, ledger and follow-ups."""
        if not ids:
            return []
        s = self.session
        rows = list(
            s.scalars(
                select(InteractionRow)
                .where(InteractionRow.id.in_(ids), InteractionRow.owner_id == self.owner_id)
                .order_by(InteractionRow.occurred_at.desc(), InteractionRow.id.desc())
            )
        )
        found = [row.id for row in rows]
        people: dict[int, list[PersonRef]] = {}
        for interaction_id, uid, name in s.execute(
            select(ParticipantRow.interaction_id, PersonRow.uid, PersonRow.display_name)
            .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
            .where(ParticipantRow.interaction_id.in_(found))
            .order_by(PersonRow.sort_name)
        ).all():
            people.setdefault(interaction_id, []).append(PersonRef(uid, name))
        topics: dict[int, list[str]] = {}
        for interaction_id, topic in s.execute(
            select(TopicRow.interaction_id, TopicRow.topic)
            .where(TopicRow.interaction_id.in_(found))
            .order_by(TopicRow.topic)
        ).all():
            topics.setdefault(interaction_id, []).append(topic)
        exchanges: dict[int, list[Exchange]] = {}
        for exchange, uid, name in s.execute(
            select(ExchangeRow, PersonRow.uid, PersonRow.display_name)
            .join(PersonRow, PersonRow.id == ExchangeRow.person_id)
            .where(ExchangeRow.interaction_id.in_(found))
            .order_by(ExchangeRow.id)
        ).all():
            assert exchange.interaction_id is not None
            exchanges.setdefault(exchange.interaction_id, []).append(
                exchange_record(exchange, uid, name)
            )
        follow_ups: dict[int, list[FollowUp]] = {}
        for follow_up in FollowUpsRepository(s, self.owner_id).list(interaction_ids=found):
            assert follow_up.interaction_id is not None
            follow_ups.setdefault(follow_up.interaction_id, []).append(follow_up)
        return [
            Interaction(
                id=row.id,
                at=row.occurred_at,
                people=tuple(people.get(row.id, ())),
                channel=Channel(row.channel),
                note=row.note,
                purpose=Purpose(row.purpose) if row.purpose else None,
                purpose_source=PurposeSource(row.purpose_source) if row.purpose_source else None,
                purpose_confidence=row.purpose_confidence,
                topics=tuple(topics.get(row.id, ())),
                initiated_by=Initiator(row.initiated_by),
                minutes=row.minutes,
                activity=Activity(row.activity) if row.activity else None,
                exchanges=tuple(exchanges.get(row.id, ())),
                follow_ups=tuple(follow_ups.get(row.id, ())),
            )
            for row in rows
        ]


class FollowUpsRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def list(
        self,
        *,
        statuses: Sequence[FollowUpStatus] | None = None,
        interaction_ids: Sequence[int] | None = None,
        person_id: int | None = None,
        due_by: date | None = None,
    ) -> list[FollowUp]:
        query = (
            select(FollowUpRow, PersonRow.uid, PersonRow.display_name)
            .outerjoin(PersonRow, PersonRow.id == FollowUpRow.person_id)
            .where(FollowUpRow.owner_id == self.owner_id)
        )
        if statuses is not None:
            query = query.where(FollowUpRow.status.in_([status.value for status in statuses]))
        if interaction_ids is not None:
            query = query.where(FollowUpRow.interaction_id.in_(interaction_ids))
        if person_id is not None:
            query = query.where(FollowUpRow.person_id == person_id)
        if due_by is not None:
            query = query.where(FollowUpRow.due_on <= due_by)
        query = query.order_by(FollowUpRow.due_on, FollowUpRow.id)
        return [_follow_up(row, uid, name) for row, uid, name in self.session.execute(query).all()]

    def row(self, follow_up_id: int) -> FollowUpRow:
        row = self.session.get(FollowUpRow, follow_up_id)
        if row is None or row.owner_id != self.owner_id:
            raise NotFound(f"there is no follow-up {follow_up_id}; see `kithkin follow-ups --all`.")
        return row

    def set_status(
        self, follow_up_id: int, status: FollowUpStatus, *, now: datetime, until: date | None = None
    ) -> None:
        row = self.row(follow_up_id)
        row.status = status.value
        row.snoozed_until = until if status is FollowUpStatus.SNOOZED else None
        row.done_at = now if status is FollowUpStatus.DONE else None
        self.session.flush()

    def get(self, follow_up_id: int) -> FollowUp:
        row = self.row(follow_up_id)
        ref = self.people_ref(row.person_id)
        return _follow_up(row, ref.id if ref else None, ref.name if ref else None)

    def people_ref(self, person_id: int | None) -> PersonRef | None:
        if person_id is None:
            return None
        person = self.session.get_one(PersonRow, person_id)
        return PersonRef(person.uid, person.display_name)


def exchange_record(row: ExchangeRow, uid: str, name: str) -> Exchange:
    return Exchange(
        id=row.id,
        person=PersonRef(uid, name),
        direction=Direction(row.direction),
        kind=ExchangeKind(row.kind),
        text=row.description,
        at=row.occurred_at,
        interaction_id=row.interaction_id,
    )


def _follow_up(row: FollowUpRow, uid: str | None, name: str | None) -> FollowUp:
    return FollowUp(
        id=row.id,
        due=row.due_on,
        text=row.text,
        status=FollowUpStatus(row.status),
        person=PersonRef(uid, name) if uid is not None and name is not None else None,
        interaction_id=row.interaction_id,
        snoozed_until=row.snoozed_until,
        created_at=row.created_at,
        done_at=row.done_at,
    )

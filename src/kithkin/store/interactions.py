"""Interactions, their participants, topics, ledger entries and follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam, case, delete, literal, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

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
from kithkin.store import direct
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

# Reading interactions (a person page's timeline): plain columns, statements built once.
_IDS: BindParameter[int] = bindparam("ids", type_=Integer, expanding=True)
_INTERACTION_COLUMNS = (
    InteractionRow.id,
    InteractionRow.occurred_at,
    InteractionRow.channel,
    InteractionRow.note,
    InteractionRow.purpose,
    InteractionRow.purpose_source,
    InteractionRow.purpose_confidence,
    InteractionRow.initiated_by,
    InteractionRow.minutes,
    InteractionRow.activity,
)
EXCHANGE_COLUMNS = (  # what `exchange_record` reads
    ExchangeRow.id,
    ExchangeRow.direction,
    ExchangeRow.kind,
    ExchangeRow.description,
    ExchangeRow.occurred_at,
    ExchangeRow.interaction_id,
)
_FOLLOW_UP_COLUMNS = (  # what `_follow_up` reads
    FollowUpRow.id,
    FollowUpRow.due_on,
    FollowUpRow.text,
    FollowUpRow.status,
    FollowUpRow.interaction_id,
    FollowUpRow.snoozed_until,
    FollowUpRow.created_at,
    FollowUpRow.done_at,
)
_IDS_FOR_PERSON = (
    select(InteractionRow.id)
    .join(ParticipantRow, ParticipantRow.interaction_id == InteractionRow.id)
    .where(ParticipantRow.person_id == bindparam("person_id"))
    .order_by(InteractionRow.occurred_at.desc(), InteractionRow.id.desc())
    .limit(bindparam("limit"))
)
_LOAD_ROWS = (
    select(*_INTERACTION_COLUMNS)
    .where(InteractionRow.id.in_(_IDS), InteractionRow.owner_id == bindparam("owner_id"))
    .order_by(InteractionRow.occurred_at.desc(), InteractionRow.id.desc())
)
_LOAD_PEOPLE = (
    select(ParticipantRow.interaction_id, PersonRow.uid, PersonRow.display_name)
    .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
    .where(ParticipantRow.interaction_id.in_(_IDS))
    .order_by(PersonRow.sort_name)
)
_LOAD_TOPICS = (
    select(TopicRow.interaction_id, TopicRow.topic)
    .where(TopicRow.interaction_id.in_(_IDS))
    .order_by(TopicRow.topic)
)
_LOAD_EXCHANGES = (
    select(*EXCHANGE_COLUMNS, PersonRow.uid, PersonRow.display_name)
    .join(PersonRow, PersonRow.id == ExchangeRow.person_id)
    .where(ExchangeRow.interaction_id.in_(_IDS))
    .order_by(ExchangeRow.id)
)


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

    def change(
        self,
        interaction_id: int,
        *,
        now: datetime,
        at: datetime | None = None,
        channel: Channel | None = None,
        note: str | None = None,
        minutes: int | None = None,
    ) -> None:
        """Change what was logged (None: keep it). A new time moves the interaction's ledger
        entries with it; a new time or channel recomputes its people's last contact and
        warmth. The note's full-text entry follows by itself (a trigger on SQLite, a generated
        column on PostgreSQL)."""
        values: dict[str, object] = {}
        if at is not None:
            values["occurred_at"] = at
        if channel is not None:
            values["channel"] = channel.value
        if note is not None:
            values["note"] = note
        if minutes is not None:
            values["minutes"] = minutes
        if not values:
            return
        self._update(interaction_id, values | {"updated_at": now})
        if at is not None:
            self.session.execute(
                update(ExchangeRow)
                .where(
                    ExchangeRow.interaction_id == interaction_id,
                    ExchangeRow.owner_id == self.owner_id,
                )
                .values(occurred_at=at)
                .execution_options(synchronize_session=False)
            )
        if at is not None or channel is not None:
            self.people.recompute_activity(self.participant_ids(interaction_id), now=now)

    def set_reading(
        self,
        interaction_id: int,
        *,
        purpose: Purpose | None,
        confidence: float | None,
        topics: Sequence[str],
        replace_purpose: bool,
    ) -> None:
        """Store the purpose model's reading of the note (None: there is no note to read):
        the guess it keeps and the topics; ``replace_purpose`` also makes the guess the
        interaction's purpose (as `add` does for a note logged without one)."""
        values: dict[str, object] = {"model_purpose": purpose.value if purpose else None}
        if replace_purpose:
            values |= {
                "purpose": purpose.value if purpose else None,
                "purpose_source": PurposeSource.MODEL.value if purpose else None,
                "purpose_confidence": confidence if purpose else None,
            }
        self._update(interaction_id, values)
        self.session.execute(delete(TopicRow).where(TopicRow.interaction_id == interaction_id))
        self.session.add_all(
            TopicRow(interaction_id=interaction_id, topic=topic) for topic in dict.fromkeys(topics)
        )
        self.session.flush()

    def remove(self, interaction_id: int, *, now: datetime) -> list[int]:
        """Delete an interaction with its participants, topics and ledger entries (their
        foreign keys cascade); its follow-ups and purpose corrections stay, unlinked (SET
        NULL). Its people's last contact and warmth are recomputed. Returns their ids."""
        person_ids = self.participant_ids(interaction_id)
        done = self.session.execute(
            delete(InteractionRow)
            .where(InteractionRow.id == interaction_id, InteractionRow.owner_id == self.owner_id)
            .execution_options(synchronize_session=False)
        )
        if not done.rowcount:  # type: ignore[attr-defined]
            raise NotFound(f"there is no interaction {interaction_id}.")
        self.session.expire_all()  # ORM copies of unlinked follow-ups are stale now
        self.people.recompute_activity(person_ids, now=now)
        return person_ids

    def participant_ids(self, interaction_id: int) -> list[int]:
        return list(
            self.session.scalars(
                select(ParticipantRow.person_id)
                .join(InteractionRow, InteractionRow.id == ParticipantRow.interaction_id)
                .where(
                    ParticipantRow.interaction_id == interaction_id,
                    InteractionRow.owner_id == self.owner_id,
                )
                .order_by(ParticipantRow.person_id)
            )
        )

    def _update(self, interaction_id: int, values: dict[str, object]) -> None:
        done = self.session.execute(
            update(InteractionRow)
            .where(InteractionRow.id == interaction_id, InteractionRow.owner_id == self.owner_id)
            .values(values)
            .execution_options(synchronize_session=False)
        )
        if not done.rowcount:  # type: ignore[attr-defined]
            raise NotFound(f"there is no interaction {interaction_id}.")

    def get(self, interaction_id: int) -> Interaction:
        found = self.load([interaction_id])
        if not found:
            raise NotFound(f"there is no interaction {interaction_id}.")
        return found[0]

    def ids_for_person(self, person_id: int, *, limit: int = 20) -> list[int]:
        values = {"person_id": person_id, "limit": limit}
        return list(direct.connection(self.session).scalars(_IDS_FOR_PERSON, values))

    def load(self, ids: Sequence[int]) -> list[Interaction]:
        """Interactions by id, newest first, with their people, topics, ledger and follow-ups."""
        if not ids:
            return []
        s = self.session
        connection = direct.connection(s)
        values = {"ids": list(ids), "owner_id": self.owner_id}
        rows = connection.execute(_LOAD_ROWS, values).all()
        found = [row.id for row in rows]
        people: dict[int, list[PersonRef]] = {}
        for interaction_id, uid, name in connection.execute(_LOAD_PEOPLE, {"ids": found}).all():
            people.setdefault(interaction_id, []).append(PersonRef(uid, name))
        topics: dict[int, list[str]] = {}
        for interaction_id, topic in connection.execute(_LOAD_TOPICS, {"ids": found}).all():
            topics.setdefault(interaction_id, []).append(topic)
        exchanges: dict[int, list[Exchange]] = {}
        for exchange in connection.execute(_LOAD_EXCHANGES, {"ids": found}).all():
            assert exchange.interaction_id is not None
            exchanges.setdefault(exchange.interaction_id, []).append(
                exchange_record(exchange, exchange.uid, exchange.display_name)
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


@cache
def _follow_ups_query(
    statuses: bool, interaction_ids: bool, person_id: bool, due_by: bool
) -> Select[*tuple[Any, ...]]:
    """The statement of `FollowUpsRepository.list` for the filters given (built once each)."""
    query = (
        select(*_FOLLOW_UP_COLUMNS, PersonRow.uid, PersonRow.display_name)
        .outerjoin(PersonRow, PersonRow.id == FollowUpRow.person_id)
        .where(FollowUpRow.owner_id == bindparam("owner_id"))
    )
    if statuses:
        query = query.where(FollowUpRow.status.in_(bindparam("statuses", expanding=True)))
    if interaction_ids:
        query = query.where(
            FollowUpRow.interaction_id.in_(bindparam("interaction_ids", expanding=True))
        )
    if person_id:
        query = query.where(FollowUpRow.person_id == bindparam("person_id"))
    if due_by:
        query = query.where(FollowUpRow.due_on <= bindparam("due_by"))
    return query.order_by(FollowUpRow.due_on, FollowUpRow.id)


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
        shape = (statuses is not None, interaction_ids is not None, person_id is not None)
        query = _follow_ups_query(*shape, due_by is not None)
        values: dict[str, object] = {"owner_id": self.owner_id}
        if statuses is not None:
            values["statuses"] = [status.value for status in statuses]
        if interaction_ids is not None:
            values["interaction_ids"] = list(interaction_ids)
        if person_id is not None:
            values["person_id"] = person_id
        if due_by is not None:
            values["due_by"] = due_by
        rows = direct.connection(self.session).execute(query, values).all()
        return [_follow_up(row, row.uid, row.display_name) for row in rows]

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


def exchange_record(row: Any, uid: str, name: str) -> Exchange:
    """An entry from an `ExchangeRow`, or a row of (at least) `EXCHANGE_COLUMNS`."""
    return Exchange(
        id=row.id,
        person=PersonRef(uid, name),
        direction=Direction(row.direction),
        kind=ExchangeKind(row.kind),
        text=row.description,
        at=row.occurred_at,
        interaction_id=row.interaction_id,
    )


def _follow_up(row: Any, uid: str | None, name: str | None) -> FollowUp:
    """A follow-up from a `FollowUpRow`, or a row of (at least) `_FOLLOW_UP_COLUMNS`."""
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

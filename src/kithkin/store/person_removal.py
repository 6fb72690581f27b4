"""What deleting a person (`PeopleRepository.delete`) takes with them, counted beforehand for
the web's confirmation page, always within one owner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, bindparam, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect

from kithkin.store import direct
from kithkin.store.tables import (
    Base,
    EventAttendeeRow,
    EventRow,
    ExchangeRow,
    FollowUpRow,
    InteractionRow,
    MergeRow,
    MilestoneRow,
    ParticipantRow,
    PurposeCorrectionRow,
    RelationshipRow,
)


@dataclass(frozen=True)
class RemovalCounts:
    """How much of each kind goes (or stays) when a person is deleted."""

    only_theirs: int  # interactions only they were in: deleted
    shared: int  # interactions with others too: kept, without them
    follow_ups: int  # follow-ups about them, open or not: deleted
    milestones: int  # deleted
    relationships: int  # links to or from other people: deleted
    exchanges: int  # their give-and-take entries: deleted
    events: int  # events they were at: the events stay, without them
    corrections: int  # purpose corrections quoting notes of deleted interactions: deleted
    merges: int  # records of duplicates merged into them (with a snapshot each): deleted


_OWNER: BindParameter[int] = bindparam("owner_id", type_=Integer)
_PERSON: BindParameter[int] = bindparam("person_id", type_=Integer)


def _counted(table: type[Base], *where: ColumnElement[bool]) -> ScalarSelect[int]:
    return select(func.count()).select_from(table).where(*where).scalar_subquery()


_THEIRS = select(ParticipantRow.interaction_id).where(ParticipantRow.person_id == _PERSON)
_WITH_OTHERS = (
    select(ParticipantRow.interaction_id)
    .where(ParticipantRow.person_id != _PERSON)
    .where(ParticipantRow.interaction_id.in_(_THEIRS))
)
_ONLY_THEIRS = (
    select(InteractionRow.id)
    .where(InteractionRow.owner_id == _OWNER)
    .where(InteractionRow.id.in_(_THEIRS))
    .where(InteractionRow.id.not_in(_WITH_OTHERS))
)
_SHARED = (
    select(func.count(func.distinct(ParticipantRow.interaction_id)))
    .where(ParticipantRow.person_id != _PERSON)
    .where(ParticipantRow.interaction_id.in_(_THEIRS))
    .scalar_subquery()
)
_COUNTS = select(
    select(func.count()).select_from(_ONLY_THEIRS.subquery()).scalar_subquery(),
    _SHARED,
    _counted(FollowUpRow, FollowUpRow.owner_id == _OWNER, FollowUpRow.person_id == _PERSON),
    _counted(MilestoneRow, MilestoneRow.owner_id == _OWNER, MilestoneRow.person_id == _PERSON),
    _counted(
        RelationshipRow,
        RelationshipRow.owner_id == _OWNER,
        (RelationshipRow.person_id == _PERSON) | (RelationshipRow.other_id == _PERSON),
    ),
    _counted(ExchangeRow, ExchangeRow.owner_id == _OWNER, ExchangeRow.person_id == _PERSON),
    select(func.count())
    .select_from(EventAttendeeRow)
    .join(EventRow, EventRow.id == EventAttendeeRow.event_id)
    .where(EventRow.owner_id == _OWNER, EventAttendeeRow.person_id == _PERSON)
    .scalar_subquery(),
    _counted(
        PurposeCorrectionRow,
        PurposeCorrectionRow.owner_id == _OWNER,
        PurposeCorrectionRow.interaction_id.in_(_ONLY_THEIRS),
    ),
    _counted(MergeRow, MergeRow.owner_id == _OWNER, MergeRow.kept_person_id == _PERSON),
)


class PersonRemovalRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def counts(self, person_id: int) -> RemovalCounts:
        """What `PeopleRepository.delete` would remove or leave for this (owned) person."""
        values = {"owner_id": self.owner_id, "person_id": person_id}
        row = direct.connection(self.session).execute(_COUNTS, values).one()
        return RemovalCounts(*(int(value) for value in row))

"""The web's people list (keyset pages over indexed columns) and the person page's extras
(milestones, relationships), always within one owner.

Sorts and their keys (``after`` is the last row's key; a page never uses OFFSET):

* ``name``: ``(sort_name, id)`` ascending, read from ``ix_people_owner_sort``;
* ``last``: latest interaction first, ``(last_interaction_at, id)`` descending from
  ``ix_people_owner_last`` (SQLite keeps the rowid in every index entry), then the people
  never contacted, by name;
* ``warmth``: warmest first. Stored heat decays at the same rate for everyone, so
  ``ln(heat) + DECAY_PER_SECOND * epoch(as_of)`` orders people by their warmth at any
  instant: the key does not move as time passes. It is computed over the filtered people's
  computed by the database over the filtered people (no index can hold it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import (
    Float,
    Integer,
    and_,
    bindparam,
    case,
    false,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from kithkin.core.cadence import check_in_cutoff, check_in_cutoffs
from kithkin.core.dates import PartialDate
from kithkin.core.records import PersonRef
from kithkin.core.vocabulary import Circle, Mode
from kithkin.core.warmth import HALF_LIFE_DAYS
from kithkin.store import direct
from kithkin.store.people import SUMMARY_COLUMNS, SummaryRow
from kithkin.store.tables import MilestoneRow, PersonRow, RelationshipRow, TagRow

DECAY_PER_SECOND = math.log(2) / (HALF_LIFE_DAYS * 86_400.0)
COLD = -1e300  # the warmth key of someone without any heat
NEVER = "never"  # the ``last`` key of someone never contacted
_SEEN = func.coalesce(PersonRow.last_interaction_at, PersonRow.created_at)


@dataclass(frozen=True)
class CheckIns:
    """What "overdue" means today: the circles' cadences, in the user's time zone."""

    today: date
    cadences: Mapping[Circle, int | None]
    tz: tzinfo


@dataclass(frozen=True)
class PeopleFilter:
    circle: Circle | None = None
    mode: Mode | None = None
    tag: str | None = None
    overdue: CheckIns | None = None
    ids: Sequence[int] | None = None  # only these (a text search's hits)


@dataclass(frozen=True)
class KeyedRow:
    """One person of a page, with the key the next page starts after; ``person`` has the
    columns of a summary (`SUMMARY_COLUMNS`), so the page is read in one statement."""

    id: int
    uid: str
    key: tuple[str | float, ...]
    person: SummaryRow


@dataclass(frozen=True)
class MilestoneLine:
    kind: str
    day: PartialDate
    recurring: bool
    note: str


@dataclass(frozen=True)
class RelationLine:
    kind: str  # read as "<this person> <kind> <other>", or reversed when ``incoming``
    other: PersonRef
    incoming: bool
    note: str


class PeoplePagesRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    # -- the list ----------------------------------------------------------------------------

    def by_name(
        self, where: PeopleFilter, after: tuple[str, int] | None, limit: int
    ) -> list[KeyedRow]:
        if where == _NO_FILTER:  # the plain list, page after page: statements built once
            values: dict[str, object] = {"owner_id": self.owner_id, "limit": limit}
            if after is not None:
                values |= {"name": after[0], "id": after[1]}
            plain = (_BY_NAME if after is None else _BY_NAME_AFTER).rows(self.session, values)
            people = [SummaryRow.plain(row) for row in plain]
        else:
            query = _NAMES.where(*self._where(where))
            if after is not None:
                query = query.where(tuple_(PersonRow.sort_name, PersonRow.id) > tuple_(*after))
            query = query.order_by(PersonRow.sort_name, PersonRow.id).limit(limit)
            found = direct.connection(self.session).execute(query).all()
            people = [SummaryRow.plain(row) for row in found]
        return [KeyedRow(row.id, row.uid, (row.sort_name, row.id), row) for row in people]

    def by_last_interaction(
        self, where: PeopleFilter, after: tuple[str, str, int] | None, limit: int
    ) -> list[KeyedRow]:
        """Latest contact first; then those never contacted, by name. ``after`` is
        ``(iso time, "", id)`` or ``(NEVER, sort name, id)``."""
        found: list[KeyedRow] = []
        if after is None or after[0] != NEVER:
            dated = select(*SUMMARY_COLUMNS).where(
                *self._where(where), PersonRow.last_interaction_at.is_not(None)
            )
            if after is not None:
                seen = datetime.fromisoformat(after[0])
                dated = dated.where(
                    or_(
                        PersonRow.last_interaction_at < seen,
                        and_(PersonRow.last_interaction_at == seen, PersonRow.id < after[2]),
                    )
                )
            dated = dated.order_by(PersonRow.last_interaction_at.desc(), PersonRow.id.desc()).limit(
                limit
            )
            found = [
                KeyedRow(
                    row.id,
                    row.uid,
                    (row.last_interaction_at.isoformat(), "", row.id),
                    SummaryRow.plain(row),
                )
                for row in direct.connection(self.session).execute(dated).all()
            ]
            after = None
        if len(found) < limit:
            never = select(*SUMMARY_COLUMNS).where(
                *self._where(where), PersonRow.last_interaction_at.is_(None)
            )
            if after is not None:
                never = never.where(
                    tuple_(PersonRow.sort_name, PersonRow.id) > tuple_(after[1], after[2])
                )
            never = never.order_by(PersonRow.sort_name, PersonRow.id).limit(limit - len(found))
            found += [
                KeyedRow(row.id, row.uid, (NEVER, row.sort_name, row.id), SummaryRow.plain(row))
                for row in direct.connection(self.session).execute(never).all()
            ]
        return found

    def by_warmth(
        self, where: PeopleFilter, after: tuple[float, str, int] | None, limit: int
    ) -> list[KeyedRow]:
        """Warmest first, then by name. ``after`` is ``(warmth key, sort name, id)``."""
        key = self._warmth_key()
        query = select(*SUMMARY_COLUMNS, key.label("key")).where(*self._where(where))
        if after is not None:
            query = query.where(
                or_(
                    key < after[0],
                    and_(
                        key == after[0],
                        tuple_(PersonRow.sort_name, PersonRow.id) > tuple_(after[1], after[2]),
                    ),
                )
            )
        query = query.order_by(key.desc(), PersonRow.sort_name, PersonRow.id).limit(limit)
        return [
            KeyedRow(
                row.id, row.uid, (float(row.key), row.sort_name, row.id), SummaryRow.plain(row)
            )
            for row in direct.connection(self.session).execute(query).all()
        ]

    def _warmth_key(self) -> ColumnElement[float]:
        """``warmth_key`` in SQL: the database scans and picks the page (no index holds it)."""
        if self.session.get_bind().dialect.name == "sqlite":
            epoch = (func.julianday(PersonRow.warmth_as_of) - 2440587.5) * 86_400.0
        else:
            epoch = func.extract("epoch", PersonRow.warmth_as_of)
        return case(
            (
                and_(PersonRow.warmth_heat > 0, PersonRow.warmth_as_of.is_not(None)),
                func.ln(PersonRow.warmth_heat) + DECAY_PER_SECOND * epoch,
            ),
            else_=literal(COLD, Float),
        )

    def _where(self, where: PeopleFilter) -> list[ColumnElement[bool]]:
        conditions = [PersonRow.owner_id == self.owner_id]
        if where.ids is not None:
            conditions.append(PersonRow.id.in_(where.ids))
        if where.circle is not None:
            conditions.append(PersonRow.circle == where.circle.value)
        if where.mode is not None:
            conditions.append(PersonRow.mode == where.mode.value)
        if where.tag:
            tagged = select(TagRow.person_id).where(TagRow.name == where.tag.strip().lower())
            conditions.append(PersonRow.id.in_(tagged))
        if where.overdue is not None:
            conditions.append(self._overdue(where.overdue))
        return conditions

    def _overdue(self, check_ins: CheckIns) -> ColumnElement[bool]:
        """Due for a check-in (the agenda's test): last seen before the cutoff of their own
        cadence, else of their circle's; a circle without a cadence is never due."""
        today, tz = check_ins.today, check_ins.tz
        due: list[ColumnElement[bool]] = [
            and_(PersonRow.circle == circle.value, PersonRow.cadence_days.is_(None), cutoff > _SEEN)
            for circle, cutoff in check_in_cutoffs(today, check_ins.cadences, tz).items()
        ]
        own = self.session.scalars(
            select(PersonRow.cadence_days)
            .where(PersonRow.owner_id == self.owner_id, PersonRow.cadence_days.is_not(None))
            .distinct()
        ).all()
        due += [
            and_(PersonRow.cadence_days == days, check_in_cutoff(today, days, tz) > _SEEN)
            for days in own
            if days is not None
        ]
        return or_(*due) if due else false()

    # -- the person page -----------------------------------------------------------------------

    def person_id(self, uid: str) -> int | None:
        """The owner's person with exactly this id (no prefixes, names or e-mails)."""
        values = {"owner_id": self.owner_id, "uid": uid}
        return direct.connection(self.session).scalar(_PERSON_ID, values)

    def milestones(self, person_id: int) -> list[MilestoneLine]:
        values = {"owner_id": self.owner_id, "person_id": person_id}
        return [
            MilestoneLine(
                row.kind,
                PartialDate(month=row.month, day=row.day, year=row.year),
                row.recurring,
                row.note,
            )
            for row in direct.connection(self.session).execute(_MILESTONES, values).all()
        ]

    def relationships(self, person_id: int) -> list[RelationLine]:
        values = {"owner_id": self.owner_id, "person_id": person_id}
        rows = direct.connection(self.session).execute(_RELATIONSHIPS, values).all()
        return [
            RelationLine(
                kind,
                PersonRef(uid, name),
                incoming=other_id == person_id,
                note=note,
            )
            for kind, other_id, note, uid, name in rows
        ]


_NO_FILTER = PeopleFilter()
_NAMES = select(*SUMMARY_COLUMNS)
_FIRST_BY_NAME = (
    _NAMES.where(PersonRow.owner_id == bindparam("owner_id", type_=Integer))
    .order_by(PersonRow.sort_name, PersonRow.id)
    .limit(bindparam("limit", type_=Integer))
)
_BY_NAME = direct.Plain(_FIRST_BY_NAME)
_BY_NAME_AFTER = direct.Plain(
    _FIRST_BY_NAME.where(
        tuple_(PersonRow.sort_name, PersonRow.id) > tuple_(bindparam("name"), bindparam("id"))
    )
)

# The person page's extras: plain columns, statements built once.
_OWNER: BindParameter[int] = bindparam("owner_id", type_=Integer)
_PERSON: BindParameter[int] = bindparam("person_id", type_=Integer)
_PERSON_ID = select(PersonRow.id).where(
    PersonRow.owner_id == _OWNER, PersonRow.uid == bindparam("uid")
)
_MILESTONES = (
    select(
        MilestoneRow.kind,
        MilestoneRow.month,
        MilestoneRow.day,
        MilestoneRow.year,
        MilestoneRow.recurring,
        MilestoneRow.note,
    )
    .where(MilestoneRow.owner_id == _OWNER, MilestoneRow.person_id == _PERSON)
    .order_by(MilestoneRow.month, MilestoneRow.day, MilestoneRow.id)
)
_RELATIONSHIPS = (
    select(
        RelationshipRow.kind,
        RelationshipRow.other_id,
        RelationshipRow.note,
        PersonRow.uid,
        PersonRow.display_name,
    )
    .join(
        PersonRow,
        or_(
            and_(RelationshipRow.person_id == _PERSON, PersonRow.id == RelationshipRow.other_id),
            and_(RelationshipRow.other_id == _PERSON, PersonRow.id == RelationshipRow.person_id),
        ),
    )
    .where(RelationshipRow.owner_id == _OWNER, PersonRow.owner_id == _OWNER)
    .order_by(PersonRow.sort_name, RelationshipRow.id)
)

"""Merging two people: every row of OTHER moves to KEEP, what both had is kept once, OTHER is
deleted, and the merge is recorded with a dump of every row OTHER had.

``POINTS_AT_PEOPLE`` names each column that refers to a person; a test checks it against the
schema, so a new per-person table cannot be forgotten here (its rows would be deleted with
OTHER). The rules for single values are in ``core.merge``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Table, delete, select, update
from sqlalchemy.orm import Session

from kithkin.core import merge as rules
from kithkin.core.dates import PartialDate
from kithkin.core.duplicates import plain, url_key
from kithkin.core.serialize import person_json
from kithkin.core.vocabulary import Channel, Circle, Mode
from kithkin.store.people import PeopleRepository
from kithkin.store.tables import (
    AddressRow,
    Base,
    EmailRow,
    EmploymentRow,
    EventAttendeeRow,
    ExchangeRow,
    ExtraPropertyRow,
    FieldProvenanceRow,
    FollowUpRow,
    InteractionRow,
    InterestRow,
    MergeRow,
    MilestoneRow,
    NicknameRow,
    ParticipantRow,
    PersonIdentityRow,
    PersonRow,
    PhoneRow,
    PhotoRow,
    RelatedNameRow,
    RelationshipRow,
    SnoozeRow,
    TagRow,
    UrlRow,
)

POINTS_AT_PEOPLE = frozenset(
    {
        "field_provenance.person_id",
        "person_identities.person_id",
        "person_emails.person_id",
        "person_phones.person_id",
        "person_urls.person_id",
        "person_addresses.person_id",
        "person_nicknames.person_id",
        "person_tags.person_id",
        "person_interests.person_id",
        "employments.person_id",
        "person_related_names.person_id",
        "person_photos.person_id",
        "person_extra_properties.person_id",
        "relationships.person_id",
        "relationships.other_id",
        "event_attendees.person_id",
        "interaction_participants.person_id",
        "exchanges.person_id",
        "follow_ups.person_id",
        "milestones.person_id",
        "merges.kept_person_id",
    }
)

_HEX_PREFIX = re.compile(r"^[0-9a-f]{4,32}$")
_Item = TypeVar(
    "_Item",
    EmailRow,
    PhoneRow,
    UrlRow,
    AddressRow,
    NicknameRow,
    RelatedNameRow,
    ExtraPropertyRow,
)


@dataclass
class MergeCounts:
    """Rows of OTHER by kind: ``moved`` to KEEP, or ``kept_once`` because KEEP had them too."""

    moved: Counter[str] = field(default_factory=Counter)
    kept_once: Counter[str] = field(default_factory=Counter)
    between: int = 0  # relationships between KEEP and OTHER, dropped
    old_name: str | None = None  # OTHER's name, kept as a nickname of KEEP


def people_columns() -> set[str]:
    """Every ``table.column`` of the schema that refers to a person."""
    return {
        f"{table.name}.{key.parent.name}"
        for table in Base.metadata.sorted_tables
        for key in table.foreign_keys
        if key.column.table.name == PersonRow.__tablename__
    }


class MergeRepository:
    def __init__(self, session: Session, owner_id: int, people: PeopleRepository) -> None:
        self.session = session
        self.owner_id = owner_id
        self.people = people

    def merge(self, keep_id: int, other_id: int, *, now: datetime, source_id: int) -> MergeCounts:
        """Move everything of ``other_id`` to ``keep_id``, then delete and record ``other_id``."""
        s = self.session
        snapshot = self.snapshot(other_id)
        keep = s.get_one(PersonRow, keep_id)
        other = s.get_one(PersonRow, other_id)
        counts = MergeCounts()
        taken = self._single_values(keep, other)
        self._items(EmailRow, keep_id, other_id, counts, "emails", lambda row: row.normalized)
        self._items(PhoneRow, keep_id, other_id, counts, "phones", lambda row: row.e164 or row.raw)
        self._items(UrlRow, keep_id, other_id, counts, "urls", lambda row: url_key(row.value))
        self._items(AddressRow, keep_id, other_id, counts, "addresses", _address_key)
        self._items(NicknameRow, keep_id, other_id, counts, "nicknames", lambda r: r.normalized)
        self._items(RelatedNameRow, keep_id, other_id, counts, "related_names", _related_key)
        self._items(ExtraPropertyRow, keep_id, other_id, counts, "extra_properties", _extra_key)
        counts.old_name = self._keep_old_name(keep, other, source_id)
        self._labels(TagRow, keep_id, other_id, counts, "tags")
        self._labels(InterestRow, keep_id, other_id, counts, "interests")
        self._employments(keep_id, other_id, counts)
        self._identities_and_photo(keep_id, other_id, counts)
        self._provenance(keep_id, other_id, taken)
        self._events(keep_id, other_id, counts)
        self._interactions(keep_id, other_id, counts)
        self._milestones(keep_id, other_id, counts)
        self._relationships(keep_id, other_id, counts)
        self._records(keep, other)
        s.add(
            MergeRow(
                owner_id=self.owner_id,
                kept_person_id=keep_id,
                merged_uid=other.uid,
                snapshot=snapshot,
                merged_at=now,
            )
        )
        keep.last_interaction_at = rules.latest(keep.last_interaction_at, other.last_interaction_at)
        keep.created_at = min(keep.created_at, other.created_at)
        keep.updated_at = now
        s.delete(other)
        s.flush()
        keep.warmth_heat, keep.warmth_as_of = rules.heat_of(
            (at, Channel(channel))
            for at, channel in s.execute(
                select(InteractionRow.occurred_at, InteractionRow.channel)
                .join(ParticipantRow, ParticipantRow.interaction_id == InteractionRow.id)
                .where(ParticipantRow.person_id == keep_id)
            )
        )
        s.flush()
        s.expire_all()
        self.people.refresh_search_text(keep_id)
        return counts

    def merged_into(self, reference: str) -> int | None:
        """The person a merged person's old id (or id prefix) now is; see PeopleRepository."""
        return self.people.merged_into(reference)

    # -- the record -------------------------------------------------------------------------

    def snapshot(self, person_id: int) -> str:
        """A person as JSON: as ``kithkin show --json`` gives it, and every row they have."""
        s = self.session
        tables: dict[str, list[dict[str, Any]]] = {}
        people = cast(Table, PersonRow.__table__)
        tables["people"] = _rows(s, people, people.c.id == person_id)
        for table in Base.metadata.sorted_tables:
            if table.name == MergeRow.__tablename__:
                continue  # earlier merges are re-pointed to KEEP, not lost
            for key in table.foreign_keys:
                if key.column.table.name == PersonRow.__tablename__:
                    found = _rows(s, table, key.parent == person_id)
                    if found:
                        tables[f"{table.name}.{key.parent.name}"] = found
        person = person_json(self.people.get(person_id))
        return json.dumps({"person": person, "rows": tables}, ensure_ascii=False, sort_keys=True)

    # -- single values ----------------------------------------------------------------------

    def _single_values(self, keep: PersonRow, other: PersonRow) -> set[str]:
        """Fill KEEP's blanks from OTHER; the names of the fields whose value came from OTHER."""
        taken: set[str] = set()
        for part in ("given_name", "family_name", "middle_name", "prefix", "suffix"):
            if not getattr(keep, part).strip() and getattr(other, part).strip():
                setattr(keep, part, getattr(other, part))
                taken.add("name")
        born = rules.birthday(_birthday(keep), _birthday(other))
        if born != _birthday(keep) and born is not None:
            keep.birth_year, keep.birth_month, keep.birth_day = born.year, born.month, born.day
            taken.add("birthday")
        for name, separator in (("met_how", "; "), ("notes", "\n\n")):
            mine: str = getattr(keep, name)
            if not mine.strip() and getattr(other, name).strip():
                taken.add(name)
            setattr(keep, name, rules.joined(mine, getattr(other, name), separator))
        keep.met_on = rules.earliest(keep.met_on, other.met_on)
        keep.met_event_id = keep.met_event_id or other.met_event_id
        if keep.cadence_days is None and other.cadence_days is not None:
            keep.cadence_days = other.cadence_days
            taken.add("cadence_days")
        for name, default in (("circle", Circle.NETWORK.value), ("mode", Mode.BOTH.value)):
            value = rules.chosen(getattr(keep, name), getattr(other, name), default)
            if value != getattr(keep, name):
                setattr(keep, name, value)
                taken.add(name)
        return taken

    # -- lists ------------------------------------------------------------------------------

    def _items(
        self,
        table: type[_Item],
        keep_id: int,
        other_id: int,
        counts: MergeCounts,
        kind: str,
        key: Callable[[_Item], Hashable],
    ) -> None:
        """Move OTHER's items to the end of KEEP's list, except those KEEP has (by ``key``),
        whose label fills KEEP's when it has none."""

        def listed(person_id: int) -> list[_Item]:
            query = select(table).where(table.person_id == person_id)
            return list(self.session.scalars(query.order_by(table.position, table.id)))

        mine = listed(keep_id)
        have = {key(row): row for row in mine}
        position = max((row.position for row in mine), default=-1) + 1
        for row in listed(other_id):
            same = have.get(key(row))
            if same is not None:
                if not getattr(same, "label", "x"):  # a labelled item without a label
                    setattr(same, "label", getattr(row, "label", ""))  # noqa: B010
                self.session.delete(row)
                counts.kept_once[kind] += 1
            else:
                row.person_id, row.position = keep_id, position
                position += 1
                have[key(row)] = row
                counts.moved[kind] += 1
        self.session.flush()

    def _keep_old_name(self, keep: PersonRow, other: PersonRow, source_id: int) -> str | None:
        """OTHER's name, when it differs, stays on as a nickname: the old name still finds
        the person (``kithkin show "Bob Smith"``)."""
        if plain(other.display_name) == plain(keep.display_name):
            return None
        nicknames = list(
            self.session.scalars(select(NicknameRow).where(NicknameRow.person_id == keep.id))
        )
        if other.display_name.casefold() in {row.normalized for row in nicknames}:
            return None
        self.session.add(
            NicknameRow(
                person_id=keep.id,
                value=other.display_name,
                normalized=other.display_name.casefold(),
                position=max((row.position for row in nicknames), default=-1) + 1,
                source_id=source_id,
            )
        )
        self.session.flush()
        return other.display_name

    def _labels(
        self,
        table: type[TagRow] | type[InterestRow],
        keep_id: int,
        other_id: int,
        counts: MergeCounts,
        kind: str,
    ) -> None:
        """Tags and interests: a name KEEP has in any case is kept once."""
        s = self.session
        mine = {
            name.casefold()
            for name in s.scalars(select(table.name).where(table.person_id == keep_id))
        }
        theirs = list(s.scalars(select(table.name).where(table.person_id == other_id)))
        moving = [name for name in theirs if name.casefold() not in mine]
        if moving:
            s.execute(
                update(table)
                .where(table.person_id == other_id, table.name.in_(moving))
                .values(person_id=keep_id)
                .execution_options(synchronize_session=False)
            )
        s.execute(
            delete(table)
            .where(table.person_id == other_id)
            .execution_options(synchronize_session=False)
        )
        counts.moved[kind] += len(moving)
        counts.kept_once[kind] += len(theirs) - len(moving)

    def _employments(self, keep_id: int, other_id: int, counts: MergeCounts) -> None:
        """Every job is kept as history (the same job once); the latest current one stays
        current."""
        s = self.session

        def jobs(person_id: int) -> list[EmploymentRow]:
            query = select(EmploymentRow).where(EmploymentRow.person_id == person_id)
            return list(s.scalars(query.order_by(EmploymentRow.position, EmploymentRow.id)))

        mine = jobs(keep_id)
        have = {(job.organization_id, plain(job.title), job.start_date): job for job in mine}
        position = max((job.position for job in mine), default=-1) + 1
        kept = list(mine)
        for job in jobs(other_id):
            same = have.get((job.organization_id, plain(job.title), job.start_date))
            if same is None:  # a job known with and without its title is one job
                same = next(
                    (
                        mine_job
                        for mine_job in mine
                        if (mine_job.organization_id, mine_job.start_date)
                        == (job.organization_id, job.start_date)
                        and not (mine_job.title and job.title)
                    ),
                    None,
                )
            if same is not None:
                same.title = same.title or job.title
                same.end_date = same.end_date or job.end_date
                same.department = same.department or job.department
                same.is_current = same.is_current and job.is_current and same.end_date is None
                s.delete(job)
                counts.kept_once["employments"] += 1
                continue
            job.person_id, job.position = keep_id, position
            position += 1
            kept.append(job)
            counts.moved["employments"] += 1
        current = rules.current_job([(job.start_date, job.is_current) for job in kept])
        for index, job in enumerate(kept):
            job.is_current = index == current
        s.flush()

    def _identities_and_photo(self, keep_id: int, other_id: int, counts: MergeCounts) -> None:
        s = self.session
        counts.moved["identities"] += _count(
            s.execute(
                update(PersonIdentityRow)
                .where(PersonIdentityRow.person_id == other_id)
                .values(person_id=keep_id)
                .execution_options(synchronize_session=False)
            )
        )
        has_photo = s.scalar(select(PhotoRow.person_id).where(PhotoRow.person_id == keep_id))
        if has_photo is None:  # KEEP's photo wins; OTHER's stays in the merge record
            counts.moved["photos"] += _count(
                s.execute(
                    update(PhotoRow)
                    .where(PhotoRow.person_id == other_id)
                    .values(person_id=keep_id)
                    .execution_options(synchronize_session=False)
                )
            )

    def _provenance(self, keep_id: int, other_id: int, taken: set[str]) -> None:
        """Where a value came from follows the value: OTHER's source for the fields filled
        from OTHER, and for fields KEEP has no record of."""
        s = self.session
        mine = {
            row.field: row
            for row in s.scalars(
                select(FieldProvenanceRow).where(FieldProvenanceRow.person_id == keep_id)
            )
        }
        for row in list(
            s.scalars(select(FieldProvenanceRow).where(FieldProvenanceRow.person_id == other_id))
        ):
            if row.field in mine:
                if row.field in taken:
                    mine[row.field].source_id = row.source_id
            else:
                s.add(
                    FieldProvenanceRow(person_id=keep_id, field=row.field, source_id=row.source_id)
                )
            s.delete(row)
        s.flush()

    # -- what happened ----------------------------------------------------------------------

    def _events(self, keep_id: int, other_id: int, counts: MergeCounts) -> None:
        s = self.session
        mine = dict(
            s.execute(
                select(EventAttendeeRow.event_id, EventAttendeeRow.met_there).where(
                    EventAttendeeRow.person_id == keep_id
                )
            ).all()
        )
        theirs = dict(
            s.execute(
                select(EventAttendeeRow.event_id, EventAttendeeRow.met_there).where(
                    EventAttendeeRow.person_id == other_id
                )
            ).all()
        )
        first_met = [event for event, met in theirs.items() if met and mine.get(event) is False]
        if first_met:
            s.execute(
                update(EventAttendeeRow)
                .where(
                    EventAttendeeRow.person_id == keep_id, EventAttendeeRow.event_id.in_(first_met)
                )
                .values(met_there=True)
                .execution_options(synchronize_session=False)
            )
        moving = [event for event in theirs if event not in mine]
        if moving:
            s.execute(
                update(EventAttendeeRow)
                .where(
                    EventAttendeeRow.person_id == other_id, EventAttendeeRow.event_id.in_(moving)
                )
                .values(person_id=keep_id)
                .execution_options(synchronize_session=False)
            )
        s.execute(
            delete(EventAttendeeRow)
            .where(EventAttendeeRow.person_id == other_id)
            .execution_options(synchronize_session=False)
        )
        counts.moved["events"] += len(moving)
        counts.kept_once["events"] += len(theirs) - len(moving)

    def _interactions(self, keep_id: int, other_id: int, counts: MergeCounts) -> None:
        """Participation, the ledger and follow-ups. An interaction with both people keeps
        KEEP once, and the ledger entries it had for each of them once."""
        s = self.session
        shared = select(ParticipantRow.interaction_id).where(ParticipantRow.person_id == keep_id)
        counts.kept_once["interactions"] += _count(
            s.execute(
                delete(ParticipantRow)
                .where(
                    ParticipantRow.person_id == other_id,
                    ParticipantRow.interaction_id.in_(shared.scalar_subquery()),
                )
                .execution_options(synchronize_session=False)
            )
        )
        counts.moved["interactions"] += _count(
            s.execute(
                update(ParticipantRow)
                .where(ParticipantRow.person_id == other_id)
                .values(person_id=keep_id)
                .execution_options(synchronize_session=False)
            )
        )

        def entries(person_id: int) -> list[tuple[int, tuple[Any, ...] | None]]:
            rows = s.execute(
                select(
                    ExchangeRow.id,
                    ExchangeRow.interaction_id,
                    ExchangeRow.direction,
                    ExchangeRow.kind,
                    ExchangeRow.description,
                ).where(ExchangeRow.person_id == person_id)
            )
            return [(row[0], row[1:] if row[1] is not None else None) for row in rows]

        mine = {key for _, key in entries(keep_id) if key is not None}
        twice = [number for number, key in entries(other_id) if key is not None and key in mine]
        if twice:
            s.execute(
                delete(ExchangeRow)
                .where(ExchangeRow.id.in_(twice))
                .execution_options(synchronize_session=False)
            )
        counts.kept_once["exchanges"] += len(twice)
        counts.moved["exchanges"] += _count(
            s.execute(
                update(ExchangeRow)
                .where(ExchangeRow.person_id == other_id)
                .values(person_id=keep_id)
                .execution_options(synchronize_session=False)
            )
        )
        counts.moved["follow_ups"] += _count(
            s.execute(
                update(FollowUpRow)
                .where(FollowUpRow.person_id == other_id)
                .values(person_id=keep_id)
                .execution_options(synchronize_session=False)
            )
        )

    def _milestones(self, keep_id: int, other_id: int, counts: MergeCounts) -> None:
        s = self.session

        def listed(person_id: int) -> list[MilestoneRow]:
            query = select(MilestoneRow).where(MilestoneRow.person_id == person_id)
            return list(s.scalars(query.order_by(MilestoneRow.id)))

        have = {(row.kind, row.year, row.month, row.day): row for row in listed(keep_id)}
        for row in listed(other_id):
            same = have.get((row.kind, row.year, row.month, row.day))
            if same is not None:
                same.note = rules.joined(same.note, row.note, "; ")
                s.delete(row)
                counts.kept_once["milestones"] += 1
            else:
                row.person_id = keep_id
                have[(row.kind, row.year, row.month, row.day)] = row
                counts.moved["milestones"] += 1
        s.flush()

    def _relationships(self, keep_id: int, other_id: int, counts: MergeCounts) -> None:
        """Re-pointed from OTHER to KEEP, in both directions; one between the two is dropped,
        and one KEEP already has is kept once."""
        s = self.session
        rows = list(
            s.scalars(
                select(RelationshipRow)
                .where(
                    (RelationshipRow.person_id.in_([keep_id, other_id]))
                    | (RelationshipRow.other_id.in_([keep_id, other_id]))
                )
                .order_by(RelationshipRow.id)
            )
        )
        have = {
            (row.person_id, row.other_id, row.kind): row
            for row in rows
            if other_id not in (row.person_id, row.other_id)
        }
        moving: list[tuple[RelationshipRow, int, int]] = []
        for row in rows:
            if other_id not in (row.person_id, row.other_id):
                continue
            person = keep_id if row.person_id == other_id else row.person_id
            related = keep_id if row.other_id == other_id else row.other_id
            same = have.get((person, related, row.kind))
            if person == related:
                counts.between += 1
                s.delete(row)
            elif same is not None:
                same.since = same.since or row.since
                same.until = same.until or row.until
                same.note = rules.joined(same.note, row.note, "; ")
                counts.kept_once["relationships"] += 1
                s.delete(row)
            else:
                have[(person, related, row.kind)] = row
                moving.append((row, person, related))
        s.flush()  # the deletions first: the moved rows take keys that are now free
        for row, person, related in moving:
            row.person_id, row.other_id = person, related
            counts.moved["relationships"] += 1
        s.flush()

    def _records(self, keep: PersonRow, other: PersonRow) -> None:
        """Earlier merges into OTHER now point at KEEP; OTHER's agenda snoozes become KEEP's."""
        s = self.session
        s.execute(
            update(MergeRow)
            .where(MergeRow.kept_person_id == other.id)
            .values(kept_person_id=keep.id)
            .execution_options(synchronize_session=False)
        )
        snoozes = list(
            s.scalars(
                select(SnoozeRow.item_key).where(
                    SnoozeRow.owner_id == self.owner_id,
                    SnoozeRow.item_key.like(f"%{other.uid}%"),
                )
            )
        )
        taken = set(
            s.scalars(
                select(SnoozeRow.item_key).where(
                    SnoozeRow.owner_id == self.owner_id,
                    SnoozeRow.item_key.in_([k.replace(other.uid, keep.uid) for k in snoozes]),
                )
            )
        )
        for item_key in snoozes:
            moved = item_key.replace(other.uid, keep.uid)
            mine = (SnoozeRow.owner_id == self.owner_id, SnoozeRow.item_key == item_key)
            if moved in taken:
                s.execute(delete(SnoozeRow).where(*mine))
            else:
                s.execute(update(SnoozeRow).where(*mine).values(item_key=moved))
                taken.add(moved)


def _rows(session: Session, table: Table, condition: Any) -> list[dict[str, Any]]:
    return [
        {name: _plain(value) for name, value in row.items()}
        for row in session.execute(select(table).where(condition)).mappings()
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _count(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount


def _birthday(row: PersonRow) -> PartialDate | None:
    if row.birth_month is None or row.birth_day is None:
        return None
    return PartialDate(month=row.birth_month, day=row.birth_day, year=row.birth_year)


def _address_key(row: AddressRow) -> Hashable:
    return tuple(
        plain(part) for part in (row.street, row.locality, row.region, row.postal_code, row.country)
    )


def _related_key(row: RelatedNameRow) -> Hashable:
    return plain(row.name), row.label.casefold()


def _extra_key(row: ExtraPropertyRow) -> Hashable:
    return row.group_name, row.name, row.params, row.value

"""What imports need from storage: finding who is already known, and creating many at once.

Creation is bulk (one multi-row INSERT per table) because a LinkedIn export holds thousands of
people; changing an existing person goes through ``PeopleRepository.apply`` like any edit.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select
from sqlalchemy.orm import Session

from kithkin.core.dates import PartialDate
from kithkin.core.person_changes import PersonChanges
from kithkin.core.records import Address, Labeled
from kithkin.core.search_text import person_search_text
from kithkin.core.vocabulary import Circle, MilestoneKind, Mode
from kithkin.store.tables import (
    AddressRow,
    EmailRow,
    EmploymentRow,
    ExtraPropertyRow,
    FieldProvenanceRow,
    InteractionRow,
    MilestoneRow,
    NicknameRow,
    OrganizationRow,
    PersonIdentityRow,
    PersonRow,
    PhoneRow,
    PhotoRow,
    RelatedNameRow,
    TagRow,
    UrlRow,
)

# The identity key of a record with no key of its own (a CSV row, a vCard without UID): its
# digest. Such a key is never a UID to write back on export.
DIGEST_PREFIX = "digest:"
ExtraProperty = tuple[str, str, str, str]  # (group, name, params as JSON, value as written)


@dataclass(frozen=True)
class Identity:
    system: str  # linkedin | vcard
    key: str
    fingerprint: str
    since: date | None = None


@dataclass(frozen=True)
class NewContact:
    """Everything an import knows about one person, already checked."""

    changes: PersonChanges
    department: str = ""
    addresses: tuple[Address, ...] = ()
    related: tuple[Labeled, ...] = ()
    photo: str = ""
    extras: tuple[ExtraProperty, ...] = ()
    anniversary: PartialDate | None = None
    identity: Identity | None = None


@dataclass
class MatchIndex:
    """The stored keys an import matches records by, loaded once per import."""

    identities: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # key → id, digest
    emails: dict[str, int] = field(default_factory=dict)
    phones: dict[str, int] = field(default_factory=dict)
    names: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


class ImportsRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def match_index(self, system: str) -> MatchIndex:
        s, owner = self.session, self.owner_id
        index = MatchIndex()
        for key, person_id, digest in s.execute(
            select(
                PersonIdentityRow.key, PersonIdentityRow.person_id, PersonIdentityRow.fingerprint
            ).where(PersonIdentityRow.owner_id == owner, PersonIdentityRow.system == system)
        ):
            index.identities[key] = (person_id, digest)
        for email, person_id in s.execute(
            select(EmailRow.normalized, EmailRow.person_id)
            .join(PersonRow, PersonRow.id == EmailRow.person_id)
            .where(PersonRow.owner_id == owner)
            .order_by(EmailRow.id)
        ):
            index.emails.setdefault(email, person_id)
        for phone, person_id in s.execute(
            select(PhoneRow.e164, PhoneRow.person_id)
            .join(PersonRow, PersonRow.id == PhoneRow.person_id)
            .where(PersonRow.owner_id == owner, PhoneRow.e164.is_not(None))
            .order_by(PhoneRow.id)
        ):
            if phone:
                index.phones.setdefault(phone, person_id)
        for name, person_id in s.execute(
            select(PersonRow.sort_name, PersonRow.id).where(PersonRow.owner_id == owner)
        ):
            index.names[name].append(person_id)
        return index

    def identity_ids(self, system: str) -> dict[str, int]:
        rows = self.session.execute(
            select(PersonIdentityRow.key, PersonIdentityRow.person_id).where(
                PersonIdentityRow.owner_id == self.owner_id, PersonIdentityRow.system == system
            )
        ).all()
        return dict(rows)

    def card_data(self, person_id: int) -> CardData:
        return card_data(self.session, person_id)

    def all_ids(self) -> list[int]:
        return list(
            self.session.scalars(
                select(PersonRow.id)
                .where(PersonRow.owner_id == self.owner_id)
                .order_by(PersonRow.sort_name, PersonRow.id)
            )
        )

    def _ids_by_uid(self, uids: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(uids), 5000):
            rows = self.session.execute(
                select(PersonRow.uid, PersonRow.id).where(
                    PersonRow.uid.in_(uids[start : start + 5000])
                )
            ).all()
            found.update((uid, person_id) for uid, person_id in rows)
        return found

    def uids(self, ids: Sequence[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            found.update(
                self.session.execute(
                    select(PersonRow.id, PersonRow.uid).where(
                        PersonRow.id.in_(chunk), PersonRow.owner_id == self.owner_id
                    )
                ).all()
            )
        return found

    def external_keys(self, prefix: str) -> set[str]:
        rows = self.session.scalars(
            select(InteractionRow.external_key).where(
                InteractionRow.owner_id == self.owner_id,
                InteractionRow.external_key.startswith(prefix, autoescape=True),
            )
        )
        return {key for key in rows if key is not None}

    # -- writing ---------------------------------------------------------------------------

    def create(self, contacts: Sequence[NewContact], *, source_id: int, now: datetime) -> list[int]:
        """Create everyone at once; returns their ids in the same order."""
        if not contacts:
            return []
        organizations = self._organization_ids(
            [c.changes.company for c in contacts if c.changes.company]
        )
        rows = [self._person_row(contact, organizations, now) for contact in contacts]
        # Plain executemany, then the ids by uid: SQLite cannot return the ids of a multi-row
        # INSERT in order, and SQLAlchemy would then insert one row at a time.
        connection = self.session.connection()
        insert_many(connection, _table(PersonRow), rows)
        by_uid = self._ids_by_uid([row["uid"] for row in rows])
        ids = [by_uid[row["uid"]] for row in rows]
        children: dict[type[Any], list[dict[str, Any]]] = defaultdict(list)
        for person_id, contact in zip(ids, contacts, strict=True):
            for table, row in self._child_rows(person_id, contact, organizations, source_id, now):
                children[table].append(row)
        for table, table_rows in children.items():
            insert_many(connection, _table(table), table_rows)
        return ids

    def _person_row(
        self, contact: NewContact, organizations: dict[str, int], now: datetime
    ) -> dict[str, Any]:
        changes = contact.changes
        assert changes.name is not None
        name, birthday = changes.name, changes.birthday
        return {
            "uid": uuid.uuid4().hex,
            "owner_id": self.owner_id,
            "display_name": name.display,
            "sort_name": name.display.casefold(),
            "given_name": name.given,
            "family_name": name.family,
            "middle_name": name.middle,
            "prefix": name.prefix,
            "suffix": name.suffix,
            "birth_year": birthday.year if birthday else None,
            "birth_month": birthday.month if birthday else None,
            "birth_day": birthday.day if birthday else None,
            "circle": (changes.circle or Circle.NETWORK).value,
            "mode": (changes.mode or Mode.BOTH).value,
            "cadence_days": changes.cadence_days,
            "met_how": changes.met_how or "",
            "met_on": contact.identity.since if contact.identity else None,
            "notes": changes.notes or "",
            "search_text": person_search_text(
                nicknames=changes.nicknames,
                emails=(email.value for email in changes.emails),
                phones=(phone.raw for phone in changes.phones),
                jobs=[(changes.company, changes.title or "")] if changes.company else [],
                tags=sorted(changes.tags),
                interests=sorted(changes.interests, key=str.casefold),
                met_how=changes.met_how or "",
                places=((a.locality, a.region, a.country) for a in contact.addresses),
                notes=changes.notes or "",
            ),
            "created_at": now,
            "updated_at": now,
            "warmth_heat": 0.0,
        }

    def _child_rows(
        self,
        person_id: int,
        contact: NewContact,
        organizations: dict[str, int],
        source_id: int,
        now: datetime,
    ) -> list[tuple[type[Any], dict[str, Any]]]:
        changes = contact.changes
        mine = {"person_id": person_id, "source_id": source_id}
        rows: list[tuple[type[Any], dict[str, Any]]] = []
        seen_emails: set[str] = set()
        for position, email in enumerate(changes.emails):
            if email.value not in seen_emails:
                seen_emails.add(email.value)
                row: dict[str, Any] = {
                    "value": email.value,
                    "normalized": email.value,
                    "label": email.label,
                }
                rows.append((EmailRow, {**mine, **row, "position": position}))
        seen_phones: set[str] = set()
        for position, phone in enumerate(changes.phones):
            if phone.value not in seen_phones:
                seen_phones.add(phone.value)
                row = {"raw": phone.raw, "e164": phone.e164, "label": phone.label}
                rows.append((PhoneRow, {**mine, **row, "position": position}))
        for position, url in enumerate(dict.fromkeys(changes.urls)):
            row = {"value": url.value, "label": url.label, "position": position}
            rows.append((UrlRow, {**mine, **row}))
        for position, nickname in enumerate(changes.nicknames):
            row = {"value": nickname, "normalized": nickname.casefold(), "position": position}
            rows.append((NicknameRow, {**mine, **row}))
        rows += [(TagRow, {**mine, "name": tag}) for tag in changes.tags]
        if changes.company:
            job = {
                "organization_id": organizations[_normalized(changes.company)],
                "title": changes.title or "",
                "department": contact.department,
                "is_current": True,
                "position": 0,
            }
            rows.append((EmploymentRow, {**mine, **job}))
        rows += self.card_rows(person_id, contact, source_id=source_id, now=now)
        rows += [
            (FieldProvenanceRow, {"person_id": person_id, "field": name, "source_id": source_id})
            for name in sorted(changes.touched)
        ]
        return rows

    def card_rows(
        self, person_id: int, contact: NewContact, *, source_id: int, now: datetime, start: int = 0
    ) -> list[tuple[type[Any], dict[str, Any]]]:
        """Rows for what only cards carry: addresses, related names, photo, extras…"""
        mine = {"person_id": person_id, "source_id": source_id}
        rows: list[tuple[type[Any], dict[str, Any]]] = []
        for position, address in enumerate(contact.addresses, start=start):
            fields = {
                "label": address.label,
                "street": address.street,
                "locality": address.locality,
                "region": address.region,
                "postal_code": address.postal_code,
                "country": address.country,
            }
            rows.append((AddressRow, {**mine, **fields, "position": position}))
        for position, related in enumerate(contact.related, start=start):
            row = {"name": related.value, "label": related.label, "position": position}
            rows.append((RelatedNameRow, {**mine, **row}))
        if contact.photo:
            rows.append((PhotoRow, {**mine, "uri": contact.photo}))
        for position, (group, name, params, value) in enumerate(contact.extras, start=start):
            row = {"group_name": group, "name": name, "params": params, "value": value}
            rows.append((ExtraPropertyRow, {**mine, **row, "position": position}))
        if contact.anniversary is not None:
            day = contact.anniversary
            milestone = {
                "owner_id": self.owner_id,
                "person_id": person_id,
                "kind": MilestoneKind.WEDDING.value,
                "year": day.year,
                "month": day.month,
                "day": day.day,
                "recurring": True,
                "note": "anniversary",
                "created_at": now,
            }
            rows.append((MilestoneRow, milestone))
        if contact.identity is not None:
            identity = contact.identity
            row = {
                "owner_id": self.owner_id,
                "system": identity.system,
                "key": identity.key,
                "since": identity.since,
                "fingerprint": identity.fingerprint,
            }
            rows.append((PersonIdentityRow, {**mine, **row}))
        return rows

    def _organization_ids(self, names: Sequence[str]) -> dict[str, int]:
        wanted = {_normalized(name): " ".join(name.split()) for name in names}
        found: dict[str, int] = {}
        keys = list(wanted)
        for start in range(0, len(keys), 5000):
            found.update(
                self.session.execute(
                    select(OrganizationRow.normalized_name, OrganizationRow.id).where(
                        OrganizationRow.owner_id == self.owner_id,
                        OrganizationRow.normalized_name.in_(keys[start : start + 5000]),
                    )
                ).all()
            )
        missing = [key for key in keys if key not in found]
        if missing:
            rows = [
                {
                    "owner_id": self.owner_id,
                    "name": wanted[key],
                    "normalized_name": key,
                    "domain": "",
                    "industry": "",
                    "notes": "",
                }
                for key in missing
            ]
            self.session.connection().execute(insert(_table(OrganizationRow)), rows)
            return self._organization_ids(names)
        return found

    # -- updating what only cards carry ----------------------------------------------------

    def add_card_data(
        self, person_id: int, contact: NewContact, *, source_id: int, now: datetime
    ) -> list[str]:
        """Add the card's addresses, related names and extras that are new; set photo and
        identity. Returns the names of what changed."""
        s = self.session
        have_addresses = {
            (a.street, a.locality, a.region, a.postal_code, a.country)
            for a in s.scalars(select(AddressRow).where(AddressRow.person_id == person_id))
        }
        have_related = set(
            s.scalars(select(RelatedNameRow.name).where(RelatedNameRow.person_id == person_id))
        )
        have_extras = set(
            s.execute(
                select(
                    ExtraPropertyRow.group_name,
                    ExtraPropertyRow.name,
                    ExtraPropertyRow.params,
                    ExtraPropertyRow.value,
                ).where(ExtraPropertyRow.person_id == person_id)
            ).all()
        )
        anniversary = contact.anniversary
        if anniversary is not None and s.scalar(
            select(func.count()).where(
                MilestoneRow.person_id == person_id,
                MilestoneRow.month == anniversary.month,
                MilestoneRow.day == anniversary.day,
            )
        ):
            anniversary = None
        new = NewContact(
            changes=contact.changes,
            addresses=tuple(
                a
                for a in contact.addresses
                if (a.street, a.locality, a.region, a.postal_code, a.country) not in have_addresses
            ),
            related=tuple(r for r in contact.related if r.value not in have_related),
            extras=tuple(extra for extra in contact.extras if extra not in have_extras),
            anniversary=anniversary,
        )
        start = len(have_addresses) + len(have_related) + len(have_extras)
        for table, row in self.card_rows(person_id, new, source_id=source_id, now=now, start=start):
            s.execute(insert(table), [row])
        changed = [
            name
            for name, added in (
                ("addresses", new.addresses),
                ("related", new.related),
                ("extras", new.extras),
                ("anniversary", new.anniversary),
            )
            if added
        ]
        stored_photo = s.scalar(select(PhotoRow.uri).where(PhotoRow.person_id == person_id))
        if contact.photo and contact.photo != stored_photo:
            s.execute(delete(PhotoRow).where(PhotoRow.person_id == person_id))
            row = {"person_id": person_id, "uri": contact.photo, "source_id": source_id}
            s.execute(insert(PhotoRow), [row])
            changed.append("photo")
        if contact.identity is not None:
            self.set_identity(person_id, contact.identity, source_id=source_id)
        return changed

    def set_identity(self, person_id: int, identity: Identity, *, source_id: int) -> None:
        s = self.session
        row = s.scalars(
            select(PersonIdentityRow).where(
                PersonIdentityRow.owner_id == self.owner_id,
                PersonIdentityRow.system == identity.system,
                PersonIdentityRow.key == identity.key,
            )
        ).first()
        if row is None:
            s.add(
                PersonIdentityRow(
                    owner_id=self.owner_id,
                    person_id=person_id,
                    system=identity.system,
                    key=identity.key,
                    since=identity.since,
                    fingerprint=identity.fingerprint,
                    source_id=source_id,
                )
            )
        else:
            row.fingerprint, row.source_id = identity.fingerprint, source_id
            row.since = identity.since or row.since
        s.flush()


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """One driver-level executemany of many rows (SQLAlchemy's own would spend longer
    preparing each row's parameters than the database spends inserting them).

    Every row gives the same keys; each column's type converts its values exactly as
    SQLAlchemy would (``UTCDateTime`` to naive UTC, dates and booleans for SQLite).
    """
    if not rows:
        return
    dialect = connection.dialect
    names = list(rows[0])
    columns = [table.c[name] for name in names]
    processors = [
        (index, processor)
        for index, column in enumerate(columns)
        if (processor := column.type.bind_processor(dialect)) is not None
    ]
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(marker for _ in names)})"
    )
    values = []
    for row in rows:
        value = [row[name] for name in names]
        for index, processor in processors:
            if value[index] is not None:
                value[index] = processor(value[index])
        values.append(tuple(value))
    connection.exec_driver_sql(statement, values)


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table


def _normalized(name: str) -> str:
    return " ".join(name.split()).casefold()


def params_json(params: Sequence[tuple[str, Sequence[str]]]) -> str:
    return json.dumps([[name, list(values)] for name, values in params], ensure_ascii=False)


@dataclass(frozen=True)
class CardData:
    """What a person has that only a card export needs."""

    department: str = ""
    related: tuple[Labeled, ...] = ()
    photo: str = ""
    extras: tuple[ExtraProperty, ...] = ()
    vcard_uid: str = ""  # the UID the person's vCard came with, kept on re-export


def card_data(session: Session, person_id: int) -> CardData:
    department = session.scalar(
        select(EmploymentRow.department).where(
            EmploymentRow.person_id == person_id, EmploymentRow.is_current
        )
    )
    related = session.execute(
        select(RelatedNameRow.name, RelatedNameRow.label)
        .where(RelatedNameRow.person_id == person_id)
        .order_by(RelatedNameRow.position, RelatedNameRow.id)
    ).all()
    extras = session.execute(
        select(
            ExtraPropertyRow.group_name,
            ExtraPropertyRow.name,
            ExtraPropertyRow.params,
            ExtraPropertyRow.value,
        )
        .where(ExtraPropertyRow.person_id == person_id)
        .order_by(ExtraPropertyRow.position, ExtraPropertyRow.id)
    ).all()
    uid = session.scalar(
        select(PersonIdentityRow.key)
        .where(
            PersonIdentityRow.person_id == person_id,
            PersonIdentityRow.system == "vcard",
            ~PersonIdentityRow.key.startswith(DIGEST_PREFIX),
        )
        .order_by(PersonIdentityRow.id)
    )
    photo = session.scalar(select(PhotoRow.uri).where(PhotoRow.person_id == person_id))
    return CardData(
        department=department or "",
        related=tuple(Labeled(name, label) for name, label in related),
        photo=photo or "",
        extras=tuple((g, n, p, v) for g, n, p, v in extras),
        vcard_uid=uid or "",
    )

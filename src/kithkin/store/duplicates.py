"""Candidate duplicates: the pairs worth comparing, found by blocking in SQL, and their facts.

Comparing every pair of 100k people is 5 billion comparisons; instead each person gets a few
*blocking keys* and only people sharing a key are compared (``core.duplicates`` scores them):

* a normalized e-mail, an E.164 phone, a profile URL (``core.duplicates.profile_key``, from
  the person's URLs and from identity keys that are URLs);
* the casefolded display name;
* the family name with the given name, and with each formal name the given name may stand
  for (``smith|robert``: Bob / Robbie / Robert Smith, through ``core.nicknames``);
* with an employer in common (current or past): the family name and the given name's first
  letter (J. / John / Jon Smith at Acme), and the given name with the family name's first
  letter (Ana Ruiz / Ana Ruis at Acme). A similar name or an initial alone scores under
  ``core.duplicates.MIN_SCORE``; with the same company it is a candidate, so only those pairs
  need to be found, and those blocks stay small where a family name and an initial alone
  make blocks of hundreds.

E-mails, phones and display names are grouped in SQL on their own indexes, profile URLs in
SQL too; the keys made of name parts are grouped in Python from one narrow read of names and
employers (names compared without case or accents, as ``core.duplicates`` compares them).

A key shared by more than ``CONTACT_BLOCK`` people (an office switchboard, ``info@``) or, for
names, ``NAME_BLOCK`` people (thousands of J. Smiths) says nothing about any one pair and is
skipped. Each key is one GROUP BY query, so the work grows with the number of people, not
with its square.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    Executable,
    func,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from kithkin.core.dates import PartialDate
from kithkin.core.duplicates import Candidate, first_word, plain, profile_key
from kithkin.core.nicknames import formal_names
from kithkin.store.people import UNKNOWN_ORGANIZATION
from kithkin.store.tables import (
    EmailRow,
    EmploymentRow,
    NicknameRow,
    OrganizationRow,
    PersonIdentityRow,
    PersonRow,
    PhoneRow,
    UrlRow,
)

CONTACT_BLOCK = 10
NAME_BLOCK = 8
_CHUNK = 2000


def profile_sql(url: ColumnElement[str] | InstrumentedAttribute[str]) -> ColumnElement[str]:
    """``core.duplicates.profile_key`` in SQL (without its bare-domain test)."""
    bare = func.replace(func.replace(func.lower(url), "https://", ""), "http://", "")
    return func.rtrim(func.replace(bare, "www.", ""), "/")


class DuplicatesRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def candidate_pairs(self) -> set[tuple[int, int]]:
        """``(older id, newer id)`` for every two people sharing a blocking key."""
        pairs: set[tuple[int, int]] = set()
        blocks = [block for query, limit in self._keys() for block in self._blocks(query, limit)]
        for members in [*blocks, *self._name_blocks()]:
            pairs.update(itertools.combinations(sorted(members), 2))
        return pairs

    def _keys(self) -> list[tuple[Executable, int]]:
        """``(key, person id)`` queries, each giving only keys that two people or more have."""
        owned = PersonRow.owner_id == self.owner_id

        def shared(key: InstrumentedAttribute[Any], *scope: ColumnElement[bool]) -> Any:
            # Grouped on the column's own index, before any join (of any owner: the members
            # are then filtered by owner, and blocks counted again).
            return key.in_(select(key).where(*scope).group_by(key).having(func.count() > 1))

        emails = (
            select(EmailRow.normalized, EmailRow.person_id)
            .join(PersonRow, PersonRow.id == EmailRow.person_id)
            .where(owned, shared(EmailRow.normalized))
        )
        phones = (
            select(PhoneRow.e164, PhoneRow.person_id)
            .join(PersonRow, PersonRow.id == PhoneRow.person_id)
            .where(owned, shared(PhoneRow.e164, PhoneRow.e164.is_not(None)))
        )
        names = select(PersonRow.sort_name, PersonRow.id).where(
            owned, shared(PersonRow.sort_name, owned)
        )
        return [
            (emails, CONTACT_BLOCK),
            (phones, CONTACT_BLOCK),
            (names, NAME_BLOCK),
            (self._profiles(), CONTACT_BLOCK),
        ]

    def _profiles(self) -> Executable:
        """Profile URLs (of any owner, grouped before the join that keeps this owner's)."""
        url_key = profile_sql(UrlRow.value)
        identity_key = profile_sql(PersonIdentityRow.key)
        keyed = (
            select(url_key.label("key"), UrlRow.person_id.label("pid"))
            .where(url_key.like("%/%"))
            .union_all(
                select(identity_key.label("key"), PersonIdentityRow.person_id.label("pid")).where(
                    PersonIdentityRow.owner_id == self.owner_id,
                    PersonIdentityRow.key.like("%://%"),
                    identity_key.like("%/%"),
                )
            )
            .cte("keyed")
        )
        shared = select(keyed.c.key).group_by(keyed.c.key).having(func.count() > 1)
        return (
            select(keyed.c.key, keyed.c.pid)
            .join(PersonRow, PersonRow.id == keyed.c.pid)
            .where(PersonRow.owner_id == self.owner_id, keyed.c.key.in_(shared))
        )

    def _name_blocks(self) -> list[list[int]]:
        """Blocks by name parts: one narrow read of the names and of the employers, grouped
        here (SQLite's GROUP BY over half a million computed strings takes seconds at 100k
        people; a dictionary takes a fraction of one)."""
        s = self.session
        owned = PersonRow.owner_id == self.owner_id
        names = s.execute(
            select(PersonRow.id, PersonRow.family_name, PersonRow.given_name).where(
                owned, PersonRow.family_name != "", PersonRow.given_name != ""
            )
        ).all()
        employers: dict[int, set[int]] = {}
        for person_id, organization_id in s.execute(
            select(EmploymentRow.person_id, EmploymentRow.organization_id)
            .join(PersonRow, PersonRow.id == EmploymentRow.person_id)
            .where(owned, EmploymentRow.organization_id != self._unknown_organization())
        ):
            employers.setdefault(person_id, set()).add(organization_id)
        blocks: dict[tuple[Any, ...], dict[int, None]] = {}
        for person_id, family_name, given_name in names:
            family, given = plain(family_name), first_word(given_name)
            if not family or not given:
                continue
            keys: list[tuple[Any, ...]] = [
                ("name", family, formal) for formal in formal_names(given)
            ]
            for employer in employers.get(person_id, ()):
                keys.append(("initial", family, given[0], employer))
                keys.append(("given", given, family[0], employer))
            for key in keys:
                blocks.setdefault(key, {})[person_id] = None
        return [list(members) for members in blocks.values() if 2 <= len(members) <= NAME_BLOCK]

    def _unknown_organization(self) -> int:
        """The id of the employer of jobs known by title only (-1 when there is none)."""
        found = self.session.scalar(
            select(OrganizationRow.id).where(
                OrganizationRow.owner_id == self.owner_id,
                OrganizationRow.name == UNKNOWN_ORGANIZATION,
            )
        )
        return -1 if found is None else found

    def _blocks(self, query: Executable, limit: int) -> Iterable[list[int]]:
        """The people of each key that 2 to ``limit`` people have."""
        blocks: dict[Any, dict[int, None]] = {}
        for key, person_id in self.session.execute(query):
            blocks.setdefault(key, {})[person_id] = None
        return [list(members) for members in blocks.values() if 2 <= len(members) <= limit]

    def candidates(self, ids: Sequence[int]) -> dict[int, Candidate]:
        """What the scoring needs about each of these people, by primary key."""
        found: dict[int, Candidate] = {}
        ordered = sorted(set(ids))
        for start in range(0, len(ordered), _CHUNK):
            found.update(self._candidates(ordered[start : start + _CHUNK]))
        return found

    def _candidates(self, ids: list[int]) -> dict[int, Candidate]:
        s = self.session.connection()  # Core: plain rows, without the ORM's per-row work
        people = s.execute(
            select(
                PersonRow.id,
                PersonRow.owner_id,
                PersonRow.uid,
                PersonRow.display_name,
                PersonRow.given_name,
                PersonRow.family_name,
                PersonRow.middle_name,
                PersonRow.suffix,
                PersonRow.birth_year,
                PersonRow.birth_month,
                PersonRow.birth_day,
            ).where(PersonRow.id.in_(ids))
        ).all()
        mine = [row for row in people if row.owner_id == self.owner_id]

        def grouped(query: Executable) -> dict[int, list[str]]:
            found: dict[int, list[str]] = {}
            for person_id, value in s.execute(query):
                if value:
                    found.setdefault(person_id, []).append(value)
            return found

        nicknames = grouped(
            select(NicknameRow.person_id, NicknameRow.value)
            .where(NicknameRow.person_id.in_(ids))
            .order_by(NicknameRow.position, NicknameRow.id)
        )
        emails = grouped(
            select(EmailRow.person_id, EmailRow.normalized).where(EmailRow.person_id.in_(ids))
        )
        phones = grouped(
            select(PhoneRow.person_id, PhoneRow.e164).where(PhoneRow.person_id.in_(ids))
        )
        urls = grouped(select(UrlRow.person_id, UrlRow.value).where(UrlRow.person_id.in_(ids)))
        for person_id, keys in grouped(
            select(PersonIdentityRow.person_id, PersonIdentityRow.key).where(
                PersonIdentityRow.person_id.in_(ids), PersonIdentityRow.key.like("%://%")
            )
        ).items():
            urls.setdefault(person_id, []).extend(keys)
        organizations = grouped(
            select(EmploymentRow.person_id, OrganizationRow.name)
            .join(OrganizationRow, OrganizationRow.id == EmploymentRow.organization_id)
            .where(EmploymentRow.person_id.in_(ids), OrganizationRow.name != UNKNOWN_ORGANIZATION)
            .order_by(EmploymentRow.is_current.desc(), EmploymentRow.position.desc())
        )
        return {
            row.id: Candidate(
                id=row.uid,
                name=row.display_name,
                given_name=row.given_name,
                family_name=row.family_name,
                middle_name=row.middle_name,
                suffix=row.suffix,
                nicknames=tuple(nicknames.get(row.id, ())),
                emails=frozenset(emails.get(row.id, ())),
                phones=frozenset(phones.get(row.id, ())),
                profiles=frozenset(
                    key for url in urls.get(row.id, ()) if (key := profile_key(url)) is not None
                ),
                organizations=tuple(dict.fromkeys(organizations.get(row.id, ()))),
                birthday=_birthday(row.birth_year, row.birth_month, row.birth_day),
            )
            for row in mine
        }


def _birthday(year: int | None, month: int | None, day: int | None) -> PartialDate | None:
    if month is None or day is None:
        return None
    return PartialDate(month=month, day=day, year=year)

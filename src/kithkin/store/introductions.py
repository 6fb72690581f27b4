"""What introduction suggestions read about their candidates, in a few bulk queries.

Candidates are a few thousand people at most; each query reads one kind of fact for a chunk of
them (``CHUNK`` keys, well within every database's limit on parameters).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from kithkin.core.network.intros import Facts
from kithkin.store.tables import (
    AddressRow,
    EmailRow,
    EmploymentRow,
    InterestRow,
    OrganizationRow,
    PersonRow,
    PhoneRow,
    TagRow,
)

CHUNK = 1000


class IntroductionsRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def facts(self, person_ids: Sequence[int]) -> list[Facts]:
        """The facts of each of ``person_ids`` that belongs to the owner, in the order given."""
        found: dict[int, Facts] = {}
        for start in range(0, len(person_ids), CHUNK):
            found.update(self._chunk(person_ids[start : start + CHUNK]))
        return [found[pk] for pk in person_ids if pk in found]

    def _chunk(self, ids: Sequence[int]) -> dict[int, Facts]:
        people = self._rows(
            select(PersonRow.id, PersonRow.uid, PersonRow.display_name, PersonRow.notes).where(
                PersonRow.owner_id == self.owner_id, PersonRow.id.in_(ids)
            )
        )
        owned = [row[0] for row in people]
        tags = self._grouped(select(TagRow.person_id, TagRow.name), TagRow.person_id, owned)
        interests = self._grouped(
            select(InterestRow.person_id, InterestRow.name), InterestRow.person_id, owned
        )
        emails = self._grouped(
            select(EmailRow.person_id, EmailRow.normalized), EmailRow.person_id, owned
        )
        phones = self._grouped(
            select(PhoneRow.person_id, PhoneRow.e164).where(PhoneRow.e164.is_not(None)),
            PhoneRow.person_id,
            owned,
        )
        cities = self._grouped(
            select(AddressRow.person_id, AddressRow.locality)
            .where(AddressRow.locality != "")
            .order_by(AddressRow.position, AddressRow.id),
            AddressRow.person_id,
            owned,
        )
        jobs = self._rows(
            select(EmploymentRow.person_id, EmploymentRow.title, OrganizationRow.industry)
            .join(OrganizationRow, OrganizationRow.id == EmploymentRow.organization_id)
            .where(
                OrganizationRow.owner_id == self.owner_id,
                EmploymentRow.is_current.is_(True),
                EmploymentRow.person_id.in_(owned),
            )
            .order_by(EmploymentRow.position, EmploymentRow.id)
        )
        titles: dict[int, list[str]] = defaultdict(list)
        industries: dict[int, list[str]] = defaultdict(list)
        for pk, title, industry in jobs:
            if title:
                titles[pk].append(title)
            if industry:
                industries[pk].append(industry)
        return {
            pk: Facts(
                key=pk,
                id=uid,
                name=name,
                tags=tuple(tags.get(pk, ())),
                interests=tuple(interests.get(pk, ())),
                titles=tuple(titles.get(pk, ())),
                notes=notes or "",
                industry=industries[pk][0] if industries.get(pk) else "",
                city=cities[pk][0] if cities.get(pk) else "",
                emails=frozenset(emails.get(pk, ())),
                phones=frozenset(phones.get(pk, ())),
            )
            for pk, uid, name, notes in people
        }

    def _rows(self, query: Select[*tuple[Any, ...]]) -> list[Any]:
        return list(self.session.execute(query).all())

    def _grouped(
        self, query: Select[*tuple[Any, ...]], person: Any, ids: Sequence[int]
    ) -> dict[int, list[str]]:
        """``{person: [value, …]}`` of a two-column query, for people already known as owned."""
        grouped: dict[int, list[str]] = defaultdict(list)
        if ids:
            for pk, value in self.session.execute(query.where(person.in_(ids))).all():
                grouped[pk].append(value)
        return grouped

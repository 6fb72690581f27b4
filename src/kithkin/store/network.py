"""The network's evidence: relationships, people logged together, colleagues, events.

``evidence`` reads everything for the graph in five queries of plain columns; ``pair`` reads
the same evidence again for one pair, to explain a hop. Relationships are stored once per pair
and kind, whichever way round they were given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from kithkin.core.dates import year_of
from kithkin.core.network.evidence import (
    Job,
    MembershipColumns,
    NetworkEvidence,
    OwnColumns,
    OwnEvidence,
    PairEvidence,
    Relationship,
    RelationshipColumns,
    SharedEvent,
    TogetherColumns,
    ints,
    warmth_scores,
)
from kithkin.core.network.strength import MAX_GROUP, floats
from kithkin.store.data_version import current as current_data_version
from kithkin.store.people import _escape_like
from kithkin.store.tables import (
    EmploymentRow,
    EventAttendeeRow,
    EventRow,
    InteractionRow,
    InterestRow,
    OrganizationRow,
    ParticipantRow,
    PersonIdentityRow,
    PersonRow,
    RelationshipRow,
    TagRow,
)

LINKEDIN = "linkedin"
_DAY = 86_400.0


def _year(text: str | None) -> float:
    """``year_of`` as a float column value: NaN when the year is unknown."""
    year = year_of(text)
    return math.nan if year is None else float(year)


class NetworkRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    # -- the whole graph ------------------------------------------------------------------

    def evidence(self, now: datetime) -> NetworkEvidence:
        return NetworkEvidence(
            own=self._own(now),
            relationships=self._relationships(now.date()),
            together=self._together(now),
            jobs=self._jobs(),
            attendance=self._attendance(now.date()),
            this_year=now.year,
        )

    def _own(self, now: datetime) -> OwnColumns:
        rows = self.session.execute(
            select(
                PersonRow.id,
                PersonRow.warmth_heat,
                PersonRow.warmth_as_of,
                PersonRow.last_interaction_at,
                PersonRow.circle,
            ).where(PersonRow.owner_id == self.owner_id)
        ).all()
        linked = set(
            self.session.scalars(
                select(PersonIdentityRow.person_id).where(
                    PersonIdentityRow.owner_id == self.owner_id,
                    PersonIdentityRow.system == LINKEDIN,
                )
            )
        )

        def age(at: datetime | None) -> float:
            return math.nan if at is None else (now - at).total_seconds() / _DAY

        return OwnColumns(
            person=ints([r[0] for r in rows]),
            heat=floats([r[1] or 0.0 for r in rows]),
            heat_age_days=floats([0.0 if r[2] is None else age(r[2]) for r in rows]),
            days_since_last=floats([age(r[3]) for r in rows]),
            circle=tuple(r[4] for r in rows),
            linkedin=floats([1.0 if r[0] in linked else 0.0 for r in rows]),
        )

    def _relationships(self, today: date) -> RelationshipColumns:
        ended = and_(RelationshipRow.until.is_not(None), RelationshipRow.until < today.isoformat())
        rows = self.session.execute(
            select(
                RelationshipRow.person_id, RelationshipRow.other_id, RelationshipRow.kind, ended
            ).where(RelationshipRow.owner_id == self.owner_id)
        ).all()
        return RelationshipColumns(
            a=ints([r[0] for r in rows]),
            b=ints([r[1] for r in rows]),
            kind=tuple(r[2] for r in rows),
            ended=floats([1.0 if r[3] else 0.0 for r in rows]),
        )

    def _together(self, now: datetime) -> TogetherColumns:
        first, second = aliased(ParticipantRow), aliased(ParticipantRow)
        # Interactions of 2..MAX_GROUP people, found on the participants' key alone (joining
        # the interactions here would force a sort); the owner is checked outside.
        groups = (
            select(ParticipantRow.interaction_id)
            .group_by(ParticipantRow.interaction_id)
            .having(func.count().between(2, MAX_GROUP))
            .subquery()
        )
        last = func.max(InteractionRow.occurred_at).label("last")
        rows = self.session.execute(
            select(first.person_id, second.person_id, func.count(), last)
            .select_from(groups)
            .join(first, first.interaction_id == groups.c.interaction_id)
            .join(
                second,
                and_(
                    second.interaction_id == groups.c.interaction_id,
                    second.person_id > first.person_id,
                ),
            )
            .join(InteractionRow, InteractionRow.id == groups.c.interaction_id)
            .where(InteractionRow.owner_id == self.owner_id)
            .group_by(first.person_id, second.person_id)
        ).all()
        days = [(now - r[3]).total_seconds() / _DAY for r in rows]  # max() keeps the UTC type
        return TogetherColumns(
            a=ints([r[0] for r in rows]),
            b=ints([r[1] for r in rows]),
            count=floats([r[2] for r in rows]),
            days_since_last=floats(days),
        )

    def _jobs(self) -> MembershipColumns:
        rows = self.session.execute(
            select(
                EmploymentRow.organization_id,
                EmploymentRow.person_id,
                EmploymentRow.start_date,
                EmploymentRow.end_date,
                EmploymentRow.is_current,
            )
            .join(PersonRow, PersonRow.id == EmploymentRow.person_id)
            .where(PersonRow.owner_id == self.owner_id)
        ).all()
        return MembershipColumns(
            group=ints([r[0] for r in rows]),
            person=ints([r[1] for r in rows]),
            start=floats([_year(r[2]) for r in rows]),
            end=floats([_year(r[3]) for r in rows]),
            current=floats([1.0 if r[4] else 0.0 for r in rows]),
        )

    def _attendance(self, today: date) -> MembershipColumns:
        rows = self.session.execute(
            select(EventAttendeeRow.event_id, EventAttendeeRow.person_id, EventRow.starts_on)
            .join(EventRow, EventRow.id == EventAttendeeRow.event_id)
            .where(EventRow.owner_id == self.owner_id, EventRow.starts_on <= today)
        ).all()
        nothing = floats(np.zeros(len(rows)))
        return MembershipColumns(
            group=ints([r[0] for r in rows]),
            person=ints([r[1] for r in rows]),
            start=nothing,
            end=floats([(today - r[2]).days for r in rows]),
            current=nothing,
        )

    def version(self) -> tuple[object, ...]:
        """Changes whenever the evidence may have: to know when a cached graph is stale."""

        def newest(column: Any) -> object:
            return self.session.scalar(select(func.max(column)))

        people = self.session.execute(
            select(func.count(), func.max(PersonRow.updated_at)).where(
                PersonRow.owner_id == self.owner_id
            )
        ).one()
        return (
            tuple(people),
            newest(RelationshipRow.id),
            self.session.scalar(
                select(func.count()).where(RelationshipRow.owner_id == self.owner_id)
            ),
            newest(InteractionRow.id),
            newest(EmploymentRow.id),
            newest(EventRow.id),
            self.session.scalar(select(func.count()).select_from(EventAttendeeRow)),
        )

    # -- one pair ---------------------------------------------------------------------------

    def pair(self, a: int, b: int, today: date) -> PairEvidence:
        today_rows = self.session.execute(
            select(RelationshipRow.kind, RelationshipRow.until, RelationshipRow.note)
            .where(
                RelationshipRow.owner_id == self.owner_id,
                or_(
                    and_(RelationshipRow.person_id == a, RelationshipRow.other_id == b),
                    and_(RelationshipRow.person_id == b, RelationshipRow.other_id == a),
                ),
            )
            .order_by(RelationshipRow.id)
        ).all()
        relationships = tuple(
            Relationship(kind, until is not None and until < today.isoformat(), note or "")
            for kind, until, note in today_rows
        )
        count, last = self._pair_together(a, b)
        return PairEvidence(
            relationships=relationships,
            logged_together=count,
            last_together=last,
            shared_jobs=self._pair_jobs(a, b),
            shared_events=self._pair_events(a, b, today),
        )

    def _pair_together(self, a: int, b: int) -> tuple[int, date | None]:
        """How often two people were logged together (in groups of at most MAX_GROUP)."""
        first, second, every = (aliased(ParticipantRow) for _ in range(3))
        size = (
            select(func.count())
            .where(every.interaction_id == first.interaction_id)
            .correlate(first)
            .scalar_subquery()
        )
        count, last = self.session.execute(
            select(func.count(), func.max(InteractionRow.occurred_at))
            .select_from(first)
            .join(
                second, and_(second.interaction_id == first.interaction_id, second.person_id == b)
            )
            .join(InteractionRow, InteractionRow.id == first.interaction_id)
            .where(
                first.person_id == a,
                InteractionRow.owner_id == self.owner_id,
                size.between(2, MAX_GROUP),
            )
        ).one()
        return int(count), None if last is None else last.date()

    def data_version(self) -> int:
        """The account's data version: it changes with every write (see store.data_version)."""
        return current_data_version(self.session.connection(), self.owner_id).data

    def _pair_jobs(self, a: int, b: int) -> tuple[tuple[Job, Job], ...]:
        rows = self.session.execute(
            select(
                EmploymentRow.person_id,
                EmploymentRow.organization_id,
                OrganizationRow.name,
                EmploymentRow.start_date,
                EmploymentRow.end_date,
                EmploymentRow.is_current,
            )
            .join(OrganizationRow, OrganizationRow.id == EmploymentRow.organization_id)
            .where(
                OrganizationRow.owner_id == self.owner_id,
                EmploymentRow.person_id.in_([a, b]),
            )
            .order_by(EmploymentRow.organization_id, EmploymentRow.id)
        ).all()
        shared = {r[1] for r in rows if r[0] == a} & {r[1] for r in rows if r[0] == b}
        sizes = self._organization_sizes(sorted(shared))

        def job(r: Sequence[object]) -> Job:
            start, end = _year(r[3]), _year(r[4])  # type: ignore[arg-type]
            return Job(
                organization=str(r[2]),
                start=None if math.isnan(start) else int(start),
                end=None if math.isnan(end) else int(end),
                current=bool(r[5]),
                size=sizes.get(int(r[1]), 0),  # type: ignore[call-overload]
            )

        return tuple(
            (job(x), job(y))
            for x in rows
            if x[0] == a and x[1] in shared
            for y in rows
            if y[0] == b and y[1] == x[1]
        )

    def _organization_sizes(self, organization_ids: Sequence[int]) -> dict[int, int]:
        if not organization_ids:
            return {}
        rows = self.session.execute(
            select(
                EmploymentRow.organization_id, func.count(func.distinct(EmploymentRow.person_id))
            )
            .where(EmploymentRow.organization_id.in_(organization_ids))
            .group_by(EmploymentRow.organization_id)
        ).all()
        return {int(r[0]): int(r[1]) for r in rows}

    def _pair_events(self, a: int, b: int, today: date) -> tuple[SharedEvent, ...]:
        first, second = aliased(EventAttendeeRow), aliased(EventAttendeeRow)
        shared = (
            select(first.event_id)
            .join(second, second.event_id == first.event_id)
            .where(first.person_id == a, second.person_id == b)
        )
        size = (
            select(func.count())
            .where(EventAttendeeRow.event_id == EventRow.id)
            .correlate(EventRow)
            .scalar_subquery()
        )
        rows = self.session.execute(
            select(EventRow.name, EventRow.starts_on, size)
            .where(
                EventRow.owner_id == self.owner_id,
                EventRow.id.in_(shared),
                EventRow.starts_on <= today,  # an event still to come proves nothing yet
            )
            .order_by(EventRow.starts_on.desc(), EventRow.id)
        ).all()
        return tuple(SharedEvent(name, day, int(n)) for name, day, n in rows)

    def own(self, person_ids: Sequence[int], now: datetime) -> dict[int, OwnEvidence]:
        """The user's side of the tie with each of ``person_ids``, in words' terms."""
        if not person_ids:
            return {}
        rows = self.session.execute(
            select(
                PersonRow.id,
                PersonRow.warmth_heat,
                PersonRow.warmth_as_of,
                PersonRow.last_interaction_at,
                PersonRow.circle,
            ).where(PersonRow.owner_id == self.owner_id, PersonRow.id.in_(person_ids))
        ).all()
        linkedin = dict(
            self.session.execute(
                select(PersonIdentityRow.person_id, PersonIdentityRow.since).where(
                    PersonIdentityRow.owner_id == self.owner_id,
                    PersonIdentityRow.system == LINKEDIN,
                    PersonIdentityRow.person_id.in_(person_ids),
                )
            ).all()
        )
        found = {}
        for pk, heat, as_of, last, circle in rows:
            age = 0.0 if as_of is None else (now - as_of).total_seconds() / _DAY
            warmth = int(warmth_scores(floats([heat or 0.0]), floats([age]))[0])
            found[pk] = OwnEvidence(
                warmth=warmth,
                days_since_last=None if last is None else (now - last).days,
                circle=circle,
                linkedin_since=linkedin.get(pk),
                linkedin=pk in linkedin,
            )
        return found

    # -- targets ----------------------------------------------------------------------------

    def organizations_named(self, name: str) -> list[tuple[int, str]]:
        """Organizations whose name is ``name`` (any case), else those containing it."""
        normalized = " ".join(name.split()).casefold()
        exact = self.session.execute(
            select(OrganizationRow.id, OrganizationRow.name).where(
                OrganizationRow.owner_id == self.owner_id,
                OrganizationRow.normalized_name == normalized,
            )
        ).all()
        if exact:
            return [(r[0], r[1]) for r in exact]
        rows = self.session.execute(
            select(OrganizationRow.id, OrganizationRow.name)
            .where(
                OrganizationRow.owner_id == self.owner_id,
                OrganizationRow.normalized_name.like(f"%{_escape_like(normalized)}%", escape="\\"),
            )
            .order_by(OrganizationRow.normalized_name)
        ).all()
        return [(r[0], r[1]) for r in rows]

    def people_at(self, organization_ids: Sequence[int], *, current: bool) -> list[int]:
        query = (
            select(EmploymentRow.person_id)
            .join(PersonRow, PersonRow.id == EmploymentRow.person_id)
            .where(
                PersonRow.owner_id == self.owner_id,
                EmploymentRow.organization_id.in_(organization_ids),
            )
            .distinct()
        )
        if current:
            query = query.where(EmploymentRow.is_current.is_(True))
        return sorted(self.session.scalars(query))

    def people_tagged(self, tag: str) -> list[int]:
        return self._people_with(TagRow, tag)

    def people_interested(self, interest: str) -> list[int]:
        return self._people_with(InterestRow, interest)

    def _people_with(self, table: type[TagRow] | type[InterestRow], name: str) -> list[int]:
        return sorted(
            self.session.scalars(
                select(table.person_id)
                .join(PersonRow, PersonRow.id == table.person_id)
                .where(
                    PersonRow.owner_id == self.owner_id,
                    func.lower(table.name) == name.strip().lower(),
                )
            )
        )

    # -- relationships ----------------------------------------------------------------------

    def link(
        self,
        a: int,
        b: int,
        kind: str,
        *,
        since: str | None,
        until: str | None,
        note: str,
        now: datetime,
    ) -> tuple[bool, str | None, str | None, str]:
        """Record that ``a`` and ``b`` are related: whether it is new (else its dates and note
        are updated where given), and its since, until and note as now stored."""
        existing = self.session.scalars(
            select(RelationshipRow).where(
                RelationshipRow.owner_id == self.owner_id,
                RelationshipRow.kind == kind,
                or_(
                    and_(RelationshipRow.person_id == a, RelationshipRow.other_id == b),
                    and_(RelationshipRow.person_id == b, RelationshipRow.other_id == a),
                ),
            )
        ).first()
        if existing is not None:
            existing.since = since or existing.since
            existing.until = until or existing.until
            existing.note = note or existing.note
            self.session.flush()
            return False, existing.since, existing.until, existing.note
        self.session.add(
            RelationshipRow(
                owner_id=self.owner_id,
                person_id=a,
                other_id=b,
                kind=kind,
                since=since,
                until=until,
                note=note,
                created_at=now,
            )
        )
        self.session.flush()
        return True, since, until, note

    def unlink(self, a: int, b: int, kind: str | None) -> int:
        rows = self.session.scalars(
            select(RelationshipRow).where(
                RelationshipRow.owner_id == self.owner_id,
                or_(
                    and_(RelationshipRow.person_id == a, RelationshipRow.other_id == b),
                    and_(RelationshipRow.person_id == b, RelationshipRow.other_id == a),
                ),
                *([RelationshipRow.kind == kind] if kind else []),
            )
        ).all()
        for row in rows:
            self.session.delete(row)
        self.session.flush()
        return len(rows)

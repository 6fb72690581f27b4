"""The web's follow-ups list: keyset pages in the order ``kithkin follow-ups`` lists them
(due day, then id), and the counts above the list, always within one owner.

A page reads ``ix_follow_ups_owner_status_due`` for the wanted statuses, from the previous
page's last ``(due_on, id)`` on; it never uses OFFSET, so a page deep in tens of thousands of
open follow-ups costs what the first one does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from kithkin.core.records import FollowUp, PersonRef
from kithkin.core.vocabulary import FollowUpStatus
from kithkin.store import direct
from kithkin.store.tables import FollowUpRow, PersonRow

_COLUMNS = (
    FollowUpRow.id,
    FollowUpRow.due_on,
    FollowUpRow.text,
    FollowUpRow.status,
    FollowUpRow.interaction_id,
    FollowUpRow.snoozed_until,
    FollowUpRow.created_at,
    FollowUpRow.done_at,
    PersonRow.uid,
    PersonRow.display_name,
)
_STILL_OPEN = (FollowUpStatus.OPEN.value, FollowUpStatus.SNOOZED.value)


@dataclass(frozen=True)
class FollowUpCounts:
    """How many follow-ups the list holds (by status), how many of the open or snoozed ones
    are past their day, and how many come before a page's first row."""

    by_status: dict[FollowUpStatus, int]
    overdue: int
    before: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


class FollowUpPagesRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def page(
        self, statuses: Sequence[FollowUpStatus], after: tuple[date, int] | None, limit: int
    ) -> list[FollowUp]:
        """Up to ``limit`` follow-ups of these statuses, by due day then id, after ``after``.
        The page's ids first, from the index alone; then their rows and people."""
        ids = select(FollowUpRow.id).where(*self._where(statuses))
        if after is not None:
            day, last_id = after
            ids = ids.where(
                FollowUpRow.due_on >= day,  # the index's range; the rest picks within the day
                or_(FollowUpRow.due_on > day, FollowUpRow.id > last_id),
            )
        ids = ids.order_by(FollowUpRow.due_on, FollowUpRow.id).limit(limit)
        query = (
            select(*_COLUMNS)
            .outerjoin(PersonRow, PersonRow.id == FollowUpRow.person_id)
            .where(FollowUpRow.id.in_(ids))
            .order_by(FollowUpRow.due_on, FollowUpRow.id)
        )
        rows = direct.connection(self.session).execute(query).all()
        return [
            FollowUp(
                id=row.id,
                due=row.due_on,
                text=row.text,
                status=FollowUpStatus(row.status),
                person=(
                    PersonRef(row.uid, row.display_name)
                    if row.uid is not None and row.display_name is not None
                    else None
                ),
                interaction_id=row.interaction_id,
                snoozed_until=row.snoozed_until,
                created_at=row.created_at,
                done_at=row.done_at,
            )
            for row in rows
        ]

    def counts(
        self, statuses: Sequence[FollowUpStatus], today: date, before: tuple[date, int] | None
    ) -> FollowUpCounts:
        """One pass over the index: the count of each status, of the overdue ones (open or
        snoozed, due before ``today``), and of those up to ``before`` (a page's ``after``),
        the rows ahead of that page."""
        overdue = and_(FollowUpRow.due_on < today, FollowUpRow.status.in_(_STILL_OPEN))
        earlier = (
            or_(
                FollowUpRow.due_on < before[0],
                and_(FollowUpRow.due_on == before[0], FollowUpRow.id <= before[1]),
            )
            if before is not None
            else None
        )
        rows = (
            direct.connection(self.session)
            .execute(
                select(
                    FollowUpRow.status,
                    func.count(),
                    func.sum(case((overdue, 1), else_=0)),
                    func.sum(case((earlier, 1), else_=0)) if earlier is not None else func.sum(0),
                )
                .where(*self._where(statuses))
                .group_by(FollowUpRow.status)
            )
            .all()
        )
        by_status = dict.fromkeys(statuses, 0)
        for status, count, _, _ in rows:
            by_status[FollowUpStatus(status)] = int(count)
        return FollowUpCounts(
            by_status,
            overdue=sum(int(late or 0) for _, _, late, _ in rows),
            before=sum(int(ahead or 0) for _, _, _, ahead in rows),
        )

    def _where(self, statuses: Sequence[FollowUpStatus]) -> tuple[ColumnElement[bool], ...]:
        return (
            FollowUpRow.owner_id == self.owner_id,
            FollowUpRow.status.in_([status.value for status in statuses]),
        )

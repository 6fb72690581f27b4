"""The queries that feed the relationship engine: flat ``core.facts`` rows for one owner.

Each method is one or two SQL statements shaped so that the work stays in the database at
100k people / 1M interactions (see the notes in ``core.agenda``, ``core.cadence`` and
``core.ledger`` for the rules these filters mirror; the engine re-checks every rule, so a
query may return a superset but never less).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Literal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from kithkin.core.agenda import AgendaFacts, AgendaSettings, reconnect_bounds
from kithkin.core.cadence import check_in_cutoffs
from kithkin.core.dates import PartialDate
from kithkin.core.facts import (
    BIRTHDAY,
    EventFacts,
    EventMeetingFacts,
    ExchangeFacts,
    FollowUpFacts,
    InteractionFacts,
    MilestoneFacts,
    PersonFacts,
    ReconnectFacts,
)
from kithkin.core.ledger import RECIPROCITY_MIN_ASKS, Balance
from kithkin.core.milestones import milestone_days
from kithkin.core.periods import DateRange, day_start
from kithkin.core.records import Exchange
from kithkin.core.review import WRITTEN_CHANNELS
from kithkin.core.vocabulary import (
    Activity,
    Channel,
    Circle,
    Direction,
    ExchangeKind,
    FollowUpStatus,
    Initiator,
    MilestoneKind,
    Mode,
    Purpose,
)
from kithkin.store.interactions import exchange_record
from kithkin.store.tables import (
    EventAttendeeRow,
    EventRow,
    ExchangeRow,
    FieldProvenanceRow,
    FollowUpRow,
    InteractionRow,
    MilestoneRow,
    ParticipantRow,
    PersonRow,
    SnoozeRow,
    SourceRow,
)

_SEEN = func.coalesce(PersonRow.last_interaction_at, PersonRow.created_at)
_FOLLOW_UP_COLUMNS = (
    FollowUpRow.id,
    FollowUpRow.due_on,
    FollowUpRow.text,
    FollowUpRow.status,
    FollowUpRow.snoozed_until,
    FollowUpRow.created_at,
    FollowUpRow.done_at,
)
_PERSON_COLUMNS = (
    PersonRow.uid,
    PersonRow.display_name,
    PersonRow.circle,
    PersonRow.mode,
    PersonRow.created_at,
    PersonRow.last_interaction_at,
    PersonRow.cadence_days,
)


def _person(row: Sequence[Any]) -> PersonFacts:
    uid, name, circle, mode, created, last, cadence = row
    return PersonFacts(
        id=uid,
        name=name,
        circle=Circle(circle),
        mode=Mode(mode),
        created_at=created,
        last_interaction_at=last,
        cadence_days=cadence,
    )


def _instant(day: date, tz: tzinfo) -> datetime:
    return day_start(day, tz)


class FactsRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    # -- people ---------------------------------------------------------------------------

    def people_by_uid(self, uids: Collection[str]) -> list[PersonFacts]:
        """People by public id. The owner is checked on the rows, not in SQL: given many ids
        and an owner condition, SQLite's planner prefers scanning the owner's index."""
        found: list[PersonFacts] = []
        ordered = sorted(uids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            rows = self.session.execute(
                select(PersonRow.owner_id, *_PERSON_COLUMNS).where(PersonRow.uid.in_(chunk))
            ).all()
            found += [_person(row[1:]) for row in rows if row[0] == self.owner_id]
        return found

    def check_in_candidates(
        self,
        today: date,
        cadences: dict[Circle, int | None],
        tz: tzinfo,
        per_circle: int,
        exclude: Collection[str] = frozenset(),
    ) -> list[PersonFacts]:
        """Per circle, the ``per_circle`` longest-silent people past their cadence (leaving
        out ``exclude``, whom the caller reads anyway), plus everyone with their own cadence
        (few; the engine checks them). Reads the circle's index in silence order, a page at
        a time, so a circle of 60k overdue people costs a page, not a sort."""
        people: list[PersonFacts] = []
        page = per_circle * 2 + 10
        for circle, cutoff in check_in_cutoffs(today, cadences, tz).items():
            query = (
                select(*_PERSON_COLUMNS)
                .where(
                    PersonRow.owner_id == self.owner_id,
                    PersonRow.circle == circle.value,
                    PersonRow.cadence_days.is_(None),
                    cutoff > _SEEN,
                )
                .order_by(_SEEN, PersonRow.id)
            )
            found, offset = 0, 0
            while found < per_circle:
                rows = self.session.execute(query.offset(offset).limit(page)).all()
                for row in rows:
                    person = _person(row)
                    if person.id not in exclude:
                        people.append(person)
                        found += 1
                if len(rows) < page:
                    break
                offset += page
        overrides = self.session.execute(
            select(*_PERSON_COLUMNS).where(
                PersonRow.owner_id == self.owner_id, PersonRow.cadence_days.is_not(None)
            )
        ).all()
        return people + [_person(row) for row in overrides]

    # -- agenda -----------------------------------------------------------------------------

    def hidden_keys(self, today: date) -> set[str]:
        rows = self.session.scalars(
            select(SnoozeRow.item_key).where(
                SnoozeRow.owner_id == self.owner_id,
                or_(SnoozeRow.dismissed, SnoozeRow.until > today),
            )
        )
        return set(rows)

    def due_follow_ups(self, today: date, *, wanted: int | None = None) -> list[FollowUpFacts]:
        """Open follow-ups due by ``today``. With ``wanted``, only the oldest that many (and
        every one due on the same day as the last of them): the agenda ranks follow-ups by
        how overdue they are, so later ones could not make the list."""
        conditions = [
            FollowUpRow.owner_id == self.owner_id,
            FollowUpRow.status.in_([FollowUpStatus.OPEN.value, FollowUpStatus.SNOOZED.value]),
            FollowUpRow.due_on <= today,
            or_(FollowUpRow.snoozed_until.is_(None), FollowUpRow.snoozed_until <= today),
        ]
        if wanted is not None:
            cutoff = self.session.scalar(
                select(FollowUpRow.due_on)
                .where(*conditions)
                .order_by(FollowUpRow.due_on)
                .offset(wanted - 1)
                .limit(1)
            )
            if cutoff is not None:
                conditions.append(FollowUpRow.due_on <= cutoff)
        rows = self.session.execute(
            select(*_FOLLOW_UP_COLUMNS, PersonRow.uid)
            .outerjoin(PersonRow, PersonRow.id == FollowUpRow.person_id)
            .where(*conditions)
        ).all()
        return [_follow_up(row) for row in rows]

    def upcoming_milestones(self, today: date, horizon_days: int) -> list[MilestoneFacts]:
        pairs = sorted(milestone_days(today, horizon_days))
        birthdays = self.session.execute(
            select(
                PersonRow.uid, PersonRow.birth_year, PersonRow.birth_month, PersonRow.birth_day
            ).where(
                PersonRow.owner_id == self.owner_id,
                _month_days(PersonRow.birth_month, PersonRow.birth_day, pairs),
            )
        ).all()
        found = [
            MilestoneFacts(uid, BIRTHDAY, PartialDate(month=month, day=day, year=year))
            for uid, year, month, day in birthdays
            if month is not None and day is not None
        ]
        others = self.session.execute(
            select(MilestoneRow, PersonRow.uid)
            .join(PersonRow, PersonRow.id == MilestoneRow.person_id)
            .where(
                MilestoneRow.owner_id == self.owner_id,
                _month_days(MilestoneRow.month, MilestoneRow.day, pairs),
            )
        ).all()
        found += [
            MilestoneFacts(
                uid,
                MilestoneKind(row.kind),
                PartialDate(month=row.month, day=row.day, year=row.year),
                recurring=row.recurring,
                note=row.note,
            )
            for row, uid in others
        ]
        return found

    def balances(
        self, *, reciprocity_only: bool = False, uids: Collection[str] | None = None
    ) -> dict[str, Balance]:
        """Ledger counts per person; ``reciprocity_only``: those asked twice+, never given.

        Counted per person id on the covering index first, then joined to the people.
        """
        given = func.sum(_when(ExchangeRow.direction == Direction.GAVE.value)).label("gave")
        asked = func.sum(_when(ExchangeRow.direction == Direction.ASKED.value)).label("asked")
        received = func.sum(_when(ExchangeRow.direction == Direction.RECEIVED.value)).label(
            "received"
        )
        counts = (
            select(ExchangeRow.person_id, given, received, asked)
            .where(ExchangeRow.owner_id == self.owner_id)
            .group_by(ExchangeRow.person_id)
        )
        if uids is not None:
            counts = counts.where(
                ExchangeRow.person_id.in_(select(PersonRow.id).where(PersonRow.uid.in_(uids)))
            )
        if reciprocity_only:
            counts = counts.having(and_(asked >= RECIPROCITY_MIN_ASKS, given == 0))
        grouped = counts.subquery()
        rows = self.session.execute(
            select(PersonRow.uid, grouped.c.gave, grouped.c.received, grouped.c.asked).join(
                PersonRow, PersonRow.id == grouped.c.person_id
            )
        ).all()
        return {
            uid: Balance(gave=int(g or 0), received=int(r or 0), asked=int(a or 0))
            for uid, g, r, a in rows
        }

    def reconnect_candidates(self, today: date, tz: tzinfo, minimum: int) -> list[ReconnectFacts]:
        quiet_before, week_start = reconnect_bounds(today, tz)
        rows = self.session.execute(
            select(PersonRow.uid, func.count(ParticipantRow.interaction_id))
            .join(ParticipantRow, ParticipantRow.person_id == PersonRow.id)
            .where(
                PersonRow.owner_id == self.owner_id,
                PersonRow.circle == Circle.DORMANT.value,
                PersonRow.cadence_days.is_(None),
                or_(
                    PersonRow.last_interaction_at < quiet_before,
                    PersonRow.last_interaction_at >= week_start,
                ),
            )
            .group_by(PersonRow.uid)
            .having(func.count(ParticipantRow.interaction_id) >= minimum)
        ).all()
        return [ReconnectFacts(uid, int(count)) for uid, count in rows]

    def recent_meetings(self, today: date, days: int, tz: tzinfo) -> list[EventMeetingFacts]:
        last_day = func.coalesce(EventRow.ends_on, EventRow.starts_on)
        rows = self.session.execute(
            select(EventRow, PersonRow.id, PersonRow.uid, EventAttendeeRow.met_there)
            .join(EventAttendeeRow, EventAttendeeRow.event_id == EventRow.id)
            .join(PersonRow, PersonRow.id == EventAttendeeRow.person_id)
            .where(
                EventRow.owner_id == self.owner_id,
                last_day >= today - timedelta(days=days),
                EventRow.starts_on <= today,
            )
        ).all()
        meetings: list[EventMeetingFacts] = []
        for event, person_pk, uid, met_there in rows:
            since = _instant(event.starts_on, tz)
            followed = self.session.scalar(
                select(func.count(FollowUpRow.id)).where(
                    FollowUpRow.person_id == person_pk, FollowUpRow.created_at >= since
                )
            )
            meetings.append(
                EventMeetingFacts(
                    event_id=event.id,
                    event_name=event.name,
                    person_id=uid,
                    last_day=event.ends_on or event.starts_on,
                    met_there=met_there,
                    has_follow_up=bool(followed),
                )
            )
        return meetings

    def agenda(
        self, today: date, settings: AgendaSettings, tz: tzinfo
    ) -> tuple[AgendaFacts, set[str]]:
        """Everything ``build_agenda`` needs for ``today``, and the hidden keys."""
        from kithkin.core.agenda import RECONNECT_MIN_INTERACTIONS

        hidden = self.hidden_keys(today)
        follow_ups = self.due_follow_ups(today, wanted=settings.limit + len(hidden))
        milestones = self.upcoming_milestones(today, settings.milestone_horizon_days)
        balances = self.balances(reciprocity_only=True)
        reconnect = self.reconnect_candidates(today, tz, RECONNECT_MIN_INTERACTIONS)
        meetings = self.recent_meetings(today, settings.after_event_days, tz)
        named = {f.person_id for f in follow_ups if f.person_id is not None}
        named.update(m.person_id for m in milestones)
        named.update(balances)
        named.update(r.person_id for r in reconnect)
        named.update(m.person_id for m in meetings)
        per_circle = settings.limit + len(hidden)
        candidates = self.check_in_candidates(
            today, dict(settings.cadences), tz, per_circle, exclude=named
        )
        seen = {person.id for person in candidates}
        people = candidates + self.people_by_uid(named - seen)
        facts = AgendaFacts(
            people=people,
            follow_ups=follow_ups,
            milestones=milestones,
            balances=balances,
            reconnect=reconnect,
            meetings=meetings,
        )
        return facts, hidden

    # -- interactions, exchanges, events ------------------------------------------------------

    def interactions(
        self,
        first: datetime,
        last: datetime,
        *,
        only: Literal["all", "goals", "written"] = "all",
        with_people: bool = True,
        with_notes: bool = False,
    ) -> list[InteractionFacts]:
        """Interactions (and activities) from ``first`` (included) to ``last`` (excluded).

        ``only="goals"`` keeps what goals count (activities and events), ``only="written"``
        the written messages the over-automation check reads; people and notes are read only
        when asked for, since a busy month holds tens of thousands of rows.
        """
        columns = [
            InteractionRow.id,
            InteractionRow.occurred_at,
            InteractionRow.channel,
            InteractionRow.purpose,
            InteractionRow.minutes,
            InteractionRow.activity,
            InteractionRow.event_id,
            InteractionRow.initiated_by,
        ]
        if with_notes:
            columns.append(InteractionRow.note)
        query = select(*columns).where(
            InteractionRow.owner_id == self.owner_id,
            InteractionRow.occurred_at >= first,
            InteractionRow.occurred_at < last,
        )
        if only == "goals":
            query = query.where(
                or_(InteractionRow.activity.is_not(None), InteractionRow.channel == "event")
            )
        elif only == "written":
            query = query.where(
                InteractionRow.activity.is_(None),
                InteractionRow.channel.in_([c.value for c in WRITTEN_CHANNELS]),
            )
        rows = self.session.execute(query.order_by(InteractionRow.occurred_at)).all()
        people: dict[int, list[str]] = {}
        if with_people:
            ids = [row[0] for row in rows]
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                for interaction_id, uid in self.session.execute(
                    select(ParticipantRow.interaction_id, PersonRow.uid)
                    .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
                    .where(ParticipantRow.interaction_id.in_(chunk))
                ).all():
                    people.setdefault(interaction_id, []).append(uid)
        return [_interaction(row, people, with_notes) for row in rows]

    def touches(self, person_pk: int, since: datetime) -> list[tuple[datetime, Channel]]:
        rows = self.session.execute(
            select(InteractionRow.occurred_at, InteractionRow.channel)
            .join(ParticipantRow, ParticipantRow.interaction_id == InteractionRow.id)
            .where(ParticipantRow.person_id == person_pk, InteractionRow.occurred_at >= since)
        ).all()
        return [(at, Channel(channel)) for at, channel in rows]

    def exchanges(
        self,
        first: datetime | None = None,
        last: datetime | None = None,
        *,
        person_pk: int | None = None,
    ) -> list[ExchangeFacts]:
        query = (
            select(ExchangeRow, PersonRow.uid)
            .join(PersonRow, PersonRow.id == ExchangeRow.person_id)
            .where(ExchangeRow.owner_id == self.owner_id)
        )
        if first is not None:
            query = query.where(ExchangeRow.occurred_at >= first)
        if last is not None:
            query = query.where(ExchangeRow.occurred_at < last)
        if person_pk is not None:
            query = query.where(ExchangeRow.person_id == person_pk)
        return [
            ExchangeFacts(
                person_id=uid,
                direction=Direction(row.direction),
                kind=ExchangeKind(row.kind),
                at=row.occurred_at,
                interaction_id=row.interaction_id,
            )
            for row, uid in self.session.execute(query.order_by(ExchangeRow.occurred_at)).all()
        ]

    def names(self, uids: Collection[str]) -> dict[str, str]:
        """Display names by public id."""
        return {person.id: person.name for person in self.people_by_uid(uids)}

    def exchange_entries(self, person_pk: int) -> list[Exchange]:
        """One person's ledger entries, newest first."""
        rows = self.session.execute(
            select(ExchangeRow, PersonRow.uid, PersonRow.display_name)
            .join(PersonRow, PersonRow.id == ExchangeRow.person_id)
            .where(ExchangeRow.owner_id == self.owner_id, ExchangeRow.person_id == person_pk)
            .order_by(ExchangeRow.occurred_at.desc(), ExchangeRow.id.desc())
        ).all()
        return [exchange_record(row, uid, name) for row, uid, name in rows]

    def people_added(self, first: datetime, last: datetime) -> list[datetime]:
        """When people were added by hand (not imported) in the window: the goal 'connect'."""
        imported = (
            select(FieldProvenanceRow.person_id)
            .join(SourceRow, SourceRow.id == FieldProvenanceRow.source_id)
            .where(FieldProvenanceRow.field == "name", SourceRow.kind.like("import%"))
        )
        rows = self.session.scalars(
            select(PersonRow.created_at).where(
                PersonRow.owner_id == self.owner_id,
                PersonRow.created_at >= first,
                PersonRow.created_at < last,
                PersonRow.id.not_in(imported),
            )
        )
        return list(rows)

    def events(self, window: DateRange) -> list[EventFacts]:
        rows = self.session.scalars(
            select(EventRow).where(
                EventRow.owner_id == self.owner_id,
                EventRow.starts_on >= window.first,
                EventRow.starts_on <= window.last,
            )
        )
        return [EventFacts(row.id, row.name, row.starts_on, row.ends_on) for row in rows]

    def follow_ups_for_review(self, since: date) -> list[FollowUpFacts]:
        rows = self.session.execute(
            select(*_FOLLOW_UP_COLUMNS, PersonRow.uid)
            .outerjoin(PersonRow, PersonRow.id == FollowUpRow.person_id)
            .where(
                FollowUpRow.owner_id == self.owner_id,
                or_(
                    FollowUpRow.due_on >= since,
                    FollowUpRow.status.in_(
                        [FollowUpStatus.OPEN.value, FollowUpStatus.SNOOZED.value]
                    ),
                ),
            )
        ).all()
        return [_follow_up(row) for row in rows]

    def slip_candidates(
        self, during: DateRange, today: date, cadences: dict[Circle, int | None], tz: tzinfo
    ) -> list[PersonFacts]:
        """People whose check-in may have fallen due within ``during`` (a superset)."""
        end = min(during.last, today)
        conditions: list[ColumnElement[bool]] = []
        for circle, days in cadences.items():
            if days is None:
                continue
            low = _instant(during.first - timedelta(days=days), tz)
            high = _instant(end - timedelta(days=days - 1), tz)
            conditions.append(and_(PersonRow.circle == circle.value, low <= _SEEN, high > _SEEN))
        conditions.append(PersonRow.cadence_days.is_not(None))
        rows = self.session.execute(
            select(*_PERSON_COLUMNS).where(PersonRow.owner_id == self.owner_id, or_(*conditions))
        ).all()
        return [_person(row) for row in rows]


def _interaction(
    row: Sequence[Any], people: dict[int, list[str]], with_notes: bool
) -> InteractionFacts:
    interaction_id, at, channel, purpose, minutes, activity, event_id, initiated = row[:8]
    return InteractionFacts(
        id=interaction_id,
        at=at,
        channel=Channel(channel),
        purpose=Purpose(purpose) if purpose else None,
        minutes=minutes,
        person_ids=tuple(sorted(people.get(interaction_id, ()))),
        note=row[8] if with_notes else "",
        activity=Activity(activity) if activity else None,
        event_id=event_id,
        initiated_by=Initiator(initiated),
    )


def _month_days(
    month: Any,
    day: Any,
    pairs: Iterable[tuple[int, int]],
) -> ColumnElement[bool]:
    """``(month, day) IN pairs`` written per month, so that an index on both columns is used."""
    by_month: dict[int, list[int]] = {}
    for m, d in pairs:
        by_month.setdefault(m, []).append(d)
    return or_(*(and_(month == m, day.in_(sorted(days))) for m, days in sorted(by_month.items())))


def _when(condition: ColumnElement[bool]) -> ColumnElement[int]:
    from sqlalchemy import case

    return case((condition, 1), else_=0)


def _follow_up(row: Sequence[Any]) -> FollowUpFacts:
    follow_up_id, due, text_, status, snoozed_until, created_at, done_at, uid = row
    return FollowUpFacts(
        id=follow_up_id,
        due=due,
        text=text_,
        status=FollowUpStatus(status),
        person_id=uid,
        snoozed_until=snoozed_until,
        created_at=created_at,
        done_at=done_at,
    )

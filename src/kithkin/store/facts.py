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

from sqlalchemy import (
    Date,
    and_,
    bindparam,
    case,
    distinct,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from kithkin.core.agenda import (
    RECONNECT_MIN_INTERACTIONS,
    AgendaFacts,
    AgendaSettings,
    reconnect_bounds,
    reconnect_shortlist,
    shortlist,
)
from kithkin.core.cadence import check_in_cutoffs
from kithkin.core.dates import PartialDate
from kithkin.core.facts import (
    BIRTHDAY,
    EventFacts,
    EventMeetingFacts,
    ExchangeFacts,
    FollowUpFacts,
    InteractionFacts,
    InteractionGroupFacts,
    MessageFacts,
    MilestoneFacts,
    PersonFacts,
    ReconnectFacts,
)
from kithkin.core.ledger import RECIPROCITY_MIN_ASKS, Balance
from kithkin.core.milestones import milestone_days
from kithkin.core.periods import DateRange, day_start
from kithkin.core.records import Exchange
from kithkin.core.review import WRITTEN_CHANNELS, FollowThrough, OpenFollowUp
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
from kithkin.store import direct
from kithkin.store.interactions import EXCHANGE_COLUMNS, exchange_record
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
from kithkin.store.types import UTCDateTime

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


_TOUCHES = (  # every person page and API read: built once
    select(InteractionRow.occurred_at, InteractionRow.channel)
    .join(ParticipantRow, ParticipantRow.interaction_id == InteractionRow.id)
    .where(
        ParticipantRow.person_id == bindparam("person_id"),
        InteractionRow.occurred_at >= bindparam("since"),
    )
)
_EXCHANGE_ENTRIES = (  # a person page's ledger
    select(*EXCHANGE_COLUMNS, PersonRow.uid, PersonRow.display_name)
    .join(PersonRow, PersonRow.id == ExchangeRow.person_id)
    .where(
        ExchangeRow.owner_id == bindparam("owner_id"),
        ExchangeRow.person_id == bindparam("person_id"),
    )
    .order_by(ExchangeRow.occurred_at.desc(), ExchangeRow.id.desc())
)
_CIRCLES = {circle.value: circle for circle in Circle}
_MODES = {mode.value: mode for mode in Mode}


def _person(row: Sequence[Any]) -> PersonFacts:
    """The facts of a row of ``_PERSON_COLUMNS`` (thousands a command: kept to lookups)."""
    uid, name, circle, mode, created, last, cadence = row
    return PersonFacts(
        id=uid,
        name=name,
        circle=_CIRCLES.get(circle) or Circle(circle),
        mode=_MODES.get(mode) or Mode(mode),
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
        return people + self.own_cadences()

    def own_cadences(self) -> list[PersonFacts]:
        """Everyone with a cadence of their own: a partial index holds them, which SQLite reads
        whole (a few rows) once the owner's condition matches no other index; as a plain
        condition, the statistics ``PRAGMA optimize`` keeps make every owner index look alike
        and SQLite took the created-at one, reading everyone."""
        rows = self.session.execute(
            select(*_PERSON_COLUMNS).where(
                _read_through(PersonRow.owner_id) == self.owner_id,
                PersonRow.cadence_days.is_not(None),
            )
        ).all()
        return [_person(row) for row in rows]

    # -- agenda -----------------------------------------------------------------------------

    def hidden_keys(self, today: date) -> set[str]:
        rows = self.session.scalars(
            select(SnoozeRow.item_key).where(
                SnoozeRow.owner_id == self.owner_id,
                or_(SnoozeRow.dismissed, SnoozeRow.until > today),
            )
        )
        return set(rows)

    def due_follow_ups(
        self, today: date, people: dict[str, PersonFacts], *, wanted: int | None = None
    ) -> list[FollowUpFacts]:
        """Open follow-ups due by ``today`` (their people into ``people``). With ``wanted``,
        only the oldest that many (and every one due on the same day as the last of them):
        the agenda ranks follow-ups by how overdue they are, so later ones could not make
        the list."""
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
            select(*_FOLLOW_UP_COLUMNS, FollowUpRow.person_id).where(*conditions)
        ).all()
        # Their people by key, apart: joined, PostgreSQL expects thousands of follow-ups
        # and hashes every person.
        pks = {row[-1] for row in rows if row[-1] is not None}
        found = self.session.execute(
            select(PersonRow.id, *_PERSON_COLUMNS).where(PersonRow.id.in_(pks))
        ).all()
        uids: dict[int | None, str] = {row[0]: row[1] for row in found}
        _add_people(people, (row[1:] for row in found))
        return [_follow_up((*row[:-1], uids.get(row[-1]))) for row in rows]

    def upcoming_milestones(
        self, today: date, horizon_days: int, names: dict[str, str]
    ) -> list[MilestoneFacts]:
        """Birthdays and milestones whose day may come within the horizon (the people's names
        into ``names``)."""
        pairs = sorted(milestone_days(today, horizon_days))
        birthdays = self.session.execute(
            select(
                PersonRow.uid,
                PersonRow.display_name,
                PersonRow.birth_year,
                PersonRow.birth_month,
                PersonRow.birth_day,
            ).where(
                PersonRow.owner_id == self.owner_id,
                _month_days(PersonRow.birth_month, PersonRow.birth_day, pairs),
            )
        ).all()
        others = self.session.execute(
            select(
                PersonRow.uid,
                PersonRow.display_name,
                MilestoneRow.kind,
                MilestoneRow.year,
                MilestoneRow.month,
                MilestoneRow.day,
                MilestoneRow.recurring,
                MilestoneRow.note,
            )
            .join(PersonRow, PersonRow.id == MilestoneRow.person_id)
            .where(
                MilestoneRow.owner_id == self.owner_id,
                _month_days(MilestoneRow.month, MilestoneRow.day, pairs),
            )
        ).all()
        names.update((row.uid, row.display_name) for row in (*birthdays, *others))
        found = [
            MilestoneFacts(uid, BIRTHDAY, PartialDate(month=month, day=day, year=year))
            for uid, _, year, month, day in birthdays
            if month is not None and day is not None
        ]
        found += [
            MilestoneFacts(
                uid,
                MilestoneKind(kind),
                PartialDate(month=month, day=day, year=year),
                recurring=recurring,
                note=note,
            )
            for uid, _, kind, year, month, day, recurring, note in others
        ]
        return found

    def balances(
        self, *, reciprocity_only: bool = False, uids: Collection[str] | None = None
    ) -> dict[str, Balance]:
        """Ledger counts per person; ``reciprocity_only``: those asked twice+, never given.

        Counted per person id on the covering index first, then joined to the people.
        """
        return dict(self._balances(reciprocity_only, uids))

    def reciprocity(self, names: dict[str, str]) -> dict[str, Balance]:
        """The balances of those you asked twice or more and never gave (their names into
        ``names``): asks counted per person, then a seek each for a gift and the favors."""
        asked = (
            select(ExchangeRow.person_id, func.count().label("asked"))
            .where(
                ExchangeRow.owner_id == self.owner_id,
                ExchangeRow.direction == Direction.ASKED.value,
            )
            .group_by(ExchangeRow.person_id)
            .having(func.count() >= RECIPROCITY_MIN_ASKS)
            .subquery()
        )

        def entries(direction: Direction) -> Any:
            return ExchangeRow.owner_id == self.owner_id, and_(
                ExchangeRow.person_id == asked.c.person_id,
                ExchangeRow.direction == direction.value,
            )

        received = select(func.count(ExchangeRow.id)).where(*entries(Direction.RECEIVED))
        given = select(ExchangeRow.id).where(*entries(Direction.GAVE))
        counted = self.session.execute(
            select(asked.c.person_id, asked.c.asked, received.scalar_subquery()).where(
                ~given.exists()
            )
        ).all()
        # The names apart, by key: joined, PostgreSQL reads every person to hash them.
        found = self._names_by_key({pk for pk, _, _ in counted})
        names.update(found.values())
        return {
            found[pk][0]: Balance(gave=0, received=int(got), asked=int(count))
            for pk, count, got in counted
            if pk in found
        }

    def _names_by_key(self, keys: Collection[int]) -> dict[int, tuple[str, str]]:
        """``(id, name)`` of people by row id."""
        found: dict[int, tuple[str, str]] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            rows = self.session.execute(
                select(PersonRow.id, PersonRow.uid, PersonRow.display_name).where(
                    PersonRow.id.in_(ordered[start : start + 500])
                )
            ).all()
            found.update((pk, (uid, name)) for pk, uid, name in rows)
        return found

    def _balances(
        self, reciprocity_only: bool, uids: Collection[str] | None
    ) -> list[tuple[str, Balance]]:
        gave, received, asked = _direction_counts()
        counts = (
            select(ExchangeRow.person_id, gave, received, asked)
            .where(ExchangeRow.owner_id == self.owner_id)
            .group_by(ExchangeRow.person_id)
        )
        if uids is not None:
            counts = counts.where(
                ExchangeRow.person_id.in_(select(PersonRow.id).where(PersonRow.uid.in_(uids)))
            )
        if reciprocity_only:
            counts = counts.having(
                and_(
                    _direction_count(Direction.ASKED) >= RECIPROCITY_MIN_ASKS,
                    _direction_count(Direction.GAVE) == 0,
                )
            )
        c = counts.subquery().c
        rows = self.session.execute(
            select(PersonRow.uid, c.gave, c.received, c.asked).join(
                PersonRow, PersonRow.id == c.person_id
            )
        ).all()
        return [
            (uid, Balance(gave=int(g or 0), received=int(r or 0), asked=int(a or 0)))
            for uid, g, r, a in rows
        ]

    def reconnect_candidates(self, today: date, tz: tzinfo, minimum: int) -> list[ReconnectFacts]:
        """Dormant people without a cadence of their own, last seen before the quiet cutoff
        or since the week began, with ``minimum`` interactions or more."""
        quiet_before, week_start = reconnect_bounds(today, tz)
        # Compared through coalesce(): SQLite then reads the circle's index, not the
        # last-interaction index twice (a third of everyone fell quiet six months ago).
        seen = func.coalesce(PersonRow.last_interaction_at, PersonRow.created_at)
        rows = self.session.execute(
            select(PersonRow.uid, func.count())
            .join(ParticipantRow, ParticipantRow.person_id == PersonRow.id)
            .where(
                PersonRow.owner_id == self.owner_id,
                PersonRow.circle == Circle.DORMANT.value,
                PersonRow.cadence_days.is_(None),
                PersonRow.last_interaction_at.is_not(None),
                or_(seen < quiet_before, seen >= week_start),
            )
            .group_by(PersonRow.id)
            .having(func.count() >= minimum)
        ).all()
        return [ReconnectFacts(uid, int(count)) for uid, count in rows]

    def recent_meetings(
        self, today: date, days: int, tz: tzinfo, people: dict[str, PersonFacts]
    ) -> list[EventMeetingFacts]:
        """People at events that ended in the last ``days`` days, and whether a follow-up for
        them was created since the event began (people into ``people``)."""
        last_day = func.coalesce(EventRow.ends_on, EventRow.starts_on)
        rows = self.session.execute(
            select(
                EventRow.id,
                EventRow.name,
                EventRow.starts_on,
                EventRow.ends_on,
                EventAttendeeRow.met_there,
                PersonRow.id,
                *_PERSON_COLUMNS,
            )
            .join(EventAttendeeRow, EventAttendeeRow.event_id == EventRow.id)
            .join(PersonRow, PersonRow.id == EventAttendeeRow.person_id)
            .where(
                EventRow.owner_id == self.owner_id,
                last_day >= today - timedelta(days=days),
                EventRow.starts_on <= today,
            )
        ).all()
        if not rows:
            return []
        _add_people(people, (row[6:] for row in rows))
        latest = dict(
            self.session.execute(
                select(FollowUpRow.person_id, func.max(FollowUpRow.created_at))
                .where(FollowUpRow.person_id.in_({row[5] for row in rows}))
                .group_by(FollowUpRow.person_id)
            ).all()
        )
        return [
            EventMeetingFacts(
                event_id=event_id,
                event_name=name,
                person_id=person[0],
                last_day=ends_on or starts_on,
                met_there=met_there,
                has_follow_up=latest.get(pk) is not None and latest[pk] >= _instant(starts_on, tz),
            )
            for event_id, name, starts_on, ends_on, met_there, pk, *person in rows
        ]

    def agenda(
        self, today: date, settings: AgendaSettings, tz: tzinfo
    ) -> tuple[AgendaFacts, set[str]]:
        """Everything ``build_agenda`` needs for ``today``, and the hidden keys: of the
        milestones and reciprocity balances, the ``shortlist``; of the reconnect candidates,
        the week's draw; the people of those and of the due follow-ups, events and check-ins.
        """
        hidden = self.hidden_keys(today)
        room = settings.limit + len(hidden)
        people: dict[str, PersonFacts] = {}
        follow_ups = self.due_follow_ups(today, people, wanted=room)
        meetings = self.recent_meetings(today, settings.after_event_days, tz, people)
        names: dict[str, str] = {}
        milestones = self.upcoming_milestones(today, settings.milestone_horizon_days, names)
        balances = self.reciprocity(names)
        short = shortlist(milestones, balances, names, today=today, settings=settings, room=room)
        candidates = self.reconnect_candidates(today, tz, RECONNECT_MIN_INTERACTIONS)
        reconnect = reconnect_shortlist(candidates, today, settings)
        named = {m.person_id for m in short.milestones} | short.balances.keys()
        named.update(r.person_id for r in reconnect)
        people.update((p.id, p) for p in self.people_by_uid(named - people.keys()))
        due = self.check_in_candidates(
            today, dict(settings.cadences), tz, room, exclude=people.keys() | short.busy
        )
        people.update((p.id, p) for p in due)
        facts = AgendaFacts(
            people=list(people.values()),
            follow_ups=follow_ups,
            milestones=short.milestones,
            balances=short.balances,
            reconnect=reconnect,
            meetings=meetings,
            busy=short.busy,
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

    def interaction_groups(self, bounds: Sequence[datetime]) -> list[list[InteractionGroupFacts]]:
        """Interactions (and activities) from ``bounds[0]`` (included) to ``bounds[-1]``
        (excluded), grouped by purpose, channel and activity within each period between two
        consecutive bounds: one index range scan, a few dozen rows a period."""
        periods = len(bounds) - 1
        at = InteractionRow.occurred_at
        whens = [(at < bound, number) for number, bound in enumerate(bounds[1:-1])]
        period = case(*whens, else_=periods - 1) if whens else literal(0)
        kinds = (InteractionRow.purpose, InteractionRow.channel, InteractionRow.activity)
        rows = list(
            self.session.execute(
                select(
                    period.label("period"),
                    *kinds,
                    func.count(),
                    func.count(InteractionRow.minutes),
                    func.coalesce(func.sum(InteractionRow.minutes), 0),
                )
                .where(InteractionRow.owner_id == self.owner_id, at >= bounds[0], at < bounds[-1])
                .group_by(literal_column("period"), *kinds)
            ).all()
        )
        groups: list[list[InteractionGroupFacts]] = [[] for _ in range(periods)]
        # Sorted here (a few dozen rows), not in SQL: PostgreSQL would sort every row.
        rows.sort(key=lambda row: (row[0], row[1] or "", row[2], row[3] or ""))
        for number, purpose, channel, activity, count, timed, minutes in rows:
            groups[number].append(
                InteractionGroupFacts(
                    channel=Channel(channel),
                    purpose=Purpose(purpose) if purpose else None,
                    activity=Activity(activity) if activity else None,
                    count=count,
                    minutes=int(minutes),
                    untimed=count - timed,
                )
            )
        return groups

    def conversation_people(self, first: datetime, last: datetime) -> int:
        """How many distinct people the conversations (not activities) in the range had."""
        return int(
            self.session.scalar(
                select(func.count(distinct(ParticipantRow.person_id)))
                .join(InteractionRow, InteractionRow.id == ParticipantRow.interaction_id)
                .where(
                    InteractionRow.owner_id == self.owner_id,
                    InteractionRow.occurred_at >= first,
                    InteractionRow.occurred_at < last,
                    InteractionRow.activity.is_(None),
                )
            )
            or 0
        )

    def messages(self, first: datetime, last: datetime) -> list[MessageFacts]:
        """The written messages you sent in the range (not those they started), oldest first."""
        rows = self.session.execute(
            select(InteractionRow.id, InteractionRow.note)
            .where(
                InteractionRow.owner_id == self.owner_id,
                InteractionRow.occurred_at >= first,
                InteractionRow.occurred_at < last,
                InteractionRow.activity.is_(None),
                InteractionRow.channel.in_([c.value for c in WRITTEN_CHANNELS]),
                InteractionRow.initiated_by != Initiator.THEM.value,
            )
            .order_by(InteractionRow.occurred_at, InteractionRow.id)
        ).all()
        return [MessageFacts(number, note) for number, note in rows]

    def participants(self, interaction_ids: Collection[int]) -> dict[int, list[str]]:
        """The people (public ids) of each of these interactions."""
        found: dict[int, list[str]] = {}
        ordered = sorted(interaction_ids)
        for start in range(0, len(ordered), 500):
            for number, uid in self.session.execute(
                select(ParticipantRow.interaction_id, PersonRow.uid)
                .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
                .where(ParticipantRow.interaction_id.in_(ordered[start : start + 500]))
            ).all():
                found.setdefault(number, []).append(uid)
        return found

    def touches(self, person_pk: int, since: datetime) -> list[tuple[datetime, Channel]]:
        values = {"person_id": person_pk, "since": since}
        rows = direct.connection(self.session).execute(_TOUCHES, values).all()
        return [(at, Channel(channel)) for at, channel in rows]

    def exchanges(
        self,
        first: datetime | None = None,
        last: datetime | None = None,
        *,
        person_pk: int | None = None,
        only: tuple[Direction, ExchangeKind] | None = None,
    ) -> list[ExchangeFacts]:
        """Ledger entries in the range; ``only``: of one direction and kind (``goals`` counts
        the resources given)."""
        query = (
            select(
                PersonRow.uid,
                ExchangeRow.direction,
                ExchangeRow.kind,
                ExchangeRow.occurred_at,
                ExchangeRow.interaction_id,
            )
            .join(PersonRow, PersonRow.id == ExchangeRow.person_id)
            .where(
                # Without a person, no index holds the entries' times.
                (
                    ExchangeRow.owner_id
                    if person_pk is not None
                    else _read_through(ExchangeRow.owner_id)
                )
                == self.owner_id
            )
        )
        if first is not None:
            query = query.where(ExchangeRow.occurred_at >= first)
        if last is not None:
            query = query.where(ExchangeRow.occurred_at < last)
        if person_pk is not None:
            query = query.where(ExchangeRow.person_id == person_pk)
        if only is not None:
            query = query.where(
                ExchangeRow.direction == only[0].value, ExchangeRow.kind == only[1].value
            )
        return [
            ExchangeFacts(
                person_id=uid,
                direction=Direction(direction),
                kind=ExchangeKind(kind),
                at=at,
                interaction_id=interaction_id,
            )
            for uid, direction, kind, at, interaction_id in self.session.execute(
                query.order_by(ExchangeRow.occurred_at)
            ).all()
        ]

    def names(self, uids: Collection[str]) -> dict[str, str]:
        """Display names by public id."""
        return {person.id: person.name for person in self.people_by_uid(uids)}

    def exchange_entries(self, person_pk: int) -> list[Exchange]:
        """One person's ledger entries, newest first."""
        values = {"owner_id": self.owner_id, "person_id": person_pk}
        rows = direct.connection(self.session).execute(_EXCHANGE_ENTRIES, values).all()
        return [exchange_record(row, row.uid, row.display_name) for row in rows]

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

    def follow_ups_done(
        self, first: datetime, last: datetime, *, due_since: date
    ) -> list[FollowUpFacts]:
        """Follow-ups done in the range, among those due on ``due_since`` or later."""
        rows = self.session.execute(
            select(*_FOLLOW_UP_COLUMNS, PersonRow.uid)
            .outerjoin(PersonRow, PersonRow.id == FollowUpRow.person_id)
            .where(
                FollowUpRow.owner_id == self.owner_id,
                FollowUpRow.status == FollowUpStatus.DONE.value,
                FollowUpRow.due_on >= due_since,
                FollowUpRow.done_at >= first,
                FollowUpRow.done_at < last,
            )
        ).all()
        return [_follow_up(row) for row in rows]

    def overdue_follow_ups(self, today: date) -> list[tuple[OpenFollowUp, str | None]]:
        """Follow-ups open (or snoozed) past their day, oldest first, with their person's id."""
        rows = self.session.execute(
            select(
                FollowUpRow.id,
                FollowUpRow.text,
                FollowUpRow.due_on,
                PersonRow.uid,
                PersonRow.display_name,
            )
            .outerjoin(PersonRow, PersonRow.id == FollowUpRow.person_id)
            .where(
                FollowUpRow.owner_id == self.owner_id,
                FollowUpRow.status.in_([FollowUpStatus.OPEN.value, FollowUpStatus.SNOOZED.value]),
                FollowUpRow.due_on < today,
            )
            .order_by(FollowUpRow.due_on, FollowUpRow.id)
        ).all()
        return [(OpenFollowUp(n, text_, due, name or ""), uid) for n, text_, due, uid, name in rows]

    def follow_through(self, since: date, today: date, tz: tzinfo) -> FollowThrough:
        """Of the follow-ups due from ``since`` to the day before ``today``: how many, how many
        were done after their day (from the start of the next local day on), how many never."""
        due_in = (
            FollowUpRow.owner_id == self.owner_id,
            FollowUpRow.due_on >= since,
            FollowUpRow.due_on < today,
        )
        due, never = self.session.execute(
            select(
                func.count(), func.count().filter(FollowUpRow.status != FollowUpStatus.DONE.value)
            ).where(*due_in)
        ).one()
        days = [since + timedelta(days=n) for n in range((today - since).days)]
        if not due or not days:
            return FollowThrough(due=int(due or 0), late=0, never=int(never or 0))
        # Each due day with the instant its next local day starts: one index seek per day.
        next_days = union_all(
            *(
                select(
                    literal(day, Date()).label("day"),
                    literal(_instant(day + timedelta(days=1), tz), UTCDateTime()).label("late"),
                )
                for day in days
            )
        ).subquery()
        late = self.session.scalar(
            select(func.count())
            .select_from(next_days)
            .join(FollowUpRow, FollowUpRow.due_on == next_days.c.day)
            .where(
                FollowUpRow.owner_id == self.owner_id,
                FollowUpRow.status == FollowUpStatus.DONE.value,
                FollowUpRow.done_at >= next_days.c.late,
            )
        )
        return FollowThrough(due=int(due), late=int(late or 0), never=int(never))

    def ledger_totals(self) -> Balance:
        """Everyone's ledger counts added up."""
        gave, received, asked = self.session.execute(
            select(*_direction_counts()).where(ExchangeRow.owner_id == self.owner_id)
        ).one()
        return Balance(gave=int(gave or 0), received=int(received or 0), asked=int(asked or 0))

    def most_one_sided(self, limit: int) -> tuple[list[tuple[str, str, Balance]], int]:
        """``(id, name, balance)`` of the ``limit`` people you owe most (net below zero),
        worst first, then by asks and id, as ``ledger.most_one_sided`` orders them; and how
        many people you owe in all (counted in the same pass)."""
        gave, received, asked = _direction_counts()
        counts = (
            select(ExchangeRow.person_id, gave, received, asked)
            .where(ExchangeRow.owner_id == self.owner_id)
            .group_by(ExchangeRow.person_id)
            .subquery()
        )
        c = counts.c
        net = c.gave - case((c.asked > c.received, c.asked), else_=c.received)
        rows = self.session.execute(
            select(
                PersonRow.uid,
                PersonRow.display_name,
                c.gave,
                c.received,
                c.asked,
                func.count().over(),
            )
            .join(PersonRow, PersonRow.id == c.person_id)
            .where(net < 0)
            .order_by(net, c.asked.desc(), self._code_point_order(PersonRow.uid))
            .limit(limit)
        ).all()
        found = [(uid, name, Balance(int(g), int(r), int(a))) for uid, name, g, r, a, _ in rows]
        return found, int(rows[0][-1]) if rows else 0

    def _code_point_order(self, column: Any) -> Any:
        """``column`` ordered as Python orders strings (PostgreSQL: the C collation)."""
        if self.session.get_bind().dialect.name == "postgresql":
            return column.collate("C")
        return column

    def slip_candidates(
        self, during: DateRange, today: date, cadences: dict[Circle, int | None], tz: tzinfo
    ) -> list[PersonFacts]:
        """People whose check-in may have fallen due within ``during`` (a superset): per
        circle, a range of the circle's silence index; everyone with a cadence of their own."""
        end = min(during.last, today)
        people = self.own_cadences()
        for circle, days in cadences.items():
            if days is None:
                continue
            low = _instant(during.first - timedelta(days=days), tz)
            high = _instant(end - timedelta(days=days - 1), tz)
            rows = self.session.execute(
                select(*_PERSON_COLUMNS).where(
                    PersonRow.owner_id == self.owner_id,
                    PersonRow.circle == circle.value,
                    PersonRow.cadence_days.is_(None),
                    low <= _SEEN,
                    high > _SEEN,
                )
            ).all()
            people += [_person(row) for row in rows]
        return people


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


def _read_through(owner_id: Any) -> Any:
    """The owner's column in a form no index matches, for a query that reads the whole table
    anyway (nothing indexed narrows it): with the owner's condition as it is, SQLite walks an
    owner index and goes back to the table for each row, several times slower than reading
    the table in order (its sampled statistics make one owner look selective)."""
    return owner_id + 0


def _direction_count(direction: Direction) -> Any:
    return func.count().filter(ExchangeRow.direction == direction.value)


def _direction_counts() -> tuple[Any, Any, Any]:
    """``gave``, ``received`` and ``asked``: counts of exchanges by direction."""
    gave, received, asked = Direction.GAVE, Direction.RECEIVED, Direction.ASKED
    return (
        _direction_count(gave).label(gave.value),
        _direction_count(received).label(received.value),
        _direction_count(asked).label(asked.value),
    )


def _add_people(people: dict[str, PersonFacts], rows: Iterable[Sequence[Any]]) -> None:
    """``PersonFacts`` of rows that end with ``_PERSON_COLUMNS``, by id, each made once."""
    for row in rows:
        if row[0] not in people:
            people[row[0]] = _person(row)


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

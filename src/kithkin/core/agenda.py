"""The agenda ("today"): one ranked, capped list of whom to reach out to, why, and how.

Kinds, their scores (higher first) and their stable keys (what ``snooze`` and ``done`` take):

===========  ==========================================  ===================================
kind         score                                       key
===========  ==========================================  ===================================
follow-up    overdue: 100 + days overdue (max +50);      ``follow-up:<id>``
             due today: 90
milestone    today 95, else 75 - 3 × days ahead          ``milestone:<person>:<kind>:<day>``
after-event  70 - 3 × days since (+5 if met there)       ``after-event:<event>:<person>``
check-in     inner 60, key 50, network 40, other 30,     ``check-in:<person>:<due day>``
             + 20 × days overdue / cadence (max +20)
reciprocity  45 + 5 × asks beyond two (max +15)          ``reciprocity:<person>:<asks>``
reconnect    35 + past interactions (max +10)            ``reconnect:<person>:<ISO week>``
===========  ==========================================  ===================================

Ties go to the kind in the order above, then the earlier day (for check-ins: the longer
silence), then the name and the key. A person with a follow-up, milestone, after-event or
reciprocity item gets no check-in or reconnect item as well: that contact is the check-in.
Reconnect picks ``reconnect_per_week`` dormant-but-once-warm people by a weighted draw seeded
with the ISO week, so the picks hold all week (people reconnected with this week keep their
slot, unseen) and change the next.

Inputs (``AgendaFacts``); a superset is always fine, the engine re-checks every rule:

* ``people``: check-in candidates (``cadence.check_in_cutoffs``) and every person another
  fact names;
* ``follow_ups``: open follow-ups due on or before ``today`` (snoozed ones whose
  ``snoozed_until`` has come, too);
* ``milestones``: birthdays and ``milestones`` rows whose (month, day) is in
  ``milestones.milestone_days(today, horizon)``;
* ``balances``: at least the people for whom ``ledger.needs_reciprocity`` holds;
* ``reconnect``: dormant people with ``RECONNECT_MIN_INTERACTIONS`` interactions or more
  (``reconnect_bounds`` gives the last-seen cutoffs that narrow them down); given exactly
  those, ``reconnect_shortlist`` keeps the few the week's draw picks, and only they need to
  be among ``people``;
* ``meetings``: people seen at events that ended in the last ``after_event_days`` days;
* ``busy``: people whose milestone or reciprocity items were left out because ``shortlist``
  ranked them below the first ``limit`` (plus the hidden): they still get no check-in.

``hidden`` holds the keys snoozed until after ``today`` or dismissed.

Cost: one cheap pass over ``people`` (a cutoff comparison each). Within a circle, ranking by
score then silence is ranking by silence alone, so only each circle's ``limit`` longest
silences are picked (``heapq.nsmallest``, O(n log k)); more are picked only when hidden or
busy people among them leave the list short. People due on a cadence of their own are ranked
like every item and the best ``limit`` kept, whatever order they come in. Every candidate is
ranked by its score, kind, day and name alone; only the ``limit`` that make the list are
written out (reason and action), so a thousand birthdays this week cost a thousand ranks.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from functools import partial
from typing import NamedTuple

from kithkin.core.cadence import cadence_of, check_in_cutoff, check_in_due_on, last_seen
from kithkin.core.facts import (
    EventMeetingFacts,
    FollowUpFacts,
    MilestoneFacts,
    PersonFacts,
    ReconnectFacts,
)
from kithkin.core.ledger import RECIPROCITY_MIN_ASKS, Balance, needs_reciprocity
from kithkin.core.milestones import milestone_action, milestone_reason, next_occurrence
from kithkin.core.periods import day_start, days_ago, local_day, plural, week_of
from kithkin.core.vocabulary import DEFAULT_CADENCE_DAYS, Circle, FollowUpStatus, Mode
from kithkin.errors import InvalidInput

RECONNECT_MIN_INTERACTIONS = 3
RECONNECT_QUIET_DAYS = 180


class AgendaKind(StrEnum):
    FOLLOW_UP = "follow-up"
    MILESTONE = "milestone"
    AFTER_EVENT = "after-event"
    CHECK_IN = "check-in"
    RECIPROCITY = "reciprocity"
    RECONNECT = "reconnect"


_RANK = {kind: rank for rank, kind in enumerate(AgendaKind)}
CHECK_IN_BASE: dict[Circle, int] = {Circle.INNER: 60, Circle.KEY: 50, Circle.NETWORK: 40}

CHECK_IN_ACTIONS: dict[Mode, str] = {
    Mode.PERSONAL: "Call or meet up — no agenda, just catch up.",
    Mode.PROFESSIONAL: "Share something useful to them (an article, an intro) before asking "
    "for anything.",
    Mode.BOTH: "Catch up as a friend first; talk shop only if they bring it up.",
}
RECONNECT_ACTIONS: dict[Mode, str] = {
    Mode.PERSONAL: "Suggest meeting up — it has been a while.",
    Mode.PROFESSIONAL: "Send a no-ask hello with something useful to them.",
    Mode.BOTH: "Send a friendly hello and suggest a coffee.",
}
AFTER_EVENT_ACTIONS: dict[Mode, str] = {
    Mode.PERSONAL: "Tell them it was good to see them at {event}.",
    Mode.PROFESSIONAL: "Send a note that recalls your conversation at {event}, and connect.",
    Mode.BOTH: "Follow up on your conversation at {event} while it is fresh.",
}
RECIPROCITY_ACTION = "Offer help before your next ask: an intro, a resource or a recommendation."


def _default_cadences() -> dict[Circle, int | None]:
    return dict(DEFAULT_CADENCE_DAYS)


@dataclass(frozen=True)
class AgendaSettings:
    limit: int = 10
    milestone_horizon_days: int = 7
    after_event_days: int = 7
    reconnect_per_week: int = 3
    cadences: Mapping[Circle, int | None] = field(default_factory=_default_cadences)


@dataclass(frozen=True)
class AgendaFacts:
    people: Sequence[PersonFacts] = ()
    follow_ups: Sequence[FollowUpFacts] = ()
    milestones: Sequence[MilestoneFacts] = ()
    balances: Mapping[str, Balance] = field(default_factory=dict)
    reconnect: Sequence[ReconnectFacts] = ()
    meetings: Sequence[EventMeetingFacts] = ()
    busy: Collection[str] = ()


@dataclass(frozen=True)
class Shortlist:
    """The milestones and balances whose items could make the list, and the people of the
    others (``AgendaFacts.busy``)."""

    milestones: list[MilestoneFacts]
    balances: dict[str, Balance]
    busy: set[str]


def shortlist(
    milestones: Sequence[MilestoneFacts],
    balances: Mapping[str, Balance],
    names: Mapping[str, str],
    *,
    today: date,
    settings: AgendaSettings,
    room: int,
) -> Shortlist:
    """Of each kind, the ``room`` best milestone and reciprocity items (``room``: the limit
    plus the hidden keys, so that hiding cannot leave the list short), ranked as
    ``build_agenda`` ranks them; ``names``: everyone these facts name. A week of birthdays in
    a big network is a thousand items; ``build_agenda`` then needs the people of a few."""
    horizon = settings.milestone_horizon_days
    dated = []
    for milestone in milestones:
        found = _occurrence(milestone, today, horizon)
        if found is not None:
            rank = _milestone_rank(milestone, names[milestone.person_id], found[0], today)
            dated.append((rank, milestone))
    owed = [
        (_reciprocity_rank(person_id, names[person_id], balance, today), person_id)
        for person_id, balance in balances.items()
        if needs_reciprocity(balance)
    ]
    kept = heapq.nsmallest(room, dated, key=lambda pair: pair[0])
    kept_owed = heapq.nsmallest(room, owed, key=lambda pair: pair[0])
    return Shortlist(
        milestones=[milestone for _, milestone in kept],
        balances={person_id: balances[person_id] for _, person_id in kept_owed},
        busy={m.person_id for _, m in dated} | {person_id for _, person_id in owed},
    )


@dataclass(frozen=True)
class AgendaItem:
    key: str
    kind: AgendaKind
    score: int
    reason: str  # why it is on the list, one line
    action: str  # what to do, fitted to the person's mode
    person_id: str | None
    person_name: str  # "" for a follow-up about no one
    day: date  # when it fell or falls due


def item_kind(key: str) -> AgendaKind:
    """The kind of agenda item ``key`` names, or an InvalidInput that says what a key is."""
    prefix, _, rest = key.partition(":")
    if prefix not in {kind.value for kind in AgendaKind} or not rest:
        raise InvalidInput(
            f"{key!r} is not an agenda item; use a key from 'kithkin today', e.g. follow-up:12.",
            field="item",
        )
    return AgendaKind(prefix)


class _People:
    """The people other facts name, found in one pass over ``people``."""

    def __init__(self, facts: AgendaFacts) -> None:
        wanted = {f.person_id for f in facts.follow_ups if f.person_id is not None}
        wanted.update(m.person_id for m in facts.milestones)
        wanted.update(m.person_id for m in facts.meetings)
        wanted.update(r.person_id for r in facts.reconnect)
        wanted.update(key for key, balance in facts.balances.items() if needs_reciprocity(balance))
        self.by_id = {p.id: p for p in facts.people if p.id in wanted} if wanted else {}

    def __getitem__(self, person_id: str) -> PersonFacts:
        person = self.by_id.get(person_id)
        if person is None:
            raise ValueError(f"the agenda facts name person {person_id!r}, missing from people")
        return person


def build_agenda(
    facts: AgendaFacts,
    *,
    today: date,
    settings: AgendaSettings | None = None,
    hidden: Collection[str] = frozenset(),
    tz: tzinfo | None = None,
) -> tuple[AgendaItem, ...]:
    """The ranked agenda for ``today``: at most ``settings.limit`` items, ``hidden`` left out."""
    settings = settings or AgendaSettings()
    people = _People(facts)
    candidates = [
        *_follow_ups(facts.follow_ups, people, today),
        *_milestones(facts.milestones, people, today, settings.milestone_horizon_days),
        *_after_events(facts.meetings, people, today, settings.after_event_days, tz),
        *_reciprocity(facts.balances, people, today),
    ]
    busy = {c.person_id for c in candidates if c.person_id is not None} | set(facts.busy)
    candidates += _reconnects(facts.reconnect, people, busy, today, settings, tz)
    ranked = [c for c in candidates if c.rank[4] not in hidden]
    ranked += _check_ins(facts.people, busy, hidden, today, settings, tz)
    ranked.sort(key=lambda candidate: candidate.rank)
    return tuple(candidate.item() for candidate in ranked[: settings.limit])


_Rank = tuple[int, int, date, str, str]


class _Candidate(NamedTuple):
    """An item ranked but not yet written out: ``item()`` writes it."""

    rank: _Rank  # score (negated), kind, day (for check-ins the last contact), name, key
    person_id: str | None
    item: Callable[[], AgendaItem]


def _rank(item: AgendaItem, tie: date) -> _Rank:
    """Score first, then kind, then ``tie`` (a day; for check-ins the last contact), name, key."""
    return (-item.score, _RANK[item.kind], tie, item.person_name, item.key)


def _written(item: AgendaItem) -> _Candidate:
    """A candidate cheap enough to write out at once."""
    return _Candidate(_rank(item, item.day), item.person_id, lambda: item)


def _follow_ups(
    follow_ups: Sequence[FollowUpFacts], people: _People, today: date
) -> list[_Candidate]:
    items: list[_Candidate] = []
    for follow_up in follow_ups:
        if follow_up.status not in (FollowUpStatus.OPEN, FollowUpStatus.SNOOZED):
            continue
        if follow_up.due > today or (follow_up.snoozed_until or today) > today:
            continue
        person = people[follow_up.person_id] if follow_up.person_id is not None else None
        overdue = (today - follow_up.due).days
        item = AgendaItem(
            key=f"follow-up:{follow_up.id}",
            kind=AgendaKind.FOLLOW_UP,
            score=100 + min(overdue, 50) if overdue else 90,
            reason=f"overdue {plural(overdue, 'day')} (due {follow_up.due})"
            if overdue
            else "due today",
            action=follow_up.text,
            person_id=person.id if person else None,
            person_name=person.name if person else "",
            day=follow_up.due,
        )
        items.append(_written(item))
    return items


def _occurrence(
    milestone: MilestoneFacts, today: date, horizon: int
) -> tuple[date, int | None] | None:
    """The milestone's next day and years, when it falls within ``horizon`` days."""
    found = next_occurrence(milestone, today)
    if found is None or (found[0] - today).days > horizon:
        return None
    return found


def _milestone_rank(milestone: MilestoneFacts, name: str, day: date, today: date) -> _Rank:
    ahead = (day - today).days
    score = 95 if ahead == 0 else 75 - 3 * ahead
    key = f"milestone:{milestone.person_id}:{milestone.kind}:{day}"
    return (-score, _RANK[AgendaKind.MILESTONE], day, name, key)


def _milestones(
    milestones: Sequence[MilestoneFacts], people: _People, today: date, horizon: int
) -> list[_Candidate]:
    items: list[_Candidate] = []
    for milestone in milestones:
        found = _occurrence(milestone, today, horizon)
        if found is None:
            continue
        day, years = found
        person = people[milestone.person_id]
        rank = _milestone_rank(milestone, person.name, day, today)
        write = partial(_milestone_item, milestone, person, years, today, rank)
        items.append(_Candidate(rank, person.id, write))
    return items


def _milestone_item(
    milestone: MilestoneFacts, person: PersonFacts, years: int | None, today: date, rank: _Rank
) -> AgendaItem:
    day = rank[2]
    return AgendaItem(
        key=rank[4],
        kind=AgendaKind.MILESTONE,
        score=-rank[0],
        reason=milestone_reason(milestone, day, today, years),
        action=milestone_action(milestone, person.mode, years),
        person_id=person.id,
        person_name=person.name,
        day=day,
    )


def _after_events(
    meetings: Sequence[EventMeetingFacts],
    people: _People,
    today: date,
    window_days: int,
    tz: tzinfo | None,
) -> list[_Candidate]:
    items: list[_Candidate] = []
    for meeting in meetings:
        since = (today - meeting.last_day).days
        if not 0 <= since <= window_days or meeting.has_follow_up:
            continue
        person = people[meeting.person_id]
        seen = person.last_interaction_at
        if seen is not None and local_day(seen, tz) > meeting.last_day:
            continue  # they have been in touch since
        verb = "met" if meeting.met_there else "saw them"
        item = AgendaItem(
            key=f"after-event:{meeting.event_id}:{person.id}",
            kind=AgendaKind.AFTER_EVENT,
            score=70 - 3 * since + (5 if meeting.met_there else 0),
            reason=f"{verb} at {meeting.event_name} {days_ago(since)}, no follow-up yet",
            action=AFTER_EVENT_ACTIONS[person.mode].format(event=meeting.event_name),
            person_id=person.id,
            person_name=person.name,
            day=meeting.last_day,
        )
        items.append(_written(item))
    return items


def _reciprocity(balances: Mapping[str, Balance], people: _People, today: date) -> list[_Candidate]:
    items: list[_Candidate] = []
    for person_id, balance in balances.items():
        if not needs_reciprocity(balance):
            continue
        person = people[person_id]
        rank = _reciprocity_rank(person_id, person.name, balance, today)
        write = partial(_reciprocity_item, person, balance, today, rank)
        items.append(_Candidate(rank, person.id, write))
    return items


def _reciprocity_rank(person_id: str, name: str, balance: Balance, today: date) -> _Rank:
    score = 45 + 5 * min(balance.asked - RECIPROCITY_MIN_ASKS, 3)
    key = f"reciprocity:{person_id}:{balance.asked}"
    return (-score, _RANK[AgendaKind.RECIPROCITY], today, name, key)


def _reciprocity_item(
    person: PersonFacts, balance: Balance, today: date, rank: _Rank
) -> AgendaItem:
    return AgendaItem(
        key=rank[4],
        kind=AgendaKind.RECIPROCITY,
        score=-rank[0],
        reason=f"asked {balance.asked} times, never gave anything",
        action=RECIPROCITY_ACTION,
        person_id=person.id,
        person_name=person.name,
        day=today,
    )


def _draw(week: str, person_id: str, count: int) -> float:
    """A weighted draw (Efraimidis–Spirakis, weighted by past interactions up to 20): the
    smallest draws win, heavier people more often; the same all week, different the next."""
    digest = hashlib.blake2b(f"{week}:{person_id}".encode(), digest_size=8).digest()
    uniform = (int.from_bytes(digest, "big") + 1) / (2**64 + 1)
    return -math.log(uniform) / min(count, 20)


def reconnect_shortlist(
    candidates: Sequence[ReconnectFacts], today: date, settings: AgendaSettings
) -> list[ReconnectFacts]:
    """The candidates the week's draw picks, given exactly those the rules let draw (see
    ``AgendaFacts``): ``build_agenda`` needs no others, nor their people."""
    if settings.cadences.get(Circle.DORMANT) is not None:
        return []  # dormant people are checked in with, not reconnected
    label = week_of(today).label()
    draws = [
        (_draw(label, c.person_id, c.interaction_count), c.person_id, c)
        for c in candidates
        if c.interaction_count >= RECONNECT_MIN_INTERACTIONS
    ]
    return [c for _, _, c in heapq.nsmallest(settings.reconnect_per_week, draws)]


def reconnect_bounds(today: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """``(quiet_before, week_start)``: a dormant person is a reconnect candidate when last
    seen before the first instant, or (holding their weekly slot) since the second."""
    quiet_before = day_start(today - timedelta(days=RECONNECT_QUIET_DAYS - 1), tz)
    return quiet_before, day_start(week_of(today).first, tz)


def _reconnects(
    candidates: Sequence[ReconnectFacts],
    people: _People,
    busy: Collection[str],
    today: date,
    settings: AgendaSettings,
    tz: tzinfo | None,
) -> list[_Candidate]:
    label = week_of(today).label()
    quiet_before, week_start = reconnect_bounds(today, tz)
    draws: list[tuple[float, str, PersonFacts, int]] = []
    for candidate in candidates:
        count = candidate.interaction_count
        if count < RECONNECT_MIN_INTERACTIONS:
            continue
        person = people[candidate.person_id]
        seen = person.last_interaction_at
        if seen is None or quiet_before <= seen < week_start:
            continue  # never seen, or neither quiet nor reconnected with this week
        if cadence_of(person, settings.cadences) is None:  # dormant: no check-ins
            draws.append((_draw(label, person.id, count), person.id, person, count))
    items: list[_Candidate] = []
    for _, _, person, count in heapq.nsmallest(settings.reconnect_per_week, draws):
        seen = person.last_interaction_at
        if seen is None or seen >= week_start or person.id in busy:
            continue  # the slot stays taken all week
        item = AgendaItem(
            key=f"reconnect:{person.id}:{label}",
            kind=AgendaKind.RECONNECT,
            score=35 + min(count, 10),
            reason=f"dormant, once close: {count} interactions, "
            f"the last {days_ago((today - local_day(seen, tz)).days)}",
            action=RECONNECT_ACTIONS[person.mode],
            person_id=person.id,
            person_name=person.name,
            day=week_of(today).first,
        )
        items.append(_written(item))
    return items


def _silence(person: PersonFacts) -> tuple[datetime, str, str]:
    """How the check-in ranking sorts a circle: longest silence first, then name and id."""
    return (person.last_interaction_at or person.created_at, person.name, person.id)


def _in_silence_order(group: list[PersonFacts], first: int) -> Iterator[PersonFacts]:
    """``group`` in ``_silence`` order, sorted only as far as it is read: the first ``first``
    people, then four times as many, and so on (O(n log k) a time, rarely more than once)."""
    read, room = 0, max(first, 1)
    while read < len(group):
        batch = heapq.nsmallest(room, group, key=_silence)
        yield from batch[read:]
        read, room = len(batch), room * 4


def _check_ins(
    people: Sequence[PersonFacts],
    busy: Collection[str],
    hidden: Collection[str],
    today: date,
    settings: AgendaSettings,
    tz: tzinfo | None,
) -> list[_Candidate]:
    """Due check-ins: the first ``limit`` shown of each circle, longest silence first, and the
    best ``limit`` of those due on a cadence of their own."""
    cadences = settings.cadences
    cutoffs = {c: check_in_cutoff(today, days, tz) for c, days in cadences.items() if days}
    due: dict[Circle, list[PersonFacts]] = {circle: [] for circle in cutoffs}
    own_cadence: list[PersonFacts] = []
    for person in people:  # the hot loop: keep it to a comparison
        if person.cadence_days is not None:
            own_cadence.append(person)
            continue
        cutoff = cutoffs.get(person.circle)
        if cutoff is not None and (person.last_interaction_at or person.created_at) < cutoff:
            due[person.circle].append(person)
    ranked: list[_Candidate] = []
    first = 2 * settings.limit  # room for a few busy or hidden people without a second pass
    for group in due.values():
        shown = 0
        for person in _in_silence_order(group, first):
            found = _check_in(person, busy, hidden, today, cadences, tz)
            if found is not None:
                ranked.append(found)
                shown += 1
                if shown == settings.limit:
                    break
    own = (_check_in(person, busy, hidden, today, cadences, tz) for person in own_cadence)
    ranked += heapq.nsmallest(
        settings.limit, (found for found in own if found), key=lambda found: found.rank
    )
    return ranked


def _check_in(
    person: PersonFacts,
    busy: Collection[str],
    hidden: Collection[str],
    today: date,
    cadences: Mapping[Circle, int | None],
    tz: tzinfo | None,
) -> _Candidate | None:
    """``person``'s check-in, ranked, unless not due, busy or hidden."""
    day = check_in_due_on(person, cadences=cadences, tz=tz)
    if day is None or day > today or person.id in busy:
        return None
    key = f"check-in:{person.id}:{day}"
    if key in hidden:
        return None
    cadence = cadence_of(person, cadences) or 1
    score = CHECK_IN_BASE.get(person.circle, 30) + min(20, 20 * (today - day).days // cadence)
    rank = (-score, _RANK[AgendaKind.CHECK_IN], last_seen(person), person.name, key)
    write = partial(_check_in_item, person, day, today, cadence, score, key)
    return _Candidate(rank, person.id, write)


def _check_in_item(
    person: PersonFacts, due: date, today: date, cadence: int, score: int, key: str
) -> AgendaItem:
    overdue = (today - due).days
    rule = f"{person.circle} circle" if person.cadence_days is None else "own cadence"
    silence = days_ago((today - due).days + cadence)
    if person.last_interaction_at is None:
        since = f"never contacted, added {silence}"
    else:
        since = f"last contact {silence}"
    late = f", {plural(overdue, 'day')} overdue" if overdue else ", due today"
    return AgendaItem(
        key=key,
        kind=AgendaKind.CHECK_IN,
        score=score,
        reason=f"{rule} (every {cadence} days): {since}{late}",
        action=CHECK_IN_ACTIONS[person.mode],
        person_id=person.id,
        person_name=person.name,
        day=due,
    )

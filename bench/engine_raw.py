"""The engine's raw baselines: ``today``, ``goals``, ``balance`` and ``review`` written by hand
on the bare driver (sqlite3 or psycopg), the way a careful engineer would answer the same
questions: counts and sums in SQL, the ranking in a few lines of Python.

They answer for the bench's account as it is set up (UTC, the settings and circles in the
database) and return the same digests as ``bench.engine`` makes of Kithkin's answers, so the
two can be compared. The over-automation check calls Kithkin's pure text similarity
(``kithkin.core.similarity``) like a library: the baseline measures the data access around it.
"""

from __future__ import annotations

import calendar
import hashlib
import heapq
import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from bench.raw import Raw, Row
from kithkin.core.similarity import MIN_WORDS, similar_groups, words

KINDS = ("follow-up", "milestone", "after-event", "check-in", "reciprocity", "reconnect")
CHECK_IN_BASE = {"inner": 60, "key": 50, "network": 40}
WRITTEN = ("email", "message", "linkedin", "x", "slack")
TYPICAL = {"in-person": 60, "video": 30, "call": 20, "event": 120, "other": 15}
ACTIVITY = {
    "post-engagement": 10,
    "article": 120,
    "event-attended": 120,
    "contacts-review": 30,
    "resource-shared": 10,
}
GOAL_ACTIVITIES = {
    "engage-posts": "post-engagement",
    "write-article": "article",
    "review-contacts": "contacts-review",
}

Rank = tuple[Any, ...]


def _day(value: Any) -> date:
    """A date or timestamp column (text on SQLite) as a day."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return value.date()
    assert isinstance(value, date)
    return value


def _time(value: Any) -> datetime:
    """A timestamp column as a naive UTC datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[no-any-return]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _draw(week: str, uid: str, weight: int) -> float:
    digest = hashlib.blake2b(f"{week}:{uid}".encode(), digest_size=8).digest()
    return -math.log((int.from_bytes(digest, "big") + 1) / (2**64 + 1)) / weight


def _occurs(month: int, day: int, on: date) -> bool:
    if (on.month, on.day) == (month, day):
        return True
    return (month, day, on.month, on.day) == (2, 29, 2, 28) and not calendar.isleap(on.year)


class EngineBaseline:
    """The hand-written engine for one owner on one bare connection."""

    def __init__(self, raw: Raw, owner: int) -> None:
        self.raw = raw
        self.owner = owner
        self.sqlite = raw.dialect == "sqlite"
        # Python orders names by code point: byte order on SQLite, the C collation on PG.
        self.collate = "" if self.sqlite else ' COLLATE "C"'
        # Where no index narrows a table (cadence_days, created_at, exchange times), "+ 0"
        # keeps SQLite off the owner's index (which its sampled statistics make look
        # selective) and on one pass over the table.
        self.scan_owner = "owner_id + 0"

    def _q(self, query: str, params: Sequence[object] = ()) -> list[Row]:
        return self.raw._all(query if self.sqlite else query.replace("?", "%s"), params)

    def _t(self, value: datetime) -> object:
        """A naive UTC time as the driver compares it with a timestamp column."""
        return value.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else value

    def _d(self, value: date) -> object:
        return value.isoformat() if self.sqlite else value

    def _settings(self) -> dict[str, Any]:
        rows = self._q("SELECT key, value FROM settings WHERE owner_id = ?", (self.owner,))
        return {key: json.loads(value) for key, value in rows}

    def _cadences(self) -> dict[str, int | None]:
        rows = self._q("SELECT name, cadence_days FROM circles WHERE owner_id = ?", (self.owner,))
        return dict(rows)

    # -- today -----------------------------------------------------------------------------

    def today(self, day: date) -> list[str]:
        """The agenda's keys, best first."""
        settings = self._settings()
        limit = int(settings.get("agenda_limit") or 10)
        horizon = int(settings.get("milestone_horizon_days") or 7)
        hidden = {
            row[0]
            for row in self._q(
                "SELECT item_key FROM agenda_snoozes "
                "WHERE owner_id = ? AND (dismissed OR until > ?)",
                (self.owner, self._d(day)),
            )
        }
        ranked: list[tuple[Rank, str]] = []
        busy: set[str] = set()

        def add(score: int, kind: str, tie: object, name: str, key: str, uid: str | None) -> None:
            ranked.append(((-score, KINDS.index(kind), tie, name, key), key))
            if uid is not None and kind != "reconnect":
                busy.add(uid)

        self._follow_ups(day, limit + len(hidden), add)
        self._milestones(day, horizon, add)
        self._after_events(day, int(settings.get("after_event_days") or 7), add)
        for uid, name, asked in self._q(
            "SELECT p.uid, p.display_name, a.asked FROM (SELECT person_id, count(*) AS asked "
            "FROM exchanges WHERE owner_id = ? AND direction = 'asked' GROUP BY person_id "
            "HAVING count(*) >= 2) a JOIN people p ON p.id = a.person_id "
            "WHERE NOT EXISTS (SELECT 1 FROM exchanges g WHERE g.owner_id = ? "
            "AND g.person_id = a.person_id AND g.direction = 'gave')",
            (self.owner, self.owner),
        ):
            add(
                45 + 5 * min(asked - 2, 3),
                "reciprocity",
                day,
                name,
                f"reciprocity:{uid}:{asked}",
                uid,
            )
        cadences = self._cadences()
        if cadences.get("dormant") is None:
            self._reconnects(day, int(settings.get("reconnect_per_week") or 3), busy, add)
        shown = [(rank, key) for rank, key in ranked if key not in hidden]
        shown += self._check_ins(day, cadences, limit, busy, hidden)
        shown.sort(key=lambda pair: pair[0])
        return [key for _, key in shown[:limit]]

    def _follow_ups(self, day: date, wanted: int, add: Any) -> None:
        due = (
            "f.owner_id = ? AND f.status IN ('open', 'snoozed') AND f.due_on <= ? "
            "AND (f.snoozed_until IS NULL OR f.snoozed_until <= ?)"
        )
        params: list[object] = [self.owner, self._d(day), self._d(day)]
        last = self._q(
            f"SELECT f.due_on FROM follow_ups f WHERE {due} ORDER BY f.due_on LIMIT 1 OFFSET ?",
            (*params, wanted - 1),
        )
        if last:  # the oldest ``wanted``, and all due the same day as the last of them
            due += " AND f.due_on <= ?"
            params.append(last[0][0])
        found = self._q(f"SELECT f.id, f.due_on, f.person_id FROM follow_ups f WHERE {due}", params)
        people = self._people_by_key({pk for *_, pk in found if pk is not None})
        for number, due_on, pk in found:
            uid, name = people.get(pk, (None, ""))
            late = (day - _day(due_on)).days
            score = 100 + min(late, 50) if late else 90
            add(score, "follow-up", _day(due_on), name, f"follow-up:{number}", uid)

    def _people_by_key(self, keys: set[int]) -> dict[int, tuple[str, str]]:
        """``(uid, name)`` by row id (looked up apart: joined to a few follow-ups, PostgreSQL
        expects thousands and hashes every person)."""
        if not keys:
            return {}
        marks = ", ".join("?" * len(keys))
        query = f"SELECT id, uid, display_name FROM people WHERE id IN ({marks})"
        return {pk: (uid, name) for pk, uid, name in self._q(query, sorted(keys))}

    def _milestones(self, day: date, horizon: int, add: Any) -> None:
        days = [day + timedelta(days=offset) for offset in range(horizon + 1)]
        pairs = {(d.month, d.day) for d in days}
        if any(_occurs(2, 29, d) and d.day == 28 for d in days):
            pairs.add((2, 29))
        by_month: dict[int, list[int]] = defaultdict(list)
        for month, number in sorted(pairs):
            by_month[month].append(number)

        def within(month: str, number: str) -> str:
            return " OR ".join(
                f"({month} = {m} AND {number} IN ({', '.join(map(str, ns))}))"
                for m, ns in by_month.items()
            )

        rows = [
            (uid, name, "birthday", year, month, number, True)
            for uid, name, year, month, number in self._q(
                "SELECT uid, display_name, birth_year, birth_month, birth_day FROM people "
                f"WHERE owner_id = ? AND ({within('birth_month', 'birth_day')})",
                (self.owner,),
            )
        ]
        rows += self._q(
            "SELECT p.uid, p.display_name, m.kind, m.year, m.month, m.day, m.recurring "
            "FROM milestones m JOIN people p ON p.id = m.person_id "
            f"WHERE m.owner_id = ? AND ({within('m.month', 'm.day')})",
            (self.owner,),
        )
        for uid, name, kind, year, month, number, recurring in rows:
            on: date | None
            if year is not None and not recurring:
                on = date(year, month, number)
                if not day <= on <= days[-1]:
                    continue
            else:
                on = next((d for d in days if _occurs(month, number, d)), None)
                if on is None or (year is not None and on.year <= year):
                    continue
            ahead = (on - day).days
            score = 95 if ahead == 0 else 75 - 3 * ahead
            add(score, "milestone", on, name, f"milestone:{uid}:{kind}:{on}", uid)

    def _after_events(self, day: date, window: int, add: Any) -> None:
        for event_id, event_day, met, uid, name, seen, followed in self._q(
            "SELECT e.id, coalesce(e.ends_on, e.starts_on), a.met_there, p.uid, p.display_name, "
            "p.last_interaction_at, EXISTS (SELECT 1 FROM follow_ups f "
            "WHERE f.person_id = p.id AND f.created_at >= e.starts_on) "
            "FROM events e JOIN event_attendees a ON a.event_id = e.id "
            "JOIN people p ON p.id = a.person_id "
            "WHERE e.owner_id = ? AND coalesce(e.ends_on, e.starts_on) >= ? AND e.starts_on <= ?",
            (self.owner, self._d(day - timedelta(days=window)), self._d(day)),
        ):
            last_day = _day(event_day)
            if followed or (seen is not None and _day(seen) > last_day):
                continue
            score = 70 - 3 * (day - last_day).days + (5 if met else 0)
            add(score, "after-event", last_day, name, f"after-event:{event_id}:{uid}", uid)

    def _reconnects(self, day: date, per_week: int, busy: set[str], add: Any) -> None:
        monday = _monday(day)
        year, week, _ = monday.isocalendar()
        label = f"{year}-W{week:02d}"
        week_start = _midnight(monday)
        rows = self._q(
            "SELECT p.uid, count(*) FROM people p "
            "JOIN interaction_participants ip ON ip.person_id = p.id "
            "WHERE p.owner_id = ? AND p.circle = 'dormant' AND p.cadence_days IS NULL "
            "AND p.last_interaction_at IS NOT NULL "  # coalesce(): the circle's index, please
            "AND (coalesce(p.last_interaction_at, p.created_at) < ? "
            "OR coalesce(p.last_interaction_at, p.created_at) >= ?) "
            "GROUP BY p.id HAVING count(*) >= 3",
            (self.owner, self._t(_midnight(day - timedelta(days=179))), self._t(week_start)),
        )
        picks = heapq.nsmallest(
            per_week, ((_draw(label, uid, min(n, 20)), uid, n) for uid, n in rows)
        )
        if not picks:
            return
        found = {
            uid: (name, seen)
            for uid, name, seen in self._q(
                "SELECT uid, display_name, last_interaction_at FROM people "
                f"WHERE uid IN ({', '.join('?' * len(picks))})",
                [uid for _, uid, _ in picks],
            )
        }
        for _, uid, count in picks:
            name, seen = found[uid]
            if _time(seen) < week_start and uid not in busy:
                add(35 + min(count, 10), "reconnect", monday, name, f"reconnect:{uid}:{label}", uid)

    def _check_ins(
        self,
        day: date,
        cadences: dict[str, int | None],
        limit: int,
        busy: set[str],
        hidden: set[str],
    ) -> list[tuple[Rank, str]]:
        seen_sql = "coalesce(last_interaction_at, created_at)"
        found: list[tuple[Rank, str]] = []

        def item(uid: str, name: str, circle: str, cadence: int, seen: Any) -> bool:
            due = _day(seen) + timedelta(days=cadence)
            key = f"check-in:{uid}:{due}"
            if due > day or uid in busy or key in hidden:
                return False
            score = CHECK_IN_BASE.get(circle, 30) + min(20, 20 * (day - due).days // cadence)
            found.append(((-score, 3, _time(seen), name, key), key))
            return True

        page = 2 * limit + len(busy) + len(hidden)
        for circle, cadence in cadences.items():
            if cadence is None:
                continue
            shown, offset = 0, 0
            cutoff = self._t(_midnight(day - timedelta(days=cadence - 1)))
            while shown < limit:
                rows = self._q(
                    f"SELECT uid, display_name, {seen_sql} FROM people "
                    "WHERE owner_id = ? AND circle = ? AND cadence_days IS NULL "
                    f"AND {seen_sql} < ? "
                    f"ORDER BY {seen_sql}, display_name{self.collate}, uid LIMIT ? OFFSET ?",
                    (self.owner, circle, cutoff, page, offset),
                )
                for uid, name, seen in rows:
                    shown += item(uid, name, circle, cadence, seen)
                    if shown == limit:
                        break
                if len(rows) < page:
                    break
                offset += page
        before = len(found)
        for uid, name, circle, cadence, seen in self._q(
            f"SELECT uid, display_name, circle, cadence_days, {seen_sql} FROM people "
            f"WHERE {self.scan_owner} = ? AND cadence_days IS NOT NULL",
            (self.owner,),
        ):
            item(uid, name, circle, cadence, seen)
        own = heapq.nsmallest(limit, found[before:], key=lambda pair: pair[0])
        return found[:before] + own

    # -- goals -----------------------------------------------------------------------------

    def goals(self, day: date) -> list[tuple[str, int | None]]:
        """Each active goal's key and count, in the order Kithkin lists them."""
        week = (_monday(day), _monday(day) + timedelta(days=6))
        month = _month(day)
        first, last = min(week[0], month[0]), max(week[1], month[1])
        start, end = self._t(_midnight(first)), self._t(_midnight(last + timedelta(days=1)))
        logged = [
            (_day(at), activity, channel, event_id, number)
            for number, at, activity, channel, event_id in self._q(
                "SELECT id, occurred_at, activity, channel, event_id FROM interactions "
                "WHERE owner_id = ? AND occurred_at >= ? AND occurred_at < ? "
                "AND (activity IS NOT NULL OR channel = 'event')",
                (self.owner, start, end),
            )
        ]
        added = [
            _day(at)
            for (at,) in self._q(
                f"SELECT created_at FROM people WHERE {self.scan_owner} = ? AND created_at >= ? "
                "AND created_at < ? AND id NOT IN (SELECT f.person_id FROM field_provenance f "
                "JOIN sources s ON s.id = f.source_id WHERE f.field = 'name' AND s.kind LIKE ?)",
                (self.owner, start, end, "import%"),
            )
        ]
        given = [
            (_day(at), number)
            for at, number in self._q(
                f"SELECT occurred_at, interaction_id FROM exchanges WHERE {self.scan_owner} = ? "
                "AND direction = 'gave' AND kind = 'resource' "
                "AND occurred_at >= ? AND occurred_at < ?",
                (self.owner, start, end),
            )
        ]
        events = [
            (number, _day(starts))
            for number, starts in self._q(
                "SELECT id, starts_on FROM events WHERE owner_id = ? "
                "AND starts_on >= ? AND starts_on <= ?",
                (self.owner, self._d(first), self._d(last)),
            )
        ]
        result: list[tuple[str, int | None]] = []
        for key, period in self._q(
            "SELECT key, period FROM goals WHERE owner_id = ? AND active ORDER BY period DESC, id",
            (self.owner,),
        ):
            low, high = week if period == "week" else month
            here = [row for row in logged if low <= row[0] <= high]
            result.append((key, _goal_count(key, here, added, given, events, low, high)))
        return result

    # -- balance ---------------------------------------------------------------------------

    def _groups(self, bounds: Sequence[datetime]) -> list[Row]:
        """(period, purpose, channel, activity, count, count with minutes, minutes)."""
        whens = " ".join(f"WHEN occurred_at < ? THEN {n}" for n in range(len(bounds) - 2))
        period = f"CASE {whens} ELSE {len(bounds) - 2} END" if whens else "0"
        return self._q(
            f"SELECT {period}, purpose, channel, activity, "
            "count(*), count(minutes), coalesce(sum(minutes), 0) FROM interactions "
            "WHERE owner_id = ? AND occurred_at >= ? AND occurred_at < ? GROUP BY 1, 2, 3, 4",
            (
                *(self._t(b) for b in bounds[1:-1]),
                self.owner,
                self._t(bounds[0]),
                self._t(bounds[-1]),
            ),
        )

    def balance(self, day: date, weeks: int = 4) -> list[tuple[object, ...]]:
        """Per week, oldest first: label and the tally (counts, hours rounded to 0.01)."""
        mondays = [_monday(day) - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
        bounds = [_midnight(m) for m in mondays] + [_midnight(mondays[-1] + timedelta(days=7))]
        tallies = [[0.0] * 6 for _ in mondays]
        for period, *group in self._groups(bounds):
            _add(tallies[period], *group)
        return [_tally_digest(m, t) for m, t in zip(mondays, tallies, strict=True)]

    # -- review ----------------------------------------------------------------------------

    def review(self, day: date) -> dict[str, object]:
        """The review of ``day``'s week (``day`` is today) as ``bench.engine.review_digest``."""
        monday = _monday(day)
        start, end = _midnight(monday), _midnight(monday + timedelta(days=7))
        tally = [0.0] * 6
        purposes: Counter[str] = Counter()
        channels: Counter[str] = Counter()
        activities: Counter[str] = Counter()
        for _, purpose, channel, activity, count, timed, minutes in self._groups([start, end]):
            _add(tally, purpose, channel, activity, count, timed, minutes)
            if activity is None:
                purposes[purpose or "unclassified"] += count
                channels[channel] += count
            else:
                activities[activity] += count
        window = (self.owner, self._t(start), self._t(end))
        [(people,)] = self._q(
            "SELECT count(DISTINCT ip.person_id) FROM interactions i "
            "JOIN interaction_participants ip ON ip.interaction_id = i.id "
            "WHERE i.owner_id = ? AND i.occurred_at >= ? AND i.occurred_at < ? "
            "AND i.activity IS NULL",
            window,
        )
        return {
            "happened": (sum(channels.values()), people, dict(purposes), dict(channels)),
            "activities": dict(activities),
            "hours": _tally_digest(monday, tally)[1:],
            "goals": self.goals(day),
            "follow_ups": self._review_follow_ups(day, window),
            "slipped": self._slipped(day),
            "ledger": self._self_focus(),
            "templates": self._templates(day),
        }

    def _review_follow_ups(self, day: date, window: tuple[object, ...]) -> tuple[object, ...]:
        since = self._d(day - timedelta(days=90))
        done = self._q(
            "SELECT due_on, done_at FROM follow_ups WHERE owner_id = ? AND status = 'done' "
            "AND done_at >= ? AND done_at < ? AND due_on >= ?",
            (*window, since),
        )
        late = sum(1 for due, at in done if _day(at) > _day(due))
        overdue = self._q(
            "SELECT f.id, f.text, f.due_on, p.display_name FROM follow_ups f "
            "LEFT JOIN people p ON p.id = f.person_id WHERE f.owner_id = ? "
            "AND f.status IN ('open', 'snoozed') AND f.due_on < ? ORDER BY f.due_on, f.id",
            (self.owner, self._d(day)),
        )
        next_day = "date(due_on, '+1 day')" if self.sqlite else "due_on + 1"
        [(due, never, late_ones)] = self._q(
            "SELECT count(*), count(*) FILTER (WHERE status <> 'done'), "
            f"count(*) FILTER (WHERE status = 'done' AND done_at >= {next_day}) "
            "FROM follow_ups WHERE owner_id = ? AND due_on >= ? AND due_on < ?",
            (self.owner, since, self._d(day)),
        )
        return (
            len(done),
            late,
            tuple(row[0] for row in overdue),
            tuple(name or "" for *_, name in overdue),
            (due, late_ones, never),
        )

    def _slipped(self, day: date) -> list[tuple[str, date]]:
        monday = _monday(day)
        end = min(monday + timedelta(days=6), day)
        cadences = self._cadences()
        seen = "coalesce(last_interaction_at, created_at)"
        ranges, params = [], [self.owner]
        for circle, days in cadences.items():
            if days is not None:
                ranges.append(f"(circle = ? AND {seen} >= ? AND {seen} < ?)")
                low = _midnight(monday - timedelta(days=days))
                high = _midnight(end - timedelta(days=days - 1))
                params += [circle, self._t(low), self._t(high)]
        rows = self._q(
            f"SELECT uid, display_name, circle, cadence_days, {seen} FROM people "
            f"WHERE owner_id = ? AND cadence_days IS NULL AND ({' OR '.join(ranges)})",
            params,
        )
        rows += self._q(
            f"SELECT uid, display_name, circle, cadence_days, {seen} FROM people "
            f"WHERE {self.scan_owner} = ? AND cadence_days IS NOT NULL",
            (self.owner,),
        )
        slips = []
        for uid, name, circle, own, last in rows:
            cadence = own if own is not None else cadences.get(circle)
            due = _day(last) + timedelta(days=cadence) if cadence is not None else None
            if due is not None and monday <= due <= end:
                slips.append((due, name, uid))
        return [(uid, due) for due, _, uid in sorted(slips)]

    def _self_focus(self) -> tuple[object, ...]:
        counts = (
            "count(*) FILTER (WHERE direction = 'gave') AS gave, "
            "count(*) FILTER (WHERE direction = 'received') AS received, "
            "count(*) FILTER (WHERE direction = 'asked') AS asked"
        )
        [overall] = self._q(f"SELECT {counts} FROM exchanges WHERE owner_id = ?", (self.owner,))
        net = "c.gave - CASE WHEN c.asked > c.received THEN c.asked ELSE c.received END"
        worst = self._q(
            "SELECT p.display_name, c.gave, c.received, c.asked FROM "
            f"(SELECT person_id, {counts} FROM exchanges WHERE owner_id = ? GROUP BY person_id) c "
            f"JOIN people p ON p.id = c.person_id WHERE {net} < 0 "
            f"ORDER BY {net}, c.asked DESC, p.uid{self.collate} LIMIT 3",
            (self.owner,),
        )
        return tuple(overall), tuple(tuple(row) for row in worst)

    def _templates(self, day: date) -> list[tuple[int, int, str]]:
        marks = ", ".join("?" * len(WRITTEN))
        written = (
            "i.owner_id = ? AND i.occurred_at >= ? AND i.occurred_at < ? "
            f"AND i.activity IS NULL AND i.channel IN ({marks}) AND i.initiated_by <> 'them'"
        )
        params = (
            self.owner,
            self._t(_midnight(day - timedelta(days=30))),
            self._t(_midnight(day + timedelta(days=1))),
            *WRITTEN,
        )
        notes = [
            (number, note)
            for number, note in self._q(
                f"SELECT i.id, i.note FROM interactions i WHERE {written} "
                "ORDER BY i.occurred_at, i.id",
                params,
            )
            if len(words(note)) >= MIN_WORDS
        ]
        people: defaultdict[int, set[int]] = defaultdict(set)
        for number, person in self._q(
            "SELECT ip.interaction_id, ip.person_id FROM interaction_participants ip "
            f"JOIN interactions i ON i.id = ip.interaction_id WHERE {written}",
            params,
        ):
            people[number].add(person)
        found = []
        for group in similar_groups([note for _, note in notes]):
            reached = set().union(*(people[notes[index][0]] for index in group))
            if len(reached) >= 3:
                found.append((len(reached), len(group), " ".join(notes[group[0]][1].split())))
        found.sort(key=lambda t: (-t[0], -t[1], t[2]))
        return found


def _goal_count(
    key: str,
    logged: list[tuple[date, Any, Any, Any, Any]],
    added: list[date],
    given: list[tuple[date, Any]],
    events: list[tuple[Any, date]],
    low: date,
    high: date,
) -> int | None:
    def of(activity: str) -> list[Any]:
        return [row for row in logged if row[1] == activity]

    if key in GOAL_ACTIVITIES:
        return len(of(GOAL_ACTIVITIES[key]))
    if key.startswith("activity:"):
        return len(of(key.partition(":")[2]))
    if key == "connect-new":
        return sum(1 for d in added if low <= d <= high)
    if key == "share-resource":
        shares = of("resource-shared")
        ids = {row[4] for row in shares}
        return len(shares) + sum(1 for d, n in given if low <= d <= high and n not in ids)
    if key == "attend-event":
        ids = {number for number, starts in events if low <= starts <= high}
        unlinked = 0
        for _, activity, channel, event_id, _ in logged:
            if activity == "event-attended" or channel == "event":
                if event_id is not None:
                    ids.add(event_id)
                elif activity == "event-attended":
                    unlinked += 1
        return len(ids) + unlinked
    return None


def _add(
    tally: list[float],
    purpose: str | None,
    channel: str,
    activity: str | None,
    count: int,
    timed: int,
    minutes: int,
) -> None:
    """Add one group of interactions to ``[networking, social, unclassified, hours ×3]``."""
    typical = ACTIVITY[activity] if activity else TYPICAL.get(channel, 5)
    hours = (int(minutes) + (count - timed) * typical) / 60
    if purpose == "both":
        shares = (0.5, 0.5)
    elif purpose is None:
        shares = (1.0, 0.0) if activity else (0.0, 0.0)
    else:
        shares = (1.0, 0.0) if purpose == "networking" else (0.0, 1.0)
    tally[0] += count * shares[0]
    tally[1] += count * shares[1]
    tally[3] += hours * shares[0]
    tally[4] += hours * shares[1]
    if shares == (0.0, 0.0):
        tally[2] += count
        tally[5] += hours


def _tally_digest(monday: date, tally: list[float]) -> tuple[object, ...]:
    year, week, _ = monday.isocalendar()
    return (
        f"{year}-W{week:02d}",
        tally[0],
        tally[1],
        int(tally[2]),
        round(tally[3], 2),
        round(tally[4], 2),
        round(tally[5], 2),
    )

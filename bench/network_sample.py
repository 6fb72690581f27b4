"""A seeded who-knows-whom network written straight into a migrated SQLite file.

``kithkin.sample`` makes rich people but few ties between them; this makes the ties a big
network has, fast (NumPy, then ``executemany``), in the rows the network reads:

* **relationships** (``kithkin link``), most of the ties: a Chung–Lu graph over power-law
  weights (a few super-connectors with thousands of ties, most people with a handful, an eighth
  with none), three quarters of them inside the person's community (a city, a scene);
  kinds as people record them, some ended, some with a since date;
* **jobs** at organizations of very different sizes (from two known people to thousands, where
  working there says nothing about a pair), most with years, one current job for many;
* **interactions**: mostly one-to-one (they make the user's own ties), some groups of 2–6
  people from one community;
* **events** of 3 to ~400 attendees;
* **the user's ties**: circles (inner, key, network, dormant), ``last_interaction_at`` and
  warmth heat from the interactions, LinkedIn identities on a third of the people.

Sizes scale with ``people``: 100,000 people give about a million distinct ties.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kithkin.core.vocabulary import RelationshipKind
from kithkin.core.warmth import HALF_LIFE_DAYS
from kithkin.store import Store

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

RELATIONSHIPS_PER_PERSON = 6.0
INTERACTIONS_PER_PERSON = 5.0
GROUP_SHARE = 0.25  # of interactions, with 2–6 people
JOB_SLOTS_PER_PERSON = 1.6
EVENTS_PER_PERSON = 0.006
LINKEDIN_SHARE = 0.3
UNLINKED_SHARE = 0.12  # people with no recorded relationship at all
INSIDE_COMMUNITY = 0.75
BIG_EMPLOYER_SHARE = 0.2

KINDS: tuple[tuple[RelationshipKind, float], ...] = (
    (RelationshipKind.KNOWS, 0.33),
    (RelationshipKind.COLLEAGUE, 0.22),
    (RelationshipKind.FRIEND, 0.16),
    (RelationshipKind.INTRODUCED_BY, 0.10),
    (RelationshipKind.REPORTS_TO, 0.05),
    (RelationshipKind.FAMILY, 0.05),
    (RelationshipKind.PARTNER, 0.01),
    (RelationshipKind.OTHER, 0.08),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CHANNELS = ("in-person", "video", "call", "email", "message", "linkedin")
CHANNEL_HEAT = np.array([1.0, 0.8, 0.6, 0.25, 0.25, 0.25])

GIVEN = _words(
    "Priya Tom Ana Kenji Fatima Lars Chloe Mateo Aisha Noah Mei Omar Sofia Ivan Zoe Kwame Lena "
    "Diego Hana Yusuf Emma Ravi Nora Felix Ingrid Tariq Lucia Sven Amara Jonas Yara Pablo"
)
FAMILY = _words(
    "Patel Nguyen Okafor Schmidt Tanaka Garcia Haddad Kowalski Silva Larsen Chen Mensah Rossi "
    "Ivanova Dubois Moreau Kim Novak Costa Jensen Osei Fischer Yilmaz Sato Ahmed Lopez Berg"
)
ORG_WORDS = _words(
    "Globex Initech Umbrella Hooli Vandelay Stark Wayne Acme Soylent Tyrell Cyberdyne Wonka "
    "Aperture Oscorp Gringotts Monarch Nakatomi Pied Massive Dynamic Blue Sun Virtucon"
)
ORG_KINDS = _words("Labs Partners Health Capital Studio Systems Foods Logistics Bank Energy")


@dataclass(frozen=True)
class Counts:
    people: int
    relationships: int
    organizations: int
    jobs: int
    interactions: int
    group_interactions: int
    participants: int
    events: int
    attendances: int
    linkedin: int

    def text(self) -> str:
        return (
            f"{self.people:,} people, {self.relationships:,} relationships, "
            f"{self.jobs:,} jobs at {self.organizations:,} organizations, "
            f"{self.interactions:,} interactions ({self.group_interactions:,} groups), "
            f"{self.attendances:,} attendances at {self.events:,} events, "
            f"{self.linkedin:,} LinkedIn identities"
        )


def _stamp(moment: datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime stores (naive UTC, with microseconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class _Network:
    def __init__(self, people: int, seed: int, now: datetime) -> None:
        self.n = people
        self.rng = np.random.default_rng(seed)
        self.now = now
        rng = self.rng
        # Power-law weights (degree exponent about 2.8) in random order; some people have none.
        weight = np.arange(1, people + 1, dtype=np.float64) ** -0.556
        self.weight = rng.permutation(weight)
        self.weight[rng.random(people) < UNLINKED_SHARE] = 0.0
        sizes = rng.lognormal(3.3, 0.9, max(people // 40, 1))
        self.community = rng.choice(len(sizes), people, p=sizes / sizes.sum()).astype(np.int64)
        self.by_community = np.argsort(self.community, kind="stable")
        sorted_communities = self.community[self.by_community]
        self.community_start = np.searchsorted(sorted_communities, np.arange(len(sizes)))
        self.community_end = np.searchsorted(sorted_communities, np.arange(len(sizes)), "right")

    # -- picking people -------------------------------------------------------------------

    def weighted(self, count: int, weight: Floats) -> Ints:
        cumulative = np.cumsum(weight)
        drawn = self.rng.random(count) * cumulative[-1]
        return np.minimum(np.searchsorted(cumulative, drawn, "right"), self.n - 1).astype(np.int64)

    def near(self, people: Ints, weight: Floats) -> Ints:
        """For each person, someone from their community, by weight (anyone when the community
        has no weight)."""
        cumulative = np.cumsum(weight[self.by_community])
        before = np.concatenate([[0.0], cumulative])
        community = self.community[people]
        low = before[self.community_start[community]]
        high = before[self.community_end[community]]
        drawn = low + self.rng.random(len(people)) * (high - low)
        at = np.minimum(np.searchsorted(cumulative, drawn, "right"), self.n - 1)
        found = self.by_community[at].astype(np.int64)
        empty = high <= low
        found[empty] = self.weighted(int(empty.sum()), weight)
        return found

    # -- the tables -----------------------------------------------------------------------

    def relationships(self) -> tuple[Ints, Ints, Ints, Floats, Floats]:
        """(a, b, kind index, ended 0/1, since year or NaN), each unordered pair once."""
        count = int(self.n * RELATIONSHIPS_PER_PERSON * 1.08)  # a few are dropped as repeats
        a = self.weighted(count, self.weight)
        inside = self.rng.random(count) < INSIDE_COMMUNITY
        b = self.weighted(count, self.weight)
        b[inside] = self.near(a[inside], self.weight)
        low, high = np.minimum(a, b), np.maximum(a, b)
        keep = low != high
        low, high = low[keep], high[keep]
        _, first = np.unique(low * self.n + high, return_index=True)
        first = np.sort(first)
        swap = self.rng.random(len(first)) < 0.5  # stored either way round
        a, b = np.where(swap, high[first], low[first]), np.where(swap, low[first], high[first])
        shares = np.array([share for _, share in KINDS])
        kind = self.rng.choice(len(KINDS), len(a), p=shares / shares.sum()).astype(np.int64)
        ended = (self.rng.random(len(a)) < 0.07).astype(np.float64)
        since = np.where(
            self.rng.random(len(a)) < 0.4,
            self.rng.integers(1995, self.now.year + 1, len(a)).astype(np.float64),
            np.nan,
        )
        return a, b, kind, ended, since

    def organizations(self) -> Ints:
        """How many job slots each organization has: a fifth of the jobs are at a few big
        employers (201 to 5,000 known people: working there says nothing about a pair), the
        rest at small ones (most with one or two known people, a few with up to 150)."""
        slots = int(self.n * JOB_SLOTS_PER_PERSON)
        big = self._sizes(
            int(slots * BIG_EMPLOYER_SHARE),
            lambda count: np.exp(self.rng.uniform(np.log(201), np.log(5000), count)),
        )
        small = self._sizes(
            slots - int(big.sum()),
            lambda count: np.minimum(np.floor(self.rng.pareto(2.0, count)) + 1, 150),
        )
        return self.rng.permutation(np.concatenate([big, small]))

    def _sizes(self, slots: int, draw: Callable[[int], Floats]) -> Ints:
        sizes = np.zeros(0, dtype=np.int64)
        while sizes.sum() < slots:
            sizes = np.concatenate([sizes, draw(max(slots // 4, 4)).astype(np.int64)])
        return sizes[: int(np.searchsorted(np.cumsum(sizes), slots)) + 1]

    def jobs(self, sizes: Ints) -> tuple[Ints, Ints, Floats, Floats, Ints]:
        """(person, organization, start year, end year, current); NaN years are unknown."""
        organization = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
        person = self.rng.integers(0, self.n, len(organization)).astype(np.int64)
        # Half the people at an organization come from one community (a local employer).
        home = self.rng.integers(0, self.n, len(sizes))
        local = self.rng.random(len(organization)) < 0.5
        person[local] = self.near(home[organization[local]], np.ones(self.n))
        _, first = np.unique(person * len(sizes) + organization, return_index=True)
        person, organization = person[first], organization[first]
        count = len(person)
        start = self.rng.integers(1995, self.now.year + 1, count).astype(np.float64)
        end = np.minimum(start + self.rng.geometric(0.25, count) - 1, float(self.now.year))
        current = (end >= self.now.year) & (self.rng.random(count) < 0.8)
        end = np.where(current, np.nan, end)
        unknown = self.rng.random(count) < 0.3
        start[unknown] = np.nan
        end[unknown & (self.rng.random(count) < 0.8)] = np.nan
        return person, organization, start, end, current.astype(np.int64)

    def interactions(self) -> tuple[Ints, Floats, Ints, Ints]:
        """(channel and days ago per interaction; person and interaction per participant) —
        a few people the user sees often, most never."""
        count = int(self.n * INTERACTIONS_PER_PERSON)
        seen = self.rng.random(self.n) < 0.2
        fondness = np.where(seen, self.rng.pareto(1.2, self.n) + 0.05, 0.0)
        main = self.weighted(count, fondness)
        size = np.ones(count, dtype=np.int64)
        group = self.rng.random(count) < GROUP_SHARE
        size[group] = self.rng.choice(
            [2, 3, 4, 5, 6], int(group.sum()), p=[0.4, 0.25, 0.15, 0.1, 0.1]
        )
        interaction = np.repeat(np.arange(count, dtype=np.int64), size)
        first = np.concatenate([[0], np.cumsum(size)[:-1]])
        # The others in a group: mostly people the user sees too, from the same community.
        company = fondness + 0.1 * fondness.mean() * self.weight / self.weight.mean()
        person = self.near(main[interaction], company)
        person[first] = main
        _, once = np.unique(interaction * self.n + person, return_index=True)
        once = np.sort(once)
        channel = self.rng.choice(len(CHANNELS), count, p=[0.3, 0.15, 0.15, 0.15, 0.15, 0.1])
        days = self.rng.exponential(420.0, count).clip(0.0, 5 * 365.0)
        return channel.astype(np.int64), days, person[once], interaction[once]

    def events(self) -> tuple[Floats, Ints, Ints]:
        """(days ago per event, attendee person, attendee's event)."""
        count = max(int(self.n * EVENTS_PER_PERSON), 1)
        size = np.clip(self.rng.lognormal(2.6, 0.9, count), 3, 400).astype(np.int64)
        event = np.repeat(np.arange(count, dtype=np.int64), size)
        anchor = self.rng.integers(0, self.n, count)
        person = self.weighted(len(event), self.weight + 0.05)
        local = self.rng.random(len(event)) < 0.6
        person[local] = self.near(anchor[event[local]], self.weight + 0.05)
        _, once = np.unique(event * self.n + person, return_index=True)
        days = self.rng.uniform(0.0, 5 * 365.0, count)
        return days, person[once], event[once]


def build(path: Path, people: int, *, seed: int, now: datetime) -> Counts:
    """A new migrated database at ``path`` holding the network."""
    store = Store.open(f"sqlite:///{path}", now=now)
    owner = store.owner_id
    store.close()
    network = _Network(people, seed, now)
    rng = network.rng
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN")
        counts = _write(connection, network, owner, rng, now)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return counts


def _ids(connection: sqlite3.Connection, table: str) -> int:
    """The first free id of ``table``."""
    row = connection.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()
    return int(row[0])


def _insert(
    connection: sqlite3.Connection, table: str, columns: str, rows: Iterable[Sequence[object]]
) -> None:
    names = columns.split()
    marks = ", ".join("?" * len(names))
    connection.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)


def _year_text(year: float, rng: np.random.Generator) -> str | None:
    if np.isnan(year):
        return None
    return f"{int(year)}-{int(rng.integers(1, 13)):02d}" if rng.random() < 0.5 else str(int(year))


def _write(
    connection: sqlite3.Connection,
    network: _Network,
    owner: int,
    rng: np.random.Generator,
    now: datetime,
) -> Counts:
    n = network.n
    stamp = _stamp(now)
    first_person = _ids(connection, "people")
    pk = np.arange(first_person, first_person + n, dtype=np.int64)

    # Interactions first: the people rows carry their latest one and its warmth.
    channel, days, part_person, part_interaction = network.interactions()
    first_interaction = _ids(connection, "interactions")
    heat = np.zeros(n)
    latest = np.full(n, np.inf)
    touch = CHANNEL_HEAT[channel][part_interaction] * np.power(
        0.5, days[part_interaction] / HALF_LIFE_DAYS
    )
    np.add.at(heat, part_person, touch)
    np.minimum.at(latest, part_person, days[part_interaction])
    at = [_stamp(now - timedelta(days=float(d))) for d in days]
    _insert(
        connection,
        "interactions",
        "id owner_id occurred_at channel initiated_by note created_at updated_at",
        (
            (first_interaction + i, owner, at[i], CHANNELS[c], "unknown", "", at[i], at[i])
            for i, c in enumerate(channel.tolist())
        ),
    )

    circle = rng.choice(
        ["inner", "key", "network", "dormant"], n, p=[0.002, 0.015, 0.83, 0.153]
    ).tolist()
    people_rows = []
    for i in range(n):
        given, family = GIVEN[i % len(GIVEN)], FAMILY[(i * 7 + i // 31) % len(FAMILY)]
        name = f"{given} {family} {i}"
        last = None if np.isinf(latest[i]) else _stamp(now - timedelta(days=float(latest[i])))
        people_rows.append(
            (
                int(pk[i]), uuid.UUID(bytes=rng.bytes(16), version=4).hex, owner, name,
                name.casefold(), given, family, "", "", "", "", circle[i], "both", "",
                name.casefold(), stamp, stamp, last, float(heat[i]),
                stamp if heat[i] > 0 else None,
            )
        )  # fmt: skip
    _insert(
        connection,
        "people",
        "id uid owner_id display_name sort_name given_name family_name middle_name prefix "
        "suffix met_how circle mode notes search_text created_at updated_at "
        "last_interaction_at warmth_heat warmth_as_of",
        people_rows,
    )
    del people_rows
    _insert(
        connection,
        "interaction_participants",
        "interaction_id person_id",
        zip(
            (part_interaction + first_interaction).tolist(),
            pk[part_person].tolist(),
            strict=True,
        ),
    )

    linked = np.flatnonzero(rng.random(n) < LINKEDIN_SHARE)
    _insert(
        connection,
        "person_identities",
        "owner_id person_id system key since",
        (
            (
                owner, int(pk[i]), "linkedin", f"https://www.linkedin.com/in/person-{i}",
                (now.date() - timedelta(days=int(rng.integers(30, 4000)))).isoformat(),
            )
            for i in linked.tolist()
        ),
    )  # fmt: skip

    a, b, kind, ended, since = network.relationships()
    today = now.date()
    _insert(
        connection,
        "relationships",
        "owner_id person_id other_id kind since until note created_at",
        (
            (
                owner, int(pk[x]), int(pk[y]), KINDS[k][0].value,
                None if np.isnan(s) else str(int(s)),
                (today - timedelta(days=400)).isoformat() if e else None,
                "", stamp,
            )
            for x, y, k, e, s in zip(
                a.tolist(), b.tolist(), kind.tolist(), ended.tolist(), since.tolist(), strict=True
            )
        ),
    )  # fmt: skip

    sizes = network.organizations()
    first_org = _ids(connection, "organizations")
    _insert(
        connection,
        "organizations",
        "id owner_id name normalized_name domain industry notes",
        (
            (first_org + j, owner, name, name.casefold(), "", "", "")
            for j, name in enumerate(_organization_names(len(sizes)))
        ),
    )
    person, organization, start, end, current = network.jobs(sizes)
    _insert(
        connection,
        "employments",
        "person_id organization_id title start_date end_date is_current position",
        (
            (int(pk[p]), first_org + o, "", _year_text(s, rng), _year_text(e, rng), c, 0)
            for p, o, s, e, c in zip(
                person.tolist(),
                organization.tolist(),
                start.tolist(),
                end.tolist(),
                current.tolist(),
                strict=True,
            )
        ),
    )

    event_days, attendee, attended = network.events()
    first_event = _ids(connection, "events")
    _insert(
        connection,
        "events",
        "id owner_id name starts_on location note created_at",
        (
            (first_event + e, owner, f"Meetup {e}", (today - timedelta(days=float(d))).isoformat(),
             "", "", stamp)
            for e, d in enumerate(event_days.tolist())
        ),
    )  # fmt: skip
    _insert(
        connection,
        "event_attendees",
        "event_id person_id met_there",
        zip(
            (attended + first_event).tolist(),
            pk[attendee].tolist(),
            [0] * len(attendee),
            strict=True,
        ),
    )
    return Counts(
        people=n,
        relationships=len(a),
        organizations=len(sizes),
        jobs=len(person),
        interactions=len(channel),
        group_interactions=int((np.bincount(part_interaction) > 1).sum()),
        participants=len(part_person),
        events=len(event_days),
        attendances=len(attendee),
        linkedin=len(linked),
    )


def _organization_names(count: int) -> list[str]:
    names = []
    for j in range(count):
        word = ORG_WORDS[j % len(ORG_WORDS)]
        kind = ORG_KINDS[(j // len(ORG_WORDS)) % len(ORG_KINDS)]
        names.append(f"{word} {kind} {j}")
    return names


def counts_of(path: Path) -> Counts:
    """The counts of a database built earlier (a cached file)."""
    connection = sqlite3.connect(path)
    try:

        def count(query: str) -> int:
            return int(connection.execute(query).fetchone()[0])

        return Counts(
            people=count("SELECT count(*) FROM people"),
            relationships=count("SELECT count(*) FROM relationships"),
            organizations=count("SELECT count(*) FROM organizations"),
            jobs=count("SELECT count(*) FROM employments"),
            interactions=count("SELECT count(*) FROM interactions"),
            group_interactions=count(
                "SELECT count(*) FROM (SELECT interaction_id FROM interaction_participants "
                "GROUP BY interaction_id HAVING count(*) > 1)"
            ),
            participants=count("SELECT count(*) FROM interaction_participants"),
            events=count("SELECT count(*) FROM events"),
            attendances=count("SELECT count(*) FROM event_attendees"),
            linkedin=count("SELECT count(*) FROM person_identities WHERE system = 'linkedin'"),
        )
    finally:
        connection.close()

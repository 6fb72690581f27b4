"""Common ground between two people (or between you and a contact), as conversation starters.

Pure: the store reads each side's ``Profile`` and what they share (events, mutual contacts,
topics of past conversations); ``find_common_ground`` compares the profiles and turns the
strongest items into two to four short sentences to open a conversation with.

Your own profile (``kithkin me``) is a ``Profile`` too, kept as JSON in the settings table
(``profile_json`` / ``profile_from_json``): interests, employers with optional years
("Globex:2019-2022"), schools and cities. Kithkin records no schools for contacts, so schools
only ever appear in your own profile.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kithkin.core.contact_points import clean_label
from kithkin.core.records import PersonRef
from kithkin.errors import InvalidInput

MAX_MUTUAL = 10
MAX_EVENTS = 10
MAX_TOPICS = 10
MAX_STARTERS = 4
NOTE_LENGTH = 80

# -- profiles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stint:
    """Time at an organization; years when known. ``current``: still there."""

    organization: str
    start: int | None = None
    end: int | None = None
    current: bool = False

    def years(self) -> str | None:
        """As typed: ``2019-2022``, ``2019-`` (since 2019, still there), ``2019``; None."""
        if self.start is None:
            return None
        if self.current:
            return f"{self.start}-"
        if self.end is None or self.end == self.start:
            return str(self.start)
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Profile:
    """What one side brings to the comparison. A contact has no schools; you have no tags."""

    interests: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    employers: tuple[Stint, ...] = ()
    schools: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.interests or self.tags or self.employers or self.schools or self.cities)


_YEARS = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}|now|present)?)?$", re.IGNORECASE)


def parse_stint(text: str, *, field: str = "--company") -> Stint:
    """``Globex``, ``Globex:2019-2022``, ``Globex:2019-`` (still there) or ``Globex:2019``."""
    organization, years = text, ""
    head, colon, tail = text.rpartition(":")
    if colon and _YEARS.match(tail.strip()):
        organization, years = head, tail.strip()
    name = clean_label(organization, field=field, limit=300)
    if not years:
        return Stint(name)
    found = _YEARS.match(years)
    assert found is not None
    start = int(found.group(1))
    to = found.group(2)
    current = years.endswith(("-", "–")) or (to is not None and not to.isdigit())
    end = int(to) if to is not None and to.isdigit() else (None if current else start)
    if end is not None and end < start:
        raise InvalidInput(f"{text.strip()!r}: the years run backwards.", field=field)
    return Stint(name, start, end, current)


def _same(value: str) -> str:
    return " ".join(value.split()).casefold()


def _added(items: Sequence[str], more: Iterable[str]) -> tuple[str, ...]:
    kept = list(items)
    known = {_same(item) for item in kept}
    for item in more:
        if _same(item) not in known:
            known.add(_same(item))
            kept.append(item)
    return tuple(kept)


def _without(items: Sequence[str], gone: Iterable[str]) -> tuple[str, ...]:
    removed = {_same(item) for item in gone}
    return tuple(item for item in items if _same(item) not in removed)


@dataclass(frozen=True)
class ProfileChanges:
    """What ``kithkin me`` was asked to change, as typed."""

    interests: Sequence[str] = ()
    remove_interests: Sequence[str] = ()
    companies: Sequence[str] = ()
    remove_companies: Sequence[str] = ()
    schools: Sequence[str] = ()
    remove_schools: Sequence[str] = ()
    cities: Sequence[str] = ()
    remove_cities: Sequence[str] = ()

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


def edit_profile(profile: Profile, changes: ProfileChanges) -> Profile:
    """Removals first, then additions; an employer given again replaces its years."""

    def cleaned(values: Sequence[str], field: str, limit: int) -> list[str]:
        return [clean_label(value, field=field, limit=limit) for value in values]

    stints = [parse_stint(text) for text in changes.companies]
    dropped = {_same(org) for org in changes.remove_companies} | {
        _same(s.organization) for s in stints
    }
    employers = [s for s in profile.employers if _same(s.organization) not in dropped]
    for stint in stints:
        if all(_same(s.organization) != _same(stint.organization) for s in employers):
            employers.append(stint)
    return replace(
        profile,
        interests=_added(
            _without(profile.interests, changes.remove_interests),
            cleaned(changes.interests, "--interest", 100),
        ),
        employers=tuple(employers),
        schools=_added(
            _without(profile.schools, changes.remove_schools),
            cleaned(changes.schools, "--school", 200),
        ),
        cities=_added(
            _without(profile.cities, changes.remove_cities),
            cleaned(changes.cities, "--city", 200),
        ),
    )


def profile_json(profile: Profile) -> dict[str, Any]:
    """Your profile as stored in the settings table and printed by ``kithkin me --json``."""
    return {
        "interests": list(profile.interests),
        "employers": [
            {"organization": s.organization, "years": s.years()} for s in profile.employers
        ],
        "schools": list(profile.schools),
        "cities": list(profile.cities),
    }


def profile_from_json(value: object) -> Profile:
    """The stored profile; anything malformed (a hand-edited backup) is skipped, not fatal."""
    if not isinstance(value, Mapping):
        return Profile()

    def texts(key: str) -> tuple[str, ...]:
        items = value.get(key)
        if not isinstance(items, list):
            return ()
        return _added((), (" ".join(i.split()) for i in items if isinstance(i, str) and i.strip()))

    employers: list[Stint] = []
    raw_employers = value.get("employers")
    for item in raw_employers if isinstance(raw_employers, list) else []:
        if not isinstance(item, Mapping) or not isinstance(item.get("organization"), str):
            continue
        years = item.get("years")
        try:
            stint = parse_stint(item["organization"])
            if isinstance(years, str) and _YEARS.match(years.strip()):
                stint = parse_stint(f"{stint.organization}:{years}")
        except InvalidInput:
            continue
        employers.append(stint)
    return Profile(
        interests=texts("interests"),
        employers=tuple(employers),
        schools=texts("schools"),
        cities=texts("cities"),
    )


# -- what two people share ----------------------------------------------------------------------


@dataclass(frozen=True)
class SharedEmployer:
    organization: str
    years: str | None  # the years both were there, when known: "2019–2022", "since 2021"
    together: bool | None  # True: there at the same time; False: at different times; None: ?
    current: bool = False  # both are there now


@dataclass(frozen=True)
class EventTogether:
    name: str
    day: date


@dataclass(frozen=True)
class Mutual:
    person: PersonRef
    strength: float  # the product of both ties: high only when both are strong


@dataclass(frozen=True)
class TopicCount:
    topic: str
    count: int


@dataclass(frozen=True)
class LastTalk:
    day: date
    note: str  # shortened to NOTE_LENGTH characters


@dataclass(frozen=True)
class History:
    """What the store found the two sides share beyond their profiles."""

    events: tuple[EventTogether, ...] = ()  # newest first
    mutual: tuple[Mutual, ...] = ()  # strongest first
    topics: tuple[TopicCount, ...] = ()  # most frequent first
    last: LastTalk | None = None


@dataclass(frozen=True)
class CommonGround:
    person: PersonRef
    other: PersonRef | None  # None: between you and ``person``
    interests: tuple[str, ...]
    tags: tuple[str, ...]
    employers: tuple[SharedEmployer, ...]
    schools: tuple[str, ...]
    cities: tuple[str, ...]
    events: tuple[EventTogether, ...]
    mutual: tuple[Mutual, ...]
    topics: tuple[TopicCount, ...]
    last: LastTalk | None
    notes: tuple[str, ...]  # what could not be compared, said plainly
    starters: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (
            self.interests
            or self.tags
            or self.employers
            or self.schools
            or self.cities
            or self.events
            or self.mutual
            or self.topics
        )


SCHOOLS_NOT_RECORDED = "schools: not recorded for contacts, so yours cannot be compared."


def find_common_ground(
    person: PersonRef,
    other: PersonRef | None,
    theirs: Profile,
    mine: Profile,
    history: History,
    *,
    this_year: int,
) -> CommonGround:
    """What ``person`` (profile ``theirs``) shares with ``other`` or, when None, with you
    (``mine``). Names are spelled as ``person``'s record spells them."""
    notes = (SCHOOLS_NOT_RECORDED,) if other is None and mine.schools else ()
    ground = CommonGround(
        person=person,
        other=other,
        interests=shared_names(theirs.interests, mine.interests),
        tags=shared_names(theirs.tags, mine.tags),
        employers=shared_employers(theirs.employers, mine.employers, this_year),
        schools=shared_names(theirs.schools, mine.schools),
        cities=shared_names(theirs.cities, mine.cities),
        events=history.events[:MAX_EVENTS],
        mutual=history.mutual[:MAX_MUTUAL],
        topics=history.topics[:MAX_TOPICS],
        last=history.last,
        notes=notes,
        starters=(),
    )
    return replace(ground, starters=starters(ground))


def shared_names(first: Sequence[str], second: Sequence[str]) -> tuple[str, ...]:
    """The names in both, ignoring case and spacing, spelled as in ``first``, sorted."""
    wanted = {_same(name) for name in second}
    found = _added((), (name for name in first if _same(name) in wanted))
    return tuple(sorted(found, key=str.casefold))


def shared_employers(
    first: Sequence[Stint], second: Sequence[Stint], this_year: int
) -> tuple[SharedEmployer, ...]:
    """Organizations both worked at, the best overlap of their stints there for each: at the
    same time (the latest such span) before unknown before at different times."""
    found: list[SharedEmployer] = []
    for organization in _added((), (s.organization for s in first)):
        key = _same(organization)
        pairs = [
            overlap(a, b, this_year)
            for a in first
            if _same(a.organization) == key
            for b in second
            if _same(b.organization) == key
        ]
        if pairs:
            found.append(max(pairs, key=_overlap_rank))
    return tuple(sorted(found, key=lambda e: (-_overlap_rank(e)[0], e.organization.casefold())))


def _overlap_rank(shared: SharedEmployer) -> tuple[int, str]:
    order = 3 if shared.current else {True: 2, None: 1, False: 0}[shared.together]
    return order, shared.years or ""


def overlap(a: Stint, b: Stint, this_year: int) -> SharedEmployer:
    """Whether two stints at one organization overlapped, and in which years."""
    if a.current and b.current:
        if a.start is None or b.start is None:  # both there now, since when is not known
            return SharedEmployer(a.organization, None, True, current=True)
        return SharedEmployer(a.organization, f"since {max(a.start, b.start)}", True, current=True)
    a_end = this_year if a.current else a.end
    b_end = this_year if b.current else b.end
    if a.start is None or b.start is None or a_end is None or b_end is None:
        return SharedEmployer(a.organization, None, None)
    low, high = max(a.start, b.start), min(a_end, b_end)
    if low > high:
        return SharedEmployer(a.organization, None, False)
    return SharedEmployer(a.organization, str(low) if low == high else f"{low}–{high}", True)


def rank_mutual(
    first: Mapping[int, float], second: Mapping[int, float], *, exclude: Iterable[int] = ()
) -> list[tuple[int, float]]:
    """People tied to both sides (store key → tie strength), by the product of their two ties,
    strongest first (ties broken by key), at most MAX_MUTUAL."""
    skip = set(exclude)
    both = [
        (key, first[key] * second[key])
        for key in first.keys() & second.keys()
        if key not in skip and first[key] > 0 and second[key] > 0
    ]
    return sorted(both, key=lambda item: (-item[1], item[0]))[:MAX_MUTUAL]


def shorten(text: str, limit: int = NOTE_LENGTH) -> str:
    """The first line of a note, cut at a word with "…" when longer than ``limit``."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    line = " ".join(line.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] if " " in line[: limit - 1] else line[: limit - 1]
    return cut.rstrip(" ,;:.-") + "…"


def topic_words(topic: str) -> str:
    """A topic slug as words: ``job-search`` → ``job search``."""
    return topic.replace("-", " ")


# -- conversation starters ----------------------------------------------------------------------


def starters(ground: CommonGround) -> tuple[str, ...]:
    """Two to four sentences from the strongest items: first one from each kind of common
    ground (in the order below), then second ones while there are fewer than two."""
    say = _YouPhrases(ground.person) if ground.other is None else _PairPhrases(ground)
    kinds: list[list[str]] = [
        [say.employer(e) for e in ground.employers if e.together],
        [say.event(e) for e in ground.events],
        [say.interest(i) for i in ground.interests],
        [say.mutual(m) for m in ground.mutual],
        [say.city(c) for c in ground.cities],
        say.conversation(ground.topics, ground.last),
        [say.employer(e) for e in ground.employers if not e.together],
        [say.tag(t) for t in ground.tags],
    ]
    chosen = [sentences[0] for sentences in kinds if sentences][:MAX_STARTERS]
    for sentences in kinds:
        if len(chosen) >= 2:
            break
        chosen += sentences[1 : 1 + 2 - len(chosen)]
    return tuple(chosen)


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


class _YouPhrases:
    """Sentences for you, about to talk with ``person``."""

    def __init__(self, person: PersonRef) -> None:
        self.name = person.name

    def employer(self, e: SharedEmployer) -> str:
        if e.current:
            return f"You both work at {e.organization} — ask what {self.name} is working on."
        if e.together:
            years = f" {e.years}" if e.years else ""
            return f"You were both at {e.organization}{years} — swap stories from there."
        if e.together is False:
            return f"You both worked at {e.organization}, at different times — compare notes."
        return f"You both know {e.organization} from the inside — compare notes."

    def event(self, e: EventTogether) -> str:
        return f"You were both at {e.name} — ask what stood out for them."

    def interest(self, interest: str) -> str:
        return f"Ask how the {interest} is going — it's an interest you share."

    def mutual(self, m: Mutual) -> str:
        return f"{m.person.name} knows you both."

    def city(self, city: str) -> str:
        return f"You're both in {city} — suggest meeting up."

    def tag(self, tag: str) -> str:
        return f"You both carry the tag {tag}."

    def conversation(self, topics: Sequence[TopicCount], last: LastTalk | None) -> list[str]:
        said = [f"Pick up where you left off: “{last.note}”."] if last and last.note else []
        return said + [
            f"Ask what's new with {topic_words(t.topic)} — you've talked about it "
            f"{_times(t.count)}."
            for t in topics
        ]


class _PairPhrases:
    """Sentences about ``other`` and ``person``, e.g. for an introduction."""

    def __init__(self, ground: CommonGround) -> None:
        assert ground.other is not None
        self.both = f"{ground.other.name} and {ground.person.name}"

    def employer(self, e: SharedEmployer) -> str:
        if e.current:
            return f"{self.both} both work at {e.organization}."
        if e.together:
            years = f" {e.years}" if e.years else ""
            return f"{self.both} were both at {e.organization}{years}."
        if e.together is False:
            return f"{self.both} both worked at {e.organization}, at different times."
        return f"{self.both} have both worked at {e.organization}."

    def event(self, e: EventTogether) -> str:
        return f"{self.both} were both at {e.name}."

    def interest(self, interest: str) -> str:
        return f"{self.both} share an interest in {interest}."

    def mutual(self, m: Mutual) -> str:
        return f"{m.person.name} knows them both."

    def city(self, city: str) -> str:
        return f"{self.both} are both in {city}."

    def tag(self, tag: str) -> str:
        return f"You tagged {self.both} both {tag}."

    def conversation(self, topics: Sequence[TopicCount], last: LastTalk | None) -> list[str]:
        return [
            f"{self.both} have talked about {topic_words(t.topic)} together ({_times(t.count)})."
            for t in topics
        ]


# -- JSON -------------------------------------------------------------------------------------


def _ref(person: PersonRef) -> dict[str, str]:
    return {"id": person.id, "name": person.name}


def common_ground_json(ground: CommonGround) -> dict[str, Any]:
    """The public JSON of ``kithkin common`` (documented in the README)."""
    return {
        "person": _ref(ground.person),
        "with": "you" if ground.other is None else _ref(ground.other),
        "interests": list(ground.interests),
        "tags": list(ground.tags),
        "employers": [
            {
                "organization": e.organization,
                "years": e.years,
                "together": e.together,
                "current": e.current,
            }
            for e in ground.employers
        ],
        "schools": list(ground.schools),
        "cities": list(ground.cities),
        "events": [{"name": e.name, "date": e.day.isoformat()} for e in ground.events],
        "mutual": [
            {"id": m.person.id, "name": m.person.name, "strength": round(m.strength, 4)}
            for m in ground.mutual
        ],
        "topics": [{"topic": t.topic, "count": t.count} for t in ground.topics],
        "last": (
            None
            if ground.last is None
            else {"date": ground.last.day.isoformat(), "note": ground.last.note}
        ),
        "notes": list(ground.notes),
        "starters": list(ground.starters),
    }

"""Candidate duplicates: how alike two people's records are, as a score with its reasons.

The store finds the pairs worth comparing (people sharing an e-mail, a phone, a profile URL,
a name, a family name with a related given name, or parts of a name and an employer); this
module scores each pair from plain facts. Names are compared without case, accents or
punctuation. Nothing is ever merged on a score: ``kithkin merge`` is always the user's decision.

The scheme. Each piece of evidence has a weight, the chance on its own that the two records
are one person; independent pieces combine like probabilities, ``p = 1 − Π(1 − weight)``:

================================================  ======
evidence                                          weight
================================================  ======
the same e-mail address (each one shared)          0.90
the same profile URL (LinkedIn, GitHub…)           0.90
the same phone number, E.164 (each one shared)     0.80
the same name (in any word order, or the same      0.40
given and family names whatever the middle ones)
a nickname of the same name (Bob / Robert Smith,   0.35
or a nickname the person is known to go by)
an initial for the given name (J. / John Smith)    0.25
a similar name (85% alike or more, e.g. a typo:    0.20
of the given names when the family names agree)
a name match above *and* the same company          0.60
the same birthday, with other evidence             0.30
================================================  ======

The company counts only with a name match (colleagues are not duplicates), and is reported
with it: "similar name (92%) and same company Acme". Contradictions then scale ``p`` down:
different birthdays ×0.5, different middle names or suffixes (Jr. / Sr.) ×0.5, and unrelated
given names ×0.5 (a couple sharing a home phone). The score is ``round(100 · p)``, at most 99:
one shared e-mail scores 90, the same name alone 40, the same name and company 76, a shared
phone with unrelated names 40. Pairs under ``MIN_SCORE`` (30) are not shown, so a similar
name alone (20) is not a candidate but the same name alone is, as a low-score flag: two
different Sam Lees exist.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from kithkin.core.dates import PartialDate
from kithkin.core.nicknames import common_formal
from kithkin.core.records import PersonRef

SAME_EMAIL = 0.90
SAME_PROFILE = 0.90
SAME_PHONE = 0.80
SAME_NAME = 0.40
NICKNAME = 0.35
INITIAL = 0.25
SIMILAR_NAME = 0.20
SAME_COMPANY = 0.60
SAME_BIRTHDAY = 0.30
CONFLICT = 0.5
SIMILAR = 85  # per cent: names at least this alike are "similar"
MIN_SCORE = 30
MAX_SCORE = 99  # nothing here is certain

PROFILE_SITES = {
    "linkedin.com": "LinkedIn",
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "x.com": "X",
    "twitter.com": "X",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "bsky.app": "Bluesky",
    "mastodon.social": "Mastodon",
}

_NOT_WORD = re.compile(r"[^\w]+|_")


@dataclass(frozen=True)
class Candidate:
    """What a duplicate check knows about one person (normalized where it says so)."""

    id: str
    name: str
    given_name: str = ""
    family_name: str = ""
    middle_name: str = ""
    suffix: str = ""
    nicknames: tuple[str, ...] = ()
    emails: frozenset[str] = frozenset()  # normalized
    phones: frozenset[str] = frozenset()  # E.164
    profiles: frozenset[str] = frozenset()  # profile_key() of URLs and identity keys
    organizations: tuple[str, ...] = ()  # every employer, current or past
    birthday: PartialDate | None = None

    @property
    def ref(self) -> PersonRef:
        return PersonRef(self.id, self.name)

    @cached_property
    def plain(self) -> PlainNames:
        """The names as compared, worked out once per person (a person is in many pairs)."""
        full = plain(self.name)
        return PlainNames(
            full=full,
            words=" ".join(sorted(full.split())),
            given=first_word(self.given_name),
            family=plain(self.family_name),
            middle=plain(self.middle_name),
            suffix=plain(self.suffix),
            nicknames=tuple((nickname, plain(nickname)) for nickname in self.nicknames),
            organizations={plain(org): org for org in reversed(self.organizations) if plain(org)},
        )


class PlainNames(NamedTuple):
    full: str
    words: str  # the full name's words in order: "chen wei" for Wei Chen
    given: str  # the first given name
    family: str
    middle: str
    suffix: str
    nicknames: tuple[tuple[str, str], ...]  # (as written, plain)
    organizations: dict[str, str]  # plain → as written


@dataclass(frozen=True)
class Score:
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DuplicatePair:
    score: int
    people: tuple[PersonRef, PersonRef]
    reasons: tuple[str, ...] = field(default=())


# -- normalizing ------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def plain(text: str) -> str:
    """Casefolded, without accents or punctuation, single-spaced (``José O'Neil`` → ``jose o
    neil``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", bare).split())


def url_key(url: str) -> str:
    """A URL as compared: lower case, without ``http(s)://``, ``www.`` or a trailing slash,
    exactly what the store's SQL computes to group people by profile, so that both agree."""
    value = url.strip().lower().replace("https://", "").replace("http://", "")
    return value.replace("www.", "").rstrip("/")


def profile_key(url: str) -> str | None:
    """The comparable form of a profile URL, or None for a bare domain (a company's site)."""
    value = url_key(url)
    return value if "/" in value else None


def similarity(first: str, second: str) -> int:
    """How alike two names are, 0–100, word order ignored (``plain`` them first)."""
    a, b = " ".join(sorted(first.split())), " ".join(sorted(second.split()))
    if not a or not b:
        return 0
    return _ratio(a, b) if a <= b else _ratio(b, a)


@lru_cache(maxsize=1 << 16)
def _ratio(a: str, b: str) -> int:
    return round(100 * difflib.SequenceMatcher(None, a, b, autojunk=False).ratio())


# -- scoring ------------------------------------------------------------------------------------


def score_pair(a: Candidate, b: Candidate) -> Score:
    """How likely two records are one person, with the reasons (see the module's table)."""
    evidence: list[tuple[float, str]] = []
    if a.emails and b.emails and (emails := a.emails & b.emails):
        evidence += [(SAME_EMAIL, f"same e-mail {email}") for email in sorted(emails)]
    if a.phones and b.phones and (phones := a.phones & b.phones):
        evidence += [(SAME_PHONE, f"same phone {phone}") for phone in sorted(phones)]
    if a.profiles and b.profiles and (profiles := a.profiles & b.profiles):
        evidence += [(SAME_PROFILE, _profile_reason(key)) for key in sorted(profiles)]
    name = _name_evidence(a, b)
    if name is not None:
        weight, reason = name
        company = _shared_organization(a, b)
        if company:
            weight = 1 - (1 - weight) * (1 - SAME_COMPANY)
            reason = f"{reason} and same company {company}"
        evidence.append((weight, reason))
    if evidence and _same_birthday(a.birthday, b.birthday):
        evidence.append((SAME_BIRTHDAY, f"same birthday {_day(a.birthday)}"))
    if not evidence:
        return Score(0, ())
    conflicts = _conflicts(a, b, name_matched=name is not None)
    p = 1 - math.prod(1 - weight for weight, _ in evidence)
    p *= CONFLICT ** len(conflicts)
    score = min(MAX_SCORE, round(100 * p))
    return Score(score, tuple(reason for _, reason in evidence) + tuple(conflicts))


def rank(
    candidates: Mapping[int, Candidate],
    pairs: Iterable[tuple[int, int]],
    *,
    min_score: int = MIN_SCORE,
) -> list[DuplicatePair]:
    """The pairs scoring ``min_score`` or more, best first; within a pair, the first key's
    person comes first (the store passes the older record first)."""
    found: list[DuplicatePair] = []
    for first, second in pairs:
        a, b = candidates[first], candidates[second]
        scored = score_pair(a, b)
        if scored.score >= min_score:
            found.append(DuplicatePair(scored.score, (a.ref, b.ref), scored.reasons))
    found.sort(key=lambda pair: (-pair.score, pair.people[0].name, pair.people[0].id))
    return found


def _name_evidence(a: Candidate, b: Candidate) -> tuple[float, str] | None:
    pa, pb = a.plain, b.plain
    if pa.full and pa.full == pb.full:
        return SAME_NAME, "same name"
    if pa.words and pa.words == pb.words:
        return SAME_NAME, "same name in another order"
    same_family = bool(pa.family) and pa.family == pb.family
    if same_family and pa.given and pa.given == pb.given:
        return SAME_NAME, "same given and family name"
    for one, mine, theirs in ((a, pa, pb), (b, pb, pa)):
        their_given = theirs.given if same_family else ""
        for nickname, word in mine.nicknames:
            if word and word in (theirs.full, their_given):
                return NICKNAME, f"{one.name} goes by {nickname}"
    if same_family and pa.given and pb.given:
        formal = common_formal(pa.given, pb.given)
        if formal is not None:
            return NICKNAME, _nickname_reason(
                a.given_name, b.given_name, pa.given, pb.given, formal
            )
        if len(pa.given) == 1 and pb.given.startswith(pa.given):
            return INITIAL, f"{_first_raw(a.given_name)} may stand for {_first_raw(b.given_name)}"
        if len(pb.given) == 1 and pa.given.startswith(pb.given):
            return INITIAL, f"{_first_raw(b.given_name)} may stand for {_first_raw(a.given_name)}"
        alike = similarity(pa.given, pb.given)  # one family name: a typo in the given name?
    elif pa.words and pb.words:
        alike = _ratio(*sorted((pa.words, pb.words)))
    else:
        alike = 0
    if alike >= SIMILAR:
        return SIMILAR_NAME, f"similar name ({alike}%)"
    return None


def _nickname_reason(raw_a: str, raw_b: str, given_a: str, given_b: str, formal: str) -> str:
    shown = {given_a: _first_raw(raw_a), given_b: _first_raw(raw_b)}
    if formal in shown:
        short = given_b if formal == given_a else given_a
        return f"{shown[short]} is a nickname of {shown[formal]}"
    return f"{shown[given_a]} and {shown[given_b]} are both short for {formal.title()}"


def _conflicts(a: Candidate, b: Candidate, *, name_matched: bool) -> list[str]:
    pa, pb = a.plain, b.plain
    found: list[str] = []
    if a.birthday and b.birthday and not _same_birthday(a.birthday, b.birthday):
        found.append(f"but different birthdays ({_day(a.birthday)}, {_day(b.birthday)})")
    if pa.middle and pb.middle and not _initial_of(pa.middle, pb.middle):
        found.append(f"but different middle names ({a.middle_name}, {b.middle_name})")
    if pa.suffix and pb.suffix and pa.suffix != pb.suffix:
        found.append(f"but {a.suffix} and {b.suffix}")
    if not name_matched and _unrelated_given_names(a, b):
        found.append(f"but different names ({a.name}, {b.name})")
    return found


def _unrelated_given_names(a: Candidate, b: Candidate) -> bool:
    if "@" in a.name or "@" in b.name:  # a record named by its e-mail says nothing
        return False
    given_a, given_b = a.plain.given, b.plain.given
    if not given_a or not given_b or given_a == given_b:
        return False
    if common_formal(given_a, given_b) is not None or _initial_of(given_a, given_b):
        return False
    return similarity(given_a, given_b) < 80


def _initial_of(first: str, second: str) -> bool:
    short, long = sorted((first, second), key=len)
    return short == long or (len(short) == 1 and long.startswith(short))


def _shared_organization(a: Candidate, b: Candidate) -> str | None:
    mine, theirs = a.plain.organizations, b.plain.organizations
    if not mine or not theirs:
        return None
    shared = [name for key, name in mine.items() if key in theirs]
    return min(shared) if shared else None


def _same_birthday(first: PartialDate | None, second: PartialDate | None) -> bool:
    if first is None or second is None:
        return False
    if (first.month, first.day) != (second.month, second.day):
        return False
    return first.year is None or second.year is None or first.year == second.year


def _day(value: PartialDate | None) -> str:
    return value.iso() if value is not None else ""


def _profile_reason(key: str) -> str:
    host = key.split("/", 1)[0]
    for domain, site in PROFILE_SITES.items():
        if host == domain or host.endswith("." + domain):
            return f"same {site} profile"
    return f"same web page {key}"


def first_word(text: str) -> str:
    """The first word of a name, ``plain``: what given names are compared by."""
    words = plain(text).split()
    return words[0] if words else ""


def _first_raw(text: str) -> str:
    words = text.split()
    return words[0] if words else text

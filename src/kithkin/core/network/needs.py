"""Needs read from a person's tags, job title and notes: who is hiring, who is looking for
work, who is raising money, who invests, who looks for a cofounder or a mentor, who mentors.

Cues are plain phrases matched as whole words, without case. They are tried in order and each
match uses up its words, so the phrase that *seeks* something is read before the word for the
thing ("looking for a mentor" is a mentee, not a mentor; "looking for investors" is raising
money, not investing). A cue just after a negation ("not hiring", "no longer looking for
work") does not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Need(StrEnum):
    HIRING = "hiring"
    JOB_SEEKING = "job-seeking"
    FUNDRAISING = "fundraising"
    INVESTING = "investing"
    COFOUNDER = "cofounder-seeking"
    MENTEE = "mentee"
    MENTOR = "mentor"


# Who helps whom: each need and the need that answers it (a cofounder search answers itself).
ANSWERS: dict[Need, Need] = {
    Need.HIRING: Need.JOB_SEEKING,
    Need.JOB_SEEKING: Need.HIRING,
    Need.FUNDRAISING: Need.INVESTING,
    Need.INVESTING: Need.FUNDRAISING,
    Need.COFOUNDER: Need.COFOUNDER,
    Need.MENTEE: Need.MENTOR,
    Need.MENTOR: Need.MENTEE,
}

# How a need reads in a sentence about the person ("Ana Ruiz is hiring").
PHRASES: dict[Need, str] = {
    Need.HIRING: "is hiring",
    Need.JOB_SEEKING: "is looking for work",
    Need.FUNDRAISING: "is raising money",
    Need.INVESTING: "invests",
    Need.COFOUNDER: "is looking for a cofounder",
    Need.MENTEE: "is looking for a mentor",
    Need.MENTOR: "mentors",
}

_A = r"(?:an? |some |new )?"
_CO = r"co-?\s?founders?"
_WORD = r"(?:[a-z-]+ )?"  # "a *technical* cofounder", "a *design* job"

# (need, pattern), tried in this order; seeking phrases come before the bare words they hold.
CUES: tuple[tuple[Need, str], ...] = (
    (Need.COFOUNDER, rf"(?:looking for|seeking|searching for|need|needs|wants?) {_A}{_WORD}{_CO}"),
    (Need.COFOUNDER, rf"{_CO} search|{_CO} wanted|looking for {_CO}"),
    (Need.MENTEE, rf"(?:looking for|seeking|searching for|need|needs|wants?) {_A}{_WORD}mentors?"),
    (Need.MENTEE, r"mentees?|mentorship wanted"),
    (
        Need.FUNDRAISING,
        r"(?:looking for|seeking|meeting|pitching) (?:an? )?(?:investors?|angels?|vcs?)",
    ),
    (
        Need.FUNDRAISING,
        r"fund-?raising|fundraise|raising (?:an? |our |their |his |her )?"
        r"(?:round|pre-?seed|seed|series [a-e]|money|capital|funds|funding)",
    ),
    (Need.JOB_SEEKING, r"open to work|#?opentowork|open to (?:new )?(?:roles|opportunities)"),
    (
        Need.JOB_SEEKING,
        rf"(?:looking for|seeking|searching for) {_A}{_WORD}(?:job|jobs|work|role|"
        r"position|opportunity|opportunities)|"
        r"job[- ]?(?:seeking|seeker|hunting|search)|between jobs",
    ),
    (
        Need.HIRING,
        r"hiring|we'?re hiring|recruit(?:s|ing|er|ers)?|talent acquisition|"
        r"looking to hire|open (?:roles|positions|headcount)",
    ),
    (
        Need.INVESTING,
        r"investors?|investing|invests|angels?|angel investor|vcs?|"
        r"venture capital(?:ist)?|venture partner|limited partner|business angel",
    ),
    (Need.MENTOR, r"mentors?|mentoring|happy to mentor"),
)

_COMPILED = tuple(
    (need, re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")) for need, pattern in CUES
)
_NEGATION = re.compile(r"(?:\bnot|\bno longer|\bnever|n't|\bstopped|\bno)\s+(?:\w+\s+)?$")
_HIRING_WHAT = re.compile(r"\bhiring (?:an? |some |more |new )?([a-z][a-z-]+(?: [a-z][a-z-]+)?)")
_NOT_WHAT = frozenset(
    [
        "for",
        "in",
        "at",
        "now",
        "soon",
        "and",
        "or",
        "the",
        "to",
        "with",
        "from",
        "this",
        "next",
        "on",
        "who",
        "again",
        "too",
        "remote",
        "manager",
        "managers",
    ]
)


@dataclass(frozen=True)
class Needs:
    """What one person needs or offers, and for hiring, whom (``engineers``) when said."""

    needs: frozenset[Need] = frozenset()
    hiring_what: str = ""

    def phrase(self, need: Need) -> str:
        if need is Need.HIRING and self.hiring_what:
            return f"is hiring {self.hiring_what}"
        return PHRASES[need]


def needs_of(tags: Iterable[str] = (), title: str = "", notes: str = "") -> Needs:
    """The needs a person's tags, title and notes speak of."""
    texts = [*(tag.casefold() for tag in tags), title.casefold(), notes.casefold()]
    found: set[Need] = set()
    for text in texts:
        found |= _needs_in(" ".join(text.split()))
    what = ""
    if Need.HIRING in found:
        for text in texts:
            match = _HIRING_WHAT.search(text)
            if match:
                what = _object(match.group(1).split())
            if what:
                break
    return Needs(frozenset(found), what)


def _object(words: list[str]) -> str:
    """The words after "hiring" up to the first that is not what is hired ("engineers")."""
    kept: list[str] = []
    for word in words:
        if word in _NOT_WHAT:
            break
        kept.append(word)
    return " ".join(kept)


def _needs_in(text: str) -> set[Need]:
    found: set[Need] = set()
    for need, pattern in _COMPILED:
        spans: list[tuple[int, int]] = []
        for match in pattern.finditer(text):
            spans.append(match.span())
            if not _NEGATION.search(text[max(0, match.start() - 24) : match.start()]):
                found.add(need)
        for start, end in spans:  # used up: later, shorter cues do not see these words
            text = text[:start] + " " * (end - start) + text[end:]
    return found


def answered(first: Needs, second: Needs) -> list[tuple[Need, Need]]:
    """The pairs (first's need, second's need) where one answers the other, each kind once:
    hiring/job-seeking, fundraising/investing, cofounder/cofounder, mentee/mentor."""
    pairs: list[tuple[Need, Need]] = []
    seen: set[frozenset[Need]] = set()
    for need in Need:
        partner = ANSWERS[need]
        kind = frozenset({need, partner})
        if need in first.needs and partner in second.needs and kind not in seen:
            seen.add(kind)
            pairs.append((need, partner))
    return pairs

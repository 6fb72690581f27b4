"""Introductions worth making: pairs of the user's contacts who should meet, with the reason.

Who: people the user knows well enough to introduce (own tie ``MIN_OWN_TIE`` or more), at most
``MAX_CANDIDATES`` of the strongest, so that a 100k-people network costs a few blocks of NumPy.

Why a pair, its *relevance* (a sum):

=========================================================  ===================================
complementary needs, per kind (hiring / looking for work,  ``NEED`` (4.0)
raising money / investing, both looking for a cofounder,
looking for a mentor / mentoring; see ``needs``)
each shared interest, rarer counting more (together at     ``0.5 + 0.5 · rarity``, rarity =
most ``MAX_INTERESTS``, 1.5)                               ``log((n + 1) / df) / log(n + 1)``
the same industry (of a current employer)                  ``INDUSTRY`` (0.5)
the same city                                              ``CITY`` (0.25)
=========================================================  ===================================

A pair needs ``MIN_RELEVANCE`` (0.5): a need answered, an interest or an industry; a city
alone is not a reason. The *score* is the relevance times ``0.5 + 0.5 · √(own_a · own_b)``:
an introduction from someone who knows both well lands better. With these weights a pair whose
needs answer each other always ranks above every pair whose needs do not (4 × 0.65 > 2.25 ×
0.975), which is the point: an introduction that helps someone get something done.

Never suggested: people already tied in the graph (colleagues, linked — which includes people
the user introduced — logged together, at the same small event), and pairs that look like one
person (the same name, a shared e-mail address or phone number: merge them instead). No one
appears in more than ``PER_PERSON`` suggestions, so one person hiring does not fill the list.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from kithkin.core.duplicates import plain
from kithkin.core.network.graph import IntArray, NetworkGraph
from kithkin.core.network.needs import ANSWERS, Need, Needs, answered, needs_of
from kithkin.core.records import PersonRef

if TYPE_CHECKING:  # imported where the matrices are built: SciPy costs every command 0.1 s
    import scipy.sparse as sparse

MIN_OWN_TIE = 0.3
MAX_CANDIDATES = 3000
NEED = 4.0
MAX_INTERESTS = 1.5  # shared interests add up to this at most
INDUSTRY = 0.5
CITY = 0.25
MIN_RELEVANCE = 0.5
PER_PERSON = 2
MAX_SHOWN_INTERESTS = 3
_BLOCK = 256  # rows of the pair matrix scored at once: 256 × 3000 floats is 6 MB


@dataclass(frozen=True)
class Profile:
    """What the suggestions know about one candidate (as written; normalized here)."""

    key: int  # store key, as in the graph
    id: str  # public uid
    name: str
    interests: tuple[str, ...] = ()
    industry: str = ""
    city: str = ""
    needs: Needs = field(default_factory=Needs)
    emails: frozenset[str] = frozenset()  # normalized
    phones: frozenset[str] = frozenset()  # E.164 or as stored


@dataclass(frozen=True)
class Facts:
    """A candidate as the store reads them, before the needs are read from the words."""

    key: int
    id: str
    name: str
    tags: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # of current jobs
    notes: str = ""
    industry: str = ""  # of the first current employer that has one
    city: str = ""  # of the first address that has one
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()

    def profile(self) -> Profile:
        return Profile(
            key=self.key,
            id=self.id,
            name=self.name,
            interests=self.interests,
            industry=self.industry,
            city=self.city,
            needs=needs_of(self.tags, " · ".join(self.titles), self.notes),
            emails=self.emails,
            phones=self.phones,
        )


@dataclass(frozen=True)
class Shared:
    interests: tuple[str, ...] = ()
    industry: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class Intro:
    people: tuple[PersonRef, PersonRef]
    score: float
    reasons: tuple[str, ...]
    shared: Shared
    needs: tuple[str, ...]  # "hiring/job-seeking": the first person's need / the second's

    @property
    def reason(self) -> str:
        text = "; ".join(self.reasons)
        return text[:1].upper() + text[1:] + "."


def candidates(
    graph: NetworkGraph, *, min_tie: float = MIN_OWN_TIE, cap: int = MAX_CANDIDATES
) -> list[int]:
    """Store keys of the people the user could introduce, strongest own tie first."""
    order = np.lexsort((graph.people, -graph.own))
    order = order[graph.own[order] >= min_tie][:cap]
    return [int(key) for key in graph.people[order]]


def rank_intros(
    graph: NetworkGraph,
    profiles: Sequence[Profile],
    *,
    limit: int = 5,
    per_person: int = PER_PERSON,
) -> list[Intro]:
    """The best ``limit`` introductions among ``profiles`` (best first)."""
    unique = list({p.key: p for p in profiles}.values())
    if len(unique) < 2 or limit <= 0:
        return []
    table = _Table.of(graph, unique)
    pool = table.best_pairs(max(limit * 20, 100))
    chosen: list[Intro] = []
    used: dict[int, int] = defaultdict(int)
    for i, j, score in pool:
        if used[i] >= per_person or used[j] >= per_person:
            continue
        used[i] += 1
        used[j] += 1
        chosen.append(_intro(unique[i], unique[j], score, table.weights))
        if len(chosen) == limit:
            break
    return chosen


# -- scoring ------------------------------------------------------------------------------


_BITS = {need: 1 << position for position, need in enumerate(Need)}
_KINDS = (  # bit masks of the four kinds of complementary needs
    _BITS[Need.HIRING] | _BITS[Need.JOB_SEEKING],
    _BITS[Need.FUNDRAISING] | _BITS[Need.INVESTING],
    _BITS[Need.COFOUNDER],
    _BITS[Need.MENTEE] | _BITS[Need.MENTOR],
)


def _codes(values: Iterable[str]) -> IntArray:
    """Equal (normalized) values get equal codes; an empty value gets -1."""
    numbers: dict[str, int] = {}
    return np.asarray(
        [numbers.setdefault(v, len(numbers)) if v else -1 for v in values], dtype=np.int64
    )


@dataclass(frozen=True)
class _Table:
    """The candidates as columns, ready to score a block of pairs at once."""

    graph: NetworkGraph
    nodes: IntArray  # each candidate's graph node (-1: not in the graph)
    own: np.ndarray[Any, np.dtype[np.float64]]
    interests: sparse.csr_matrix  # candidate × shared interest, 1.0
    weighted: sparse.csr_matrix  # the same, times each interest's weight
    weights: dict[str, float]  # normalized interest → weight
    industry: IntArray
    city: IntArray
    needs: IntArray  # bit mask of Need
    answers: IntArray  # bit mask of the needs that answer them
    excluded: dict[int, set[int]]  # look like one person: i → {j > i}

    @classmethod
    def of(cls, graph: NetworkGraph, profiles: Sequence[Profile]) -> _Table:
        n = len(profiles)
        nodes = np.asarray([graph.node(p.key) for p in profiles], dtype=np.int64)
        own = np.where(nodes >= 0, graph.own[np.maximum(nodes, 0)], 0.0)
        interests, weighted, weights = _interest_matrices(profiles)
        needs = np.asarray(
            [sum(_BITS[need] for need in p.needs.needs) for p in profiles], dtype=np.int64
        )
        answers = np.asarray(
            [sum(_BITS[need] for need in {ANSWERS[x] for x in p.needs.needs}) for p in profiles],
            dtype=np.int64,
        )
        return cls(
            graph=graph,
            nodes=nodes,
            own=np.asarray(own, dtype=np.float64).reshape(n),
            interests=interests,
            weighted=weighted,
            weights=weights,
            industry=_codes(plain(p.industry) for p in profiles),
            city=_codes(plain(p.city) for p in profiles),
            needs=needs,
            answers=answers,
            excluded=_look_alike(profiles),
        )

    def best_pairs(self, pool: int) -> list[tuple[int, int, float]]:
        """The ``pool`` best pairs (i < j, score), best first, ties by position."""
        n = len(self.nodes)
        found_i: list[IntArray] = []
        found_j: list[IntArray] = []
        found_s: list[np.ndarray[Any, np.dtype[np.float64]]] = []
        for start in range(0, n - 1, _BLOCK):
            rows = np.arange(start, min(start + _BLOCK, n - 1))
            scores = self._scores(rows)
            i, j = np.nonzero(scores > 0)
            s = scores[i, j]
            keep = _top(s, i + start, j, pool)
            found_i.append(i[keep] + start)
            found_j.append(j[keep])
            found_s.append(s[keep])
        all_i, all_j, all_s = (
            np.concatenate(found_i),
            np.concatenate(found_j),
            np.concatenate(found_s),
        )
        keep = _top(all_s, all_i, all_j, pool)
        return [(int(all_i[k]), int(all_j[k]), float(all_s[k])) for k in keep]

    def _scores(self, rows: IntArray) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Scores of the pairs (row, every candidate): 0 where not suggested."""
        n = len(self.nodes)
        interests = (self.interests[rows] @ self.weighted.T).toarray()
        relevance = np.minimum(np.asarray(interests, dtype=np.float64), MAX_INTERESTS)
        industry = self.industry[rows, None]
        relevance += INDUSTRY * ((industry == self.industry[None, :]) & (industry >= 0))
        city = self.city[rows, None]
        relevance += CITY * ((city == self.city[None, :]) & (city >= 0))
        met = self.answers[rows, None] & self.needs[None, :]
        for kind in _KINDS:
            relevance += NEED * ((met & kind) != 0)
        relevance[relevance < MIN_RELEVANCE - 1e-9] = 0.0
        columns = np.arange(n)
        relevance[columns[None, :] <= rows[:, None]] = 0.0  # each pair once, never oneself
        self._exclude(rows, relevance)
        closeness = 0.5 + 0.5 * np.sqrt(self.own[rows, None] * self.own[None, :])
        return relevance * closeness

    def _exclude(self, rows: IntArray, relevance: np.ndarray[Any, np.dtype[np.float64]]) -> None:
        """Zero the pairs already tied in the graph and those that look like one person."""
        graph = self.graph
        column_of = np.full(graph.size, -1, dtype=np.int64)
        inside = self.nodes >= 0
        column_of[self.nodes[inside]] = np.flatnonzero(inside)
        for at, row in enumerate(rows):
            node = int(self.nodes[row])
            if node >= 0:
                start, end = int(graph.indptr[node]), int(graph.indptr[node + 1])
                tied = column_of[graph.indices[start:end]]
                relevance[at, tied[tied >= 0]] = 0.0
            for column in self.excluded.get(int(row), ()):
                relevance[at, column] = 0.0


def _top(scores: Any, i: IntArray, j: IntArray, pool: int) -> IntArray:
    """Positions of the ``pool`` best scores, best first; equal scores by (i, j)."""
    rounded = np.round(scores, 9)
    within = np.arange(len(rounded))
    if len(rounded) > pool:  # sort only those at least as good as the pool-th best
        floor = np.partition(rounded, len(rounded) - pool)[len(rounded) - pool]
        within = np.flatnonzero(rounded >= floor)
    order = np.lexsort((j[within], i[within], -rounded[within]))
    return np.asarray(within[order[:pool]], dtype=np.int64)


def _interest_matrices(
    profiles: Sequence[Profile],
) -> tuple[sparse.csr_matrix, sparse.csr_matrix, dict[str, float]]:
    """Candidate × interest (only interests two or more candidates share) and the weights."""
    import scipy.sparse as sparse

    n = len(profiles)
    held = [{plain(i) for i in p.interests} - {""} for p in profiles]
    counts: dict[str, int] = defaultdict(int)
    for interests in held:
        for interest in interests:
            counts[interest] += 1
    shared = sorted(i for i, count in counts.items() if count >= 2)
    column = {interest: at for at, interest in enumerate(shared)}
    weights = {i: interest_weight(counts[i], n) for i in shared}
    rows = [r for r, interests in enumerate(held) for i in interests if i in column]
    cols = [column[i] for interests in held for i in interests if i in column]
    ones = np.ones(len(rows))
    matrix = sparse.csr_matrix((ones, (rows, cols)), shape=(n, len(shared)))
    by_weight = np.asarray([weights[i] for i in shared], dtype=np.float64)
    weighted = sparse.csr_matrix(
        (by_weight[cols] if cols else ones, (rows, cols)), shape=(n, len(shared))
    )
    return matrix, weighted, weights


def interest_weight(holders: int, candidates: int) -> float:
    """A shared interest's weight: 1 for the rarest (two people), 0.5 for one everyone has."""
    rarity = math.log((candidates + 1) / holders) / math.log(candidates + 1)
    return 0.5 + 0.5 * max(rarity, 0.0)


def _look_alike(profiles: Sequence[Profile]) -> dict[int, set[int]]:
    """Pairs that may be one person: the same name (any word order), an e-mail or a phone."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for at, p in enumerate(profiles):
        name = " ".join(sorted(plain(p.name).split()))
        if name:
            groups["name", name].append(at)
        for email in p.emails:
            groups["email", email.casefold()].append(at)
        for phone in p.phones:
            groups["phone", phone].append(at)
    excluded: dict[int, set[int]] = defaultdict(set)
    for members in groups.values():
        for first in members:
            excluded[first].update(m for m in members if m > first)
    return dict(excluded)


# -- words ----------------------------------------------------------------------------------


def _intro(a: Profile, b: Profile, score: float, weights: dict[str, float]) -> Intro:
    reasons: list[str] = []
    needs: list[str] = []
    for need_a, need_b in answered(a.needs, b.needs):
        needs.append(f"{need_a.value}/{need_b.value}")
        if need_a is need_b:
            reasons.append(f"{a.name} and {b.name} {_both(need_a)}")
        else:
            reasons.append(
                f"{a.name} {a.needs.phrase(need_a)} and {b.name} {b.needs.phrase(need_b)}"
            )
    interests = _shared_interests(a, b, weights)
    if interests:
        reasons.append("both into " + _and(interests))
    industry = a.industry if a.industry and plain(a.industry) == plain(b.industry) else None
    if industry:
        reasons.append(f"both work in {industry}")
    city = a.city if a.city and plain(a.city) == plain(b.city) else None
    if city:
        reasons.append(f"both in {city}")
    return Intro(
        people=(PersonRef(a.id, a.name), PersonRef(b.id, b.name)),
        score=round(score, 4),
        reasons=tuple(reasons),
        shared=Shared(interests, industry, city),
        needs=tuple(needs),
    )


def _both(need: Need) -> str:
    return "are both looking for a cofounder" if need is Need.COFOUNDER else f"both {need.value}"


def _shared_interests(a: Profile, b: Profile, weights: dict[str, float]) -> tuple[str, ...]:
    """Shared interests as ``a`` wrote them, rarest first, at most ``MAX_SHOWN_INTERESTS``."""
    theirs = {plain(i) for i in b.interests}
    mine = {plain(i): i for i in reversed(a.interests) if plain(i) in theirs and plain(i)}
    ordered = sorted(mine, key=lambda i: (-weights.get(i, 0.0), i))
    return tuple(mine[i] for i in ordered[:MAX_SHOWN_INTERESTS])


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- JSON -----------------------------------------------------------------------------------


def intro_json(intro: Intro) -> dict[str, Any]:
    return {
        "people": [{"id": ref.id, "name": ref.name} for ref in intro.people],
        "score": intro.score,
        "reason": intro.reason,
        "reasons": list(intro.reasons),
        "shared": {
            "interests": list(intro.shared.interests),
            "industry": intro.shared.industry,
            "city": intro.shared.city,
        },
        "needs": list(intro.needs),
    }


def intros_json(intros: Sequence[Intro]) -> dict[str, Any]:
    return {"intros": [intro_json(intro) for intro in intros]}

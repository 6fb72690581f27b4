"""What the store knows about who knows whom, turned into ties (``Ties``) and into words.

``NetworkEvidence`` is every piece of evidence for one account as plain arrays (the store fills
it in a handful of queries); ``graph_of`` turns it into a ``NetworkGraph``. ``PairEvidence`` is
the same evidence for one pair, read again when a route is shown, so each hop can say why it
is trustworthy; ``pair_strength`` gives exactly the strength the graph holds for that pair.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from kithkin.core.network import strength as formulas
from kithkin.core.network.graph import IntArray, NetworkGraph, Ties
from kithkin.core.network.strength import FloatArray, floats, one
from kithkin.core.periods import days_ago
from kithkin.core.vocabulary import RelationshipKind
from kithkin.core.warmth import HALF_LIFE_DAYS, SATURATION, band_of


def ints(values: object) -> IntArray:
    return np.asarray(values, dtype=np.int64).reshape(-1)


@dataclass(frozen=True)
class OwnColumns:
    """Per person: the user's side of the tie."""

    person: IntArray
    heat: FloatArray  # stored warmth heat …
    heat_age_days: FloatArray  # … measured this many days ago
    days_since_last: FloatArray  # NaN: never interacted
    circle: tuple[str, ...]
    linkedin: FloatArray  # 1.0: a LinkedIn connection


@dataclass(frozen=True)
class RelationshipColumns:
    a: IntArray
    b: IntArray
    kind: tuple[str, ...]
    ended: FloatArray  # 1.0: the relationship has an end date in the past


@dataclass(frozen=True)
class TogetherColumns:
    """Pairs logged in the same interactions (of at most ``MAX_GROUP`` people)."""

    a: IntArray
    b: IntArray
    count: FloatArray
    days_since_last: FloatArray


@dataclass(frozen=True)
class MembershipColumns:
    """One row per job (``group`` = organization) or per attendance (``group`` = event)."""

    group: IntArray
    person: IntArray
    start: FloatArray  # year (jobs) — NaN unknown; unused for events
    end: FloatArray  # year, NaN unknown; for events: days since the event
    current: FloatArray  # 1.0: the job is current


@dataclass(frozen=True)
class NetworkEvidence:
    own: OwnColumns
    relationships: RelationshipColumns
    together: TogetherColumns
    jobs: MembershipColumns
    attendance: MembershipColumns
    this_year: int


def warmth_scores(heat: FloatArray, age_days: FloatArray) -> FloatArray:
    """The 0–100 warmth of stored heat, decayed to now (as ``core.warmth`` computes it)."""
    now_heat = heat * np.power(0.5, np.maximum(age_days, 0.0) / HALF_LIFE_DAYS)
    return floats(np.round(100.0 * (1.0 - np.exp(-now_heat / SATURATION))))


def _circle_strengths(circles: tuple[str, ...]) -> FloatArray:
    return floats([formulas.CIRCLE_STRENGTHS.get(c, 0.0) for c in circles])


def own_strengths(own: OwnColumns) -> FloatArray:
    return formulas.own_tie(
        warmth_scores(own.heat, own.heat_age_days),
        own.days_since_last,
        _circle_strengths(own.circle),
        own.linkedin,
    )


def relationship_base(kind: str) -> float:
    try:
        return formulas.RELATIONSHIP_STRENGTHS[RelationshipKind(kind)]
    except ValueError:
        return formulas.RELATIONSHIP_STRENGTHS[RelationshipKind.OTHER]


def graph_of(evidence: NetworkEvidence) -> NetworkGraph:
    return NetworkGraph.build(evidence.own.person, own_strengths(evidence.own), _all_ties(evidence))


def _all_ties(evidence: NetworkEvidence) -> Iterator[Ties]:
    """Each kind of evidence as ties, made one kind at a time (a million ties each)."""
    rel = evidence.relationships
    bases = {kind: relationship_base(kind) for kind in set(rel.kind)}
    base = floats([bases[k] for k in rel.kind])
    yield Ties.of(rel.a, rel.b, formulas.relationship(base, rel.ended))
    together = evidence.together
    yield Ties.of(
        together.a,
        together.b,
        formulas.logged_together(together.count, together.days_since_last),
    )
    yield from _colleague_ties(evidence.jobs, evidence.this_year)
    yield from _event_ties(evidence.attendance)


@dataclass(frozen=True)
class _GroupPairs:
    """Every pair of rows in the same group (a row of ``first`` with one of ``second``), for
    the groups of 2..limit distinct people, and the size of the pair's group."""

    first: IntArray
    second: IntArray
    size: FloatArray

    @classmethod
    def of(cls, columns: MembershipColumns, limit: int) -> _GroupPairs:
        order = np.lexsort((columns.person, columns.group))
        groups = columns.group[order]
        starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
        lengths = np.diff(np.r_[starts, len(groups)])
        people = columns.person[order]
        distinct = np.r_[True, (groups[1:] != groups[:-1]) | (people[1:] != people[:-1])]
        sizes = np.add.reduceat(distinct.astype(np.int64), starts) if len(starts) else starts
        keep = (sizes >= 2) & (sizes <= limit)
        row_group = np.repeat(np.arange(len(starts)), lengths)
        kept = keep[row_group]
        # Row k of a kept group pairs with the rows after it in its group.
        position = np.arange(len(groups)) - starts[row_group]
        after = np.where(kept, lengths[row_group] - position - 1, 0)
        first = np.repeat(np.arange(len(groups)), after)
        offsets = np.arange(int(after.sum())) - np.repeat(np.cumsum(after) - after, after)
        second = first + 1 + offsets
        size = floats(sizes[row_group[first]]) if len(first) else floats([])
        return cls(order[first], order[second], size)


def _colleague_ties(jobs: MembershipColumns, this_year: int) -> Iterator[Ties]:
    pairs = _GroupPairs.of(jobs, formulas.MAX_ORGANIZATION)
    i, j = pairs.first, pairs.second
    overlap, years_since = job_overlap(
        (jobs.start[i], _end_year(jobs, i, this_year), jobs.current[i]),
        (jobs.start[j], _end_year(jobs, j, this_year), jobs.current[j]),
        this_year,
    )
    yield Ties.of(
        jobs.person[i], jobs.person[j], formulas.colleagues(overlap, years_since, pairs.size)
    )


def _end_year(jobs: MembershipColumns, rows: IntArray, this_year: int) -> FloatArray:
    return floats(np.where(jobs.current[rows] > 0, float(this_year), jobs.end[rows]))


def job_overlap(
    a: tuple[FloatArray, FloatArray, FloatArray],
    b: tuple[FloatArray, FloatArray, FloatArray],
    this_year: int,
) -> tuple[FloatArray, FloatArray]:
    """Whether two jobs at one place overlapped (1 yes, -1 no, 0 unknown) and how many years
    ago the overlap (or the earlier job) ended. Each job is (start year, end year, current)."""
    a_start, a_end, a_current = a
    b_start, b_end, b_current = b
    known = ~(np.isnan(a_start) | np.isnan(a_end) | np.isnan(b_start) | np.isnan(b_end))
    met = np.maximum(a_start, b_start) <= np.minimum(a_end, b_end)
    both_now = (a_current > 0) & (b_current > 0)
    overlap = np.where(both_now, 1.0, np.where(known, np.where(met, 1.0, -1.0), 0.0))
    ended = np.fmin(a_end, b_end)  # the earlier end; NaN only when both are unknown
    years_since = np.where(np.isnan(ended), 0.0, np.maximum(this_year - ended, 0.0))
    return floats(overlap), floats(np.where(both_now, 0.0, years_since))


def _event_ties(attendance: MembershipColumns) -> Iterator[Ties]:
    pairs = _GroupPairs.of(attendance, formulas.MAX_EVENT)
    yield Ties.of(
        attendance.person[pairs.first],
        attendance.person[pairs.second],
        formulas.same_event(pairs.size, attendance.end[pairs.first]),
    )


# -- one pair, in words -----------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    organization: str
    start: int | None  # year
    end: int | None  # year (None while current or unknown)
    current: bool
    size: int  # people known to have worked there


@dataclass(frozen=True)
class SharedEvent:
    name: str
    day: date
    size: int


@dataclass(frozen=True)
class Relationship:
    kind: str
    ended: bool
    note: str = ""


@dataclass(frozen=True)
class PairEvidence:
    relationships: tuple[Relationship, ...] = ()
    logged_together: int = 0
    last_together: date | None = None
    shared_jobs: tuple[tuple[Job, Job], ...] = field(default=())
    shared_events: tuple[SharedEvent, ...] = ()


@dataclass(frozen=True)
class Reason:
    """One piece of evidence about a pair, as a clause about the first person (``OTHER`` stands
    for the second: "worked with OTHER at Globex 2019–2022")."""

    strength: float
    clause: str
    detail: str = ""  # e.g. "(you noted: climbing buddies)", shown with the hop, not in asks

    def about(self, other: str) -> str:
        return self.clause.replace(OTHER, other)

    def in_full(self, other: str) -> str:
        return f"{self.about(other)} {self.detail}" if self.detail else self.about(other)


OTHER = "\x00other\x00"


def pair_reasons(evidence: PairEvidence, today: date) -> list[Reason]:
    """Each piece of evidence about a pair with its own strength, strongest first."""
    reasons = [_relationship_reason(r) for r in evidence.relationships]
    if evidence.logged_together and evidence.last_together is not None:
        days = (today - evidence.last_together).days
        s = formulas.logged_together(floats([evidence.logged_together]), floats([days]))
        times = "once" if evidence.logged_together == 1 else f"{evidence.logged_together} times"
        clause = f"was with {OTHER} when you met ({times}, last {days_ago(days)})"
        reasons.append(Reason(one(s), clause))
    reasons += [_job_reason(a, b, today.year) for a, b in evidence.shared_jobs]
    for event in evidence.shared_events:
        days = (today - event.day).days
        s = formulas.same_event(floats([event.size]), floats([days]))
        clause = f"was at {event.name} ({event.day.isoformat()}) with {OTHER}"
        reasons.append(Reason(one(s), clause))
    return sorted(reasons, key=lambda r: (-r.strength, r.clause))


def pair_strength(evidence: PairEvidence, today: date) -> float:
    return formulas.combine([r.strength for r in pair_reasons(evidence, today)])


_RELATIONSHIP_CLAUSES = {  # (now, once it has ended)
    "family": (f"is part of {OTHER}'s family", f"is part of {OTHER}'s family"),
    "partner": (f"is {OTHER}'s partner", f"was {OTHER}'s partner"),
    "friend": (f"is a friend of {OTHER}", f"was a friend of {OTHER}"),
    "colleague": (f"is a colleague of {OTHER}", f"is a former colleague of {OTHER}"),
    "introduced-by": (f"was introduced to {OTHER}", f"was introduced to {OTHER}"),
    "reports-to": (
        f"works closely with {OTHER} (one reports to the other)",
        f"worked closely with {OTHER} (one reported to the other)",
    ),
    "knows": (f"knows {OTHER}", f"knew {OTHER}"),
}


def _relationship_reason(relationship: Relationship) -> Reason:
    base = relationship_base(relationship.kind)
    s = formulas.relationship(floats([base]), floats([1.0 if relationship.ended else 0.0]))
    now, ended = _RELATIONSHIP_CLAUSES.get(relationship.kind, _RELATIONSHIP_CLAUSES["knows"])
    clause = ended if relationship.ended else now
    detail = f"(you noted: {relationship.note})" if relationship.note else "(you noted)"
    return Reason(one(s), clause, detail)


def _job_reason(a: Job, b: Job, this_year: int) -> Reason:
    def columns(job: Job) -> tuple[FloatArray, FloatArray, FloatArray]:
        end = this_year if job.current else job.end
        return (
            floats([math.nan if job.start is None else job.start]),
            floats([math.nan if end is None else end]),
            floats([1.0 if job.current else 0.0]),
        )

    overlap, years_since = job_overlap(columns(a), columns(b), this_year)
    s = formulas.colleagues(overlap, years_since, floats([max(a.size, b.size)]))
    org = a.organization
    if a.current and b.current:
        clause = f"works at {org} with {OTHER}"
    elif one(overlap) > 0:
        clause = f"worked with {OTHER} at {org}{_years(_shared_span(a, b, this_year))}"
    elif one(overlap) < 0:
        clause = f"also worked at {org}, not at the same time as {OTHER}"
    else:
        clause = f"also worked at {org}, like {OTHER}"
    return Reason(one(s), clause)


def _shared_span(a: Job, b: Job, this_year: int) -> tuple[int | None, int | None]:
    starts = [y for y in (a.start, b.start) if y is not None]
    ends = [this_year if j.current else j.end for j in (a, b)]
    known_ends = [y for y in ends if y is not None]
    return (max(starts) if starts else None, min(known_ends) if known_ends else None)


def _years(span: tuple[int | None, int | None]) -> str:
    start, end = span
    if start is None or end is None:
        return ""
    return f" in {start}" if start == end else f" {start}–{end}"


@dataclass(frozen=True)
class OwnEvidence:
    warmth: int
    days_since_last: int | None
    circle: str
    linkedin_since: date | None
    linkedin: bool = False


def own_reasons(evidence: OwnEvidence) -> list[str]:
    """Why the user's own tie to someone holds, in words (empty: there is no tie)."""
    reasons = []
    if evidence.circle in ("inner", "key"):
        reasons.append(f"in your {evidence.circle} circle")
    if evidence.warmth > 0:
        reasons.append(f"warmth {evidence.warmth} ({band_of(evidence.warmth)})")
    if evidence.days_since_last is not None:
        reasons.append(f"last in touch {days_ago(evidence.days_since_last)}")
    if evidence.linkedin:
        since = f" since {evidence.linkedin_since.year}" if evidence.linkedin_since else ""
        reasons.append(f"connected on LinkedIn{since}")
    return reasons


def own_strength(evidence: OwnEvidence) -> float:
    days = math.nan if evidence.days_since_last is None else float(evidence.days_since_last)
    return one(
        formulas.own_tie(
            floats([evidence.warmth]),
            floats([days]),
            _circle_strengths((evidence.circle,)),
            floats([1.0 if evidence.linkedin else 0.0]),
        )
    )

"""Evidence into tie strengths, and into words: the graph and the explanation agree."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pytest

from kithkin.core.network import strength as formulas
from kithkin.core.network.evidence import (
    Job,
    MembershipColumns,
    NetworkEvidence,
    OwnColumns,
    OwnEvidence,
    PairEvidence,
    Relationship,
    RelationshipColumns,
    SharedEvent,
    TogetherColumns,
    graph_of,
    own_reasons,
    own_strength,
    pair_reasons,
    pair_strength,
)

TODAY = date(2026, 11, 20)
NAN = math.nan


def evidence(
    *,
    relationships: Sequence[tuple[int, int, str, float]] = (),
    together: Sequence[tuple[int, int, int, float]] = (),
    jobs: Sequence[tuple[int, int, float, float, float]] = (),
    attendance: Sequence[tuple[int, int, float]] = (),
    people: int = 6,
) -> NetworkEvidence:
    def column(rows: Sequence[tuple[Any, ...]], at: int, kind: type = float) -> Any:
        return np.array([r[at] for r in rows], dtype=np.int64 if kind is int else np.float64)

    keys = np.arange(1, people + 1)
    return NetworkEvidence(
        own=OwnColumns(
            person=keys,
            heat=np.zeros(people),
            heat_age_days=np.zeros(people),
            days_since_last=np.full(people, NAN),
            circle=("network",) * people,
            linkedin=np.zeros(people),
        ),
        relationships=RelationshipColumns(
            a=column(relationships, 0, int),
            b=column(relationships, 1, int),
            kind=tuple(r[2] for r in relationships),
            ended=column(relationships, 3),
        ),
        together=TogetherColumns(
            a=column(together, 0, int),
            b=column(together, 1, int),
            count=column(together, 2),
            days_since_last=column(together, 3),
        ),
        jobs=MembershipColumns(
            group=column(jobs, 0, int),
            person=column(jobs, 1, int),
            start=column(jobs, 2),
            end=column(jobs, 3),
            current=column(jobs, 4),
        ),
        attendance=MembershipColumns(
            group=column(attendance, 0, int),
            person=column(attendance, 1, int),
            start=np.zeros(len(attendance)),
            end=column(attendance, 2),
            current=np.zeros(len(attendance)),
        ),
        this_year=TODAY.year,
    )


def test_recorded_relationships_by_kind_and_ended_ones_weaker() -> None:
    g = graph_of(evidence(relationships=[(1, 2, "family", 0.0), (3, 4, "family", 1.0)]))
    assert g.tie(1, 2) == pytest.approx(0.9)
    assert g.tie(3, 4) == pytest.approx(0.9 * formulas.ENDED_FACTOR)
    assert g.tie(1, 3) == 0.0


def test_the_graph_and_the_explanation_give_the_same_strength() -> None:
    g = graph_of(
        evidence(
            relationships=[(1, 2, "colleague", 0.0)],
            together=[(1, 2, 3, 40.0)],
            jobs=[(7, 1, 2019, 2022, 0.0), (7, 2, 2020, NAN, 1.0), (7, 3, NAN, NAN, 1.0)],
            attendance=[(9, 1, 100.0), (9, 2, 100.0)],
        )
    )
    pair = PairEvidence(
        relationships=(Relationship("colleague", ended=False),),
        logged_together=3,
        last_together=date.fromordinal(TODAY.toordinal() - 40),
        shared_jobs=(
            (
                Job("Globex", 2019, 2022, current=False, size=3),
                Job("Globex", 2020, None, current=True, size=3),
            ),
        ),
        shared_events=(SharedEvent("PyCon", date.fromordinal(TODAY.toordinal() - 100), 2),),
    )
    assert pair_strength(pair, TODAY) == pytest.approx(g.tie(1, 2), rel=1e-12)
    clauses = [r.about("Tom") for r in pair_reasons(pair, TODAY)]
    assert "worked with Tom at Globex 2020–2022" in clauses
    assert any(c.startswith("was with Tom when you met (3 times") for c in clauses)
    assert "was at PyCon (2026-08-12) with Tom" in clauses


def test_colleagues_who_overlapped_are_closer_than_those_who_did_not() -> None:
    g = graph_of(
        evidence(
            jobs=[
                (7, 1, 2015, 2018, 0.0),
                (7, 2, 2017, 2020, 0.0),  # overlapped 1 in 2017–2018
                (7, 3, 2021, 2023, 0.0),  # never overlapped 1 or 2
                (7, 4, NAN, NAN, 0.0),  # years unknown
            ]
        )
    )
    assert g.tie(1, 2) > g.tie(1, 4) > g.tie(1, 3) > 0
    words = pair_reasons(
        PairEvidence(
            shared_jobs=(
                (Job("Globex", 2015, 2018, False, 4), Job("Globex", 2021, 2023, False, 4)),
            )
        ),
        TODAY,
    )
    assert words[0].about("Ana") == "also worked at Globex, not at the same time as Ana"


def test_people_in_a_huge_organization_are_not_tied_by_it() -> None:
    size = formulas.MAX_ORGANIZATION + 1
    jobs = [(7, person, NAN, NAN, 1.0) for person in range(1, size + 1)]
    g = graph_of(evidence(jobs=jobs, people=size))
    assert g.edge_count == 0


def test_both_current_at_one_place_overlap_whatever_their_start() -> None:
    g = graph_of(evidence(jobs=[(7, 1, NAN, NAN, 1.0), (7, 2, 2010, NAN, 1.0)]))
    assert g.tie(1, 2) == pytest.approx(0.5 * math.sqrt(10 / 10) * 1.0)


def test_your_own_tie_from_circle_warmth_history_and_linkedin() -> None:
    nobody = OwnEvidence(warmth=0, days_since_last=None, circle="network", linkedin_since=None)
    assert own_strength(nobody) == 0.0
    assert own_reasons(nobody) == []
    close = OwnEvidence(
        warmth=62,
        days_since_last=10,
        circle="inner",
        linkedin_since=date(2019, 3, 1),
        linkedin=True,
    )
    assert 0.9 < own_strength(close) <= formulas.MAX_STRENGTH
    assert own_reasons(close) == [
        "in your inner circle",
        "warmth 62 (warm)",
        "last in touch 10 days ago",
        "connected on LinkedIn since 2019",
    ]
    linked_only = OwnEvidence(0, None, "network", None, linkedin=True)
    assert own_strength(linked_only) == pytest.approx(formulas.LINKEDIN_STRENGTH)


def test_strength_fades_with_time_but_never_to_nothing() -> None:
    recent = formulas.logged_together(np.array([3.0]), np.array([0.0]))[0]
    old = formulas.logged_together(np.array([3.0]), np.array([3650.0]))[0]
    assert recent > old > 0.3 * recent - 1e-12

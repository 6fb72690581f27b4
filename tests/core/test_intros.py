"""Introduction suggestions on small hand-built graphs: ranking, needs, what is never suggested."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from kithkin.core.duplicates import plain
from kithkin.core.network.graph import NetworkGraph, Ties
from kithkin.core.network.intros import (
    CITY,
    INDUSTRY,
    MIN_RELEVANCE,
    NEED,
    Facts,
    Profile,
    candidates,
    interest_weight,
    intros_json,
    rank_intros,
)
from kithkin.core.network.needs import Need, Needs, answered


def graph(own: dict[int, float], ties: tuple[tuple[int, int, float], ...] = ()) -> NetworkGraph:
    keys = sorted(own)
    a, b, s = zip(*ties, strict=True) if ties else ((), (), ())
    return NetworkGraph.build(
        np.asarray(keys, dtype=np.int64),
        np.asarray([own[k] for k in keys], dtype=np.float64),
        [Ties.of(a, b, s)],
    )


def person(key: int, name: str = "", **facts: object) -> Profile:
    return Facts(key=key, id=f"uid{key}", name=name or f"Person {key}", **facts).profile()  # type: ignore[arg-type]


def names(intros: object) -> list[tuple[str, str]]:
    return [(i.people[0].name, i.people[1].name) for i in intros]  # type: ignore[attr-defined]


def test_complementary_needs_come_first_with_the_reason() -> None:
    people = [
        person(1, "Ana Ruiz", tags=("hiring",), notes="Hiring engineers", interests=("climbing",)),
        person(2, "Sam Lee", tags=("open to work",), interests=("Climbing",)),
        person(3, "Bea Chu", interests=("climbing",)),
    ]
    found = rank_intros(graph({1: 0.8, 2: 0.8, 3: 0.8}), people)
    assert names(found)[0] == ("Ana Ruiz", "Sam Lee")
    best = found[0]
    assert best.reason == (
        "Ana Ruiz is hiring engineers and Sam Lee is looking for work; both into climbing."
    )
    assert best.needs == ("hiring/job-seeking",)
    assert best.shared.interests == ("climbing",)
    # the others only share an interest, which still makes a (weaker) suggestion
    assert {tuple(sorted(p)) for p in names(found[1:])} == {
        ("Ana Ruiz", "Bea Chu"),
        ("Bea Chu", "Sam Lee"),
    }
    assert all(i.score < best.score for i in found[1:])


def test_every_kind_of_need_is_matched() -> None:
    people = [
        person(1, "Founder", notes="raising a seed round; looking for a cofounder"),
        person(2, "Angel", titles=("Angel investor",)),
        person(3, "Builder", tags=("looking for a co-founder",)),
        person(4, "Junior", notes="looking for a mentor"),
        person(5, "Senior", notes="happy to mentor"),
    ]
    found = rank_intros(graph(dict.fromkeys(range(1, 6), 0.6)), people, limit=10, per_person=5)
    by_pair = {tuple(sorted(p)): i for p, i in zip(names(found), found, strict=True)}
    assert by_pair["Angel", "Founder"].needs in (
        ("investing/fundraising",),
        ("fundraising/investing",),
    )
    assert by_pair["Builder", "Founder"].reasons[0].endswith("are both looking for a cofounder")
    assert "Senior mentors" in by_pair["Junior", "Senior"].reason
    assert ("Angel", "Junior") not in by_pair  # nothing in common


def test_rarer_interests_count_more() -> None:
    own = dict.fromkeys(range(1, 11), 0.6)
    everyone = ("coffee",)
    people = [person(k, interests=everyone) for k in range(1, 9)]
    people += [person(9, interests=(*everyone, "falconry")), person(10, interests=("falconry",))]
    found = rank_intros(graph(own), people, limit=1)
    assert names(found) == [("Person 9", "Person 10")]
    assert found[0].shared.interests == ("falconry",)
    assert interest_weight(2, 10) > interest_weight(8, 10) >= 0.5
    assert interest_weight(10, 10) < 0.55


def test_industry_alone_is_a_reason_a_city_alone_is_not() -> None:
    own = dict.fromkeys(range(1, 5), 0.6)
    people = [
        person(1, "A", industry="Fintech"),
        person(2, "B", industry="fintech"),
        person(3, "C", city="Berlin"),
        person(4, "D", city="berlin"),
    ]
    found = rank_intros(graph(own), people)
    assert names(found) == [("A", "B")]
    assert found[0].shared.industry == "Fintech"
    assert found[0].reasons == ("both work in Fintech",)
    assert INDUSTRY >= MIN_RELEVANCE > CITY


def test_people_already_tied_are_never_suggested() -> None:
    people = [
        person(1, "Ana", tags=("hiring",)),
        person(2, "Sam", tags=("open to work",)),
        person(3, "Eve", tags=("open to work",)),
    ]
    tied = graph({1: 0.8, 2: 0.8, 3: 0.5}, ((1, 2, 0.2),))
    assert names(rank_intros(tied, people)) == [("Ana", "Eve")]


def test_people_who_look_like_one_person_are_never_suggested() -> None:
    own = dict.fromkeys(range(1, 7), 0.7)
    people = [
        person(1, "Sam Lee", tags=("hiring",)),
        person(2, "Lee, Sam", tags=("open to work",)),  # the same name, another order
        person(3, "Ana Ruiz", tags=("hiring",), emails=frozenset({"ana@x.org"})),
        person(4, "A. Ruiz", tags=("open to work",), emails=frozenset({"ana@x.org"})),
        person(5, "Bo Chen", tags=("hiring",), phones=frozenset({"+15550100"})),
        person(6, "Bob Chen", tags=("open to work",), phones=frozenset({"+15550100"})),
    ]
    found = rank_intros(graph(own), people, limit=20, per_person=10)
    pairs = {frozenset(p) for p in names(found)}
    assert frozenset({"Sam Lee", "Lee, Sam"}) not in pairs
    assert frozenset({"Ana Ruiz", "A. Ruiz"}) not in pairs
    assert frozenset({"Bo Chen", "Bob Chen"}) not in pairs
    assert frozenset({"Sam Lee", "A. Ruiz"}) in pairs  # everyone else still meets


def test_nobody_fills_the_list_alone() -> None:
    own = dict.fromkeys(range(1, 8), 0.6)
    people = [person(1, "Hirer", tags=("hiring",))]
    people += [person(k, tags=("open to work",)) for k in range(2, 7)]
    people += [person(7, industry="Retail"), person(8, industry="Retail")]
    own[8] = 0.6
    found = rank_intros(graph(own), people, limit=5, per_person=2)
    assert sum("Hirer" in pair for pair in names(found)) == 2
    assert ("Person 7", "Person 8") in names(found)


def test_candidates_are_the_strongest_own_ties_over_the_threshold() -> None:
    g = graph({1: 0.9, 2: 0.29, 3: 0.3, 4: 0.5, 5: 0.0})
    assert candidates(g) == [1, 4, 3]
    assert candidates(g, cap=2) == [1, 4]


def test_nothing_to_suggest() -> None:
    assert rank_intros(graph({}), []) == []
    assert rank_intros(graph({1: 0.5}), [person(1, interests=("x",))]) == []
    strangers = [person(1, interests=("a",)), person(2, interests=("b",))]
    assert rank_intros(graph({1: 0.5, 2: 0.5}), strangers) == []
    assert intros_json([]) == {"intros": []}


def test_json_shape() -> None:
    people = [person(1, "A", interests=("go",), city="Oslo"), person(2, "B", interests=("Go",))]
    data = intros_json(rank_intros(graph({1: 0.5, 2: 0.5}), people))
    (intro,) = data["intros"]
    assert intro["people"] == [{"id": "uid1", "name": "A"}, {"id": "uid2", "name": "B"}]
    assert intro["shared"] == {"interests": ["go"], "industry": None, "city": None}
    assert intro["needs"] == []
    assert intro["reasons"] == ["both into go"]
    assert intro["reason"] == "Both into go."
    assert isinstance(intro["score"], float)


def _naive(g: NetworkGraph, people: list[Profile]) -> dict[frozenset[int], float]:
    """The scoring rules written out pair by pair, to check the vectorised ranking."""
    holders: dict[str, int] = {}
    for p in people:
        for i in {plain(x) for x in p.interests}:
            holders[i] = holders.get(i, 0) + 1
    scores = {}
    for a, b in itertools.combinations(people, 2):
        if g.tie(a.key, b.key) > 0 or plain(a.name) == plain(b.name):
            continue
        shared = {plain(x) for x in a.interests} & {plain(x) for x in b.interests}
        relevance = min(sum(interest_weight(holders[i], len(people)) for i in shared), 1.5)
        relevance += NEED * len(answered(a.needs, b.needs))
        relevance += INDUSTRY * bool(a.industry and plain(a.industry) == plain(b.industry))
        relevance += CITY * bool(a.city and plain(a.city) == plain(b.city))
        if relevance >= MIN_RELEVANCE:
            closeness = 0.5 + 0.5 * (g.own_tie(a.key) * g.own_tie(b.key)) ** 0.5
            scores[frozenset({a.key, b.key})] = relevance * closeness
    return scores


def test_the_ranking_agrees_with_the_rules_written_out_pair_by_pair() -> None:
    rng = random.Random(7)
    keys = list(range(1, 61))
    own = {k: round(rng.uniform(0.3, 0.95), 3) for k in keys}
    ties = tuple((a, b, 0.4) for a, b in itertools.combinations(keys, 2) if rng.random() < 0.05)
    g = graph(own, ties)
    needs = [Need.HIRING, Need.JOB_SEEKING, Need.FUNDRAISING, Need.INVESTING, Need.MENTOR]
    people = [
        Profile(
            key=k,
            id=str(k),
            name=f"P{k}",
            interests=tuple(rng.sample(["a", "b", "c", "d", "e", "f", "g"], rng.randint(0, 3))),
            industry=rng.choice(["", "x", "y"]),
            city=rng.choice(["", "Oslo", "Rome"]),
            needs=Needs(frozenset(rng.sample(needs, rng.randint(0, 1)))),
        )
        for k in keys
    ]
    expected = _naive(g, people)
    found = rank_intros(g, people, limit=10_000, per_person=10_000)
    got = {frozenset({int(i.people[0].id), int(i.people[1].id)}): i.score for i in found}
    assert got.keys() == expected.keys()
    for pair, score in expected.items():
        assert got[pair] == pytest.approx(score, abs=1e-3)
    assert [i.score for i in found] == sorted((i.score for i in found), reverse=True)


def test_thousands_of_candidates_are_ranked_in_blocks() -> None:
    rng = random.Random(3)
    n = 3000
    own = {k: 0.3 + 0.6 * rng.random() for k in range(1, n + 1)}
    g = graph(own, tuple((k, k + 1, 0.5) for k in range(1, n, 2)))
    topics = [f"topic{t}" for t in range(400)]
    people = [
        person(k, interests=tuple(rng.sample(topics, 3)), industry=rng.choice(["a", "b", ""]))
        for k in candidates(g)
    ]
    people[10] = person(people[10].key, "Hirer", tags=("hiring",))
    people[2500] = person(people[2500].key, "Seeker", tags=("open to work",))
    found = rank_intros(g, people, limit=5)
    assert len(found) == 5
    assert names(found)[0] == ("Hirer", "Seeker")
    assert all(g.tie(int(i.people[0].id[3:]), int(i.people[1].id[3:])) == 0 for i in found)

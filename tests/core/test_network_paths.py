"""Warm paths on small hand-built graphs whose best routes are known."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kithkin.core.network.graph import NetworkGraph, Ties
from kithkin.core.network.paths import best_routes, nearest


def graph(
    own: dict[int, float], ties: list[tuple[int, int, float]], people: int = 10
) -> NetworkGraph:
    keys = np.arange(1, people + 1)
    own_column = np.array([own.get(int(k), 0.0) for k in keys])
    a, b, s = zip(*ties, strict=True) if ties else ((), (), ())
    return NetworkGraph.build(keys, own_column, [Ties.of(a, b, s)])


def test_the_stronger_route_wins_even_when_it_is_longer() -> None:
    # you-1 0.9, 1-2 0.9, 2-5 0.9  (0.729)   vs   you-3 0.3, 3-5 0.9  (0.27)
    g = graph({1: 0.9, 3: 0.3}, [(1, 2, 0.9), (2, 5, 0.9), (3, 5, 0.9)])
    routes = best_routes(g, [5])
    assert [r.people for r in routes] == [(1, 2, 5), (3, 5)]
    assert routes[0].ties == (0.9, 0.9, 0.9)
    assert routes[0].strength == pytest.approx(0.729)
    assert routes[1].strength == pytest.approx(0.27)


def test_one_route_per_person_you_would_ask() -> None:
    # Through 1 there are two routes to 5; only the stronger one is offered.
    g = graph({1: 0.8}, [(1, 2, 0.9), (2, 5, 0.5), (1, 3, 0.5), (3, 5, 0.5), (1, 5, 0.2)])
    routes = best_routes(g, [5])
    assert len(routes) == 1
    assert routes[0].people == (1, 2, 5)
    assert routes[0].strength == pytest.approx(0.8 * 0.9 * 0.5)


def test_a_direct_tie_is_a_one_hop_route() -> None:
    g = graph({5: 0.6, 1: 0.9}, [(1, 5, 0.5)])
    routes = best_routes(g, [5])
    assert [(r.people, round(r.strength, 6)) for r in routes] == [((5,), 0.6), ((1, 5), 0.45)]


def test_routes_stop_at_three_hops() -> None:
    # you-1-2-3-5 would be four hops: not offered.
    g = graph({1: 0.9}, [(1, 2, 0.9), (2, 3, 0.9), (3, 5, 0.9)])
    assert best_routes(g, [5]) == []
    assert [r.people for r in best_routes(g, [3])] == [(1, 2, 3)]
    assert best_routes(g, [3], max_hops=2) == []


def test_ties_break_by_fewer_hops_then_by_key() -> None:
    # Three routes of equal strength 0.5: direct via 4 (one hop), and via 2 and via 1 (two hops).
    g = graph({1: 1.0, 2: 1.0, 4: 0.5}, [(1, 4, 0.5), (2, 4, 0.5)])
    # own ties are capped by nothing here: the graph takes what it is given
    routes = best_routes(g, [4], limit=5)
    assert [r.people for r in routes] == [(4,), (1, 4), (2, 4)]


def test_no_route_when_nobody_you_know_is_tied_to_the_target() -> None:
    g = graph({1: 0.9}, [(2, 5, 0.8), (3, 5, 0.4), (1, 6, 0.5)])
    assert best_routes(g, [5]) == []
    near = nearest(g, [5])
    assert [(r.people, r.ties) for r in near] == [((2, 5), (0.0, 0.8)), ((3, 5), (0.0, 0.4))]


def test_an_isolated_target_has_no_route_and_nobody_near() -> None:
    g = graph({1: 0.9}, [(1, 2, 0.8)])
    assert best_routes(g, [7]) == []
    assert nearest(g, [7]) == []


def test_unknown_targets_are_ignored() -> None:
    g = graph({1: 0.9}, [(1, 2, 0.8)])
    assert best_routes(g, [999]) == []


def test_a_company_target_is_any_of_its_people() -> None:
    # 5 and 6 work at the target company; 6 is reached more strongly, and 5 through 2.
    g = graph({1: 0.9, 2: 0.4}, [(1, 6, 0.8), (2, 5, 0.9)])
    routes = best_routes(g, [5, 6])
    assert [(r.people, round(r.strength, 6)) for r in routes] == [((1, 6), 0.72), ((2, 5), 0.36)]


def test_a_route_never_visits_the_target_twice() -> None:
    # you-5 is absent; 1-5-2-5 must not be offered as a path to 5 through itself.
    g = graph({1: 0.9}, [(1, 5, 0.5), (5, 2, 0.9)])
    assert [r.people for r in best_routes(g, [5], limit=5)] == [(1, 5)]


def test_evidence_about_one_pair_combines_as_independent_chances() -> None:
    keys = np.array([1, 2, 3])
    g = NetworkGraph.build(
        keys,
        np.zeros(3),
        [Ties.of([1], [2], [0.5]), Ties.of([2], [1], [0.5]), Ties.of([1, 3], [1, 9], [0.9, 0.9])],
    )
    assert g.tie(1, 2) == pytest.approx(0.75)  # 1 - 0.5 * 0.5
    assert g.tie(2, 1) == g.tie(1, 2)
    assert g.edge_count == 1  # a self-tie and a tie to an unknown person are dropped
    assert g.neighbours(1) == [(2, pytest.approx(0.75))]


@given(
    st.lists(st.tuples(st.integers(1, 8), st.integers(1, 8), st.floats(0.05, 0.95)), max_size=25),
    st.dictionaries(st.integers(1, 8), st.floats(0.05, 0.95), max_size=8),
    st.integers(1, 8),
)
def test_the_best_route_is_the_strongest_of_at_most_three_hops(
    ties: list[tuple[int, int, float]], own: dict[int, float], target: int
) -> None:
    g = graph(own, ties, people=8)
    routes = best_routes(g, [target], limit=8)
    best = _brute_force_best(g, target)
    if best == 0.0:
        assert routes == []
    else:
        assert routes[0].strength == pytest.approx(best, rel=1e-9)
        assert all(r.strength <= routes[0].strength + 1e-12 for r in routes)
        assert len({r.people[0] for r in routes}) == len(routes)
        for route in routes:
            assert route.people[-1] == target and len(set(route.people)) == len(route.people)
            assert route.strength == pytest.approx(
                g.own_tie(route.people[0])
                * math.prod(
                    g.tie(a, b) for a, b in zip(route.people, route.people[1:], strict=False)
                )
            )


def _brute_force_best(g: NetworkGraph, target: int) -> float:
    people = [int(k) for k in g.people]
    best = g.own_tie(target)
    for a in people:
        if a == target or g.own_tie(a) == 0:
            continue
        best = max(best, g.own_tie(a) * g.tie(a, target))
        for b in people:
            if b in (a, target):
                continue
            best = max(best, g.own_tie(a) * g.tie(a, b) * g.tie(b, target))
    return best


@given(
    st.lists(st.tuples(st.integers(1, 8), st.integers(1, 8), st.floats(0.05, 0.95)), max_size=25),
    st.dictionaries(st.integers(1, 8), st.floats(0.05, 0.95), max_size=8),
    st.integers(1, 8),
)
def test_the_shortcut_for_crowded_targets_still_finds_the_best_route(
    ties: list[tuple[int, int, float]], own: dict[int, float], target: int
) -> None:
    g = graph(own, ties, people=8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kithkin.core.network.paths.EXACT_THIRD_HOPS", -1)
        routes = best_routes(g, [target], limit=8)
    best = _brute_force_best(g, target)
    assert (routes[0].strength if routes else 0.0) == pytest.approx(best, rel=1e-9)
    for route in routes:
        assert route.people[-1] == target and len(set(route.people)) == len(route.people)

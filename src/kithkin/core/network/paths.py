"""Warm paths: the strongest routes from the user to a target, at most three hops.

A route ``you → A → B → T`` is as strong as the product of its ties (the user's own tie to A,
then A–B, then B–T). Because routes are short, the search meets in the middle instead of
exploring outwards: the user's ties to everyone are one array (``own``), so a route is found by
walking back from the target at most two steps — its neighbours B, then theirs, A — and adding
the user's tie at the far end. The work is a few vectorised gathers over the targets'
neighbourhoods, whatever the size of the network.

One route is kept per first person (the one the user would ask): three routes through the same
friend are one suggestion, not three. Ties are broken by fewer hops, then by store key, so
results are deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from kithkin.core.network.graph import IntArray, NetworkGraph, own_costs
from kithkin.core.network.strength import FloatArray

MAX_HOPS = 3
_CHUNK = 64  # targets searched at once: bounds memory when a company has thousands of people
# Past this many third-hop ties to walk (a target among very well-connected people), each
# second person B contributes only its cheapest start (``graph.via``): the best route is still
# exact, but fewer alternative first people through the same B are offered.
EXACT_THIRD_HOPS = 200_000


@dataclass(frozen=True)
class Route:
    """``people[0]`` is the one the user asks; the last is the target. ``ties[0]`` is the user's
    own tie to ``people[0]``, ``ties[k]`` the tie from ``people[k - 1]`` to ``people[k]``."""

    people: tuple[int, ...]
    ties: tuple[float, ...]

    @property
    def strength(self) -> float:
        return math.prod(self.ties)

    @property
    def hops(self) -> int:
        return len(self.people)


@dataclass(frozen=True)
class _Candidates:
    first: IntArray
    middle: IntArray  # -1 when the route has fewer than three hops
    target: IntArray
    hops: IntArray
    cost: FloatArray

    @classmethod
    def concat(cls, parts: list[_Candidates]) -> _Candidates:
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) for f in _FIELDS))

    def take(self, keep: IntArray) -> _Candidates:
        return _Candidates(*(getattr(self, f)[keep] for f in _FIELDS))

    def best_per_first(self) -> _Candidates:
        finite = np.flatnonzero(np.isfinite(self.cost))
        found = self.take(finite)
        rounded = np.round(found.cost, 9)
        order = np.lexsort((found.target, found.middle, found.hops, rounded))
        found = found.take(order)
        _, first_seen = np.unique(found.first, return_index=True)
        return found.take(np.sort(first_seen))


_FIELDS = ("first", "middle", "target", "hops", "cost")


def best_routes(
    graph: NetworkGraph, targets: Collection[int], *, limit: int = 3, max_hops: int = MAX_HOPS
) -> list[Route]:
    """The strongest routes to any of ``targets`` (store keys), one per first person."""
    nodes = graph.nodes(targets)
    own_cost = own_costs(graph.own)
    found: list[_Candidates] = []
    for start in range(0, len(nodes), _CHUNK):
        chunk = nodes[start : start + _CHUNK]
        found.append(_search(graph, own_cost, chunk, max_hops).best_per_first())
    if not found:
        return []
    best = _Candidates.concat(found).best_per_first()
    return [_route(graph, best, k) for k in range(min(limit, len(best.first)))]


def _search(graph: NetworkGraph, own_cost: FloatArray, targets: IntArray, hops: int) -> _Candidates:
    none = np.full(len(targets), -1, dtype=np.int64)
    parts = [_Candidates(targets, none, targets, np.ones_like(targets), own_cost[targets])]
    if hops >= 2:
        rep, at = _gather(graph.indptr, targets)
        near = graph.indices[at].astype(np.int64)
        near_target = targets[rep]
        near_cost = graph.cost[at]
        parts.append(
            _Candidates(
                near,
                np.full(len(near), -1, dtype=np.int64),
                near_target,
                np.full(len(near), 2, dtype=np.int64),
                own_cost[near] + near_cost,
            )
        )
        if hops >= 3 and _third_hops(graph.indptr, near) > EXACT_THIRD_HOPS:
            cheapest = graph.via[near]
            loop = (cheapest < 0) | (cheapest == near_target)
            parts.append(
                _Candidates(
                    np.where(cheapest < 0, 0, cheapest),
                    near,
                    near_target,
                    np.full(len(near), 3, dtype=np.int64),
                    np.where(loop, np.inf, graph.via_cost[near] + near_cost),
                )
            )
        elif hops >= 3:
            rep2, at2 = _gather(graph.indptr, near)
            far = graph.indices[at2].astype(np.int64)
            loop = far == near_target[rep2]
            cost = own_cost[far] + graph.cost[at2] + near_cost[rep2]
            parts.append(
                _Candidates(
                    far,
                    near[rep2],
                    near_target[rep2],
                    np.full(len(far), 3, dtype=np.int64),
                    np.where(loop, np.inf, cost),
                )
            )
    return _Candidates.concat(parts)


def _third_hops(indptr: IntArray, nodes: IntArray) -> int:
    return int((indptr[nodes + 1] - indptr[nodes]).sum())


def _gather(indptr: IntArray, nodes: IntArray) -> tuple[IntArray, IntArray]:
    """For every edge leaving ``nodes``: which of ``nodes`` it leaves, and its position."""
    starts = indptr[nodes]
    lengths = indptr[nodes + 1] - starts
    rep = np.repeat(np.arange(len(nodes), dtype=np.int64), lengths)
    before = np.cumsum(lengths) - lengths
    at = starts[rep] + (np.arange(int(lengths.sum()), dtype=np.int64) - before[rep])
    return rep, at


def _route(graph: NetworkGraph, best: _Candidates, k: int) -> Route:
    first, middle, target = int(best.first[k]), int(best.middle[k]), int(best.target[k])
    hops = int(best.hops[k])
    nodes = [first, middle, target] if hops == 3 else [first, target] if hops == 2 else [target]
    ties = [float(graph.own[first])]
    ties += [graph.node_tie(a, b) for a, b in pairwise(nodes)]
    return Route(tuple(int(graph.people[n]) for n in nodes), tuple(ties))


def nearest(graph: NetworkGraph, targets: Collection[int], *, limit: int = 5) -> list[Route]:
    """When no route reaches the targets: the people tied to them, strongest tie first, as
    routes without the user's tie (``ties[0]`` is 0) — the people worth warming up."""
    nodes = graph.nodes(targets)
    rep, at = _gather(graph.indptr, nodes)
    near = graph.indices[at].astype(np.int64)
    outside = ~np.isin(near, nodes)
    rep, at, near = rep[outside], at[outside], near[outside]
    order = np.lexsort((graph.people[near], -graph.strength[at]))
    routes: list[Route] = []
    seen: set[int] = set()
    for i in order:
        person = int(near[i])
        if person in seen:
            continue
        seen.add(person)
        target = int(nodes[rep[i]])
        routes.append(
            Route(
                (int(graph.people[person]), int(graph.people[target])),
                (0.0, float(graph.strength[at[i]])),
            )
        )
        if len(routes) == limit:
            break
    return routes

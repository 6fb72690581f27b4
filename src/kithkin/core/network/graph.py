"""The network as a compact graph: people are nodes, ties are weighted undirected edges.

Built once from arrays of evidence (``Ties``), it holds compressed sparse rows: for node ``i``
its neighbours are ``indices[indptr[i]:indptr[i + 1]]`` (sorted), with their tie strengths and
costs (``-log strength``) beside them. A million ties take about 40 MB. The user is not a node:
``own[i]`` is the user's own tie to node ``i`` (0 where there is none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kithkin.core.network.strength import MAX_STRENGTH, FloatArray, cost_of

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Ties:
    """Evidence of one kind for many pairs: person ``a[k]`` and ``b[k]`` (store keys) are tied
    with ``strength[k]``. The same pair may appear in several ``Ties``; they combine."""

    a: IntArray
    b: IntArray
    strength: FloatArray

    @classmethod
    def of(cls, a: object, b: object, strength: object) -> Ties:
        return cls(
            np.asarray(a, dtype=np.int64).reshape(-1),
            np.asarray(b, dtype=np.int64).reshape(-1),
            np.asarray(strength, dtype=np.float64).reshape(-1),
        )


@dataclass(frozen=True)
class NetworkGraph:
    people: IntArray  # node i is the person with store key people[i]; sorted
    own: FloatArray  # the user's tie to node i
    indptr: IntArray
    indices: npt.NDArray[np.int32]
    strength: FloatArray
    cost: FloatArray
    # For node B: the cheapest two-hop start "you → A → B" (A = via[B], -1 if none) and its
    # cost. Long searches from well-connected targets use it instead of walking every tie.
    via: IntArray
    via_cost: FloatArray

    @classmethod
    def build(cls, people: IntArray, own: FloatArray, ties: Iterable[Ties]) -> NetworkGraph:
        order = np.argsort(people, kind="stable")
        people = np.asarray(people, dtype=np.int64)[order]
        own = np.asarray(own, dtype=np.float64)[order]
        lows, highs, strengths = _edges(people, ties)
        n = len(people)
        # Each pair both ways. Pairs come sorted by (low, high); putting the high→low copies
        # first, a stable sort by row leaves every row's neighbours in ascending order.
        rows = np.concatenate([highs, lows]).astype(np.int32)
        cols = np.concatenate([lows, highs]).astype(np.int32)
        by_row = np.argsort(rows, kind="stable")
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        tie_strength = np.concatenate([strengths, strengths])[by_row]
        indices = cols[by_row]
        del rows, cols, by_row, lows, highs, strengths
        cost = cost_of(tie_strength)
        via, via_cost = _cheapest_starts(indptr, indices, cost, own_costs(own))
        return cls(people, own, indptr, indices, tie_strength, cost, via, via_cost)

    @property
    def size(self) -> int:
        return len(self.people)

    @property
    def edge_count(self) -> int:
        return len(self.indices) // 2

    @property
    def nbytes(self) -> int:
        arrays = (
            self.people,
            self.own,
            self.indptr,
            self.indices,
            self.strength,
            self.cost,
            self.via,
            self.via_cost,
        )
        return sum(array.nbytes for array in arrays)

    def node(self, key: int) -> int:
        """The node of the person with store key ``key``, or -1."""
        at = int(np.searchsorted(self.people, key))
        return at if at < self.size and int(self.people[at]) == key else -1

    def nodes(self, keys: Iterable[int]) -> IntArray:
        """The nodes of the people among ``keys`` who are in the graph, in order, once each."""
        wanted = np.unique(np.asarray(list(keys), dtype=np.int64))
        at = np.searchsorted(self.people, wanted)
        inside = at < self.size
        at, wanted = at[inside], wanted[inside]
        return np.asarray(at[self.people[at] == wanted], dtype=np.int64)

    def own_tie(self, key: int) -> float:
        node = self.node(key)
        return float(self.own[node]) if node >= 0 else 0.0

    def tie(self, a: int, b: int) -> float:
        """The strength of the tie between two people (store keys); 0 when there is none."""
        first, second = self.node(a), self.node(b)
        if first < 0 or second < 0:
            return 0.0
        return self.node_tie(first, second)

    def node_tie(self, first: int, second: int) -> float:
        start, end = int(self.indptr[first]), int(self.indptr[first + 1])
        at = start + int(np.searchsorted(self.indices[start:end], second))
        if at < end and int(self.indices[at]) == second:
            return float(self.strength[at])
        return 0.0

    def neighbours(self, key: int) -> list[tuple[int, float]]:
        """Everyone tied to a person, strongest first: (store key, strength)."""
        node = self.node(key)
        if node < 0:
            return []
        start, end = int(self.indptr[node]), int(self.indptr[node + 1])
        keys = self.people[self.indices[start:end]]
        ties = self.strength[start:end]
        order = np.lexsort((keys, -ties))
        return [(int(keys[i]), float(ties[i])) for i in order]


def own_costs(own: FloatArray) -> FloatArray:
    """The cost of the user's own tie to each node (infinite where there is none)."""
    return np.where(own > 0, -np.log(np.maximum(own, 1e-300)), np.inf)


def _cheapest_starts(
    indptr: IntArray, indices: npt.NDArray[np.int32], cost: FloatArray, own_cost: FloatArray
) -> tuple[IntArray, FloatArray]:
    n = len(indptr) - 1
    lengths = np.diff(indptr)
    rows = np.repeat(np.arange(n, dtype=np.int32), lengths)
    through = own_cost[indices] + cost
    best = np.full(n, np.inf)
    filled = lengths > 0
    if filled.any():
        best[filled] = np.minimum.reduceat(through, indptr[:-1][filled])
    is_best = np.isfinite(through) & (through == best[rows])
    found_rows, first = np.unique(rows[is_best], return_index=True)
    via = np.full(n, -1, dtype=np.int64)
    via[found_rows] = indices[np.flatnonzero(is_best)[first]]
    return via, best


def _positions(people: IntArray, keys: IntArray) -> IntArray:
    """The node of each key (-1 for keys not in ``people``); a lookup table when keys are
    dense, as database ids usually are, else a binary search."""
    n = len(people)
    if n == 0:
        return np.full(len(keys), -1, dtype=np.int64)
    top = int(people[-1])
    if int(people[0]) >= 0 and top <= 4 * n + 1024:
        table = np.full(top + 1, -1, dtype=np.int64)
        table[people] = np.arange(n)
        inside = (keys >= 0) & (keys <= top)
        return np.where(inside, table[np.clip(keys, 0, top)], -1)
    at = np.minimum(np.searchsorted(people, keys), n - 1)
    return np.where(people[at] == keys, at, -1)


def _edges(people: IntArray, ties: Iterable[Ties]) -> tuple[IntArray, IntArray, FloatArray]:
    """Every pair once (low node, high node), its evidence combined as independent chances."""
    n = len(people)
    keys: list[IntArray] = [np.zeros(0, dtype=np.int64)]
    missed: list[FloatArray] = [np.zeros(0)]
    for part in ties:  # one kind at a time, so only the pairs' keys are ever all in memory
        a_at, b_at = _positions(people, part.a), _positions(people, part.b)
        known = (a_at >= 0) & (b_at >= 0) & (a_at != b_at) & (part.strength > 0)
        a_at, b_at = a_at[known], b_at[known]
        keys.append(np.minimum(a_at, b_at) * np.int64(n) + np.maximum(a_at, b_at))
        missed.append(np.log1p(-np.minimum(part.strength[known], 1.0 - 1e-12)))
    pairs, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    combined = np.minimum(
        -np.expm1(np.bincount(inverse, weights=np.concatenate(missed))), MAX_STRENGTH
    )
    return pairs // max(n, 1), pairs % max(n, 1), combined

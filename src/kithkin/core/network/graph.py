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

    @classmethod
    def build(cls, people: IntArray, own: FloatArray, ties: Iterable[Ties]) -> NetworkGraph:
        order = np.argsort(people, kind="stable")
        people = np.asarray(people, dtype=np.int64)[order]
        own = np.asarray(own, dtype=np.float64)[order]
        lows, highs, strengths = _edges(people, list(ties))
        n = len(people)
        rows = np.concatenate([lows, highs])
        cols = np.concatenate([highs, lows])
        both = np.concatenate([strengths, strengths])
        by_row = np.lexsort((cols, rows))
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        tie_strength = both[by_row]
        return cls(
            people=people,
            own=own,
            indptr=indptr,
            indices=cols[by_row].astype(np.int32),
            strength=tie_strength,
            cost=cost_of(tie_strength),
        )

    @property
    def size(self) -> int:
        return len(self.people)

    @property
    def edge_count(self) -> int:
        return len(self.indices) // 2

    @property
    def nbytes(self) -> int:
        arrays = (self.people, self.own, self.indptr, self.indices, self.strength, self.cost)
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


def _edges(people: IntArray, ties: list[Ties]) -> tuple[IntArray, IntArray, FloatArray]:
    """Every pair once (low node, high node), its evidence combined as independent chances."""
    if not ties:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    a = np.concatenate([t.a for t in ties])
    b = np.concatenate([t.b for t in ties])
    strength = np.concatenate([t.strength for t in ties])
    n = len(people)
    a_at = np.minimum(np.searchsorted(people, a), max(n - 1, 0))
    b_at = np.minimum(np.searchsorted(people, b), max(n - 1, 0))
    known = (n > 0) & (people[a_at] == a) & (people[b_at] == b) & (a_at != b_at) & (strength > 0)
    a_at, b_at, strength = a_at[known], b_at[known], strength[known]
    low, high = np.minimum(a_at, b_at), np.maximum(a_at, b_at)
    pairs, inverse = np.unique(low * np.int64(n) + high, return_inverse=True)
    missed = np.bincount(inverse, weights=np.log1p(-np.minimum(strength, 1.0 - 1e-12)))
    combined = np.minimum(-np.expm1(missed), MAX_STRENGTH)
    return pairs // n, pairs % n, combined

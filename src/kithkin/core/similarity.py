"""Near-identical texts: how the over-automation check finds one message sent to many.

* Normalize: casefold, keep runs of letters and digits (every digit becomes ``0``), and drop
  the name after an opening greeting (``Hi Ana,`` and ``Hi Ben,`` both become ``hi``).
* Shingle: the set of word pairs (a one-word text is its own shingle).
* Compare: Jaccard similarity of the shingle sets; ``SIMILAR = 0.8`` or more is the same
  message. One changed word in a 20-word message keeps it above 0.8; a rewritten sentence
  does not.

Pairs are found with prefix filtering, which is exact for the threshold: if two sets have a
Jaccard of ``t`` or more, they share one of the first ``n - ceil(t * n) + 1`` shingles of
either (shingles sorted rarest first). Only those candidates are compared, so thousands of
messages cost little more than reading them. Groups are the connected pairs.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

SIMILAR = 0.8
MIN_WORDS = 6  # shorter texts ("caught up", "coffee") say nothing about automation

GREETINGS = frozenset({"hi", "hello", "hey", "dear", "hiya", "greetings", "morning"})

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")


def words(text: str) -> list[str]:
    """The normalized words of ``text``."""
    found = [_DIGIT.sub("0", word) for word in _WORD.findall(text.casefold())]
    if len(found) > 2 and found[0] in GREETINGS:
        del found[1]
    return found


def shingles(text: str) -> frozenset[str]:
    tokens = words(text)
    if len(tokens) < 2:
        return frozenset(tokens)
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(tokens))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def similar_groups(texts: Sequence[str], *, threshold: float = SIMILAR) -> list[list[int]]:
    """Groups (two or more) of indices of ``texts`` that are near-identical, chained through
    similar pairs; each group ascending, groups ordered by their first index."""
    sets = [shingles(text) for text in texts]
    frequency = Counter(shingle for shingle_set in sets for shingle in shingle_set)
    parent = list(range(len(texts)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    index: defaultdict[str, list[int]] = defaultdict(list)
    for position, shingle_set in enumerate(sets):
        if not shingle_set:
            continue
        ordered = sorted(shingle_set, key=lambda shingle: (frequency[shingle], shingle))
        size = len(ordered)
        prefix = ordered[: size - math.ceil(threshold * size - 1e-9) + 1]
        candidates = {other for shingle in prefix for other in index[shingle]}
        for other in candidates:
            if root(other) != root(position) and jaccard(shingle_set, sets[other]) >= threshold:
                parent[root(position)] = root(other)
        for shingle in prefix:
            index[shingle].append(position)

    groups: defaultdict[int, list[int]] = defaultdict(list)
    for position in range(len(texts)):
        groups[root(position)].append(position)
    return sorted((group for group in groups.values() if len(group) > 1), key=lambda g: g[0])

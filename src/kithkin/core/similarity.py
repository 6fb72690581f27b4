"""Near-identical texts: how the over-automation check finds one message sent to many.

* Normalize: casefold, keep runs of letters and digits (every digit becomes ``0``), and drop
  the name after an opening greeting (``Hi Ana,`` and ``Hi Ben,`` both become ``hi``).
* Shingle: the set of word pairs (a one-word text is its own shingle).
* Compare: Jaccard similarity of the shingle sets; ``SIMILAR = 0.8`` or more is the same
  message. One changed word in a 20-word message keeps it above 0.8; a rewritten sentence
  does not.

Pairs are found with prefix filtering, which is exact for the threshold: if two sets have a
Jaccard of ``t`` or more, they share one of the first ``n - ceil(t * n) + 1`` shingles of
either (shingles sorted rarest first). Only those candidates are compared, and only when their
sizes allow it (``|A ∩ B| / |A ∪ B| <= min(|A|, |B|) / max(|A|, |B|)``), so thousands of
messages cost little more than reading them. Shingles are numbered by rarity once, so each
set sorts as plain integers. Groups are the connected pairs.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence, Set

SIMILAR = 0.8
MIN_WORDS = 6  # shorter texts ("caught up", "coffee") say nothing about automation

GREETINGS = frozenset({"hi", "hello", "hey", "dear", "hiya", "greetings", "morning"})

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")


def words(text: str) -> list[str]:
    """The normalized words of ``text``."""
    # Digits are word characters: masking them first leaves the words where they were.
    found: list[str] = _WORD.findall(_DIGIT.sub("0", text.casefold()))
    if len(found) > 2 and found[0] in GREETINGS:
        del found[1]
    return found


def word_pairs(tokens: Sequence[str]) -> frozenset[str]:
    """The shingles of already normalized ``words``."""
    if len(tokens) < 2:
        return frozenset(tokens)
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(tokens))


def shingles(text: str) -> frozenset[str]:
    return word_pairs(words(text))


def jaccard(a: Set[object], b: Set[object]) -> float:
    if not a and not b:
        return 1.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def similar_groups(texts: Sequence[str], *, threshold: float = SIMILAR) -> list[list[int]]:
    """Groups (two or more) of indices of ``texts`` that are near-identical, chained through
    similar pairs; each group ascending, groups ordered by their first index."""
    return similar_word_groups([words(text) for text in texts], threshold=threshold)


def similar_word_groups(
    texts: Sequence[Sequence[str]], *, threshold: float = SIMILAR
) -> list[list[int]]:
    """``similar_groups`` of texts already cut into ``words``.

    The texts are visited smallest first (AllPairs): a smaller text is indexed by the shorter
    prefix that any larger partner must share with it, and index entries too small for the
    current text are dropped for good, since every later text is at least as large.
    """
    sets = _shingle_codes(texts)
    ordered_sets = _by_rarity(sets)
    parent = list(range(len(sets)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    index: defaultdict[int, list[int]] = defaultdict(list)
    skip: defaultdict[int, int] = defaultdict(int)  # entries of index[shingle] too small now
    pair_share = 2 * threshold / (1 + threshold)
    for position in sorted(range(len(sets)), key=lambda p: len(sets[p])):
        ordered, mine = ordered_sets[position], sets[position]
        size = len(mine)
        if not size:
            continue
        smallest = threshold * size - 1e-9
        candidates: set[int] = set()
        for shingle in ordered[: size - math.ceil(smallest) + 1]:
            entries, first = index[shingle], skip[shingle]
            while first < len(entries) and len(sets[entries[first]]) < smallest:
                first += 1
            skip[shingle] = first
            candidates.update(entries[first:])
        for other in candidates:
            theirs = sets[other]
            common = len(mine & theirs)
            if common >= threshold * (size + len(theirs) - common) and root(other) != root(
                position
            ):
                parent[root(position)] = root(other)
        for shingle in ordered[: size - math.ceil(pair_share * size - 1e-9) + 1]:
            index[shingle].append(position)

    groups: defaultdict[int, list[int]] = defaultdict(list)
    for position in range(len(sets)):
        groups[root(position)].append(position)
    return sorted((group for group in groups.values() if len(group) > 1), key=lambda g: g[0])


_PAIR = 1 << 30  # word numbers stay far below: a pair of them is one int


def _shingle_codes(texts: Sequence[Sequence[str]]) -> list[frozenset[int]]:
    """``shingles`` as integers: words numbered as first seen, a pair ``a * _PAIR + b``, a
    one-word text ``-1 - a``."""
    numbers: dict[str, int] = {}
    found: list[frozenset[int]] = []
    for tokens in texts:
        codes = [numbers.setdefault(word, len(numbers)) for word in tokens]
        if len(codes) < 2:
            found.append(frozenset(-1 - code for code in codes))
        else:
            found.append(frozenset(a * _PAIR + b for a, b in itertools.pairwise(codes)))
    return found


def _by_rarity(sets: Sequence[frozenset[int]]) -> list[list[int]]:
    """Each set as the ascending ranks of its shingles, rarest first (ties by code, so the
    order, and with it the work done, is the same on every run)."""
    frequency = Counter(itertools.chain.from_iterable(sets))
    ranked = sorted(frequency, key=lambda code: (frequency[code], code))
    rank = {code: position for position, code in enumerate(ranked)}.__getitem__
    return [sorted(map(rank, shingle_set)) for shingle_set in sets]

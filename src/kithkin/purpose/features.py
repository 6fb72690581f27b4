"""What the purpose model sees of a note: words, word pairs, pieces of words and topic sides.

Plain Python, so classifying a note needs no scikit-learn: only training does.
"""

from __future__ import annotations

import itertools
from collections import Counter
from functools import lru_cache

from kithkin.purpose.text import words_of
from kithkin.purpose.topics import TOPIC_SIDE, find_topics_in

_CHAR_SIZES = (3, 4, 5)

WORD = "w:"
PAIR = "b:"
CHARS = "c:"
TOPIC = "t:"


def features_of(text: str) -> Counter[str]:
    """Every feature of a note with how often it occurs."""
    words = words_of(text)
    found: Counter[str] = Counter()
    for word in words:
        found[WORD + word] += 1
        found.update(char_grams(word))
    found.update(pair_features(words))
    found.update(topic_features(words))
    return found


def pair_features(words: list[str]) -> list[str]:
    return [f"{PAIR}{first} {second}" for first, second in itertools.pairwise(words)]


def topic_features(words: list[str]) -> list[str]:
    """The note's topics, which sides they are on, and whether it has both sides."""
    topics = [hit.topic for hit in find_topics_in(words)]
    sides = {TOPIC_SIDE[topic] for topic in topics}
    found = [TOPIC + topic for topic in topics] + [TOPIC + side.value for side in sorted(sides)]
    if len(sides) == 2:
        found.append(TOPIC + "two-sided")
    return found


@lru_cache(maxsize=200_000)
def char_grams(word: str) -> tuple[str, ...]:
    """The pieces of a word the model sees (3 to 5 characters, with its edges marked)."""
    padded = f" {word} "
    return tuple(
        CHARS + padded[start : start + size]
        for size in _CHAR_SIZES
        for start in range(len(padded) - size + 1)
    )


def evidence_words(feature: str) -> str | None:
    """The words a feature shows the user, or None for a feature that is not words."""
    if feature.startswith((WORD, PAIR)):
        return feature[2:]
    return None

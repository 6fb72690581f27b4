from __future__ import annotations

import itertools
import random

from kithkin.core.similarity import SIMILAR, jaccard, shingles, similar_groups, words

TEMPLATE = (
    "Hi {name}, I came across your profile and would love to connect and learn more about "
    "your work in {field}. Looking forward to staying in touch!"
)


def test_words_are_casefolded_digits_masked_and_the_greeted_name_dropped() -> None:
    assert words("Hi Ana, meet me at 10:30!") == ["hi", "meet", "me", "at", "00", "00"]
    assert words("Hello") == ["hello"]


def test_a_template_with_a_different_name_is_near_identical() -> None:
    ana = shingles(TEMPLATE.format(name="Ana", field="fintech"))
    ben = shingles(TEMPLATE.format(name="Ben", field="fintech"))
    other_field = shingles(TEMPLATE.format(name="Cy", field="robotics"))
    assert jaccard(ana, ben) == 1.0
    assert jaccard(ana, other_field) >= SIMILAR


def test_different_messages_are_not_near_identical() -> None:
    ana = shingles(TEMPLATE.format(name="Ana", field="fintech"))
    personal = shingles(
        "Ana, great to see you at PyCon; the talk on payments reminded me of our chat about "
        "your move to Lisbon. Coffee next week?"
    )
    assert jaccard(ana, personal) < 0.2


def test_similar_groups_chain_near_identical_texts_and_leave_the_rest() -> None:
    texts = [
        TEMPLATE.format(name="Ana", field="fintech"),
        "Lunch on Thursday? I'll bring the book I promised you last time.",
        TEMPLATE.format(name="Ben", field="fintech"),
        TEMPLATE.format(name="Cy", field="robotics"),
    ]
    assert similar_groups(texts) == [[0, 2, 3]]
    assert similar_groups(texts[:2]) == []


def test_prefix_filtering_finds_every_pair_a_full_comparison_finds() -> None:
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(30)]
    base = [rng.choices(vocabulary, k=14) for _ in range(12)]
    texts = []
    for sentence in base:
        for _ in range(4):
            edited = sentence[:]
            edited[rng.randrange(len(edited))] = rng.choice(vocabulary)
            texts.append(" ".join(edited))
    sets = [shingles(text) for text in texts]
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in itertools.combinations(range(len(texts)), 2):
        if jaccard(sets[a], sets[b]) >= SIMILAR:
            parent[root(a)] = root(b)
    expected: dict[int, list[int]] = {}
    for i in range(len(texts)):
        expected.setdefault(root(i), []).append(i)
    brute = sorted((g for g in expected.values() if len(g) > 1), key=lambda g: g[0])
    assert similar_groups(texts) == brute
    assert brute  # the data does hold near-duplicates

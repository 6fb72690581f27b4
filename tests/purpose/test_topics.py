from __future__ import annotations

import pytest

from kithkin.purpose.corpus import TRAIN, load_examples
from kithkin.purpose.topics import ALL_TOPICS, NETWORKING_TOPICS, SOCIAL_TOPICS, find_topics


def topics(text: str) -> dict[str, tuple[str, ...]]:
    return {hit.topic: hit.words for hit in find_topics(text)}


def test_the_topic_lists_are_the_seeds() -> None:
    assert len(NETWORKING_TOPICS) == 11 and len(SOCIAL_TOPICS) == 9
    assert len(set(ALL_TOPICS)) == 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She is hiring two backend engineers", {"hiring": ("hiring",)}),
        ("Reviewed his résumé and cover letter", {"job-search": ("résumé", "cover letter")}),
        ("Met at the Web Summit booth", {"events-conferences": ("summit", "booth")}),
        ("Took my son to football", {"family-friends": ("son",), "sports": ("football",)}),
        ("song recommendations", {}),  # "son" is a whole word, not a prefix
        (
            "Birthday drinks at the pub",
            {"food-drink": ("drinks", "pub"), "celebrations": ("birthday",)},
        ),
        (
            "Series A term sheet from the VC",
            {"funding": ("series a", "term sheet", "vc"), "entertainment": ("series",)},
        ),
    ],
)
def test_topics_and_the_words_that_found_them(
    text: str, expected: dict[str, tuple[str, ...]]
) -> None:
    assert topics(text) == expected


def test_topics_come_in_the_order_of_the_lists() -> None:
    found = [
        hit.topic
        for hit in find_topics("Wedding toast, then she pitched me her startup's seed round")
    ]
    assert found == sorted(found, key=ALL_TOPICS.index)


def test_the_lexicon_finds_most_topics_the_corpus_labels() -> None:
    """Topic recall on the training corpus, as a floor that catches a broken lexicon."""
    labelled = found = 0
    for example in load_examples(TRAIN):
        seen = {hit.topic for hit in find_topics(example.text)}
        labelled += len(example.topics)
        found += len(seen & set(example.topics))
    assert found / labelled > 0.5

from __future__ import annotations

import pytest

from kithkin.purpose.corpus import HELDOUT, TRAIN, load_examples
from kithkin.purpose.default import default_model
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
            {"funding": ("vc", "series a", "term sheet"), "entertainment": ("series",)},
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


def test_the_lexicon_finds_a_good_share_of_the_topics_the_corpus_labels() -> None:
    """The lexicon is a feature of the model (and the semantic backend's evidence), not the
    topic tagger; this floor catches a broken lexicon."""
    labelled = found = 0
    for example in load_examples(TRAIN):
        seen = {hit.topic for hit in find_topics(example.text)}
        labelled += len(example.topics)
        found += len(seen & set(example.topics))
    assert found / labelled > 0.35


def test_the_models_topics_on_the_held_out_split() -> None:
    """Topic tagging is learned from the corpus labels; micro-F1 on the held-out split."""
    examples = load_examples(HELDOUT)
    guesses = default_model().guess_many(e.text for e in examples)
    right = said = labelled = 0
    for example, guess in zip(examples, guesses, strict=True):
        right += len(set(guess.topics) & set(example.topics))
        said += len(guess.topics)
        labelled += len(example.topics)
    precision, recall = right / said, right / labelled
    assert 2 * precision * recall / (precision + recall) > 0.5

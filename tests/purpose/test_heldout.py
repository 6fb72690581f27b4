"""The shipped model on the held-out split, which no fitting or setting ever saw."""

from __future__ import annotations

from kithkin.purpose.corpus import HELDOUT, TRAIN, load_examples
from kithkin.purpose.default import default_model
from kithkin.purpose.evaluate import evaluate

TARGET_MACRO_F1 = 0.85


def test_macro_f1_on_the_held_out_split_meets_the_target() -> None:
    examples = load_examples(HELDOUT)
    guesses = default_model().guess_many(e.text for e in examples)
    result = evaluate([e.purpose for e in examples], [g.purpose for g in guesses])
    print("\n" + result.table())
    assert len(examples) >= 500
    assert result.macro_f1 >= TARGET_MACRO_F1, result.table()
    assert min(score.f1 for score in result.classes) >= 0.8, result.table()


def test_no_held_out_note_is_in_the_training_split() -> None:
    def key(text: str) -> str:
        return " ".join(text.casefold().split())

    trained = {key(e.text) for e in load_examples(TRAIN)}
    assert not [e.text for e in load_examples(HELDOUT) if key(e.text) in trained]


def test_the_corpus_is_big_and_balanced_enough() -> None:
    examples = load_examples(TRAIN)
    assert len(examples) + len(load_examples(HELDOUT)) >= 2000
    shares = {
        p: sum(e.purpose is p for e in examples) / len(examples)
        for p in {e.purpose for e in examples}
    }
    assert len(shares) == 3 and min(shares.values()) > 0.2

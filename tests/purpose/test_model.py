"""The default purpose model: features, batch and single guesses, safe storage, the shipped file."""

from __future__ import annotations

import io
from collections import Counter

import numpy as np
import pytest

from kithkin.core.vocabulary import Purpose
from kithkin.errors import KithkinError
from kithkin.purpose.classifier import classify
from kithkin.purpose.corpus import HELDOUT, TRAIN, Example, corpus_digest, load_examples
from kithkin.purpose.default import default_model
from kithkin.purpose.features import features_of
from kithkin.purpose.model import CLASSES, LinearModel
from kithkin.purpose.semantic import shipped_semantic_model
from kithkin.purpose.training import fit

NOTES = [e.text for e in load_examples(HELDOUT)[:200]]


def test_the_shipped_model_was_fitted_on_the_corpus_as_it_is() -> None:
    """Fails when the corpus changed without `python -m kithkin.purpose.build`."""
    model = default_model()
    assert model.meta["corpus"] == corpus_digest(TRAIN)
    assert model.meta["notes"] == len(load_examples(TRAIN))


def test_the_shipped_semantic_head_was_fitted_on_the_corpus_as_it_is() -> None:
    """Loading the head needs NumPy only; `python -m kithkin.purpose.build --semantic` refits it."""
    head = shipped_semantic_model()
    assert head.meta["corpus"] == corpus_digest(TRAIN)
    assert head.coef.shape == (3, 384) and head.topic_coef.shape[0] == 20


def test_the_fast_feature_path_sees_what_training_saw() -> None:
    model = default_model()
    for note in NOTES:
        expected = {
            model.vocabulary[name]: n
            for name, n in features_of(note).items()
            if name in model.vocabulary
        }
        assert Counter(model.ids(note)) == expected, note


def test_one_note_and_a_batch_get_the_same_guess() -> None:
    model = default_model()
    batch = model.guess_many(NOTES)
    for note, guessed in zip(NOTES, batch, strict=True):
        single = model.guess(note)
        assert single.purpose is guessed.purpose
        assert single.confidence == pytest.approx(guessed.confidence, abs=1e-3)
        assert sum(single.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
    assert model.guess_many([]) == []


def test_a_note_with_nothing_known_still_gets_a_guess() -> None:
    guessed = default_model().guess("ẞẞẞ")
    assert guessed.purpose in CLASSES and 0 < guessed.confidence <= 1


def test_evidence_is_words_of_the_note_that_lean_towards_the_purpose() -> None:
    found = classify(
        default_model(), "Pitched our seed round to Lena; she wants the deck and the cap table"
    )
    assert found.evidence
    lowered = "pitched our seed round to lena; she wants the deck and the cap table"
    assert all(all(word in lowered for word in words.split()) for words in found.evidence)


def test_a_model_round_trips_through_bytes() -> None:
    model = default_model()
    again = LinearModel.from_bytes(model.to_bytes())
    assert again.names == model.names and again.meta == model.meta
    assert np.array_equal(again.coef, model.coef) and np.array_equal(again.idf, model.idf)
    assert [g.purpose for g in again.guess_many(NOTES)] == [
        g.purpose for g in model.guess_many(NOTES)
    ]


def test_stored_bytes_are_never_unpickled() -> None:
    buffer = io.BytesIO()
    np.savez(buffer, format=np.array([{"evil": 1}], dtype=object))
    with pytest.raises(KithkinError, match="cannot be read"):
        LinearModel.from_bytes(buffer.getvalue())
    with pytest.raises(KithkinError, match="cannot be read"):
        LinearModel.from_bytes(b"not a model")


def test_fitting_is_deterministic_and_weights_count() -> None:
    examples = [
        Example("coffee with a founder about her seed round", Purpose.NETWORKING),
        Example("pitched the seed round to an angel", Purpose.NETWORKING),
        Example("my niece's birthday party", Purpose.SOCIAL),
        Example("birthday drinks for my brother", Purpose.SOCIAL),
        Example("dinner with an old friend who offered a job lead", Purpose.BOTH),
        Example("family lunch, my uncle offered an intro to his supplier", Purpose.BOTH),
    ]
    first, second = fit(examples), fit(examples)
    assert np.array_equal(first.coef, second.coef)
    probe = "a birthday party where an angel heard our seed round pitch"
    heavier = fit([*examples, Example(probe, Purpose.BOTH, weight=20.0)])
    assert heavier.guess(probe).purpose is Purpose.BOTH

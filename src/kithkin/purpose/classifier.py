"""A note's purpose, confidence, topics and evidence, from whichever model is in use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kithkin.core.vocabulary import Purpose
from kithkin.purpose.model import Guess
from kithkin.purpose.topics import TOPIC_SIDE, find_topics


class PurposeModel(Protocol):
    meta: dict[str, Any]

    def guess_many(self, texts: Sequence[str]) -> list[Guess]: ...

    def evidence(self, text: str, purpose: Purpose, limit: int = 5) -> list[str]: ...

    def to_bytes(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Classification:
    purpose: Purpose
    confidence: float
    topics: tuple[str, ...]
    evidence: tuple[str, ...]


def classify(model: PurposeModel, text: str) -> Classification:
    """Everything the user is shown about one note."""
    guess = model.guess_many([text])[0]
    return Classification(
        purpose=guess.purpose,
        confidence=guess.confidence,
        topics=guess.topics,
        evidence=tuple(model.evidence(text, guess.purpose)),
    )


def topic_words(text: str, purpose: Purpose) -> list[str]:
    """The topic words of a note that speak for a purpose (evidence without model weights)."""
    sides = {Purpose.NETWORKING, Purpose.SOCIAL} if purpose is Purpose.BOTH else {purpose}
    return [
        word for hit in find_topics(text) if TOPIC_SIDE[hit.topic] in sides for word in hit.words
    ]

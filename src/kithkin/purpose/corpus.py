"""The labelled notes the default model learns from, and the held-out notes it is judged on.

Both live in `kithkin/purpose/corpus/` (see its README for how they were written). Training code
reads only `train.jsonl`; `heldout.jsonl` is read by the evaluation alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kithkin.core.vocabulary import Channel, Purpose
from kithkin.errors import KithkinError
from kithkin.purpose.topics import ALL_TOPICS

TRAIN = "train.jsonl"
HELDOUT = "heldout.jsonl"


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    purpose: Purpose
    topics: tuple[str, ...] = ()
    channel: Channel = Channel.OTHER
    weight: float = 1.0
    topics_labelled: bool = True  # a user's correction says the purpose only


def corpus_text(name: str) -> str:
    return resources.files("kithkin.purpose").joinpath("corpus", name).read_text("utf-8")


def corpus_digest(name: str = TRAIN) -> str:
    return hashlib.sha256(corpus_text(name).encode()).hexdigest()[:16]


def load_examples(name: str = TRAIN) -> list[Example]:
    return parse_examples(corpus_text(name), source=name)


def read_examples(path: Path) -> list[Example]:
    return parse_examples(path.read_text("utf-8"), source=str(path))


def parse_examples(text: str, *, source: str) -> list[Example]:
    """Labelled notes from JSON Lines, with `source:line: what is wrong` on bad records."""
    examples = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
            purpose = Purpose(record["purpose"])
            topics = tuple(record.get("topics", ()))
            channel = Channel(record.get("channel", "other"))
        except (ValueError, KeyError, TypeError) as error:
            raise KithkinError(f"{where}: not a labelled note: {error}") from error
        unknown = [t for t in topics if t not in ALL_TOPICS]
        if unknown:
            raise KithkinError(f"{where}: topics: unknown {', '.join(unknown)}")
        note = record.get("text")
        if not isinstance(note, str) or not note.strip():
            raise KithkinError(f"{where}: text: expected a non-empty note")
        examples.append(Example(note.strip(), purpose, topics, channel))
    return examples

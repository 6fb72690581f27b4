"""JSON shapes of duplicate candidates and of a merge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kithkin.core.duplicates import DuplicatePair
from kithkin.core.merge import MergeResult
from kithkin.core.serialize import person_json, person_ref_json

JSON = dict[str, Any]


def duplicate_pair_json(pair: DuplicatePair) -> JSON:
    return {
        "score": pair.score,
        "people": [person_ref_json(person) for person in pair.people],
        "reasons": list(pair.reasons),
    }


def duplicates_json(pairs: Sequence[DuplicatePair], *, total: int) -> JSON:
    """The pairs shown, and how many there are in all (``--limit`` shows the best)."""
    return {"pairs": [duplicate_pair_json(pair) for pair in pairs], "total": total}


def merge_json(result: MergeResult) -> JSON:
    return {
        "kept": person_json(result.kept),
        "merged": person_ref_json(result.merged),
        "moved": dict(result.moved),
        "kept_once": dict(result.kept_once),
        "relationships_between_dropped": result.between,
        "old_name_kept_as_nickname": result.old_name,
    }

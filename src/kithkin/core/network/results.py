"""What the network use cases answer, as plain records (and their JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kithkin.core.records import PersonRef
from kithkin.core.vocabulary import RelationshipKind


@dataclass(frozen=True)
class Hop:
    """One tie of a path: to ``person`` from the one before (or from you, for the first)."""

    person: PersonRef
    strength: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class WarmPath:
    hops: tuple[Hop, ...]
    strength: float
    ask: str
    nudge: str | None  # e.g. offer help first: you have never helped the one you would ask


@dataclass(frozen=True)
class PathResult:
    target: str  # what was asked for, in words
    targets: int  # how many people that is
    paths: tuple[WarmPath, ...]
    nearest: tuple[WarmPath, ...]  # when there is no path: people tied to the target
    message: str


def hop_json(hop: Hop) -> dict[str, Any]:
    return {
        "id": hop.person.id,
        "name": hop.person.name,
        "strength": round(hop.strength, 4),
        "reasons": list(hop.reasons),
    }


def path_json(path: WarmPath) -> dict[str, Any]:
    return {
        "strength": round(path.strength, 4),
        "hops": [hop_json(hop) for hop in path.hops],
        "ask": path.ask,
        "nudge": path.nudge,
    }


def path_result_json(result: PathResult) -> dict[str, Any]:
    return {
        "target": result.target,
        "targets": result.targets,
        "found": bool(result.paths),
        "paths": [path_json(p) for p in result.paths],
        "nearest": [path_json(p) for p in result.nearest],
        "message": result.message,
    }


@dataclass(frozen=True)
class Link:
    person: PersonRef
    other: PersonRef
    kind: RelationshipKind
    since: str | None
    until: str | None
    note: str
    created: bool  # False: the relationship was already known (its dates/note updated)


def link_json(link: Link) -> dict[str, Any]:
    return {
        "person": {"id": link.person.id, "name": link.person.name},
        "other": {"id": link.other.id, "name": link.other.name},
        "kind": link.kind.value,
        "since": link.since,
        "until": link.until,
        "note": link.note,
        "created": link.created,
    }

"""Duplicates: list the candidate pairs, and merge two people into one (the user's call)."""

from __future__ import annotations

from kithkin.core.duplicates import DuplicatePair, rank
from kithkin.core.merge import KINDS, MergeResult
from kithkin.core.records import PersonRef
from kithkin.errors import InvalidInput
from kithkin.services.context import Context
from kithkin.services.memory import collector_paused
from kithkin.store.duplicates import DuplicatesRepository
from kithkin.store.merge import MergeRepository


def find_duplicates(ctx: Context, *, limit: int | None = None) -> list[DuplicatePair]:
    """Candidate pairs of records of one person, best first (see ``core.duplicates``)."""
    with collector_paused():
        with ctx.store.transaction() as tx:
            repository = DuplicatesRepository(tx.session, tx.owner_id)
            pairs = repository.candidate_pairs()
            candidates = repository.candidates([person for pair in pairs for person in pair])
        found = rank(candidates, (pair for pair in pairs if set(pair) <= candidates.keys()))
    return found[:limit] if limit is not None else found


def merge_people(ctx: Context, keep: str, other: str) -> MergeResult:
    """Merge OTHER into KEEP: everything OTHER had moves to KEEP, OTHER is deleted, and the
    merge is recorded with OTHER as it was."""
    now = ctx.now()
    with ctx.store.transaction() as tx:
        keep_id = tx.people.resolve(keep)
        other_id = tx.people.resolve(other)
        names = tx.people.names([keep_id, other_id])
        if keep_id == other_id:
            uid, name = names[keep_id]
            raise InvalidInput(
                f"{keep!r} and {other!r} are both {name} ({uid[:8]}); "
                "name two different people to merge.",
                field="OTHER",
            )
        merged = PersonRef(*names[other_id])
        source = tx.new_source("merge", now=now, detail=f"{merged.name} ({merged.id[:8]})")
        repository = MergeRepository(tx.session, tx.owner_id, tx.people)
        counts = repository.merge(keep_id, other_id, now=now, source_id=source)
        return MergeResult(
            kept=tx.people.get(keep_id),
            merged=merged,
            moved={kind: counts.moved[kind] for kind in KINDS},
            kept_once={kind: counts.kept_once[kind] for kind in KINDS},
            between=counts.between,
            old_name=counts.old_name,
        )

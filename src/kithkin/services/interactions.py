"""Interactions, follow-ups and search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kithkin.core.log_entry import LogInput, check_log_input
from kithkin.core.records import FollowUp, Interaction, SearchResults
from kithkin.core.vocabulary import FollowUpStatus, PurposeSource
from kithkin.errors import Conflict, InvalidInput
from kithkin.services.context import Context
from kithkin.services.purpose import guess_for_log


def log_interaction(ctx: Context, references: Sequence[str], raw: LogInput) -> Interaction:
    """Log an interaction with one or more people (or an activity with nobody)."""
    if not references and raw.activity is None:
        raise InvalidInput(
            "say who the interaction was with, or log an activity with --activity.",
            field="PERSON",
        )
    now = ctx.now()
    entry = check_log_input(raw, now=now, tz=ctx.settings.timezone)
    with ctx.store.transaction() as tx:
        person_ids = [tx.people.resolve(reference) for reference in references]
        source = tx.new_source(ctx.source_kind, now=now, detail="log")
        guess = None if entry.purpose is not None else guess_for_log(ctx, tx, entry.note)
        if guess is not None:
            entry = replace(entry, purpose=guess.purpose)
        interaction_id = tx.interactions.add(
            entry,
            person_ids,
            source_id=source,
            now=now,
            purpose_source=PurposeSource.MODEL if guess else None,
            purpose_confidence=guess.confidence if guess else None,
            model_purpose=guess.purpose if guess else None,
            topics=guess.topics if guess else (),
        )
        return tx.interactions.get(interaction_id)


def list_follow_ups(ctx: Context, *, include_closed: bool = False) -> list[FollowUp]:
    statuses = None if include_closed else [FollowUpStatus.OPEN, FollowUpStatus.SNOOZED]
    with ctx.store.transaction() as tx:
        return tx.follow_ups.list(statuses=statuses)


def complete_follow_up(ctx: Context, follow_up_id: int) -> FollowUp:
    now = ctx.now()
    with ctx.store.transaction() as tx:
        if tx.follow_ups.get(follow_up_id).status is FollowUpStatus.DONE:
            raise Conflict(f"follow-up {follow_up_id} is already done.")
        tx.follow_ups.set_status(follow_up_id, FollowUpStatus.DONE, now=now)
        return tx.follow_ups.get(follow_up_id)


def search(ctx: Context, query: str, *, limit: int = 20) -> SearchResults:
    if not query.strip():
        raise InvalidInput("search for something: a name, a company, a word from a note.")
    with ctx.store.transaction() as tx:
        person_ids = tx.search.people(query, limit=limit)
        people = tx.people.summaries(ids=person_ids) if person_ids else []
        uids = tx.people.names(person_ids)
        order = {uids[pid][0]: rank for rank, pid in enumerate(person_ids)}
        people.sort(key=lambda summary: order[summary.id])
        interactions = tx.interactions.load(tx.search.interactions(query, limit=limit))
        return SearchResults(tuple(people), tuple(interactions))

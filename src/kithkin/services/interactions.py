"""Interactions, follow-ups and search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from kithkin.core.log_entry import LogInput, check_log_input
from kithkin.core.records import FollowUp, Interaction, SearchResults
from kithkin.core.vocabulary import FollowUpStatus, Purpose, PurposeSource
from kithkin.errors import Conflict, InvalidInput
from kithkin.services.context import Context
from kithkin.services.purpose import Retrained, guess_for_log, record_correction, retrain


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


@dataclass(frozen=True, slots=True)
class InteractionChanges:
    """What to change in a logged interaction, as typed (None: keep it). The values are
    checked as `kithkin log` checks them; a purpose is a correction that teaches the model."""

    note: str | None = None
    date: str | None = None
    channel: str | None = None
    minutes: int | None = None
    purpose: str | None = None


@dataclass(frozen=True, slots=True)
class Edited:
    interaction: Interaction  # as it is now
    changed: tuple[str, ...]  # what differs from before: note, date, channel, minutes, purpose
    model_purpose: Purpose | None  # the model's purpose for the note (None: it has not read it)
    reguessed: bool  # the note changed and its purpose, the model's guess, was guessed again
    corrected: bool  # a purpose was given: kept as training data
    retrained: Retrained | None


@dataclass(frozen=True, slots=True)
class Removed:
    interaction: Interaction  # as it was, with the ledger entries deleted along with it
    follow_ups: tuple[FollowUp, ...]  # its follow-ups, kept and no longer linked to it


def edit_interaction(ctx: Context, interaction_id: int, changes: InteractionChanges) -> Edited:
    """Change a logged interaction. A new note is read again by the purpose model (its guess
    replaces a purpose it guessed, never one the user set); a new date moves the ledger
    entries logged with it; a new date or channel recomputes the people's last contact and
    warmth; a purpose is the user's correction (`purpose.correct_purpose`)."""
    if all(getattr(changes, f.name) is None for f in fields(changes)):
        raise InvalidInput("nothing to change: give a note, date, channel, minutes or purpose.")
    now = ctx.now()
    entry = check_log_input(
        LogInput(
            note=changes.note or "",
            date=changes.date,
            channel=changes.channel,
            purpose=changes.purpose,
            minutes=changes.minutes,
        ),
        now=now,
        tz=ctx.settings.timezone,
    )
    with ctx.store.transaction() as tx:
        before = tx.interactions.get(interaction_id)
        note = entry.note if changes.note is not None and entry.note != before.note else None
        tx.interactions.change(
            interaction_id,
            now=now,
            at=entry.at if changes.date is not None and entry.at != before.at else None,
            channel=entry.channel
            if changes.channel is not None and entry.channel is not before.channel
            else None,
            note=note,
            minutes=entry.minutes if entry.minutes != before.minutes else None,
        )
        reguessed = False
        if note is not None:
            reguessed = before.purpose_source is not PurposeSource.USER
            # The model's reading follows the note wherever it had read the old one (an
            # interaction logged with the user's purpose was never read: it stays so).
            if reguessed or tx.purpose.model_purpose(interaction_id) is not None:
                guess = guess_for_log(ctx, tx, note)
                tx.interactions.set_reading(
                    interaction_id,
                    purpose=guess.purpose if guess else None,
                    confidence=guess.confidence if guess else None,
                    topics=guess.topics if guess else (),
                    replace_purpose=reguessed,
                )
        refit = False
        if entry.purpose is not None:
            _, refit = record_correction(ctx, tx, interaction_id, entry.purpose, now=now)
        model_purpose = tx.purpose.model_purpose(interaction_id)
        after = tx.interactions.get(interaction_id)
    retrained = retrain(ctx) if refit else None
    return Edited(
        after,
        _changed(before, after),
        model_purpose,
        reguessed,
        entry.purpose is not None,
        retrained,
    )


def remove_interaction(ctx: Context, interaction_id: int) -> Removed:
    """Delete an interaction for real, with its participants, topics and ledger entries; its
    follow-ups stay, unlinked. Its people's last contact and warmth are recomputed."""
    now = ctx.now()
    with ctx.store.transaction() as tx:
        before = tx.interactions.get(interaction_id)
        tx.interactions.remove(interaction_id, now=now)
        kept = tuple(tx.follow_ups.get(follow_up.id) for follow_up in before.follow_ups)
        return Removed(before, kept)


def _changed(before: Interaction, after: Interaction) -> tuple[str, ...]:
    differs = {
        "note": before.note != after.note,
        "date": before.at != after.at,
        "channel": before.channel is not after.channel,
        "minutes": before.minutes != after.minutes,
        "purpose": (before.purpose, before.purpose_source) != (after.purpose, after.purpose_source),
    }
    return tuple(name for name, changed in differs.items() if changed)


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

"""People: add, edit, show, list, remove."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from kithkin.core.person_changes import PersonInput, check_person_input
from kithkin.core.records import FollowUp, Interaction, Person, PersonSummary
from kithkin.core.vocabulary import Channel, Circle, FollowUpStatus, Mode, parse_choice
from kithkin.core.warmth import HORIZON_DAYS, Warmth, warmth
from kithkin.errors import Conflict, InvalidInput
from kithkin.services.context import Context
from kithkin.store import Transaction


@dataclass(frozen=True)
class PersonDetail:
    person: Person
    recent: tuple[Interaction, ...]
    follow_ups: tuple[FollowUp, ...]
    cadence_days: int | None  # the effective cadence: the person's own or their circle's
    warmth: Warmth


@dataclass(frozen=True)
class Touch:
    at: datetime
    channel: Channel


def _refuse_taken_emails(tx: Transaction, emails: list[str], person_id: int | None) -> None:
    for email, name, owner in tx.people.email_owners(emails):
        if owner != person_id:
            raise Conflict(
                f"{email} already belongs to {name}; edit that person, or merge the two."
            )


def add_person(ctx: Context, raw: PersonInput) -> Person:
    if raw.name is None or not raw.name.strip():
        raise InvalidInput("a person needs a name.", field="name")
    changes = check_person_input(raw, phone_region=ctx.settings.phone_region)
    now = ctx.now()
    with ctx.store.transaction() as tx:
        _refuse_taken_emails(tx, [e.value for e in changes.emails], None)
        source = tx.new_source(ctx.source_kind, now=now, detail="add")
        person_id = tx.people.create(changes, source_id=source, now=now)
        return tx.people.get(person_id)


def edit_person(ctx: Context, reference: str, raw: PersonInput) -> Person:
    changes = check_person_input(raw, phone_region=ctx.settings.phone_region)
    if changes.is_empty():
        raise InvalidInput("nothing to change; give at least one option, e.g. --title.")
    now = ctx.now()
    with ctx.store.transaction() as tx:
        person_id = tx.people.resolve(reference)
        _refuse_taken_emails(tx, [e.value for e in changes.emails], person_id)
        source = tx.new_source(ctx.source_kind, now=now, detail="edit")
        tx.people.apply(person_id, changes, source_id=source, now=now)
        return tx.people.get(person_id)


def show_person(
    ctx: Context, reference: str, *, recent: int = 10, follow_ups: bool = True
) -> PersonDetail:
    """The person with their ``recent`` interactions and (unless not wanted) their open
    follow-ups, effective cadence and warmth."""
    with ctx.store.transaction() as tx:
        person_id = tx.people.resolve(reference)
        return person_detail(
            tx,
            person_id,
            now=ctx.now(),
            recent=recent,
            follow_ups=follow_ups,
            tz=ctx.settings.timezone,
        )


def person_detail(
    tx: Transaction,
    person_id: int,
    *,
    now: datetime,
    recent: int,
    follow_ups: bool = True,
    tz: tzinfo | None = None,
) -> PersonDetail:
    """`show_person` inside a transaction that has already found the person."""
    person = tx.people.get(person_id)
    interactions = (
        tx.interactions.load(tx.interactions.ids_for_person(person_id, limit=recent))
        if recent > 0
        else []
    )
    open_follow_ups = (
        tx.follow_ups.list(
            person_id=person_id, statuses=[FollowUpStatus.OPEN, FollowUpStatus.SNOOZED]
        )
        if follow_ups
        else []
    )
    cadence = person.cadence_days
    if cadence is None:
        cadence = tx.circle_cadences().get(person.circle.value)
    touches = [
        Touch(at, channel)
        for at, channel in tx.facts.touches(person_id, now - timedelta(days=HORIZON_DAYS))
    ]
    heat = warmth(touches, now=now, last_interaction_at=person.last_interaction_at, tz=tz)
    return PersonDetail(person, tuple(interactions), tuple(open_follow_ups), cadence, heat)


def list_people(
    ctx: Context,
    *,
    circle: str | None = None,
    tag: str | None = None,
    mode: str | None = None,
    limit: int | None = None,
    with_warmth: bool = True,
) -> list[PersonSummary]:
    chosen_circle = parse_choice(Circle, circle, field="--circle") if circle else None
    chosen_mode = parse_choice(Mode, mode, field="--mode") if mode else None
    now = ctx.now() if with_warmth else None
    with ctx.store.transaction() as tx:
        return tx.people.summaries(
            circle=chosen_circle, tag=tag, mode=chosen_mode, limit=limit, now=now
        )


def find_person(ctx: Context, reference: str) -> Person:
    with ctx.store.transaction() as tx:
        return tx.people.get(tx.people.resolve(reference))


def remove_person(ctx: Context, reference: str) -> Person:
    """Really delete a person and their private data; returns what was deleted."""
    with ctx.store.transaction() as tx:
        person_id = tx.people.resolve(reference)
        person = tx.people.get(person_id)
        tx.people.delete(person_id)
        return person

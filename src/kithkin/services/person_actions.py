"""What the person page's actions read besides the page itself: the person with exactly an id,
one of their follow-ups or interactions (NotFound for anyone else's), the cards redrawn after
a change, and what deleting them would take with them. The changes themselves are the CLI's
use cases (`events.add_milestone`, `engine.done`/`engine.snooze`, `purpose.correct_purpose`,
`people.remove_person`)."""

from __future__ import annotations

from dataclasses import dataclass

from kithkin.core.records import FollowUp, Interaction, Person, PersonRef
from kithkin.core.vocabulary import FollowUpStatus
from kithkin.errors import NotFound
from kithkin.services.context import Context
from kithkin.store import Transaction
from kithkin.store.people_pages import MilestoneLine, PeoplePagesRepository
from kithkin.store.person_removal import PersonRemovalRepository, RemovalCounts


@dataclass(frozen=True)
class PersonMilestones:
    person: Person
    milestones: tuple[MilestoneLine, ...]


@dataclass(frozen=True)
class RemovalPreview:
    person: Person
    counts: RemovalCounts


def _person_id(tx: Transaction, uid: str) -> int:
    """The owner's person with exactly this id (never a prefix, name or e-mail)."""
    person_id = PeoplePagesRepository(tx.session, tx.owner_id).person_id(uid)
    if person_id is None:
        raise NotFound(f"nobody has the id {uid!r}.")
    return person_id


def person_ref(ctx: Context, uid: str) -> PersonRef:
    with ctx.store.transaction() as tx:
        person_id = _person_id(tx, uid)
        found, name = tx.people.names([person_id])[person_id]
    return PersonRef(found, name)


def follow_up_of(ctx: Context, uid: str, follow_up_id: int) -> FollowUp:
    """One of this person's follow-ups; NotFound for anyone else's (or another owner's)."""
    with ctx.store.transaction() as tx:
        _person_id(tx, uid)
        follow_up = tx.follow_ups.get(follow_up_id)
    if follow_up.person is None or follow_up.person.id != uid:
        raise NotFound(f"there is no follow-up {follow_up_id} about this person.")
    return follow_up


def open_follow_ups(ctx: Context, uid: str) -> tuple[FollowUp, ...]:
    """The person's open and snoozed follow-ups, as the person page lists them."""
    with ctx.store.transaction() as tx:
        person_id = _person_id(tx, uid)
        statuses = [FollowUpStatus.OPEN, FollowUpStatus.SNOOZED]
        return tuple(tx.follow_ups.list(person_id=person_id, statuses=statuses))


def interaction_of(ctx: Context, uid: str, interaction_id: int) -> Interaction:
    """One of this person's interactions; NotFound for one without them (or another owner's)."""
    with ctx.store.transaction() as tx:
        _person_id(tx, uid)
        interaction = tx.interactions.get(interaction_id)
    if all(person.id != uid for person in interaction.people):
        raise NotFound(f"there is no interaction {interaction_id} with this person.")
    return interaction


def milestones_of(ctx: Context, uid: str) -> PersonMilestones:
    with ctx.store.transaction() as tx:
        person_id = _person_id(tx, uid)
        person = tx.people.get(person_id)
        milestones = PeoplePagesRepository(tx.session, tx.owner_id).milestones(person_id)
    return PersonMilestones(person, tuple(milestones))


def removal_preview(ctx: Context, uid: str) -> RemovalPreview:
    """The person and what `remove_person` would delete with them (or leave behind)."""
    with ctx.store.transaction() as tx:
        person_id = _person_id(tx, uid)
        person = tx.people.get(person_id)
        counts = PersonRemovalRepository(tx.session, tx.owner_id).counts(person_id)
    return RemovalPreview(person, counts)

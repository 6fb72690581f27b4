"""The warmth kept on each person matches warmth computed from all their interactions."""

from __future__ import annotations

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, list_people, log_interaction, show_person
from tests.conftest import FixedClock


def test_back_dated_and_shared_interactions_keep_the_stored_warmth_exact(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    add_person(ctx, PersonInput(name="Ben Okafor"))
    log_interaction(ctx, ["Ana"], LogInput(note="call", channel="call", date="2026-11-01"))
    log_interaction(ctx, ["Ana", "Ben"], LogInput(note="dinner", channel="in-person"))
    log_interaction(ctx, ["Ana"], LogInput(note="old", channel="video", date="2026-08-15"))
    clock.advance(days=20)
    listed = {person.name: person.warmth for person in list_people(ctx)}
    for name in ("Ana Ruiz", "Ben Okafor"):
        assert listed[name] == show_person(ctx, name).warmth.score
    assert listed["Ana Ruiz"] > listed["Ben Okafor"] > 0


def test_someone_never_contacted_is_cold(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    assert [person.warmth for person in list_people(ctx)] == [0]

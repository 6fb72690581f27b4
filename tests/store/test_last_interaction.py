"""people.last_interaction_at: denormalized, kept in the same transaction as every write."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kithkin.config import Settings
from kithkin.core.log_entry import LogInput, check_log_input
from kithkin.core.person_changes import PersonInput
from kithkin.errors import NotFound
from kithkin.services import Context, add_person, log_interaction, show_person
from kithkin.store import Store
from tests.conftest import FixedClock
from tests.helpers import postgres_only


def last(ctx: Context, reference: str) -> datetime | None:
    return show_person(ctx, reference).person.last_interaction_at


def test_logging_an_interaction_moves_last_interaction_at_forward_only(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    assert last(ctx, "ana") is None
    log_interaction(ctx, ["ana"], LogInput(note="now"))
    assert last(ctx, "ana") == clock()
    log_interaction(ctx, ["ana"], LogInput(note="a month ago", date="2026-10-20"))
    assert last(ctx, "ana") == clock()  # an older interaction does not move it back
    clock.advance(days=3)
    log_interaction(ctx, ["ana"], LogInput(note="later"))
    assert last(ctx, "ana") == clock()


def test_an_interaction_with_several_people_moves_each_of_them(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    add_person(ctx, PersonInput(name="Bo Chen"))
    log_interaction(ctx, ["bo"], LogInput(note="earlier", date="2026-11-01"))
    logged = log_interaction(ctx, ["ana", "bo", "Ana Ruiz"], LogInput(note="dinner"))
    assert [p.name for p in logged.people] == ["Ana Ruiz", "Bo Chen"]  # named twice, once in
    assert last(ctx, "ana") == last(ctx, "bo") == logged.at


def test_last_interaction_at_is_written_in_the_same_transaction_as_the_interaction(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    entry = check_log_input(LogInput(note="never saved"), now=clock(), tz=ctx.settings.timezone)
    with pytest.raises(RuntimeError), ctx.store.transaction() as tx:
        tx.interactions.add(entry, [tx.people.resolve("ana")], source_id=None, now=clock())  # type: ignore[arg-type]
        raise RuntimeError("the transaction fails after the write")
    assert last(ctx, "ana") is None
    assert show_person(ctx, "ana").recent == ()


def test_a_log_naming_an_unknown_person_writes_nothing_for_anyone(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    with pytest.raises(NotFound):
        log_interaction(ctx, ["ana", "Nobody Known"], LogInput(note="lunch"))
    assert last(ctx, "ana") is None
    assert show_person(ctx, "ana").recent == ()


@postgres_only
def test_last_interaction_at_is_utc_whatever_the_postgresql_session_time_zone(
    settings: Settings, clock: FixedClock
) -> None:
    url = settings.database_url + "?options=-c%20timezone%3DAsia/Tokyo"
    ctx = Context(store=Store.open(url, now=clock()), settings=settings, clock=clock)
    try:
        add_person(ctx, PersonInput(name="Ana Ruiz"))
        logged = log_interaction(ctx, ["ana"], LogInput(note="hi", date="2026-11-18T10:00"))
        assert logged.at == datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
        assert last(ctx, "ana") == logged.at
    finally:
        ctx.close()

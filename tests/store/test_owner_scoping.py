"""Two accounts in one database never see each other's people, interactions or follow-ups."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kithkin.config import Settings
from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.errors import NotFound
from kithkin.services import (
    Context,
    add_person,
    complete_follow_up,
    list_follow_ups,
    list_people,
    log_interaction,
    search,
    show_person,
)
from kithkin.store import Store
from tests.conftest import FixedClock


@pytest.fixture
def other(settings: Settings, clock: FixedClock) -> Iterator[Context]:
    """A second account, "sam", in the same database as ``ctx``."""
    store = Store.open(settings.database_url, now=clock(), account="sam")
    context = Context(store=store, settings=settings, clock=clock)
    yield context
    context.close()


def test_two_accounts_never_see_each_others_people(ctx: Context, other: Context) -> None:
    assert ctx.store.owner_id != other.store.owner_id
    mine = add_person(
        ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"], tags=["vip"], circle="key")
    )
    theirs = add_person(
        other, PersonInput(name="Ana Ruiz", emails=["ana@example.com"], tags=["vip"], circle="key")
    )  # the same e-mail is no conflict across accounts
    add_person(other, PersonInput(name="Bo Chen", company="Initech", tags=["vip"]))

    assert [p.id for p in list_people(ctx)] == [mine.id]
    assert [p.id for p in list_people(ctx, tag="vip")] == [mine.id]
    assert [p.id for p in list_people(ctx, circle="key")] == [mine.id]
    assert sorted(p.name for p in list_people(other)) == ["Ana Ruiz", "Bo Chen"]

    assert show_person(ctx, "ana").person.id == mine.id
    assert show_person(ctx, "ana@example.com").person.id == mine.id
    assert show_person(other, "ana@example.com").person.id == theirs.id
    for reference in (theirs.id, theirs.id[:8], "Bo Chen", "bo"):
        with pytest.raises(NotFound):
            show_person(ctx, reference)

    assert [p.id for p in search(ctx, "ana").people] == [mine.id]
    assert search(ctx, "initech").people == ()
    with ctx.store.transaction() as tx:
        assert tx.people.names([tx.people.resolve("ana")]) != {}
        other_pk = _pk(other, theirs.id)
        assert tx.people.names([other_pk]) == {}
        with pytest.raises(NotFound):
            tx.people.get(other_pk)


def test_two_accounts_never_see_each_others_interactions_or_follow_ups(
    ctx: Context, other: Context
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    add_person(other, PersonInput(name="Bo Chen"))
    log_interaction(ctx, ["ana"], LogInput(note="Lunch about the merger"))
    theirs = log_interaction(
        other, ["bo"], LogInput(note="Secret merger talk", follow_up="tomorrow: call Bo")
    )

    assert [i.note for i in search(ctx, "merger").interactions] == ["Lunch about the merger"]
    assert list_follow_ups(ctx) == []
    [follow_up] = theirs.follow_ups
    with pytest.raises(NotFound):
        complete_follow_up(ctx, follow_up.id)
    assert [f.status.value for f in list_follow_ups(other)] == ["open"]
    with ctx.store.transaction() as tx:
        assert tx.interactions.load([theirs.id]) == []
        with pytest.raises(NotFound):
            tx.interactions.get(theirs.id)


def test_an_account_cannot_log_with_another_accounts_person(ctx: Context, other: Context) -> None:
    theirs = add_person(other, PersonInput(name="Bo Chen", emails=["bo@initech.example"]))
    for reference in (theirs.id, "bo@initech.example", "Bo Chen"):
        with pytest.raises(NotFound):
            log_interaction(ctx, [reference], LogInput(note="hi"))
    assert show_person(other, "bo").person.last_interaction_at is None


def _pk(context: Context, uid: str) -> int:
    with context.store.transaction() as tx:
        return tx.people.resolve(uid)

"""The per-account data version: bumped by every transaction that writes the account's data,
and only by those."""

from __future__ import annotations

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import (
    Context,
    add_person,
    edit_person,
    list_people,
    log_interaction,
    remove_person,
    show_person,
)
from kithkin.services import engine as engine_services


def test_every_write_bumps_the_version_and_reads_do_not(ctx: Context) -> None:
    versions = [ctx.store.data_version()]

    def changed() -> bool:
        versions.append(ctx.store.data_version())
        return versions[-1] > versions[-2]

    add_person(ctx, PersonInput(name="Ana Ruiz"))
    assert changed()
    show_person(ctx, "ana")
    list_people(ctx)
    engine_services.today(ctx)
    assert not changed()
    logged = log_interaction(ctx, ["ana"], LogInput(note="Call", follow_up="today: send it"))
    assert changed()
    edit_person(ctx, "ana", PersonInput(notes="likes hiking"))
    assert changed()
    engine_services.snooze(ctx, f"follow-up:{logged.follow_ups[0].id}", "3d")
    assert changed()
    engine_services.set_goal(ctx, "connect-new", 4)
    assert changed()
    remove_person(ctx, "ana")
    assert changed()


def test_a_dry_run_or_a_failed_write_leaves_the_version(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    before = ctx.store.data_version()
    with ctx.store.transaction(dry_run=True) as tx:
        tx.new_source("test", now=ctx.now())
    try:
        with ctx.store.transaction() as tx:
            tx.new_source("test", now=ctx.now())
            raise RuntimeError("abandon it")
    except RuntimeError:
        pass
    assert ctx.store.data_version() == before


def test_each_account_has_its_own_version(ctx: Context) -> None:
    other = ctx.store.for_owner(ctx.store.ensure_account("someone-else", now=ctx.now()))
    before = other.data_version()
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    assert other.data_version() == before

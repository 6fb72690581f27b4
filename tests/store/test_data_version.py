"""The per-account data version: bumped by every transaction that writes the account's data,
and only by those."""

from __future__ import annotations

import pytest

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import Purpose
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
from kithkin.services.purpose import correct_purpose
from kithkin.store import data_version


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


def test_the_interactions_version_moves_only_with_the_interactions(ctx: Context) -> None:
    """What is computed from the interactions alone (the dashboard's balance) is kept while
    ``interactions`` is at or below the version it was computed at."""
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    kept = ctx.store.data_versions()
    logged = log_interaction(ctx, ["ana"], LogInput(note="Call", follow_up="today: send it"))
    after_log = ctx.store.data_versions()
    assert after_log.interactions == after_log.data > kept.data

    edit_person(ctx, "ana", PersonInput(notes="likes hiking"))
    engine_services.snooze(ctx, f"follow-up:{logged.follow_ups[0].id}", "3d")
    engine_services.set_goal(ctx, "connect-new", 4)
    untouched = ctx.store.data_versions()
    assert untouched.data > after_log.data
    assert untouched.interactions == after_log.interactions

    correct_purpose(ctx, logged.id, Purpose.SOCIAL)  # an UPDATE of one
    corrected = ctx.store.data_versions()
    assert corrected.interactions == corrected.data > untouched.data


@pytest.mark.parametrize(
    ("statement", "table"),
    [
        ("INSERT INTO interactions (owner_id) VALUES (?)", "interactions"),
        ("insert or replace into settings (key) values (?)", "settings"),
        ("REPLACE INTO settings (key) VALUES (?)", "settings"),
        ('UPDATE "interactions" SET purpose=?', "interactions"),
        ("UPDATE OR IGNORE people SET notes=?", "people"),
        ("DELETE FROM interactions WHERE id = ?", "interactions"),
        ("WITH gone AS (SELECT 1) DELETE FROM interactions", "*"),  # any table, to be safe
        ("SELECT updated_at FROM people", None),
    ],
)
def test_the_written_table_is_read_off_the_statement(statement: str, table: str | None) -> None:
    info: dict[str, object] = {}

    class Connection:
        pass

    connection = Connection()
    connection.info = info  # type: ignore[attr-defined]
    data_version._note_write(connection, None, statement, None, None, False)  # type: ignore[arg-type]
    assert info.get("kithkin.written", set()) == ({table} if table else set())

"""The schema comes from the migrations, matches the model, and keeps old data when upgraded."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text

from kithkin.config import Settings
from kithkin.errors import DatabaseError
from kithkin.services import Context, list_people, search, show_person
from kithkin.store import Store
from kithkin.store.engine import make_engine
from kithkin.store.migrate import HEAD, alembic_config, current_revision, upgrade
from kithkin.store.tables import Base
from tests.conftest import PG_ADMIN_URL, START, Database

# Full-text search lives beside the model, on purpose: exactly these are not in tables.py.
FTS5_TABLES = {
    f"{base}{suffix}"
    for base in ("people_fts", "interactions_fts")
    for suffix in ("", "_data", "_idx", "_docsize", "_config")
}
TSVECTOR_COLUMNS = {("people", "search_vector"), ("interactions", "note_vector")}
GIN_INDEXES = {"ix_people_search_vector", "ix_interactions_note_vector"}
# Expression indexes cannot be reflected on SQLite; a test below checks they exist.
EXPRESSION_INDEXES = {"ix_people_owner_circle_seen"}


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def _empty_database(request: pytest.FixtureRequest, folder: Path) -> Iterator[Engine]:
    """An engine on a brand-new, empty database (no tables at all), dropped afterwards."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{folder / f'empty-{uuid.uuid4().hex[:8]}.db'}")
        yield engine
        engine.dispose()
        return
    request.getfixturevalue("postgres_url")  # skips (or fails under CI) without a server
    name = f"kithkin_migrate_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with _empty_database(request, tmp_path) as engine:
        yield engine


@pytest.fixture(scope="module", params=BACKENDS)
def upgraded_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """An empty database upgraded to the head once, shared by the tests that only read it."""
    with _empty_database(request, tmp_path_factory.mktemp("upgraded")) as engine:
        upgrade(engine)
        yield engine


def _oldest_revision() -> str:
    bases = ScriptDirectory.from_config(alembic_config()).get_bases()
    assert len(bases) == 1
    return bases[0]


def _outside_the_model(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """False for exactly the full-text search objects, which the migrations add by hand."""
    if type_ == "table" and name in FTS5_TABLES:
        return False
    if type_ == "column" and (obj.table.name, name) in TSVECTOR_COLUMNS:
        return False
    return not (type_ == "index" and name in GIN_INDEXES | EXPRESSION_INDEXES)


def test_upgrading_an_empty_database_reaches_the_head_revision(upgraded_engine: Engine) -> None:
    with upgraded_engine.connect() as connection:
        assert current_revision(connection) == HEAD
        tables = set(inspect(connection).get_table_names())
    assert {table.name for table in Base.metadata.sorted_tables} <= tables


def test_the_model_matches_what_the_migrations_create(upgraded_engine: Engine) -> None:
    with upgraded_engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_object": _outside_the_model,
            },
        )
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", message="Skipped unsupported reflection of expression-based index"
            )
            warnings.filterwarnings(
                "ignore", message="autogenerate skipping metadata-specified expression-based"
            )
            assert compare_metadata(context, Base.metadata) == []


def test_the_expression_indexes_left_out_of_the_comparison_do_exist(
    upgraded_engine: Engine,
) -> None:
    with upgraded_engine.connect() as connection:
        if upgraded_engine.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'index'"
        else:
            query = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
        names = set(connection.execute(text(query)).scalars())
    assert names >= EXPRESSION_INDEXES


def test_the_full_text_search_objects_left_out_of_the_comparison_do_exist(
    upgraded_engine: Engine,
) -> None:
    with upgraded_engine.connect() as connection:
        inspector = inspect(connection)
        if upgraded_engine.dialect.name == "sqlite":
            assert set(inspector.get_table_names()) >= FTS5_TABLES
            triggers = connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            ).scalars()
            assert {"people_fts_ai", "people_fts_ad", "people_fts_au"} <= set(triggers)
        else:
            for table, column in TSVECTOR_COLUMNS:
                assert column in {c["name"] for c in inspector.get_columns(table)}
            indexes = {
                index["name"]
                for table in ("people", "interactions")
                for index in inspector.get_indexes(table)
            }
            assert indexes >= GIN_INDEXES


def _insert_old_data(engine: Engine) -> None:
    """Rows written the way revision 0001 knows them, with plain SQL (no model involved)."""
    at = datetime(2025, 6, 1, 12, 0)
    with engine.begin() as connection:
        account = connection.execute(
            text(
                "INSERT INTO accounts (username, display_name, created_at) "
                "VALUES ('me', '', :at) RETURNING id"
            ),
            {"at": at},
        ).scalar_one()
        person = connection.execute(
            text(
                "INSERT INTO people (uid, owner_id, display_name, sort_name, given_name, "
                "family_name, middle_name, prefix, suffix, met_how, circle, mode, notes, "
                "search_text, created_at, updated_at, last_interaction_at) VALUES "
                "('0123456789abcdef0123456789abcdef', :owner, 'Ana Ruiz', 'ana ruiz', 'Ana', "
                "'Ruiz', '', '', '', 'PyCon', 'key', 'both', '', 'ana@example.com', :at, :at, :at) "
                "RETURNING id"
            ),
            {"owner": account, "at": at},
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO person_emails (person_id, value, normalized, label, position) "
                "VALUES (:person, 'ana@example.com', 'ana@example.com', 'work', 0)"
            ),
            {"person": person},
        )
        interaction = connection.execute(
            text(
                "INSERT INTO interactions (owner_id, occurred_at, channel, initiated_by, note, "
                "created_at, updated_at) VALUES (:owner, :at, 'call', 'me', "
                "'Talked about the Lisbon offsite', :at, :at) RETURNING id"
            ),
            {"owner": account, "at": at},
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO interaction_participants (interaction_id, person_id) "
                "VALUES (:interaction, :person)"
            ),
            {"interaction": interaction, "person": person},
        )


def test_opening_a_database_from_the_oldest_revision_keeps_its_data(
    empty_engine: Engine,
) -> None:
    upgrade(empty_engine, _oldest_revision())
    _insert_old_data(empty_engine)
    url = empty_engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, timezone=ZoneInfo("Europe/Berlin"), phone_region="US")
    ctx = Context(store=Store.open(url, now=START), settings=settings, clock=lambda: START)
    try:
        with empty_engine.connect() as connection:
            assert current_revision(connection) == HEAD
        detail = show_person(ctx, "ana@example.com")
        assert detail.person.name == "Ana Ruiz"
        assert detail.person.emails[0].label == "work"
        assert detail.person.last_interaction_at == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
        assert [i.note for i in detail.recent] == ["Talked about the Lisbon offsite"]
        assert [p.name for p in search(ctx, "lisbon").interactions[0].people] == ["Ana Ruiz"]
        assert [p.name for p in search(ctx, "ana").people] == ["Ana Ruiz"]
    finally:
        ctx.close()


def test_opening_the_same_database_twice_migrates_once_and_keeps_one_account(
    database: Database,
) -> None:
    first = Store.open(database.url, now=START)
    second = Store.open(database.url, now=START)
    try:
        assert first.owner_id == second.owner_id
        with first.engine.connect() as connection:
            assert current_revision(connection) == HEAD
            assert connection.execute(text("SELECT count(*) FROM accounts")).scalar_one() == 1
            assert connection.execute(text("SELECT count(*) FROM circles")).scalar_one() == 4
    finally:
        first.close()
        second.close()


def test_a_database_from_a_newer_kithkin_is_refused_with_a_clear_error(
    upgraded_engine: Engine,
) -> None:
    with upgraded_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    try:
        with pytest.raises(DatabaseError, match="newer Kithkin") as error:
            Store.open(upgraded_engine.url.render_as_string(hide_password=False), now=START)
        assert "'9999'" in str(error.value)
        with upgraded_engine.connect() as connection:
            assert current_revision(connection) == "9999"  # left alone
    finally:
        with upgraded_engine.begin() as connection:
            connection.execute(
                text("UPDATE alembic_version SET version_num = :head"), {"head": HEAD}
            )


def test_upgrading_to_the_warmth_columns_fills_them_from_past_interactions(
    empty_engine: Engine,
) -> None:
    upgrade(empty_engine, "0002")
    _insert_old_data(empty_engine)
    with empty_engine.begin() as connection:  # one more, recent and in person
        person, owner = connection.execute(text("SELECT id, owner_id FROM people")).one()
        interaction = connection.execute(
            text(
                "INSERT INTO interactions (owner_id, occurred_at, channel, initiated_by, note, "
                "created_at, updated_at) VALUES (:owner, :at, 'in-person', 'me', 'lunch', "
                ":at, :at) RETURNING id"
            ),
            {"owner": owner, "at": datetime(2026, 11, 1, 12, 0)},
        ).scalar_one()
        connection.execute(
            text("INSERT INTO interaction_participants VALUES (:interaction, :person)"),
            {"interaction": interaction, "person": person},
        )
    url = empty_engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, timezone=ZoneInfo("Europe/Berlin"), phone_region="US")
    ctx = Context(store=Store.open(url, now=START), settings=settings, clock=lambda: START)
    try:
        [listed] = list_people(ctx)
        shown = show_person(ctx, "Ana Ruiz").warmth
        assert listed.warmth == shown.score > 0
    finally:
        ctx.close()


def test_the_dashboard_indexes_get_planner_statistics_where_the_database_has_them(
    tmp_path: Path,
) -> None:
    """An index without statistics beside indexes with them looks very selective to SQLite:
    the people list sorted the whole table per page until migration 0010 analysed them."""
    engine = make_engine(f"sqlite:///{tmp_path / 'analysed.db'}")
    try:
        upgrade(engine, "0009")
        _insert_old_data(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
        upgrade(engine)
        with engine.connect() as connection:
            analysed = {
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT idx FROM sqlite_stat1 WHERE tbl = 'people'"
                )
            }
            plan = " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT uid FROM people WHERE owner_id = 1 "
                    "ORDER BY sort_name, id LIMIT 50"
                )
            )
        assert "ix_people_owner_created" in analysed  # (a partial index with no rows gets none)
        assert "ix_people_owner_sort" in plan
        assert "TEMP B-TREE" not in plan
    finally:
        engine.dispose()

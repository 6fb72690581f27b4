"""Opening a database: the connection settings in effect, and clear errors when it cannot be."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from kithkin.errors import DatabaseError
from kithkin.services import Context
from kithkin.store import Store
from kithkin.store.engine import SQLITE_BUSY_TIMEOUT_MS, make_engine
from tests.conftest import START
from tests.helpers import sqlite_only


@sqlite_only
def test_a_sqlite_connection_runs_with_wal_foreign_keys_and_a_busy_timeout(ctx: Context) -> None:
    with ctx.store.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
        assert SQLITE_BUSY_TIMEOUT_MS >= 1000


@sqlite_only
def test_every_new_sqlite_connection_gets_the_pragmas_not_only_the_first(ctx: Context) -> None:
    engine = ctx.store.engine
    with engine.connect() as first, engine.connect() as second:
        for connection in (first, second):
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


@sqlite_only
def test_sqlite_enforces_foreign_keys(ctx: Context) -> None:
    with pytest.raises(IntegrityError), ctx.store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO person_emails (person_id, value, normalized, label, position) "
                "VALUES (424242, 'x@example.com', 'x@example.com', '', 0)"
            )
        )


def test_opening_creates_the_missing_folders_of_a_new_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "kithkin.db"
    store = Store.open(f"sqlite:///{path}", now=START)
    store.close()
    assert path.exists()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("this is not a database, just some notes\n" * 100)
    with pytest.raises(DatabaseError, match="file is not a database"):
        Store.open(f"sqlite:///{path}", now=START)
    assert path.read_text().startswith("this is not a database")


def test_a_folder_given_as_the_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="cannot open the database"):
        Store.open(f"sqlite:///{tmp_path}", now=START)


def test_an_unreachable_postgresql_server_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="cannot open the database") as error:
        Store.open("postgresql+psycopg://kithkin:secret@127.0.0.1:1/kithkin", now=START)
    assert "secret" not in str(error.value)  # the password is never shown


def test_an_unsupported_database_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="use SQLite or PostgreSQL"):
        make_engine("mysql://localhost/kithkin")

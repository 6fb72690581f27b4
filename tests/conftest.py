"""Fixtures: a fresh real database per test, on SQLite and (when reachable) PostgreSQL.

SQLite: one migrated template file per session, copied for every test.
PostgreSQL: one database per test run (created here, dropped at the end), emptied before
every test. Without a server the PostgreSQL tests are skipped loudly; under CI=true a missing
server is an error.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text

from kithkin.cli.commands import cli
from kithkin.config import Settings
from kithkin.services import Context
from kithkin.store import Store
from kithkin.store.engine import make_engine
from kithkin.store.migrate import upgrade

PG_ADMIN_URL = os.environ.get(
    "KITHKIN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday
TZ = "Europe/Berlin"

# Property tests are deterministic too: the same examples on every run, no example database,
# and no time limit per example (a loaded CI machine is not a failure).
hypothesis_settings.register_profile("kithkin", derandomize=True, database=None, deadline=None)
hypothesis_settings.load_profile("kithkin")


@dataclass
class FixedClock:
    current: datetime = START

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class Database:
    """One test's database: its URL and what it takes to open it."""

    url: str
    backend: str
    extra: dict[str, Any] = field(default_factory=dict)


def _pg_available() -> str | None:
    try:
        engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as error:
        return str(error).splitlines()[0]
    return None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    problem = _pg_available()
    if problem is not None:
        message = f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {problem}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (required under CI=true)")
        print(f"\n\n*** SKIPPING POSTGRESQL TESTS: {message} ***\n")
        pytest.skip(message)
    name = f"kithkin_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


_RESTART_SEQUENCES = """DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT sequencename FROM pg_sequences
             WHERE schemaname = 'public' AND last_value IS NOT NULL LOOP
        EXECUTE format('ALTER SEQUENCE public.%I RESTART', r.sequencename);
    END LOOP;
END $$"""


def _empty_postgres(url: str) -> None:
    """Empty every table but alembic_version and restart the ids, as TRUNCATE would.

    DELETE in dependency order takes a millisecond on small tables where TRUNCATE of every
    table takes a fifth of a second; tables the model does not know are still truncated.
    """
    from kithkin.store.tables import Base

    known = [table.name for table in reversed(Base.metadata.sorted_tables)]
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = connection.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version'"
            )
        ).scalars()
        unknown = sorted(set(tables) - set(known))
        if unknown:
            joined = ", ".join(f'"{table}"' for table in unknown)
            connection.execute(text(f"TRUNCATE {joined} RESTART IDENTITY CASCADE"))
        connection.execute(text("; ".join(f'DELETE FROM "{table}"' for table in known)))
        connection.execute(text(_RESTART_SEQUENCES))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Database:
    if request.param == "sqlite":
        path = tmp_path / "kithkin.db"
        shutil.copy(sqlite_template, path)
        return Database(url=f"sqlite:///{path}", backend="sqlite", extra={"path": path})
    url = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return Database(url=url, backend="postgres")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(database_url=database.url, timezone=ZoneInfo(TZ), phone_region="US")


@pytest.fixture
def ctx(settings: Settings, clock: FixedClock) -> Iterator[Context]:
    store = Store.open(settings.database_url, now=clock())
    context = Context(store=store, settings=settings, clock=clock)
    yield context
    context.close()


@dataclass
class Cli:
    """Runs ``kithkin`` in-process against the test's database with a fixed clock."""

    database: Database
    clock: FixedClock

    def __call__(self, *args: str, input: str | None = None) -> Result:
        env = {
            "KITHKIN_DB": self.database.url,
            "KITHKIN_NOW": self.clock().isoformat(),
            "KITHKIN_TZ": TZ,
            "KITHKIN_REGION": "US",
        }
        runner = CliRunner()
        return runner.invoke(cli, list(args), env=env, input=input, catch_exceptions=False)

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.exit_code == 0, (result.output, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        import json

        return json.loads(self.ok(*args, "--json").stdout)


@pytest.fixture
def kithkin(database: Database, clock: FixedClock) -> Cli:
    return Cli(database, clock)

"""Fresh databases to benchmark in: SQLite files in a temporary folder, or PostgreSQL databases
created on a server (and dropped afterwards)."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.raw import Raw

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


class Backend:
    name = ""

    def new_database(self, label: str) -> str:
        """The SQLAlchemy URL of a new, empty database."""
        raise NotImplementedError

    def raw(self, url: str) -> Raw:
        raise NotImplementedError

    def cli_location(self, url: str) -> str:
        """What ``kithkin --db`` takes for this database."""
        return url

    def size_mb(self, url: str) -> float:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kithkin-bench-"))

    def new_database(self, label: str) -> str:
        return f"sqlite:///{self.folder / label}.db"

    def raw(self, url: str) -> Raw:
        return Raw.sqlite(self.cli_location(url))

    def cli_location(self, url: str) -> str:
        return url.removeprefix("sqlite:///")

    def size_mb(self, url: str) -> float:
        path = Path(self.cli_location(url))
        files = [path, path.with_name(path.name + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists()) / 2**20

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self, admin_url: str | None = None) -> None:
        self.admin_url = admin_url or os.environ.get("KITHKIN_BENCH_PG") or DEFAULT_PG
        self.admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []
        self.tag = f"{os.getpid()}_{uuid.uuid4().hex[:6]}"

    def new_database(self, label: str) -> str:
        name = f"kithkin_bench_{label}_{self.tag}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return self.admin_url.rsplit("/", 1)[0] + "/" + name

    def raw(self, url: str) -> Raw:
        return Raw.postgres(url)

    def size_mb(self, url: str) -> float:
        name = url.rsplit("/", 1)[1]
        with self.admin.connect() as connection:
            size = connection.scalar(text("SELECT pg_database_size(:name)"), {"name": name})
        return float(size or 0) / 2**20

    def close(self) -> None:
        with self.admin.connect() as connection:
            for name in self.created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()

"""Engines with the right connection settings for each backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from kithkin.errors import DatabaseError
from kithkin.store.data_version import watch_writes

SQLITE_BUSY_TIMEOUT_MS = 5000
# Connections kept open between uses: twice a web worker's threads (web/app.py), so a busy
# server does not open a new connection (and read the schema again) for most requests.
SQLITE_POOL_SIZE = 8


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for a SQLite file (created with its folder) or a PostgreSQL URL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(f"cannot create the folder for {database}: {error}.") from None
        engine = create_engine(url, pool_size=SQLITE_POOL_SIZE)
        event.listen(engine, "connect", _sqlite_pragmas)
        watch_writes(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, pool_pre_ping=True)
        watch_writes(engine)
        return engine
    raise DatabaseError(
        f"unsupported database {parsed.get_backend_name()!r}; use SQLite or PostgreSQL."
    )

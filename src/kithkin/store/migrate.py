"""Bring a database to the current schema; opening an older database migrates it forward.

Alembic is imported only when a migration has to run: the common case (an up-to-date
database) is one query against ``alembic_version``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from kithkin.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"

# The newest revision in migrations/versions; a test checks that it matches Alembic's head.
HEAD = "0011"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The head according to Alembic's scripts (slow: reads every migration file)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def ensure_current(engine: Engine) -> bool:
    """Migrate forward when needed; True when a migration ran."""
    with engine.connect() as connection:
        current = current_revision(connection)
    if current == HEAD:
        return False
    if current is not None:
        _refuse_unknown_revision(current)
    upgrade(engine)
    return True


def _refuse_unknown_revision(revision: str) -> None:
    """A revision this Kithkin has no migration for: the database is from a newer Kithkin."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        raise DatabaseError(
            f"the database is at schema revision {revision!r}, which this Kithkin does not "
            "know; it was written by a newer Kithkin, so upgrade Kithkin to open it."
        ) from None

"""Each account's data version: a number that every transaction writing the account's data
bumps, in that same transaction. A cache of anything computed from the data (the web
dashboard's agenda) stays valid exactly as long as the version it was computed at, in every
process that shares the database.

Writes are noticed on the connection (`watch_writes`: any INSERT, UPDATE or DELETE it runs),
so no repository has to remember to bump: `Store.transaction` calls `bump_if_written` before it
commits.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Engine, event, select, update

from kithkin.store.tables import AccountRow

_WROTE = "kithkin.wrote"  # in Connection.info: this transaction has written
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def watch_writes(engine: Engine) -> None:
    """Mark a connection as written to whenever it runs a statement that changes rows, from
    the start of each of its transactions."""
    event.listen(engine, "begin", _begin)
    event.listen(engine, "after_cursor_execute", _note_write)


def _begin(connection: Connection) -> None:
    connection.info[_WROTE] = False  # the info outlives the pool's checkouts


def _note_write(
    connection: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    if _WRITE.match(statement):
        connection.info[_WROTE] = True


def bump_if_written(connection: Connection, owner_id: int) -> None:
    """At the end of a transaction: if it wrote anything, bump the owner's data version."""
    if connection.info.pop(_WROTE, False):
        connection.execute(
            update(AccountRow)
            .where(AccountRow.id == owner_id)
            .values(data_version=AccountRow.data_version + 1)
        )


def current(connection: Connection, owner_id: int) -> int:
    """The owner's data version now."""
    version = connection.scalar(select(AccountRow.data_version).where(AccountRow.id == owner_id))
    return int(version or 0)

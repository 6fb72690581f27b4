"""Each account's data version: a number that every transaction writing the account's data
bumps, in that same transaction. A cache of anything computed from the data (the web
dashboard's agenda) stays valid exactly as long as the version it was computed at, in every
process that shares the database. Beside it, ``interactions_version`` is the data version at
which the interactions themselves last changed: what is computed from them alone (the
dashboard's balance chart) outlives the writes that leave them alone (done, snooze, edits).

Writes are noticed on the connection (`watch_writes`: any INSERT, UPDATE or DELETE it runs,
and the table it names), so no repository has to remember to bump: `Store.transaction` calls
`bump_if_written` before it commits. Interactions only ever go with their account (no foreign
key cascades into them), so a statement that names them is the only way they change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, event, select, update

from kithkin.store.tables import AccountRow

_WRITTEN = "kithkin.written"  # in Connection.info: the tables this transaction has written
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_WRITE_WITH = re.compile(r"\s*WITH\b.*\b(INSERT|UPDATE|DELETE)\b", re.IGNORECASE | re.DOTALL)
_TABLE = re.compile(
    r"\s*(?:(?:INSERT|REPLACE)(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"\s+\"?(\w+)",
    re.IGNORECASE,
)
_ANY_TABLE = "*"  # a write whose table could not be read off the statement: assume any


@dataclass(frozen=True, slots=True)
class DataVersions:
    data: int  # bumped by every write of the account's data
    interactions: int  # the data version at which the interactions last changed


def watch_writes(engine: Engine) -> None:
    """Note on a connection the tables it writes (any statement that changes rows), from the
    start of each of its transactions."""
    event.listen(engine, "begin", _begin)
    event.listen(engine, "after_cursor_execute", _note_write)


def _begin(connection: Connection) -> None:
    connection.info[_WRITTEN] = set()  # the info outlives the pool's checkouts


def _note_write(
    connection: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    if _WRITE.match(statement) or _WRITE_WITH.match(statement):
        table = _TABLE.match(statement)
        written = connection.info.setdefault(_WRITTEN, set())
        written.add(table.group(1).lower() if table else _ANY_TABLE)


def bump_if_written(connection: Connection, owner_id: int) -> None:
    """At the end of a transaction: if it wrote anything, bump the owner's data version (and
    move the interactions' version up to it when they were among what it wrote)."""
    written = connection.info.pop(_WRITTEN, None)
    if not written:
        return
    bumped = AccountRow.data_version + 1
    values: dict[str, Any] = {"data_version": bumped}
    if written & {"interactions", _ANY_TABLE}:
        values["interactions_version"] = bumped
    connection.execute(update(AccountRow).where(AccountRow.id == owner_id).values(values))


def current(connection: Connection, owner_id: int) -> DataVersions:
    """The owner's data versions now."""
    row = connection.execute(
        select(AccountRow.data_version, AccountRow.interactions_version).where(
            AccountRow.id == owner_id
        )
    ).first()
    return DataVersions(int(row[0]), int(row[1])) if row else DataVersions(0, 0)

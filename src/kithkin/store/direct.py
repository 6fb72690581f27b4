"""Core statements on a hot path, run on the session's connection rather than through
`Session.execute`: the ORM's execution layer (its compile plugin, result set-up and event
hooks) is about half the cost of a small read, and a select of plain columns gets nothing
from it. The rows are the same (the same column types convert the values).

The hottest reads (the people list's page, and its people's jobs and tags) go one step
further with `Plain`: the driver's own cursor and its plain tuples."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Dialect, Integer, bindparam
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter, ClauseElement


def connection(session: Session) -> Connection:
    """The session's connection in its transaction, after flushing what the session holds
    (as `Session.execute` would autoflush), so a read sees the transaction's own writes."""
    session.flush()  # nothing to do (and cheap) when it holds no changes
    return session.connection()


class Plain:
    """A Core statement run on the driver's cursor, in the session's transaction: rows are
    the driver's tuples, without SQLAlchemy's result processing, so the values are as the
    driver gives them (a time is text on SQLite, a naive datetime on PostgreSQL: `utc`).
    Compiled once per dialect, so it must not have expanding parameters: a list of ids is a
    fixed row of parameters (`id_slots`, `slot_values`). Parameters the statement gives a
    value itself (SQLite's ``OFFSET 0`` after a bound ``LIMIT``) keep it."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[str, tuple[str, list[str] | None, dict[str, object]]] = {}

    def rows(self, session: Session, values: Mapping[str, object]) -> list[tuple[Any, ...]]:
        bound = connection(session)
        dialect = bound.dialect
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = self.compiled(dialect)
        sql, names, defaults = compiled
        params: Sequence[object] | Mapping[str, object] = (
            [values[name] if name in values else defaults[name] for name in names]
            if names is not None
            else {**defaults, **values}
        )
        cursor = bound.connection.cursor()
        try:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def compiled(self, dialect: Dialect) -> tuple[str, list[str] | None, dict[str, object]]:
        """The statement's SQL for this dialect, its parameters' names in order (None for a
        driver taking them by name) and the values it gives some of them itself."""
        compiled = cast(SQLCompiler, self.statement.compile(dialect=dialect))
        defaults = {
            name: bind.value
            for bind, name in compiled.bind_names.items()
            if not bind.required and not bind.callable
        }
        names = compiled.positiontup
        return compiled.string, None if names is None else list(names), defaults


def id_slots(count: int) -> list[BindParameter[int]]:
    """``count`` integer parameters ``id0``, ``id1``, … for ``column.in_(...)``."""
    return [bindparam(f"id{slot}", type_=Integer) for slot in range(count)]


def slot_values(ids: Sequence[int], count: int) -> dict[str, object]:
    """The values of `id_slots` for up to ``count`` ids: the free slots repeat the first id,
    which changes nothing in an ``IN``."""
    filled = list(ids) + [ids[0]] * (count - len(ids))
    return {f"id{slot}": value for slot, value in enumerate(filled)}


def utc(value: str | datetime | None) -> datetime | None:
    """A `UTCDateTime` column's value from the driver, as that type reads it: aware, UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC)

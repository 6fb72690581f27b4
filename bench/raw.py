"""The baselines: the same work in plain SQL through the bare driver (sqlite3 or psycopg).

What a hand-written program would do with no ORM or service layer: executemany for the load,
the same FTS queries and then the rows a search shows, one join for a people list.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import Boolean, Date, Table

from kithkin.sample import TableRows, batches
from kithkin.store.search import query_words
from kithkin.store.types import UTCDateTime

Row = tuple[Any, ...]


class Cursor(Protocol):
    def execute(self, query: Any, params: Any = ..., /) -> Any: ...
    def executemany(self, query: Any, params_seq: Any, /) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    def cursor(self) -> Any: ...
    def commit(self) -> None: ...
    def close(self) -> None: ...


def _sqlite_datetime(value: datetime) -> str:
    # The very text SQLAlchemy's SQLite DateTime stores (naive UTC, always with microseconds).
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def _converters(table: Table, columns: Sequence[str], dialect: str) -> list[tuple[int, Any]]:
    """``(column index, function)`` for each column whose Python value needs converting."""
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(columns):
        kind = table.c[name].type
        if isinstance(kind, UTCDateTime):
            found.append((index, _sqlite_datetime if dialect == "sqlite" else _naive_utc))
        elif dialect == "sqlite" and isinstance(kind, Date):
            found.append((index, date.isoformat))
        elif dialect == "sqlite" and isinstance(kind, Boolean):
            found.append((index, int))
    return found


class Raw:
    """One bare driver connection and the baseline queries, for SQLite or PostgreSQL."""

    def __init__(self, connection: Connection, dialect: str) -> None:
        self.connection = connection
        self.dialect = dialect
        self.mark = "?" if dialect == "sqlite" else "%s"

    @classmethod
    def sqlite(cls, path: str) -> Raw:
        connection = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("PRAGMA synchronous=NORMAL")  # as kithkin.store.engine sets them
        return cls(connection, "sqlite")

    @classmethod
    def postgres(cls, url: str) -> Raw:
        import psycopg

        # No server-side prepared statements (psycopg prepares after 5 runs): generic plans
        # for IN lists would make the baseline slower than it needs to be.
        address = url.replace("postgresql+psycopg://", "postgresql://")
        return cls(psycopg.connect(address, prepare_threshold=None), "pg")

    def close(self) -> None:
        self.connection.close()

    def _in(self, values: Sequence[object]) -> str:
        return ", ".join([self.mark] * len(values))

    def _all(self, query: str, params: Sequence[object] = ()) -> list[Row]:
        cursor = self.connection.cursor()
        cursor.execute(query, tuple(params))
        rows: list[Row] = cursor.fetchall()
        return rows

    # -- the load --------------------------------------------------------------------------

    def insert(self, plan: list[TableRows]) -> None:
        """Every row of the plan with executemany, in one transaction."""
        cursor = self.connection.cursor()
        if self.dialect == "sqlite":
            cursor.execute("BEGIN")
        for step in plan:
            names = ", ".join(step.columns)
            query = f"INSERT INTO {step.table.name} ({names}) VALUES ({self._in(step.columns)})"
            convert = _converters(step.table, step.columns, self.dialect)
            for batch in batches(step.rows):
                if convert:
                    rows = []
                    for row in batch:
                        values = list(row)
                        for index, function in convert:
                            if values[index] is not None:
                                values[index] = function(values[index])
                        rows.append(values)
                    cursor.executemany(query, rows)
                else:
                    cursor.executemany(query, batch)
        if self.dialect == "pg":
            for name in ("sources", "organizations", "events", "people", "interactions"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {name}))"
                )
        if self.dialect == "sqlite":
            cursor.execute("COMMIT")
        else:
            self.connection.commit()

    # -- search ----------------------------------------------------------------------------

    def _match(self, query: str) -> str:
        words = query_words(query)
        if self.dialect == "sqlite":
            quoted = [f'"{word}"' for word in words]
            quoted[-1] += "*"
            return " AND ".join(quoted)
        words[-1] += ":*"
        return " & ".join(words)

    def search_ids(self, query: str, owner: int, limit: int) -> tuple[list[int], list[int]]:
        match = self._match(query)
        if self.dialect == "sqlite":
            people = self._all(
                "SELECT p.id FROM people_fts f JOIN people p ON p.id = f.rowid "
                "WHERE people_fts MATCH ? AND p.owner_id = ? "
                "ORDER BY bm25(people_fts, 10.0, 1.0), p.sort_name LIMIT ?",
                (match, owner, limit),
            )
            # CROSS JOIN: SQLite then reads the FTS matches first; left to itself it walks
            # ix_interactions_owner_at newest first and probes FTS5 row by row (seconds).
            interactions = self._all(
                "SELECT i.id FROM interactions_fts f CROSS JOIN interactions i ON i.id = f.rowid "
                "WHERE interactions_fts MATCH ? AND i.owner_id = ? "
                "ORDER BY i.occurred_at DESC LIMIT ?",
                (match, owner, limit),
            )
        else:
            people = self._all(
                "SELECT p.id FROM people p "
                "WHERE p.search_vector @@ to_tsquery('simple', %s) AND p.owner_id = %s "
                "ORDER BY ts_rank(p.search_vector, to_tsquery('simple', %s)) DESC, p.sort_name "
                "LIMIT %s",
                (match, owner, match, limit),
            )
            interactions = self._all(
                "SELECT i.id FROM interactions i "
                "WHERE i.note_vector @@ to_tsquery('simple', %s) AND i.owner_id = %s "
                "ORDER BY i.occurred_at DESC LIMIT %s",
                (match, owner, limit),
            )
        return [row[0] for row in people], [row[0] for row in interactions]

    def search(self, query: str, owner: int, limit: int) -> tuple[list[Row], list[Row]]:
        """The ids, then the rows the service shows for them: people and interactions."""
        person_ids, interaction_ids = self.search_ids(query, owner, limit)
        people = self.summaries(owner, ids=person_ids) if person_ids else []
        order = {row[0]: rank for rank, row in enumerate(people)}
        people.sort(key=lambda row: order[row[0]])
        return people, self.interactions(owner, interaction_ids)

    def interactions(self, owner: int, ids: list[int]) -> list[Row]:
        if not ids:
            return []
        marks = self._in(ids)
        rows = self._all(
            "SELECT id, occurred_at, minutes, channel, purpose, purpose_source, "
            "purpose_confidence, initiated_by, activity, note FROM interactions "
            f"WHERE id IN ({marks}) AND owner_id = {self.mark} ORDER BY occurred_at DESC, id DESC",
            (*ids, owner),
        )
        people = self._all(
            "SELECT ip.interaction_id, p.uid, p.display_name FROM interaction_participants ip "
            f"JOIN people p ON p.id = ip.person_id WHERE ip.interaction_id IN ({marks}) "
            "ORDER BY p.sort_name",
            ids,
        )
        topics = self._all(
            "SELECT interaction_id, topic FROM interaction_topics "
            f"WHERE interaction_id IN ({marks}) ORDER BY topic",
            ids,
        )
        exchanges = self._all(
            "SELECT x.id, x.interaction_id, x.direction, x.kind, x.description, x.occurred_at, "
            "p.uid, p.display_name FROM exchanges x JOIN people p ON p.id = x.person_id "
            f"WHERE x.interaction_id IN ({marks}) ORDER BY x.id",
            ids,
        )
        follow_ups = self._all(
            "SELECT f.id, f.interaction_id, f.due_on, f.text, f.status, f.snoozed_until, "
            "f.created_at, f.done_at, p.uid, p.display_name FROM follow_ups f "
            "LEFT JOIN people p ON p.id = f.person_id "
            f"WHERE f.owner_id = {self.mark} AND f.interaction_id IN ({marks}) "
            "ORDER BY f.due_on, f.id",
            (owner, *ids),
        )
        extra: dict[int, list[list[Row]]] = {row[0]: [[], [], [], []] for row in rows}
        for position, found in enumerate((people, topics, exchanges, follow_ups)):
            for row in found:
                key = row[1] if position >= 2 else row[0]
                if key in extra:
                    extra[key][position].append(row)
        return [(*row, *extra[row[0]]) for row in rows]

    # -- people lists ----------------------------------------------------------------------

    def summaries(
        self,
        owner: int,
        *,
        circle: str | None = None,
        ids: list[int] | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        """What a people list shows: name, job, circle, mode, tags, last contact, warmth."""
        tags = (
            "(SELECT group_concat(name, ',') FROM "
            "(SELECT t.name FROM person_tags t WHERE t.person_id = p.id ORDER BY t.name))"
            if self.dialect == "sqlite"
            else "(SELECT string_agg(t.name, ',' ORDER BY t.name) FROM person_tags t "
            "WHERE t.person_id = p.id)"
        )
        conditions = [f"p.owner_id = {self.mark}"]
        params: list[object] = [owner]
        if circle is not None:
            conditions.append(f"p.circle = {self.mark}")
            params.append(circle)
        if ids is not None:
            conditions.append(f"p.id IN ({self._in(ids)})")
            params.extend(ids)
        query = (
            "SELECT p.id, p.uid, p.display_name, p.circle, p.mode, p.last_interaction_at, "
            f"p.warmth_heat, p.warmth_as_of, o.name, e.title, {tags} FROM people p "
            "LEFT JOIN employments e ON e.person_id = p.id AND e.is_current "
            "LEFT JOIN organizations o ON o.id = e.organization_id "
            f"WHERE {' AND '.join(conditions)} ORDER BY p.sort_name, p.id"
        )
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        return self._all(query, params)

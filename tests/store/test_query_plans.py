"""The plans SQLite picks for the dashboard's reads once it has the statistics ``PRAGMA
optimize`` keeps (approximate: ``analysis_limit`` bounds the rows it samples, and every owner
index then looks alike)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from kithkin.store import Store
from kithkin.store.tables import PersonRow

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
STATISTICS_SEEN = {
    "ix_people_owner_created": "93936 1001 46",
    "ix_people_owner_own_cadence": "3066 1001",
    "ix_people_owner_circle_seen": "105910 1001 1001 4",
    "ix_people_owner_sort": "100980 1001 5 1",
    "ix_people_owner_last": "382080 1001 1001",
    "ix_people_owner_circle": "78196 1001 1001",
    "ix_people_owner_birthday": "58968 1001 1001 1001",
    "sqlite_autoindex_people_1": "110838 1",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'plans.db'}", now=NOW)
    with opened.transaction() as tx:
        tx.session.add_all(
            PersonRow(
                uid=f"p{number:05d}",
                owner_id=opened.owner_id,
                display_name=f"Person {number}",
                sort_name=f"person {number:05d}",
                created_at=NOW - timedelta(days=number % 900),
                updated_at=NOW,
                cadence_days=30 if number % 50 == 0 else None,
            )
            for number in range(3000)
        )
    with opened.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
        # As PRAGMA optimize left them on the 100k-people benchmark database (analysis_limit
        # 1000): every owner index says about a thousand rows per owner.
        for index, stat in STATISTICS_SEEN.items():
            connection.exec_driver_sql(
                "UPDATE sqlite_stat1 SET stat = ? WHERE idx = ?", (stat, index)
            )
        connection.exec_driver_sql("ANALYZE sqlite_schema")  # reload them
    yield opened
    opened.close()


def _plans(store: Store, read: str) -> list[str]:
    """The query plan of each SELECT on people that ``read`` (a facts method) runs."""
    statements: list[tuple[str, object]] = []

    def record(conn: object, cursor: object, statement: str, params: object, *_: object) -> None:
        if "FROM people" in statement:
            statements.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.transaction() as tx:
            if read == "own_cadences":
                assert len(tx.facts.own_cadences()) == 60
            else:
                assert len(tx.facts.people_added(NOW - timedelta(days=7), NOW)) > 0
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    with store.engine.connect() as connection:
        return [
            " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)  # type: ignore[arg-type]
            )
            for sql, params in statements
        ]


def test_the_people_with_a_cadence_of_their_own_come_from_the_partial_index(
    store: Store,
) -> None:
    (plan,) = _plans(store, "own_cadences")
    assert "USING INDEX ix_people_owner_own_cadence" in plan


def test_the_people_added_lately_come_from_the_created_index(store: Store) -> None:
    plans = _plans(store, "people_added")
    assert any("ix_people_owner_created" in plan for plan in plans), plans

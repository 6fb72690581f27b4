"""The backup's SQL: the tables described from the models for ``core.backup_format``, an
account's rows read as plain dicts, and an import's plan written (bulk inserts, then updates).

Every column of a table is a field of the backup unless it is the table's database id, the
owning account, the column that nests the row in its parent, or in ``EXCLUDED_COLUMNS``: a
column added to the models is in the next backup without anyone listing it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Date,
    Float,
    Integer,
    MetaData,
    String,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy import Table as SqlTable

from kithkin.core.backup_format import (
    EXCLUDED_COLUMNS,
    LAYOUT,
    MISSING,
    SECTIONS,
    Field,
    Kind,
    Schema,
    Table,
)
from kithkin.core.backup_plan import New, Plan
from kithkin.store.tables import Base
from kithkin.store.types import UTCDateTime

if TYPE_CHECKING:
    from kithkin.store import Transaction

OWNER = "owner_id"
Resolver = Callable[[Field, Any], Any]


def describe(metadata: MetaData) -> Schema:
    """The backup's tables as ``metadata`` defines them (``LAYOUT`` says where each goes)."""
    return Schema({section.table: _table(metadata.tables[section.table]) for section in LAYOUT})


@cache
def backup_schema() -> Schema:
    return describe(Base.metadata)


def _table(table: SqlTable) -> Table:
    fields: list[Field] = []
    id_column: str | None = None
    for column in table.columns:
        targets = {key.column.table.name for key in column.foreign_keys}
        single = len(table.primary_key.columns) == 1
        if column.primary_key and single and isinstance(column.type, Integer) and not targets:
            id_column = column.name  # the database id
            continue
        if targets == {"accounts"} or (table.name, column.name) in EXCLUDED_COLUMNS:
            continue
        fields.append(_field(table, column, targets))
    return Table(
        name=table.name,
        fields=tuple(fields),
        primary_key=tuple(column.name for column in table.primary_key.columns),
        id_column=id_column,
        owned=OWNER in table.columns,
    )


def _field(table: SqlTable, column: Column[Any], targets: set[str]) -> Field:
    default: Any = MISSING
    if column.default is not None and column.default.is_scalar:
        default = column.default.arg  # type: ignore[attr-defined]
    elif column.nullable:
        default = None
    nullable = bool(column.nullable)
    if targets:
        (target,) = targets
        name = column.name.removesuffix("_id")
        return Field(name, column.name, Kind.REF, nullable, default, target=target)
    kind = _kind(table, column)
    length = column.type.length if isinstance(column.type, String) else None
    return Field(column.name, column.name, kind, nullable, default, length=length)


def _kind(table: SqlTable, column: Column[Any]) -> Kind:
    kinds: list[tuple[type[Any], Kind]] = [
        (UTCDateTime, Kind.DATETIME),
        (Date, Kind.DATE),
        (Boolean, Kind.BOOLEAN),
        (Integer, Kind.INTEGER),
        (Float, Kind.FLOAT),
        (String, Kind.TEXT),  # Text too
    ]
    for sql_type, kind in kinds:
        if isinstance(column.type, sql_type):
            return kind
    raise TypeError(
        f"{table.name}.{column.name} is a {column.type!r}: teach store.backup its kind "
        "(and core.backup_document and core.backup_values how to write and read it) before it "
        "can be backed up"
    )


# -- reading -----------------------------------------------------------------------------


def _scope(table: SqlTable, owner_id: int) -> ColumnElement[bool]:
    if table.name == "accounts":
        return table.c.id == owner_id
    if OWNER in table.c:
        return table.c[OWNER] == owner_id
    section = SECTIONS[table.name]
    assert section.parent is not None and section.parent_column is not None
    parent = Base.metadata.tables[section.parent]
    owned = select(parent.c.id).where(_scope(parent, owner_id))
    return table.c[section.parent_column].in_(owned)


def read_account(
    tx: Transaction, schema: Schema, *, snapshot: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """Every row of the account, table by table in primary-key order, columns by name.

    ``snapshot``: read everything as of one instant even on PostgreSQL (repeatable read);
    it must then be the transaction's first statement.
    """
    session = tx.session
    if snapshot and session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    rows: dict[str, list[dict[str, Any]]] = {}
    for name in schema.tables:
        table = Base.metadata.tables[name]
        query = select(table).where(_scope(table, tx.owner_id)).order_by(*table.primary_key)
        rows[name] = [dict(row) for row in session.execute(query).mappings()]
    return rows


def foreign_uids(tx: Transaction, uids: Sequence[str]) -> set[str]:
    """The uids among ``uids`` that people of other accounts have (uids are global)."""
    people = Base.metadata.tables["people"]
    found: set[str] = set()
    for start in range(0, len(uids), 500):
        chunk = list(uids[start : start + 500])
        query = select(people.c.uid).where(people.c.uid.in_(chunk), people.c[OWNER] != tx.owner_id)
        found.update(tx.session.scalars(query))
    return found


# -- writing -----------------------------------------------------------------------------


def apply_plan(tx: Transaction, schema: Schema, plan: Plan, people: Mapping[str, int]) -> None:
    """Write ``plan``: inserts in bulk and updates, table by table; ``people`` maps the
    stored people's uids to their ids. Then keep the derived columns of the people who were
    already there right: their warmth and last contact, and their search text."""
    session = tx.session
    uids = dict(people)
    created: dict[str, dict[str, int]] = defaultdict(dict)

    def resolve(item: Field, value: Any) -> Any:
        if item.kind is not Kind.REF or value is None:
            return value
        if item.target == "people":
            return uids[value]
        return created[value.table][value.key] if isinstance(value, New) else value

    for step in plan.steps:
        table, described = Base.metadata.tables[step.table], schema.tables[step.table]
        if step.inserts:
            params = [
                _columns(described, write.values, resolve, tx.owner_id) for write in step.inserts
            ]
            if described.id_column is not None:
                new_ids = _new_ids(tx, table, described.id_column, len(params))
                for write, row, new_id in zip(step.inserts, params, new_ids, strict=True):
                    row[described.id_column] = new_id
                    if step.table == "people":
                        uids[write.record.values["uid"]] = new_id
                    elif write.record.key is not None:
                        created[step.table][write.record.key] = new_id
            session.execute(insert(table), params)
        for write in step.updates:
            assert write.pk is not None
            where = [
                table.c[name] == value
                for name, value in zip(described.primary_key, write.pk, strict=True)
            ]
            values = _columns(described, write.values, resolve, None)
            session.execute(update(table).where(*where).values(values))
    _touch(tx, plan, uids)
    for uid in plan.changes:
        tx.people.refresh_search_text(uids[uid])


def _columns(
    table: Table, values: Mapping[str, Any], resolve: Resolver, owner: int | None
) -> dict[str, Any]:
    columns = {
        item.column: resolve(item, values[item.name])
        for item in table.fields
        if item.name in values
    }
    if owner is not None and table.owned:
        columns[OWNER] = owner
    return columns


def _new_ids(tx: Transaction, table: SqlTable, column: str, count: int) -> list[int]:
    """Ids for ``count`` new rows, ascending, so that they keep the document's order.

    Given up front, the rows go in with one bulk insert and no RETURNING (which SQLite would
    run row by row to keep the order). PostgreSQL takes them from the table's sequence; on
    SQLite the highest id is safe to count from: once this transaction writes, no other can,
    and if another wrote since it read, its first write fails instead.
    """
    if tx.session.get_bind().dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, column)
        query = select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        return sorted(tx.session.scalars(query))
    highest = tx.session.scalar(select(func.max(table.c[column]))) or 0
    return list(range(highest + 1, highest + 1 + count))


def _touch(tx: Transaction, plan: Plan, uids: Mapping[str, int]) -> None:
    """Fold the interactions an import adds to people already there into their warmth and
    last contact, as logging them would have."""
    people = Base.metadata.tables["people"]
    latest: dict[int, datetime] = {}
    for uid, at, channel in sorted(plan.touches, key=lambda touch: touch[1]):
        person_id = uids[uid]
        tx.people.add_touch([person_id], at=at, channel=channel)
        latest[person_id] = max(at, latest.get(person_id, at))
    for person_id, at in latest.items():
        last = people.c.last_interaction_at
        tx.session.execute(
            update(people)
            .where(people.c.id == person_id, or_(last.is_(None), last < at))
            .values(last_interaction_at=at)
        )

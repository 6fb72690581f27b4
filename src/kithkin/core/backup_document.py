"""Export: an account's rows as the backup document, and the document's text.

``store.backup`` reads an account's rows as plain dicts (columns by name); ``stored_rows``
puts them in the document's terms (``Stored``: fields by name, people by uid), which is also
what an import's plan compares the document with. ``build_document`` gives the rows keys in
the document's order (``"event:3"``), writes references as those keys, times and days as
ISO-8601 text, and nests each row in its parent as ``LAYOUT`` says; ``format_document`` is
the text, the same for the same database.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from kithkin.core.backup_format import FORMAT, VERSION, Field, Kind, Schema, Section, Table


def iso_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def format_document(document: Mapping[str, Any]) -> str:
    """The document's text: UTF-8 as written, two-space indents, keys sorted, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class Stored:
    """A row as the database has it: people referred to by uid, other rows by database id."""

    pk: tuple[Any, ...]
    id: int | None
    values: dict[str, Any]

    @property
    def row_id(self) -> int:
        """The database id of a row of a table that has one (sources, events…)."""
        assert self.id is not None
        return self.id


def stored_rows(
    schema: Schema, rows: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, list[Stored]]:
    """Rows as ``store.backup`` reads them (columns by name) in the form plans compare."""
    uids = {row["id"]: row["uid"] for row in rows.get("people", ())}
    result: dict[str, list[Stored]] = {}
    for name, table in schema.tables.items():
        converted = []
        columns = [(item.name, item.column) for item in table.fields]
        people = [item.name for item in table.fields if item.target == "people"]
        for row in rows.get(name, ()):
            values = {field_name: row[column] for field_name, column in columns}
            for person in people:
                if values[person] is not None:
                    values[person] = uids[values[person]]
            row_id = row[table.id_column] if table.id_column else None
            converted.append(Stored(tuple(row[c] for c in table.primary_key), row_id, values))
        result[name] = converted
    return result


def _sort_key(value: Any) -> tuple[bool, Any]:
    return (value is not None, value)


def build_document(
    schema: Schema, rows: Mapping[str, Sequence[Mapping[str, Any]]], *, exported_at: datetime
) -> dict[str, Any]:
    """The backup document of an account's rows (each table's rows in primary-key order)."""
    stored = stored_rows(schema, rows)
    keys: dict[str, dict[int, str]] = {}
    rendered: dict[str, list[tuple[Stored, dict[str, Any]]]] = {}
    for name in schema.order():
        table, section = schema.tables[name], schema.section(name)
        ordering = [table.field(field_name) for field_name in section.order]

        def sort_key(row: Stored, ordering: list[Field] = ordering) -> list[tuple[bool, Any]]:
            return [_sort_key(_reference(item, row.values[item.name], keys)) for item in ordering]

        ordered = sorted(stored[name], key=sort_key)
        if section.prefix:
            keys[name] = {row.row_id: f"{section.prefix}:{n}" for n, row in enumerate(ordered, 1)}
        skip = schema.parent_field(name)
        rendered[name] = _render(table, ordered, keys, skip, keys.get(name))
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso_datetime(exported_at),
    }
    groups: dict[str, dict[Any, list[tuple[Stored, dict[str, Any]]]]] = {}
    for name, items in rendered.items():
        pick = schema.parent_field(name)
        grouped = groups[name] = defaultdict(list)
        for row, record in items:
            grouped[row.values[pick] if pick else None].append((row, record))
    for section in schema.top():
        document[section.name] = _nest(schema, section, groups, None)
    return document


def _reference(item: Field, value: Any, keys: Mapping[str, Mapping[int, str]]) -> Any:
    if item.kind is not Kind.REF or value is None or item.target == "people":
        return value
    assert item.target is not None
    return keys[item.target][value]


def _render(
    table: Table,
    rows: Sequence[Stored],
    keys: Mapping[str, Mapping[int, str]],
    skip: str | None,
    own_keys: Mapping[int, str] | None,
) -> list[tuple[Stored, dict[str, Any]]]:
    """The rows as the document has them: keys for references, text for times and days."""
    writers: list[tuple[str, Callable[[Any], Any] | None]] = []
    for item in table.fields:
        if item.name == skip:
            continue
        if item.kind is Kind.REF and item.target != "people":
            assert item.target is not None
            writers.append((item.name, keys[item.target].__getitem__))
        elif item.kind in (Kind.DATETIME, Kind.DATE):
            writers.append((item.name, iso_datetime if item.kind is Kind.DATETIME else _iso_day))
        else:
            writers.append((item.name, None))
    rendered = []
    for row in rows:
        record: dict[str, Any] = {} if own_keys is None else {"id": own_keys[row.row_id]}
        for name, write in writers:
            value = row.values[name]
            record[name] = value if write is None or value is None else write(value)
        rendered.append((row, record))
    return rendered


def _iso_day(value: date) -> str:
    return value.isoformat()


def _nest(
    schema: Schema,
    section: Section,
    groups: Mapping[str, Mapping[Any, list[tuple[Stored, dict[str, Any]]]]],
    parent: Any,
) -> Any:
    """The rendered rows of ``section`` that belong to the row whose key is ``parent``."""
    rows = groups[section.table].get(parent, [])
    for row, record in rows:
        own = row.values["uid"] if section.table == "people" else row.id
        for child in schema.children(section.table):
            record[child.name] = _nest(schema, child, groups, own)
    if section.single:
        return rows[0][1] if rows else None
    return [record for _, record in rows]

"""Kithkin's own backup document: its layout, its text, reading it back with line numbers,
validating it, and matching its rows against an account's. Pure: no SQL, no files.

``store.backup`` describes the tables (``Table``) from the SQLAlchemy models, so that a new
column is a new field without anyone writing it down; ``LAYOUT`` here says where each table's
rows go and how a row is recognised. The reference for users is ``docs/backup-format.md``:

* one JSON object ``{"format": "kithkin-backup", "version": 1, "exported_at": …, "account":
  {…}, "settings": […], "people": […], …}``: one list per kind of row; a person's own rows
  (e-mails, phones, tags, jobs…) nest in the person, an interaction's participants and topics
  in the interaction, an event's attendees in the event;
* every column is a field named as the column (a reference without its ``_id``), except
  database ids, the owning account and ``EXCLUDED_COLUMNS`` (the password hash);
* rows refer to each other by keys, never database ids: people by ``uid``; sources,
  organizations, events and interactions by an ``id`` such as ``"event:3"``, numbered in the
  export's order and meaningful inside one document only;
* times are ISO-8601 UTC (``2026-11-20T09:00:00Z``), days ``2026-11-20``; rows come in a fixed
  order and keys are sorted, so one database always gives the same text.

An import validates everything first (``read_backup``), then matches each row with the
account's (``plan_import``): on its natural key where the schema has one (``Section.unique``),
else on the fields that make it that row (``Section.identity``), counting repeats. A matched
row takes the document's values, an unmatched one is created, nothing is deleted: importing a
document twice creates nothing the second time.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import defaultdict, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum, StrEnum
from functools import cached_property
from typing import Any, Final

from kithkin.core.dates import PartialDate
from kithkin.core.imports import ImportedPerson, ImportIssue, ImportReport
from kithkin.core.vocabulary import (
    Activity,
    Channel,
    Circle,
    Direction,
    ExchangeKind,
    FollowUpStatus,
    Initiator,
    MilestoneKind,
    Mode,
    Purpose,
    PurposeSource,
)
from kithkin.errors import InvalidInput

FORMAT: Final = "kithkin-backup"
VERSION: Final = 1
MAX_ERRORS: Final = 100  # a report lists this many errors, then says how many more
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1  # INTEGER is 32-bit on PostgreSQL
_KEY_LENGTH = 200

# -- the tables, as store.backup describes them ---------------------------------------------


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    REF = "reference"


class _Missing(Enum):
    MISSING = "missing"


MISSING: Final = _Missing.MISSING  # a field without a default: every row must have it


@dataclass(frozen=True)
class Field:
    """One column as a field of a row in the document."""

    name: str  # the column's name, a reference's without "_id"
    column: str
    kind: Kind
    nullable: bool = False
    default: Any = MISSING  # what a row without this field gets
    length: int | None = None  # TEXT: at most this many characters
    target: str | None = None  # REF: the table referred to


@dataclass(frozen=True)
class Table:
    name: str
    fields: tuple[Field, ...]  # every column but ids, the owner and EXCLUDED_COLUMNS
    primary_key: tuple[str, ...]  # columns
    id_column: str | None = None  # the database id, never in a document
    owned: bool = False  # has an owner_id column

    def field(self, name: str) -> Field:
        return next(item for item in self.fields if item.name == name)


# -- the layout: where each table's rows go and how a row is recognised -----------------------


@dataclass(frozen=True)
class Section:
    table: str
    name: str  # the key in the document (or in the parent's rows)
    parent: str | None = None  # nested in the rows of this table…
    parent_column: str | None = None  # …through this column
    order: tuple[str, ...] = ()  # fields the rows are sorted by (then by database id)
    identity: tuple[str, ...] | None = None  # fields that say which row it is; None: all
    unique: bool = False  # the identity is a key of the schema: no two rows share it
    prefix: str | None = None  # rows others refer to: an "id" like "event:3"
    single: bool = False  # at most one row: an object (or null) rather than a list
    external: str | None = None  # when this field is set, it alone identifies the row


def _person_rows(table: str, name: str, **options: Any) -> Section:
    return Section(table, name, parent="people", parent_column="person_id", **options)


_POSITION = ("position",)
LAYOUT: Final[tuple[Section, ...]] = (
    Section("accounts", "account", identity=(), unique=True, single=True),
    Section("settings", "settings", order=("key",), identity=("key",), unique=True),
    Section("circles", "circles", order=("position", "name"), identity=("name",), unique=True),
    Section("goals", "goals", identity=("key",), unique=True),
    Section("sources", "sources", order=("created_at",), prefix="source"),
    Section(
        "organizations",
        "organizations",
        order=("normalized_name",),
        identity=("normalized_name",),
        unique=True,
        prefix="organization",
    ),
    Section(
        "events",
        "events",
        order=("starts_on", "created_at"),
        identity=("name", "starts_on", "created_at"),
        prefix="event",
    ),
    Section(
        "event_attendees",
        "attendees",
        parent="events",
        parent_column="event_id",
        order=("person",),
        identity=("event", "person"),
        unique=True,
    ),
    Section("people", "people", order=("uid",), identity=("uid",), unique=True),
    _person_rows("person_emails", "emails", order=_POSITION, identity=("person", "normalized")),
    _person_rows("person_phones", "phones", order=_POSITION, identity=("person", "raw")),
    _person_rows("person_urls", "urls", order=_POSITION, identity=("person", "value")),
    _person_rows("person_addresses", "addresses", order=_POSITION),
    _person_rows(
        "person_nicknames", "nicknames", order=_POSITION, identity=("person", "normalized")
    ),
    _person_rows("person_tags", "tags", order=("name",), identity=("person", "name"), unique=True),
    _person_rows(
        "person_interests", "interests", order=("name",), identity=("person", "name"), unique=True
    ),
    _person_rows(
        "employments",
        "employments",
        order=_POSITION,
        identity=("person", "organization", "title", "start_date"),
    ),
    _person_rows(
        "person_identities",
        "identities",
        order=("system", "key"),
        identity=("system", "key"),
        unique=True,
    ),
    _person_rows(
        "person_related_names",
        "related_names",
        order=_POSITION,
        identity=("person", "name", "label"),
    ),
    _person_rows("person_photos", "photo", identity=("person",), unique=True, single=True),
    _person_rows("person_extra_properties", "extra_properties", order=_POSITION),
    _person_rows(
        "field_provenance",
        "provenance",
        order=("field",),
        identity=("person", "field"),
        unique=True,
    ),
    Section(
        "relationships",
        "relationships",
        order=("person", "other", "kind"),
        identity=("person", "other", "kind"),
        unique=True,
    ),
    Section(
        "interactions",
        "interactions",
        order=("occurred_at",),
        identity=("occurred_at", "created_at", "channel"),
        prefix="interaction",
        external="external_key",
    ),
    Section(
        "interaction_participants",
        "participants",
        parent="interactions",
        parent_column="interaction_id",
        order=("person",),
        identity=("interaction", "person"),
        unique=True,
    ),
    Section(
        "interaction_topics",
        "topics",
        parent="interactions",
        parent_column="interaction_id",
        order=("topic",),
        identity=("interaction", "topic"),
        unique=True,
    ),
    Section("exchanges", "exchanges", order=("occurred_at",)),
    Section(
        "follow_ups",
        "follow_ups",
        order=("created_at",),
        identity=("person", "interaction", "text", "created_at"),
    ),
    Section(
        "milestones",
        "milestones",
        order=("person", "month", "day"),
        identity=("person", "kind", "year", "month", "day", "created_at"),
    ),
    Section(
        "agenda_snoozes", "agenda_snoozes", order=("item_key",), identity=("item_key",), unique=True
    ),
    Section("merges", "merges", order=("merged_at",), identity=("merged_uid", "merged_at")),
)
SECTIONS: Final = {section.table: section for section in LAYOUT}

# Tables and columns that are not part of a backup, and why (a test checks that every table
# and column of the schema is exported or named here).
EXCLUDED_TABLES: Final[dict[str, str]] = {}
EXCLUDED_COLUMNS: Final[dict[tuple[str, str], str]] = {
    ("accounts", "password_hash"): "a credential: a backup file must not carry it",
}
# Exported for information only: an import never renames the account it goes into.
IGNORED_ON_IMPORT: Final = {("accounts", "username")}
# Kept up to date from other rows: taken from the document for the people it creates, and
# recomputed (not overwritten) for the people that were already there.
DERIVED: Final = {
    ("people", "search_text"),
    ("people", "last_interaction_at"),
    ("people", "warmth_heat"),
    ("people", "warmth_as_of"),
}

# What the rest of Kithkin expects of some text columns; checked on import.
CHOICES: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("people", "circle"): tuple(Circle),
    ("people", "mode"): tuple(Mode),
    ("goals", "period"): ("week", "month"),
    ("events", "purpose"): tuple(Purpose),
    ("interactions", "channel"): tuple(Channel),
    ("interactions", "purpose"): tuple(Purpose),
    ("interactions", "model_purpose"): tuple(Purpose),
    ("interactions", "purpose_source"): tuple(PurposeSource),
    ("interactions", "initiated_by"): tuple(Initiator),
    ("interactions", "activity"): tuple(Activity),
    ("exchanges", "direction"): tuple(Direction),
    ("exchanges", "kind"): tuple(ExchangeKind),
    ("follow_ups", "status"): tuple(FollowUpStatus),
    ("milestones", "kind"): tuple(MilestoneKind),
}
JSON_TEXT: Final = {
    ("settings", "value"),
    ("person_extra_properties", "params"),
    ("merges", "snapshot"),
}
PARTIAL_DATES: Final = {
    ("employments", "start_date"),
    ("employments", "end_date"),
    ("relationships", "since"),
    ("relationships", "until"),
}
CALENDAR_DAYS: Final = {  # (month, day, year) columns that must make a real day
    "people": ("birth_month", "birth_day", "birth_year"),
    "milestones": ("month", "day", "year"),
}


@dataclass(frozen=True)
class Schema:
    """The tables of a backup with their layout."""

    tables: Mapping[str, Table]

    def section(self, table: str) -> Section:
        return SECTIONS[table]

    def top(self) -> list[Section]:
        return [section for section in LAYOUT if section.parent is None]

    def children(self, table: str) -> list[Section]:
        return self._children.get(table, [])

    def parent_field(self, table: str) -> str | None:
        return self._parent_fields[table]

    def order(self) -> list[str]:
        """Tables in an order where every row comes after the rows it refers to."""
        return self._order

    def identity_fields(self, table: str) -> tuple[str, ...]:
        """The fields that say which row it is (``Section.identity``; all when None)."""
        return self._identity_fields[table]

    @cached_property
    def _identity_fields(self) -> dict[str, tuple[str, ...]]:
        found = {}
        for name, table in self.tables.items():
            chosen = SECTIONS[name].identity
            if chosen is None:
                chosen = tuple(
                    f.name for f in table.fields if (name, f.name) not in IGNORED_ON_IMPORT
                )
            found[name] = chosen
        return found

    @cached_property
    def _children(self) -> dict[str, list[Section]]:
        children: dict[str, list[Section]] = defaultdict(list)
        for section in LAYOUT:
            if section.parent is not None:
                children[section.parent].append(section)
        return children

    @cached_property
    def _parent_fields(self) -> dict[str, str | None]:
        return {
            name: next((f.name for f in table.fields if f.column == column), None)
            if (column := SECTIONS[name].parent_column)
            else None
            for name, table in self.tables.items()
        }

    @cached_property
    def _order(self) -> list[str]:
        needs = {
            name: {
                item.target
                for item in table.fields
                if item.kind is Kind.REF and item.target is not None and item.target != name
            }
            for name, table in self.tables.items()
        }
        done: list[str] = []
        while len(done) < len(needs):
            ready = [s.table for s in LAYOUT if s.table not in done and needs[s.table] <= {*done}]
            if not ready:
                raise ValueError(f"the backup's tables refer to each other in a cycle: {needs}")
            done.append(ready[0])
        return done


def path_text(segments: Sequence[str | int]) -> str:
    """``("people", 3, "emails", 0)`` → ``people[3].emails[0]``."""
    text = ""
    for segment in segments:
        text += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if text else segment)
    return text


# -- the text -------------------------------------------------------------------------------


def iso_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def format_document(document: Mapping[str, Any]) -> str:
    """The document's text: UTF-8 as written, two-space indents, keys sorted, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# The standard library's own scanners (C when available), not in its type stubs.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
_STRING: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def _value_at(text: str, index: int) -> tuple[Any, int]:
    try:
        return _SCAN(text, index)
    except StopIteration as stop:
        raise json.JSONDecodeError("Expecting value", text, stop.value) from None


def _skip(text: str, index: int) -> int:
    match = _WS.match(text, index)
    return match.end() if match else index


class Positions:
    """Where things start in the document's text: the rows of every top-level list are
    recorded while parsing; anything deeper is found on demand (for error messages)."""

    def __init__(self, text: str, tops: dict[str, int], rows: dict[str, list[int]]) -> None:
        self.text = text
        self.tops = tops  # where each top-level value starts
        self.rows = rows  # where each row of each top-level list starts
        self._anchors = sorted([0, *tops.values(), *(o for each in rows.values() for o in each)])
        self._lines: list[int] = []
        line, previous = 1, 0
        for offset in self._anchors:
            line += text.count("\n", previous, offset)
            self._lines.append(line)
            previous = offset

    def line_at(self, offset: int) -> int:
        index = bisect.bisect_right(self._anchors, offset) - 1
        return self._lines[index] + self.text.count("\n", self._anchors[index], offset)

    def line_of(self, segments: Sequence[str | int]) -> int:
        """The line where the value at ``segments`` starts (as near as can be found)."""
        if not segments or not isinstance(segments[0], str) or segments[0] not in self.tops:
            return 1
        name = segments[0]
        rows = self.rows.get(name, [])
        if len(segments) > 1 and isinstance(segments[1], int) and segments[1] < len(rows):
            offset, rest = rows[segments[1]], segments[2:]
        else:
            offset, rest = self.tops[name], segments[1:]
        return self.line_at(self._walk(offset, rest))

    def _walk(self, offset: int, segments: Sequence[str | int]) -> int:
        text = self.text
        try:
            for segment in segments:
                offset = _skip(text, offset)
                if isinstance(segment, int) and text.startswith("[", offset):
                    offset = _skip(text, offset + 1)
                    for _ in range(segment):
                        offset = _skip(text, _skip(text, _value_at(text, offset)[1]) + 1)
                    continue
                if not isinstance(segment, str) or not text.startswith("{", offset):
                    return offset
                found, offset = offset, _skip(text, offset + 1)
                while text.startswith('"', offset):  # the last of equal keys wins, as in json
                    key, offset = _STRING(text, offset + 1)
                    offset = _skip(text, _skip(text, offset) + 1)
                    if key == segment:
                        found = offset
                    offset = _skip(text, _value_at(text, offset)[1])
                    offset = _skip(text, offset + 1) if text.startswith(",", offset) else offset
                offset = found
            return _skip(text, offset)
        except (json.JSONDecodeError, IndexError):
            return offset


def parse_json(text: str) -> tuple[Any, Positions]:
    """The JSON value of ``text`` and where its top-level rows start; raises JSONDecodeError.

    The top-level object and its lists are walked here, each row parsed by the standard C
    scanner, so line numbers cost almost nothing on a large file.
    """
    tops: dict[str, int] = {}
    rows: dict[str, list[int]] = {}
    index = _skip(text, 0)
    if not text.startswith("{", index):
        value, end = _value_at(text, index)
        _end(text, end)
        return value, Positions(text, tops, rows)
    document: dict[str, Any] = {}
    index = _skip(text, index + 1)
    if text.startswith("}", index):
        _end(text, index + 1)
        return document, Positions(text, tops, rows)
    while True:
        if not text.startswith('"', index):
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, index
            )
        key, index = _STRING(text, index + 1)
        index = _skip(text, index)
        if not text.startswith(":", index):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, index)
        index = _skip(text, index + 1)
        tops[key] = index
        if text.startswith("[", index):
            document[key], rows[key], index = _list(text, index)
        else:
            document[key], index = _value_at(text, index)
        index = _skip(text, index)
        if text.startswith(",", index):
            index = _skip(text, index + 1)
        elif text.startswith("}", index):
            _end(text, index + 1)
            return document, Positions(text, tops, rows)
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, index)


def _list(text: str, index: int) -> tuple[list[Any], list[int], int]:
    items: list[Any] = []
    starts: list[int] = []
    index = _skip(text, index + 1)
    if text.startswith("]", index):
        return items, starts, index + 1
    while True:
        starts.append(index)
        item, index = _value_at(text, index)
        items.append(item)
        index = _skip(text, index)
        if text.startswith(",", index):
            index = _skip(text, index + 1)
        elif text.startswith("]", index):
            return items, starts, index + 1
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, index)


def _end(text: str, index: int) -> None:
    index = _skip(text, index)
    if index != len(text):
        raise json.JSONDecodeError("Extra data", text, index)


# -- export: an account's rows as a document ---------------------------------------------------


@dataclass(frozen=True)
class Stored:
    """A row as the database has it: people referred to by uid, other rows by database id."""

    pk: tuple[Any, ...]
    id: int | None
    values: dict[str, Any]


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
            keys[name] = {_id(row): f"{section.prefix}:{n}" for n, row in enumerate(ordered, 1)}
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
        record: dict[str, Any] = {} if own_keys is None else {"id": own_keys[_id(row)]}
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


# -- import: reading and checking a document --------------------------------------------------


@dataclass(eq=False)
class Record:
    """One row of a document as read: Python values, references as the document's keys."""

    table: str
    segments: tuple[str | int, ...]
    values: dict[str, Any] = field(default_factory=dict)
    key: str | None = None  # what other rows call it (people: the uid)
    parent: Record | None = None
    invalid: bool = False
    dropped: bool = False

    @property
    def path(self) -> str:
        return path_text(self.segments)


@dataclass
class Backup:
    """A document read back: its rows, valid or not, and what is wrong with it."""

    schema: Schema
    file: str
    positions: Positions | None
    records: dict[str, list[Record]] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)
    keys: dict[str, dict[str, Record]] = field(default_factory=dict)
    fatal: bool = False  # not a backup at all: nothing in it can be imported

    def line(self, segments: Sequence[str | int]) -> int:
        return self.positions.line_of(segments) if self.positions else 0

    def problem(self, record: Record, name: str | None, message: str) -> None:
        """Record that ``record`` (its field ``name``) is invalid."""
        record.invalid = True
        self.issue(record.segments, (*record.segments, name) if name else record.segments, message)

    def issue(
        self, where: Sequence[str | int], what: Sequence[str | int], message: str
    ) -> ImportIssue:
        found = ImportIssue(self.file, self.line(where), path_text(what), message)
        self.issues.append(found)
        return found

    def kept(self, table: str) -> list[Record]:
        """The rows to import (once ``drop_invalid`` has left out what cannot be)."""
        records = self.records.get(table, [])
        return [record for record in records if not (record.dropped or record.invalid)]

    def uids(self) -> list[str]:
        return [record.key for record in self.records.get("people", []) if record.key]

    def reject_uids(self, taken: set[str]) -> None:
        """Refuse the people whose uid another account of the database already has."""
        for record in self.records.get("people", []):
            if record.key in taken:
                self.problem(
                    record,
                    "uid",
                    "another account on this database has a person with this uid; a backup "
                    "can go back into its own account or into another database, not both",
                )

    def drop_invalid(self) -> list[ImportIssue]:
        """Leave out the invalid rows, the rows nested in them and the rows that refer to them;
        returns the issues of the rows left out for referring to one."""
        left_out: list[ImportIssue] = []
        for name in self.schema.order():
            table = self.schema.tables[name]
            own = self.schema.parent_field(name)
            references = [f for f in table.fields if f.kind is Kind.REF and f.name != own]
            for record in self.records.get(name, []):
                if record.invalid or (record.parent is not None and record.parent.dropped):
                    record.dropped = True
                    continue
                for item in references:
                    value = record.values[item.name]
                    assert item.target is not None
                    target = self.keys[item.target].get(value) if value is not None else None
                    if target is not None and target.dropped:
                        record.dropped = True
                        message = (
                            f"left out: it refers to {target.path} (line "
                            f"{self.line(target.segments)}), which is left out"
                        )
                        left_out.append(
                            self.issue(record.segments, (*record.segments, item.name), message)
                        )
                        break
        return left_out


def read_backup(text: str, schema: Schema, *, file: str) -> Backup:
    """Parse and check a backup's text; every problem found is in ``issues``."""
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # a byte-order mark: keep the offsets
    try:
        document, positions = parse_json(text)
    except json.JSONDecodeError as error:
        backup = Backup(schema, file, None, fatal=True)
        message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        backup.issues.append(ImportIssue(file, error.lineno, "", message))
        return backup
    except RecursionError:
        backup = Backup(schema, file, None, fatal=True)
        backup.issues.append(ImportIssue(file, 0, "", "nested too deeply to be a Kithkin backup"))
        return backup
    backup = Backup(schema, file, positions, records={name: [] for name in schema.tables})
    _Reader(backup).document(document)
    return backup


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:40] + '…' if len(value) > 40 else value!r}"
    return "a list" if isinstance(value, list) else "an object"


_SURROGATE = re.compile("[\ud800-\udfff]")


def convert(item: Field, raw: Any) -> Any:
    """``raw`` (from JSON) as the field's Python value; InvalidInput says what is wrong."""
    if raw is MISSING:
        if item.default is MISSING:
            raise InvalidInput("is missing")
        return item.default
    if raw is None:
        if not item.nullable:
            raise InvalidInput("cannot be null")
        return None
    if item.kind in (Kind.TEXT, Kind.REF):
        return _text(item, raw)
    if item.kind is Kind.INTEGER:
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise InvalidInput(f"expected a whole number, got {_describe(raw)}")
        if not _INT_MIN <= raw <= _INT_MAX:
            raise InvalidInput(f"{raw} is out of range ({_INT_MIN} to {_INT_MAX})")
        return raw
    if item.kind is Kind.FLOAT:
        if not isinstance(raw, int | float) or isinstance(raw, bool) or not math.isfinite(raw):
            raise InvalidInput(f"expected a finite number, got {_describe(raw)}")
        return float(raw)
    if item.kind is Kind.BOOLEAN:
        if not isinstance(raw, bool):
            raise InvalidInput(f"expected true or false, got {_describe(raw)}")
        return raw
    if item.kind is Kind.DATE:
        try:
            return date.fromisoformat(raw)
        except (TypeError, ValueError):
            raise InvalidInput(f"expected a day as YYYY-MM-DD, got {_describe(raw)}") from None
    return _datetime(raw)


def _text(item: Field, raw: Any) -> str:
    if not isinstance(raw, str):
        what = "a key" if item.kind is Kind.REF else "text"
        raise InvalidInput(f"expected {what}, got {_describe(raw)}")
    if item.length is not None and len(raw) > item.length:
        raise InvalidInput(f"is {len(raw)} characters long; at most {item.length} fit")
    if "\x00" in raw:
        raise InvalidInput("contains a NUL character (\\u0000), which cannot be stored")
    if _SURROGATE.search(raw):
        raise InvalidInput("contains a lone surrogate escape (\\ud800-\\udfff), not a character")
    return raw


def _datetime(raw: Any) -> datetime:
    expected = "expected a time with its zone, e.g. 2026-11-20T09:00:00Z"
    try:
        value = datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        raise InvalidInput(f"{expected}, got {_describe(raw)}") from None
    if value.tzinfo is None:
        raise InvalidInput(f"{expected}, got {_describe(raw)} without a zone")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise InvalidInput(f"{raw!r} is out of range in UTC") from None


def check_value(table: str, name: str, value: Any) -> None:
    """What the rest of Kithkin expects of some text columns (InvalidInput if not met)."""
    if value is None:
        return
    choices = CHOICES.get((table, name))
    if choices is not None and value not in choices:
        raise InvalidInput(f"{value!r} is not one of: {', '.join(choices)}")
    if (table, name) in JSON_TEXT:
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            raise InvalidInput(f"{value[:40]!r} is not JSON text") from None
    if (table, name) in PARTIAL_DATES:
        PartialDate.parse(value, field=name)
    if (table, name) == ("people", "uid") and not value.strip():
        raise InvalidInput("a person's uid cannot be empty")


_CHECKED: Final = {*CHOICES, *JSON_TEXT, *PARTIAL_DATES, ("people", "uid")}


@dataclass(frozen=True)
class _Shape:
    """What reading a row of one table needs, worked out once per table."""

    names: tuple[str, ...]  # every field
    own: str | None  # the field naming the parent row
    children: tuple[Section, ...]
    known: frozenset[str]  # the keys a row may have
    fields: tuple[tuple[Field, bool, bool], ...]  # (field, ignored on import, checked)


class _Reader:
    def __init__(self, backup: Backup) -> None:
        self.backup = backup
        self.schema = backup.schema
        self.shapes: dict[str, _Shape] = {}

    def shape(self, section: Section) -> _Shape:
        found = self.shapes.get(section.table)
        if found is None:
            table, name = self.schema.tables[section.table], section.table
            own = self.schema.parent_field(name)
            children = tuple(self.schema.children(name))
            known = {f.name for f in table.fields if f.name != own} | {c.name for c in children}
            found = self.shapes[name] = _Shape(
                names=tuple(f.name for f in table.fields),
                own=own,
                children=children,
                known=frozenset(known | ({"id"} if section.prefix else set())),
                fields=tuple(
                    (f, (name, f.name) in IGNORED_ON_IMPORT, (name, f.name) in _CHECKED)
                    for f in table.fields
                    if f.name != own
                ),
            )
        return found

    def document(self, document: Any) -> None:
        backup = self.backup
        if not isinstance(document, dict):
            self.fatal((), f"expected a Kithkin backup (a JSON object), got {_describe(document)}")
            return
        if document.get("format") != FORMAT:
            found = _describe(document.get("format")) if "format" in document else "nothing"
            self.fatal(("format",), f'not a Kithkin backup: "format" is {found}, not "{FORMAT}"')
            return
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.fatal(
                ("version",), f"expected a version number such as 1, got {_describe(version)}"
            )
            return
        if version > VERSION:
            self.fatal(
                ("version",),
                f"made by a newer Kithkin (backup version {version}; this one reads version "
                f"{VERSION}): upgrade Kithkin to import it",
            )
            return
        if "exported_at" in document:
            try:
                _datetime(document["exported_at"])
            except InvalidInput as error:
                backup.issue(("exported_at",), ("exported_at",), error.message)
        known = {"format", "version", "exported_at", *(s.name for s in self.schema.top())}
        for name in document:
            if name not in known:
                backup.issue((name,), (name,), "is not part of a Kithkin backup")
        for section in self.schema.top():
            self.section(section, document.get(section.name, MISSING), (section.name,), None)
        self.cross_check()

    def fatal(self, segments: tuple[str, ...], message: str) -> None:
        self.backup.fatal = True
        self.backup.issue(segments, segments, message)

    def section(
        self, section: Section, value: Any, segments: tuple[str | int, ...], parent: Record | None
    ) -> None:
        if value is MISSING or (section.single and value is None):
            return
        if section.single:
            self.record(section, value, segments, parent)
            return
        if not isinstance(value, list):
            self.backup.issue(segments, segments, f"expected a list […], got {_describe(value)}")
            if parent is not None:
                parent.invalid = True
            return
        for index, item in enumerate(value):
            self.record(section, item, (*segments, index), parent)

    def record(
        self, section: Section, item: Any, segments: tuple[str | int, ...], parent: Record | None
    ) -> None:
        backup, shape = self.backup, self.shape(section)
        record = Record(section.table, segments, dict.fromkeys(shape.names), parent=parent)
        backup.records[section.table].append(record)
        if not isinstance(item, dict):
            backup.problem(record, None, f"expected an object {{…}}, got {_describe(item)}")
            return
        if section.prefix:
            record.key = self.key(record, item.get("id", MISSING))
        for name in item:
            if name not in shape.known:
                backup.problem(record, name, "is not a field of this row (from a newer Kithkin?)")
        values = record.values
        if shape.own is not None:
            values[shape.own] = parent.key if parent else None
        for each, ignored, checked in shape.fields:
            raw = item.get(each.name, MISSING)
            try:
                value = None if ignored and raw is MISSING else convert(each, raw)
                if checked:
                    check_value(section.table, each.name, value)
            except InvalidInput as error:
                value = None
                backup.problem(record, each.name, error.message)
            values[each.name] = value
        if section.table == "people" and isinstance(values["uid"], str):
            record.key = values["uid"]
        self.calendar_day(record)
        for child in shape.children:
            self.section(child, item.get(child.name, MISSING), (*segments, child.name), record)

    def key(self, record: Record, raw: Any) -> str | None:
        if isinstance(raw, str) and raw.strip() and len(raw) <= _KEY_LENGTH:
            return raw
        self.backup.problem(
            record,
            "id",
            f'expected the row\'s key, a short text such as "event:1", got '
            f"{'nothing' if raw is MISSING else _describe(raw)}",
        )
        return None

    def calendar_day(self, record: Record) -> None:
        names = CALENDAR_DAYS.get(record.table)
        if names is None:
            return
        month, day, year = (record.values.get(name) for name in names)
        if month is None and day is None:
            return
        try:
            if month is None or day is None:
                raise InvalidInput(f"{names[0]} and {names[1]} go together")
            PartialDate(month=month, day=day, year=year)
        except InvalidInput as error:
            self.backup.problem(record, names[0], error.message)

    def cross_check(self) -> None:
        """Keys are unique, references lead somewhere, natural keys are not repeated."""
        backup, schema = self.backup, self.schema
        for name in schema.tables:
            found = backup.keys[name] = {}
            for record in backup.records[name]:
                if record.key is None:
                    continue
                first = found.setdefault(record.key, record)
                if first is not record and name != "people":  # people: by their identity
                    backup.problem(record, "id", f"{record.key!r} is {self.already(first)}")
        for name, table in schema.tables.items():
            section, own = schema.section(name), schema.parent_field(name)
            references = [f for f in table.fields if f.kind is Kind.REF and f.name != own]
            seen: dict[tuple[Any, ...], Record] = {}
            for record in backup.records[name]:
                for item in references:
                    value = record.values[item.name]
                    assert item.target is not None
                    if value is not None and value not in backup.keys[item.target]:
                        where = schema.section(item.target).name
                        backup.problem(record, item.name, f"{value!r} is not a key of {where}")
                external = section.external and record.values[section.external] is not None
                if section.unique or external:
                    key = identity(schema, name, record.values)
                    first = seen.setdefault(key, record) if None not in key else record
                    if first is not record:
                        fields = (section.external,) if external else section.identity or ()
                        what = ", ".join(f for f in fields if f is not None) or "row"
                        backup.problem(
                            record,
                            fields[0] if fields else None,
                            f"this {what} is {self.already(first)}",
                        )

    def already(self, first: Record) -> str:
        line = self.backup.line(first.segments)
        return f"already that of {first.path} (line {line}); it must be unique"


def identity(schema: Schema, table: str, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What says which row this is, for matching a document's rows with stored ones."""
    external = SECTIONS[table].external
    if external is not None and values.get(external) is not None:
        return ("external", values[external])
    return tuple([values[name] for name in schema.identity_fields(table)])


# -- import: matching with what the account has ----------------------------------------------


@dataclass(frozen=True)
class New:
    """A reference to a row the import creates (by its key in the document)."""

    table: str
    key: str


@dataclass
class Write:
    record: Record
    values: dict[str, Any]  # references: uids for people, else database ids or New
    pk: tuple[Any, ...] | None = None  # the stored row an update changes
    changed: tuple[str, ...] = ()


@dataclass
class Step:
    table: str
    inserts: list[Write] = field(default_factory=list)
    updates: list[Write] = field(default_factory=list)
    unchanged: list[Record] = field(default_factory=list)


@dataclass
class Plan:
    """What an import writes, table by table in an order that respects references."""

    steps: list[Step]
    touches: list[tuple[str, datetime, Channel]]  # new interactions of people already there
    changes: dict[str, tuple[str, ...]]  # people already there that change: what changes


def plan_import(schema: Schema, stored: Mapping[str, Sequence[Stored]], backup: Backup) -> Plan:
    """Match the document's kept rows with the stored ones: update, create or leave alone."""
    ids: dict[str, dict[str, int | New]] = defaultdict(dict)
    steps: list[Step] = []
    for name in schema.order():
        table, section = schema.tables[name], schema.section(name)
        step = Step(name)
        index: dict[tuple[Any, ...], deque[Stored]] = defaultdict(deque)
        for row in stored.get(name, ()):
            index[identity(schema, name, row.values)].append(row)
        written = [f for f in table.fields if (name, f.name) not in IGNORED_ON_IMPORT]
        compared = [f.name for f in written if (name, f.name) not in DERIVED]
        for record in backup.kept(name):
            values = {f.name: _translate(f, record.values[f.name], ids) for f in written}
            bucket = index.get(identity(schema, name, values))
            match = bucket.popleft() if bucket else None
            if section.prefix and record.key is not None:
                ids[name][record.key] = New(name, record.key) if match is None else _id(match)
            if match is None:
                step.inserts.append(Write(record, values))
                continue
            changed = tuple(n for n in compared if values[n] != match.values[n])
            if changed:
                step.updates.append(
                    Write(record, {n: values[n] for n in changed}, match.pk, changed)
                )
            else:
                step.unchanged.append(record)
        steps.append(step)
    existing = {row.values["uid"] for row in stored.get("people", ())}
    return Plan(steps, _touches(steps, existing), _person_changes(steps, existing))


def _id(row: Stored) -> int:
    assert row.id is not None
    return row.id


def _translate(item: Field, value: Any, ids: Mapping[str, Mapping[str, int | New]]) -> Any:
    if item.kind is not Kind.REF or value is None or item.target == "people":
        return value
    assert item.target is not None
    return ids[item.target][value]


def _touches(steps: Sequence[Step], existing: set[str]) -> list[tuple[str, datetime, Channel]]:
    touches = []
    for step in steps:
        if step.table != "interaction_participants":
            continue
        for write in step.inserts:
            uid, interaction = write.values["person"], write.record.parent
            if uid in existing and interaction is not None:
                at, channel = interaction.values["occurred_at"], interaction.values["channel"]
                touches.append((uid, at, Channel(channel)))
    return touches


def _person_changes(steps: Sequence[Step], existing: set[str]) -> dict[str, tuple[str, ...]]:
    own: dict[str, list[str]] = defaultdict(list)
    nested: dict[str, set[str]] = defaultdict(set)
    for step in steps:
        section = SECTIONS[step.table]
        if step.table == "people":
            for write in step.updates:
                own[write.record.values["uid"]] += write.changed
        elif section.parent == "people":
            for write in (*step.inserts, *step.updates):
                nested[write.record.values["person"]].add(section.name)
    return {
        uid: (*own.get(uid, ()), *sorted(nested.get(uid, ())))
        for uid in sorted({*own, *nested})
        if uid in existing
    }


# -- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class BackupReport(ImportReport):
    """An import report with what happened to each kind of row, e.g. ``people.emails``."""

    sections: dict[str, Counts] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        data["sections"] = {
            name: {"created": c.created, "updated": c.updated, "unchanged": c.unchanged}
            for name, c in self.sections.items()
        }
        return data


def section_path(table: str) -> str:
    section = SECTIONS[table]
    return f"{SECTIONS[section.parent].name}.{section.name}" if section.parent else section.name


def fill_report(report: BackupReport, backup: Backup, plan: Plan) -> None:
    """People created, updated and unchanged (in the document's order), and the counts."""
    steps = {step.table: step for step in plan.steps}
    people = steps.get("people", Step("people"))
    created = {id(write.record) for write in people.inserts}
    for record in backup.kept("people"):
        uid, name = record.values["uid"], record.values["display_name"]
        entry = ImportedPerson(backup.line(record.segments), name, uid)
        if id(record) in created:
            report.created.append(entry)
        elif uid in plan.changes:
            report.updated.append(ImportedPerson(entry.line, name, uid, plan.changes[uid]))
        else:
            report.unchanged.append(entry)
    for section in LAYOUT:
        step = steps.get(section.table, Step(section.table))
        counts = Counts(len(step.inserts), len(step.updates), len(step.unchanged))
        report.sections[section_path(section.table)] = counts
    interactions = steps.get("interactions", Step("interactions"))
    report.interactions_created = len(interactions.inserts)
    report.interactions_unchanged = len(interactions.unchanged)

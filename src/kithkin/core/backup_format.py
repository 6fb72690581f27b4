"""Kithkin's own backup document: what it holds and how it is laid out. Pure: no SQL, no files.

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

An export builds the document (``core.backup_document``). An import validates everything
first (``core.backup_checks``, with each value checked by ``core.backup_values``), then matches
each row with the account's (``core.backup_plan``): on its natural key where the schema has one
(``Section.unique``), else on the fields that make it that row (``Section.identity``, see
``identity``), counting repeats. A matched row takes the document's values, an unmatched one
is created, nothing is deleted: importing a document twice creates nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cached_property
from typing import Any, Final

FORMAT: Final = "kithkin-backup"
VERSION: Final = 1

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
    Section(
        "purpose_corrections",
        "purpose_corrections",
        order=("created_at",),
        identity=("text", "purpose", "created_at"),
    ),
)
SECTIONS: Final = {section.table: section for section in LAYOUT}

# Tables and columns that are not part of a backup, and why (a test checks that every table
# and column of the schema is exported or named here).
EXCLUDED_TABLES: Final[dict[str, str]] = {
    "purpose_models": "derived: refitted from the corpus and purpose_corrections (kithkin retrain)",
    "web_sessions": "credentials: a backup must not sign anyone in",
    "login_tokens": "credentials: a backup must not sign anyone in",
    "api_tokens": "credentials: a backup must not carry them",
    "calendar_feeds": "credentials: the feed secret's digest opens the calendar feed",
}
EXCLUDED_COLUMNS: Final[dict[tuple[str, str], str]] = {
    ("accounts", "password_hash"): "a credential: a backup file must not carry it",
    ("accounts", "data_version"): "bookkeeping: counts writes so caches know they are stale",
    ("accounts", "interactions_version"): "bookkeeping: when the interactions last changed",
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


def identity(schema: Schema, table: str, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What says which row this is, for matching a document's rows with stored ones."""
    external = SECTIONS[table].external
    if external is not None and values.get(external) is not None:
        return ("external", values[external])
    return tuple([values[name] for name in schema.identity_fields(table)])

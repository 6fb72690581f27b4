"""Checking a backup document that has been parsed: every row read into a ``Record`` with
Python values, and everything wrong with it collected in ``Backup.issues`` with the line it
is on (``file:line: people[3].emails[0].value: what is wrong``).

The format and version come first (a document that is not a backup is refused whole,
``Backup.fatal``); then every row's fields (``core.backup_values``), unknown fields, calendar
days; then across rows: keys are unique, references lead somewhere, natural keys are not
repeated. ``Backup.drop_invalid`` leaves out what cannot be imported; parsing the text is
``formats.json_lines``, and ``services.backup.read_backup`` puts the two together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kithkin.core.backup_format import (
    FORMAT,
    IGNORED_ON_IMPORT,
    MISSING,
    VERSION,
    Field,
    Kind,
    Schema,
    Section,
    identity,
)
from kithkin.core.backup_values import (
    CALENDAR_DAYS,
    CHECKED,
    check_value,
    convert,
    describe_value,
    parse_datetime,
)
from kithkin.core.dates import PartialDate
from kithkin.core.imports import ImportIssue
from kithkin.errors import InvalidInput

_KEY_LENGTH = 200


class Lines(Protocol):
    """Where things start in the document's text (``formats.json_lines.Positions``)."""

    def line_of(self, segments: Sequence[str | int]) -> int: ...


def path_text(segments: Sequence[str | int]) -> str:
    """``("people", 3, "emails", 0)`` → ``people[3].emails[0]``."""
    text = ""
    for segment in segments:
        text += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if text else segment)
    return text


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
    positions: Lines | None
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


def check_backup(document: Any, lines: Lines, schema: Schema, *, file: str) -> Backup:
    """Check a parsed backup; every problem found is in ``issues``."""
    backup = Backup(schema, file, lines, records={name: [] for name in schema.tables})
    _Reader(backup).document(document)
    return backup


def refused_backup(schema: Schema, file: str, line: int, message: str) -> Backup:
    """A backup whose text could not be read at all: nothing in it can be imported."""
    backup = Backup(schema, file, None, fatal=True)
    backup.issues.append(ImportIssue(file, line, "", message))
    return backup


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
                    (f, (name, f.name) in IGNORED_ON_IMPORT, (name, f.name) in CHECKED)
                    for f in table.fields
                    if f.name != own
                ),
            )
        return found

    def document(self, document: Any) -> None:
        backup = self.backup
        if not isinstance(document, dict):
            self.fatal(
                (), f"expected a Kithkin backup (a JSON object), got {describe_value(document)}"
            )
            return
        if document.get("format") != FORMAT:
            found = describe_value(document.get("format")) if "format" in document else "nothing"
            self.fatal(("format",), f'not a Kithkin backup: "format" is {found}, not "{FORMAT}"')
            return
        version = document.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.fatal(
                ("version",), f"expected a version number such as 1, got {describe_value(version)}"
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
                parse_datetime(document["exported_at"])
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
            self.backup.issue(
                segments, segments, f"expected a list […], got {describe_value(value)}"
            )
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
            backup.problem(record, None, f"expected an object {{…}}, got {describe_value(item)}")
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
            f"{'nothing' if raw is MISSING else describe_value(raw)}",
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

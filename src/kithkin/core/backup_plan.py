"""Import: a checked backup's rows matched with the account's, and the import's report.

``plan_import`` goes through the tables in an order where every row comes after the rows it
refers to and matches each kept row of the document (``Backup.kept``) with a stored one of the
same identity (``core.backup_format.identity``), one for one, so that alike rows are counted:
a matched row that differs is updated with the document's values, an unmatched one is created,
and a stored row the document does not have is left alone. ``store.backup.apply_plan`` writes
the plan; ``fill_report`` says what it did.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from kithkin.core.backup_checks import Backup, Record
from kithkin.core.backup_document import Stored
from kithkin.core.backup_format import (
    DERIVED,
    IGNORED_ON_IMPORT,
    LAYOUT,
    SECTIONS,
    Field,
    Kind,
    Schema,
    identity,
)
from kithkin.core.imports import ImportedPerson, ImportReport
from kithkin.core.vocabulary import Channel

MAX_ERRORS: Final = 100  # a report lists this many errors, then says how many more


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
                ids[name][record.key] = New(name, record.key) if match is None else match.row_id
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

"""What an import did, or would do with ``--dry-run``: the summary every importer returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportedPerson:
    """One person an import created, updated or left unchanged."""

    line: int  # where the record starts in the file (0 when the format has no lines)
    name: str
    person_id: str = ""  # empty on a dry run of a creation
    changes: tuple[str, ...] = ()  # field names that changed, for "updated"


@dataclass(frozen=True)
class PossibleDuplicate:
    """An imported record that looks like a stored person but was not merged into them."""

    line: int
    name: str
    person_id: str  # the imported record's person (new or matched)
    existing_id: str
    existing_name: str
    reason: str  # e.g. "same name"


@dataclass(frozen=True)
class ImportIssue:
    """A record that could not be imported (error) or was left out on purpose (skipped)."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {field}{self.message}"


@dataclass
class ImportReport:
    """The summary printed after an import; ``--json`` prints :meth:`to_json`."""

    kind: str  # linkedin | vcard | google | outlook | json
    file: str
    dry_run: bool = False
    created: list[ImportedPerson] = field(default_factory=list)
    updated: list[ImportedPerson] = field(default_factory=list)
    unchanged: list[ImportedPerson] = field(default_factory=list)
    skipped: list[ImportIssue] = field(default_factory=list)
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    interactions_created: int = 0  # e.g. LinkedIn messages
    interactions_unchanged: int = 0

    @property
    def failed(self) -> bool:
        """Errors stop an import unless the user asked to skip invalid records."""
        return bool(self.errors)

    def to_json(self) -> dict[str, Any]:
        def person(entry: ImportedPerson) -> dict[str, Any]:
            data: dict[str, Any] = {"line": entry.line, "name": entry.name, "id": entry.person_id}
            if entry.changes:
                data["changes"] = list(entry.changes)
            return data

        def issue(entry: ImportIssue) -> dict[str, Any]:
            return {
                "file": entry.file,
                "line": entry.line,
                "field": entry.field,
                "message": entry.message,
            }

        return {
            "kind": self.kind,
            "file": self.file,
            "dry_run": self.dry_run,
            "created": [person(entry) for entry in self.created],
            "updated": [person(entry) for entry in self.updated],
            "unchanged": [person(entry) for entry in self.unchanged],
            "skipped": [issue(entry) for entry in self.skipped],
            "possible_duplicates": [
                {
                    "line": entry.line,
                    "name": entry.name,
                    "id": entry.person_id,
                    "existing_id": entry.existing_id,
                    "existing_name": entry.existing_name,
                    "reason": entry.reason,
                }
                for entry in self.possible_duplicates
            ],
            "errors": [issue(entry) for entry in self.errors],
            "interactions": {
                "created": self.interactions_created,
                "unchanged": self.interactions_unchanged,
            },
        }

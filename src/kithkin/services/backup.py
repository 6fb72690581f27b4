"""Kithkin's own JSON backup: export the whole account, import it back (``kithkin export
json`` / ``kithkin import json``). The format is ``core.backup_format`` and
``docs/backup-format.md``: ``core.backup_document`` builds it, ``formats.json_lines`` parses
it, ``core.backup_checks`` checks it and ``core.backup_plan`` matches it with the account's
rows; the SQL is ``store.backup``.

An import is one transaction: it all lands or nothing does. It first reads and checks the
whole document; with problems and without ``skip_invalid`` it writes nothing and the report
carries the errors (``file:line: field: what is wrong``). With ``skip_invalid`` the invalid
rows, the rows nested in them and the rows that refer to them are left out (``skipped``).
Rows are matched with the account's by their keys (people by uid), so that a second import of
the same document creates nothing; a row the document does not have is left alone, never
deleted. ``dry_run`` does all of it and rolls back.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kithkin.core.backup_checks import Backup, check_backup, refused_backup
from kithkin.core.backup_document import build_document as _build_document
from kithkin.core.backup_document import format_document, stored_rows
from kithkin.core.backup_format import Schema
from kithkin.core.backup_plan import MAX_ERRORS, BackupReport, fill_report, plan_import
from kithkin.core.imports import ImportIssue, ImportReport
from kithkin.errors import InvalidInput
from kithkin.formats.json_lines import parse_json
from kithkin.services.context import Context
from kithkin.store.backup import apply_plan, backup_schema, foreign_uids, read_account


class _DryRunDone(Exception):  # noqa: N818 (not an error: a way out of the transaction)
    """Raised inside a dry run's transaction so that nothing it wrote is kept."""


def export_backup(ctx: Context) -> dict[str, Any]:
    """The account as a backup document (one consistent snapshot of the database)."""
    schema = backup_schema()
    with ctx.store.transaction() as tx:
        rows = read_account(tx, schema, snapshot=True)
    return _build_document(schema, rows, exported_at=ctx.now())


def backup_text(document: Mapping[str, Any]) -> str:
    """The document as the text of a backup file (the same database gives the same text)."""
    return format_document(document)


def write_backup(document: Mapping[str, Any], path: Path) -> None:
    """Write the backup file at ``path`` all at once: a failed write leaves no half file."""
    text = backup_text(document)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InvalidInput(
            f"cannot write the backup: {error.strerror or error}.", file=str(path)
        ) from None


def import_backup(
    ctx: Context, text: str, *, file: str, dry_run: bool = False, skip_invalid: bool = False
) -> ImportReport:
    """Import a backup's ``text`` (``file`` names it in messages) into the account.

    The report is a ``BackupReport``: its ``sections`` count what happened to each kind of
    row (``people.emails``…), and ``to_json`` includes them.
    """
    schema = backup_schema()
    report = BackupReport(kind="json", file=file, dry_run=dry_run)
    backup = read_backup(text, schema, file=file)
    if backup.fatal:
        report.errors = _capped(backup.issues)
        return report
    try:
        with ctx.store.transaction() as tx:
            backup.reject_uids(foreign_uids(tx, backup.uids()))
            if backup.issues and not skip_invalid:
                report.errors = _capped(backup.issues)
                return report
            report.skipped = [*backup.issues, *backup.drop_invalid()]
            rows = read_account(tx, schema)
            plan = plan_import(schema, stored_rows(schema, rows), backup)
            people = {row["uid"]: row["id"] for row in rows["people"]}
            apply_plan(tx, schema, plan, people)
            fill_report(report, backup, plan)
            if dry_run:
                raise _DryRunDone
    except _DryRunDone:
        pass
    return report


def read_backup(text: str, schema: Schema, *, file: str) -> Backup:
    """Parse and check a backup's text; every problem found is in ``issues``."""
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # a byte-order mark: keep the offsets
    try:
        document, positions = parse_json(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        return refused_backup(schema, file, error.lineno, message)
    except RecursionError:
        return refused_backup(schema, file, 0, "nested too deeply to be a Kithkin backup")
    return check_backup(document, positions, schema, file=file)


def _capped(issues: list[ImportIssue]) -> list[ImportIssue]:
    if len(issues) <= MAX_ERRORS:
        return issues
    first = issues[0]
    more = f"and {len(issues) - MAX_ERRORS} more problems like these"
    return [*issues[:MAX_ERRORS], ImportIssue(first.file, 0, "", more)]

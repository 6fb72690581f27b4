"""Import and export (as `kithkin import KIND PATH [--dry-run] --json` and `kithkin export`)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from enum import StrEnum
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import JSONResponse, Response

from kithkin.core.imports import ImportReport
from kithkin.errors import InvalidInput
from kithkin.services.exports import VCARD_VERSIONS, export_csv, export_ics, export_vcards
from kithkin.services.imports import import_contacts
from kithkin.web.api.caller import Ctx
from kithkin.web.api.errors import ERRORS, ApiRoute

router = APIRouter(route_class=ApiRoute, responses=ERRORS)
MAX_UPLOAD = 50 * 1024 * 1024
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]{0,99}")


class ImportKind(StrEnum):
    LINKEDIN = "linkedin"
    VCARD = "vcard"
    GOOGLE = "google"
    OUTLOOK = "outlook"
    JSON = "json"


class ExportKind(StrEnum):
    JSON = "json"
    VCARD = "vcard"
    CSV = "csv"
    ICS = "ics"


class VCardVersion(StrEnum):
    V3 = "3.0"
    V4 = "4.0"


assert {v.value for v in VCardVersion} == set(VCARD_VERSIONS)


@router.post(
    "/import/{kind}",
    summary="Import contacts (dry run by default)",
    tags=["import"],
    responses={200: {"description": "The import report, as `kithkin import --json`."}},
)
async def import_file(
    ctx: Ctx,
    kind: ImportKind,
    file: Annotated[UploadFile, File(description="The export: .zip, .csv, .vcf or .json.")],
    dry_run: bool = True,
    skip_invalid: bool = False,
) -> Response:
    """Upload a LinkedIn export (.zip or Connections.csv), vCards, a Google or Outlook CSV, or
    a Kithkin JSON backup. With `dry_run` (the default) nothing is written: the report says
    what would change. Invalid records: 422 with the report (`errors`), nothing imported,
    unless `skip_invalid`."""
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise InvalidInput("the file is larger than 50 MB.", field="file")
    name = FilePath(file.filename or "upload").name
    report = _import(ctx, kind, data, name, dry_run=dry_run, skip_invalid=skip_invalid)
    body = report.to_json()
    if report.failed:
        count = len(report.errors)
        body["error"] = f"{count} invalid record(s); nothing was imported."
        return JSONResponse(body, status_code=422)
    return JSONResponse(body)


def _import(
    ctx: Ctx, kind: ImportKind, data: bytes, name: str, *, dry_run: bool, skip_invalid: bool
) -> ImportReport:
    if kind is ImportKind.JSON:
        from kithkin.formats.text import decode
        from kithkin.services.backup import import_backup

        text = decode(data, file=name)
        return import_backup(ctx, text, file=name, dry_run=dry_run, skip_invalid=skip_invalid)
    with tempfile.TemporaryDirectory(prefix="kithkin-api-") as folder:
        path = FilePath(folder) / _upload_name(kind, name)
        path.write_bytes(data)
        report = import_contacts(ctx, kind.value, path, dry_run=dry_run, skip_invalid=skip_invalid)
    hidden = folder + "/"  # the temporary folder is no business of the caller's
    report.file = name
    report.errors = [replace(e, file=e.file.replace(hidden, "")) for e in report.errors]
    report.skipped = [replace(e, file=e.file.replace(hidden, "")) for e in report.skipped]
    return report


def _upload_name(kind: ImportKind, name: str) -> str:
    """The upload's own name when it is a plain one (a LinkedIn CSV is read as what its name
    says, e.g. messages.csv), with the suffix the readers look at."""
    path = FilePath(name)
    suffix = path.suffix.lower()
    allowed = {".zip", ".csv"} if kind is ImportKind.LINKEDIN else {".vcf", ".vcard", ".csv"}
    if not SAFE_NAME.fullmatch(name) or suffix not in allowed:
        return "upload.vcf" if kind is ImportKind.VCARD else "upload.csv"
    return name


@router.get(
    "/export/{kind}",
    summary="Export everything",
    tags=["export"],
    responses={200: {"description": "The file.", "content": {"application/octet-stream": {}}}},
)
def export(ctx: Ctx, kind: ExportKind, version: VCardVersion = VCardVersion.V3) -> Response:
    """A JSON backup, vCards (`version` 3.0 or 4.0), a Google-compatible CSV, or an
    iCalendar feed of birthdays and milestones."""
    if kind is ExportKind.VCARD:
        cards = export_vcards(ctx, version=version.value)
        return _file("".join(card.text for card in cards).encode(), "text/vcard", "vcf")
    if kind is ExportKind.CSV:
        return _file(export_csv(ctx).encode("utf-8-sig"), "text/csv; charset=utf-8", "csv")
    if kind is ExportKind.ICS:
        return _file(export_ics(ctx), "text/calendar", "ics")
    from kithkin.services.backup import backup_text, export_backup

    return _file(backup_text(export_backup(ctx)).encode(), "application/json", "json")


def _file(data: bytes, media_type: str, suffix: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="kithkin.{suffix}"'},
    )

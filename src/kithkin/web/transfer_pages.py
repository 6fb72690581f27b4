"""Importing contacts from the web: upload a file, see what a dry run would do, confirm.

The uploaded file waits server-side between the preview and the confirmation, in a folder of
the system's temporary directory named by a random token. The folder records the owner who
uploaded it: a confirmation with a token that is unknown, expired (an hour) or another
owner's is refused. The client never sends a path, only the token.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kithkin.core.imports import ImportReport
from kithkin.errors import KithkinError
from kithkin.services.context import Context
from kithkin.services.imports import import_contacts
from kithkin.web.pages import Checked, SignedIn, page
from kithkin.web.session import Signed, csrf_checked

router = APIRouter()

IMPORT_KINDS: dict[str, str] = {
    "vcard": "vCard (.vcf)",
    "linkedin": "LinkedIn export (.zip or Connections.csv)",
    "google": "Google Contacts CSV",
    "outlook": "Outlook CSV",
    "json": "Kithkin JSON backup",
}
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
TOO_LARGE = "The file is larger than 50 MB; split it, or import it with `kithkin import`."
KEPT_SECONDS = 60 * 60  # an upload waits this long for its confirmation
PENDING_ROOT = Path(tempfile.gettempdir()) / "kithkin-imports"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
_CHUNK = 1024 * 1024
_SHOWN = 50  # names listed per group; the counts are always complete


@dataclass(frozen=True)
class PendingImport:
    """An uploaded file waiting for its confirmation."""

    token: str
    owner_id: int
    kind: str
    name: str  # the uploaded file's (cleaned) name
    folder: Path
    skip_invalid: bool = False  # import the valid records, list the invalid ones as skipped

    @property
    def path(self) -> Path:
        return self.folder / self.name


@dataclass(frozen=True)
class ImportView:
    """A report ready for the template: issues as `file:line: field: message`, with the
    uploaded file's name in place of the server's temporary path."""

    report: ImportReport
    name: str
    errors: list[str]
    skipped: list[str]
    updated: list[str]
    duplicates: list[str]
    sections: dict[str, tuple[int, int, int]]


def _clean_name(filename: str | None) -> str:
    """The uploaded file's base name with only safe characters (the LinkedIn reader goes by
    the name: ``messages.csv``, ``Invitations.csv``, ``.zip``)."""
    base = re.split(r"[\\/]", filename or "")[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".")[:100]
    return cleaned or "upload"


def _sweep(now: float) -> None:
    """Delete the uploads that waited more than an hour."""
    if not PENDING_ROOT.is_dir():
        return
    for folder in PENDING_ROOT.iterdir():
        try:
            if now - folder.stat().st_mtime > KEPT_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _new_pending(
    owner_id: int, kind: str, filename: str | None, *, skip_invalid: bool = False
) -> PendingImport:
    PENDING_ROOT.mkdir(mode=0o700, exist_ok=True)
    token = secrets.token_urlsafe(24)
    folder = PENDING_ROOT / token
    folder.mkdir(mode=0o700)
    pending = PendingImport(token, owner_id, kind, _clean_name(filename), folder, skip_invalid)
    meta = {"owner_id": owner_id, "kind": kind, "name": pending.name, "skip": skip_invalid}
    (folder / "pending.json").write_text(json.dumps(meta), encoding="utf-8")
    return pending


def _find_pending(token: str, owner_id: int) -> PendingImport | None:
    """The owner's upload for ``token``; None when unknown, expired or another owner's."""
    if not _TOKEN.fullmatch(token):
        return None
    folder = PENDING_ROOT / token
    try:
        if time.time() - folder.stat().st_mtime > KEPT_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        meta = json.loads((folder / "pending.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("owner_id") != owner_id or meta.get("kind") not in IMPORT_KINDS:
        return None
    name = str(meta.get("name", ""))
    if name != _clean_name(name) or not (folder / name).is_file():
        return None
    skip = meta.get("skip") is True
    return PendingImport(token, owner_id, str(meta["kind"]), name, folder, skip)


def _claim(pending: PendingImport) -> PendingImport | None:
    """Move the upload out of reach of its token (an atomic rename): one confirm imports it."""
    claimed = pending.folder.with_name(f"{pending.token}.claimed")
    try:
        pending.folder.rename(claimed)
    except OSError:
        return None
    return replace(pending, folder=claimed)


async def _save_upload(upload: UploadFile, target: Path) -> bool:
    """Copy the upload to ``target``; False (and nothing kept) when it is too large."""
    size = 0
    with target.open("wb") as out:
        while chunk := await upload.read(_CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                break
            out.write(chunk)
    if size > MAX_UPLOAD_BYTES:
        target.unlink(missing_ok=True)
        return False
    return True


def _run_import(ctx: Context, pending: PendingImport, *, dry_run: bool) -> ImportReport:
    if pending.kind == "json":
        from kithkin.formats.text import decode
        from kithkin.services.backup import import_backup

        text = decode(pending.path.read_bytes(), file=str(pending.path))
        return import_backup(
            ctx, text, file=str(pending.path), dry_run=dry_run, skip_invalid=pending.skip_invalid
        )
    return import_contacts(
        ctx, pending.kind, pending.path, dry_run=dry_run, skip_invalid=pending.skip_invalid
    )


def _shown(text: str, pending: PendingImport) -> str:
    """Messages name the uploaded file, not where the server keeps it."""
    return text.replace(str(pending.folder) + os.sep, "")


def _view(report: ImportReport, pending: PendingImport) -> ImportView:
    sections = {
        name: (counts.created, counts.updated, counts.unchanged)
        for name, counts in getattr(report, "sections", {}).items()
    }
    return ImportView(
        report=report,
        name=pending.name,
        errors=[_shown(str(issue), pending) for issue in report.errors],
        skipped=[_shown(str(issue), pending) for issue in report.skipped],
        updated=[
            entry.name + (f" ({', '.join(entry.changes)})" if entry.changes else "")
            for entry in report.updated
        ],
        duplicates=[
            (f"line {entry.line}: " if entry.line else "")
            + f"{entry.name} ~ {entry.existing_name}: {entry.reason}"
            for entry in report.possible_duplicates
        ],
        sections=sections,
    )


def _form(
    signed: Signed, *, kind: str = "vcard", problem: str | None = None, status: int = 200
) -> Response:
    response = page("import.html", signed, kinds=IMPORT_KINDS, kind=kind, problem=problem)
    response.status_code = status
    return response


@router.get("/import", response_class=HTMLResponse)
def import_form(signed: SignedIn) -> Response:
    return _form(signed)


@router.post("/import", response_class=HTMLResponse)
async def import_preview(request: Request, signed: SignedIn) -> Response:
    """Save the upload, run the import as a dry run and show what it would do."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_UPLOAD_BYTES + _CHUNK:
        return _form(signed, problem=TOO_LARGE, status=413)  # refused before reading it
    form = await request.form(max_files=1, max_fields=10)
    try:
        signed = await csrf_checked(request)
        kind = form.get("kind")
        upload = form.get("file")
        if not isinstance(kind, str) or kind not in IMPORT_KINDS:
            expected = ", ".join(IMPORT_KINDS)
            return _form(signed, problem=f"kind: choose one of {expected}.", status=400)
        if not isinstance(upload, UploadFile) or not upload.filename:
            return _form(signed, kind=kind, problem="file: choose a file to import.", status=400)
        return await _preview(signed, kind, upload, skip_invalid=form.get("skip_invalid") == "on")
    finally:
        await form.close()


async def _preview(
    signed: Signed, kind: str, upload: UploadFile, *, skip_invalid: bool
) -> Response:
    await run_in_threadpool(_sweep, time.time())
    pending = _new_pending(
        signed.ctx.store.owner_id, kind, upload.filename, skip_invalid=skip_invalid
    )
    report: ImportReport | None = None
    try:
        if not await _save_upload(upload, pending.path):
            return _form(signed, kind=kind, problem=TOO_LARGE, status=413)
        if pending.path.stat().st_size == 0:
            return _form(signed, kind=kind, problem="file: the file is empty.", status=400)
        report = await run_in_threadpool(_run_import, signed.ctx, pending, dry_run=True)
    except KithkinError as error:
        problem = f"Nothing was imported. {_shown(str(error), pending)}"
        return _form(signed, kind=kind, problem=problem, status=400)
    finally:
        if report is None or report.failed:  # nothing to confirm: forget the file now
            shutil.rmtree(pending.folder, ignore_errors=True)
    return page(
        "import_report.html",
        signed,
        view=_view(report, pending),
        kind_label=IMPORT_KINDS[kind],
        token="" if report.failed else pending.token,
        shown=_SHOWN,
    )


@router.post("/import/confirm", response_class=HTMLResponse)
def import_confirm(signed: Checked, token: Annotated[str, Form()] = "") -> Response:
    """Import the previewed file for real, then forget it."""
    pending = _find_pending(token, signed.ctx.store.owner_id)
    if pending is None:
        problem = "That import preview has expired or is not yours: upload the file again."
        return _form(signed, problem=problem, status=404)
    claimed = _claim(pending)
    if claimed is None:  # a second click on the same confirmation: the first one imports
        return _form(signed, problem="That import is already under way.", status=409)
    pending = claimed
    try:
        report = _run_import(signed.ctx, pending, dry_run=False)
    except KithkinError as error:
        return _form(signed, kind=pending.kind, problem=_shown(str(error), pending), status=400)
    finally:
        shutil.rmtree(pending.folder, ignore_errors=True)
    return page(
        "import_report.html",
        signed,
        view=_view(report, pending),
        kind_label=IMPORT_KINDS[pending.kind],
        token="",
        shown=_SHOWN,
    )


@router.post("/import/cancel", response_class=HTMLResponse)
def import_cancel(signed: Checked, token: Annotated[str, Form()] = "") -> Response:
    """Forget a previewed upload without importing it."""
    pending = _find_pending(token, signed.ctx.store.owner_id)
    if pending is not None:
        shutil.rmtree(pending.folder, ignore_errors=True)
    return _form(signed)

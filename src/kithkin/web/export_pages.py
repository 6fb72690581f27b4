"""Export: download everything as a JSON backup, vCards, CSV or iCalendar (the CLI's export).

``GET /export`` explains each format and offers a download button for it. A download is a
``POST /export/<kind>`` with the CSRF token (the whole account is a sensitive read: another
site must not be able to start one), answered with the same bytes as ``kithkin export KIND
-o FILE``: built by the same services, as an attachment named
``kithkin-<kind>-<YYYY-MM-DD>.<ext>`` (the date in the account's time zone) that no cache
keeps. Nothing changes, so no dashboard refresh follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, Response

from kithkin.services.context import Context
from kithkin.services.exports import VCARD_VERSIONS, export_csv, export_ics, export_vcards
from kithkin.web.pages import SignedIn, page
from kithkin.web.session import Signed, csrf_checked

router = APIRouter()
CsrfChecked = Annotated[Signed, Depends(csrf_checked)]  # a read: no refresh afterwards


@dataclass(frozen=True)
class ExportKind:
    kind: str  # the CLI's name: kithkin export KIND
    media_type: str
    suffix: str


KINDS = {
    "json": ExportKind("json", "application/json", "json"),
    "vcard": ExportKind("vcard", "text/vcard; charset=utf-8", "vcf"),
    "csv": ExportKind("csv", "text/csv; charset=utf-8", "csv"),
    "ics": ExportKind("ics", "text/calendar; charset=utf-8", "ics"),
}


def _file_bytes(ctx: Context, kind: str, version: str) -> bytes:
    """The file as `kithkin export KIND -o FILE` writes it."""
    if kind == "vcard":
        return "".join(card.text for card in export_vcards(ctx, version=version)).encode()
    if kind == "csv":
        return export_csv(ctx).encode("utf-8-sig")  # the BOM: spreadsheets then read UTF-8
    if kind == "ics":
        return export_ics(ctx)
    from kithkin.services.backup import backup_text, export_backup

    return backup_text(export_backup(ctx)).encode()


def _export_page(
    signed: Signed, *, problem: str | None = None, version: str = "3.0", status: int = 200
) -> Response:
    response = page(
        "export.html", signed, problem=problem, versions=VCARD_VERSIONS, version=version
    )
    response.status_code = status
    return response


@router.get("/export", response_class=HTMLResponse)
def export_page(signed: SignedIn) -> Response:
    return _export_page(signed)


@router.post("/export/{kind}", response_model=None)
def download(signed: CsrfChecked, kind: str, version: Annotated[str, Form()] = "3.0") -> Response:
    chosen = KINDS.get(kind)
    if chosen is None:
        missing = page("error.html", signed, message=f"There is no export {kind!r}.")
        missing.status_code = 404
        return missing
    if kind == "vcard" and version not in VCARD_VERSIONS:
        expected = " or ".join(VCARD_VERSIONS)
        return _export_page(
            signed, problem=f"vCard version: choose {expected}.", version="3.0", status=400
        )
    ctx = signed.ctx
    data = _file_bytes(ctx, kind, version)
    day = ctx.now().astimezone(ctx.settings.timezone).date().isoformat()
    name = f"kithkin-{kind}-{day}.{chosen.suffix}"
    return Response(
        data,
        media_type=chosen.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )

"""Import and export: ``kithkin import KIND PATH`` and ``kithkin export KIND``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.progress import Progress

from kithkin.cli import transfer_render
from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.core.imports import ImportReport
from kithkin.errors import InvalidInput
from kithkin.services.exports import VCARD_VERSIONS, export_csv, export_ics, export_vcards
from kithkin.services.files import write_atomically, write_vdir
from kithkin.services.imports import KINDS, import_contacts
from kithkin.services.imports import Progress as ProgressCallback


@contextmanager
def _progress(app: App, *, enabled: bool) -> Iterator[ProgressCallback | None]:
    """A Rich progress bar on a terminal's stderr; nothing for scripts and pipes."""
    if not enabled or not app.out.errors.is_terminal:
        yield None
        return
    with Progress(console=app.out.errors, transient=True) as bar:
        task = bar.add_task("Importing", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@cli.command(name="import")
@click.argument("kind", type=click.Choice([*KINDS, "json"]))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid records, report the rest.")
@json_option
@pass_app
def import_(
    app: App, /, kind: str, path: Path, dry_run: bool, skip_invalid: bool, as_json: bool
) -> None:
    """Import contacts: a LinkedIn export (.zip or Connections.csv), vCards (file or
    folder), a Google or Outlook CSV, or a Kithkin JSON backup."""
    if kind == "json":
        from kithkin.formats.text import decode
        from kithkin.services.backup import import_backup

        if not path.is_file():
            raise InvalidInput("no such file.", file=str(path))
        text = decode(path.read_bytes(), file=str(path))
        report = import_backup(
            app.ctx, text, file=str(path), dry_run=dry_run, skip_invalid=skip_invalid
        )
    else:
        with _progress(app, enabled=not as_json) as progress:
            report = import_contacts(
                app.ctx,
                kind,
                path,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                progress=progress,
            )
    _finish(app, report, as_json=as_json)


def _finish(app: App, report: ImportReport, *, as_json: bool) -> None:
    if as_json:
        app.out.json(report.to_json())
    elif not report.failed:
        app.out.show(transfer_render.import_view(report))
    if report.failed:
        for issue in report.errors:
            app.out.errors.print(str(issue), style="red")
        app.out.error(
            f"{len(report.errors)} invalid record(s); nothing was imported. "
            "Fix them, or use --skip-invalid to import the rest."
        )
        sys.exit(1)


@cli.command(name="export")
@click.argument("kind", type=click.Choice(["json", "vcard", "csv", "ics"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write here instead of standard output; for vcard, a path ending in / (or an "
    "existing folder) is a vdir: one .vcf per contact.",
)
@click.option(
    "--version",
    "vcard_version",
    type=click.Choice(VCARD_VERSIONS),
    default="3.0",
    show_default=True,
    help="vCard version.",
)
@pass_app
def export(app: App, /, kind: str, output: Path | None, vcard_version: str) -> None:
    """Export everything: a JSON backup, vCards, a Google-compatible CSV, or an iCalendar feed."""
    if kind == "vcard":
        cards = export_vcards(app.ctx, version=vcard_version)
        if output is not None and (str(output).endswith("/") or output.is_dir()):
            written = write_vdir(output, [(card.uid, card.text) for card in cards])
            app.out.note(f"{len(cards)} contacts in {output} ({written} files written).")
            return
        _write(app, output, "".join(card.text for card in cards).encode())
    elif kind == "csv":
        _write(app, output, export_csv(app.ctx).encode("utf-8-sig"))
    elif kind == "ics":
        _write(app, output, export_ics(app.ctx))
    else:
        from kithkin.services.backup import backup_text, export_backup

        _write(app, output, backup_text(export_backup(app.ctx)).encode())


def _write(app: App, output: Path | None, data: bytes) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomically(output, data)
    app.out.note(f"Written to {output}.")

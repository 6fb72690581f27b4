"""Purpose commands: classify, retrain (edit-interaction, which corrects a purpose, is in
`cli/interactions.py`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.cli.purpose_render import backfill_view, classification_view
from kithkin.errors import InvalidInput
from kithkin.purpose.classifier import Classification
from kithkin.services import purpose as service


def classification_json(found: Classification | None) -> dict[str, Any]:
    if found is None:  # a blank line of --file keeps its place in the output
        return {"purpose": None, "confidence": 0.0, "topics": [], "evidence": []}
    return {
        "purpose": found.purpose.value,
        "confidence": found.confidence,
        "topics": list(found.topics),
        "evidence": list(found.evidence),
    }


@cli.command(name="classify")
@click.argument("text", required=False)
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Classify each line of a file (- for standard input).",
)
@click.option(
    "--all", "stored", is_flag=True, help="(Re)classify stored notes you have not labelled."
)
@json_option
@pass_app
def classify_command(
    app: App, /, text: str | None, path: Path | None, stored: bool, as_json: bool
) -> None:
    """Say whether a note is networking, social or both, and why."""
    if [text is not None, path is not None, stored].count(True) != 1:
        raise InvalidInput("give exactly one of TEXT, --file PATH or --all.", field="classify")
    if stored:
        report = service.classify_stored(app.ctx)
        data = {"classified": report.classified} | {
            p.value: n for p, n in report.by_purpose.items()
        }
        app.out.emit(backfill_view(report), data, as_json=as_json)
        return
    if path is not None:
        lines = _lines(path)
        notes = [line for line in lines if line.strip()]
        found = iter(service.classify_notes(app.ctx, notes))
        results = [next(found) if line.strip() else None for line in lines]
        if as_json:
            for result in results:
                app.out.json_line(classification_json(result))
        else:
            for line, result in zip(lines, results, strict=True):
                app.out.show(classification_view(line, result))
        return
    assert text is not None
    result = service.classify_note(app.ctx, text)
    app.out.emit(classification_view(text, result), classification_json(result), as_json=as_json)


@cli.command()
@json_option
@pass_app
def retrain(app: App, /, as_json: bool) -> None:
    """Refit the purpose model on the corpus and your corrections."""
    done = service.retrain(app.ctx)
    app.out.emit(
        f"Retrained the {done.backend} purpose model on {done.notes:,} notes, "
        f"{done.corrections:,} of them your corrections.",
        {"backend": done.backend, "notes": done.notes, "corrections": done.corrections},
        as_json=as_json,
    )


def _lines(path: Path) -> list[str]:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"{path}: cannot be read: {error}", field="--file") from None
    return text.splitlines()

"""Duplicate commands: duplicates, merge."""

from __future__ import annotations

import click

from kithkin.cli import duplicates_render
from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.core.serialize_duplicates import duplicates_json, merge_json
from kithkin.services.duplicates import find_duplicates, merge_people

DEFAULT_LIMIT = 50


@cli.command()
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Show at most this many pairs, the likeliest first.",
)
@json_option
@pass_app
def duplicates(app: App, /, limit: int, as_json: bool) -> None:
    """Pairs of people who may be one person, with a score (0–99) and the reasons.

    Nothing is merged here: merge a pair with kithkin merge KEEP OTHER."""
    pairs = find_duplicates(app.ctx)
    shown = pairs[:limit]
    app.out.emit(
        duplicates_render.pairs_table(shown, total=len(pairs)),
        duplicates_json(shown, total=len(pairs)),
        as_json=as_json,
    )


@cli.command()
@click.argument("keep")
@click.argument("other")
@json_option
@pass_app
def merge(app: App, /, keep: str, other: str, as_json: bool) -> None:
    """Merge OTHER into KEEP: every e-mail, phone, interaction, ledger entry, follow-up and
    relationship of OTHER moves to KEEP (what both had is kept once), KEEP's values win where
    both have one, and OTHER is deleted; the merge is recorded with OTHER as it was."""
    result = merge_people(app.ctx, keep, other)
    app.out.emit(duplicates_render.merge_summary(result), merge_json(result), as_json=as_json)

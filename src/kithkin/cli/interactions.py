"""Interaction commands: log, follow-ups, done, search."""

from __future__ import annotations

import sys
from typing import Any

import click

from kithkin.cli import render
from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.cli.quick_log_render import quick_log_view
from kithkin.core.log_entry import LogInput
from kithkin.core.records import Interaction
from kithkin.core.serialize import follow_up_json, interaction_json, search_json
from kithkin.core.vocabulary import Activity, Channel, Direction, Initiator, Purpose
from kithkin.errors import InvalidInput
from kithkin.services import complete_follow_up, engine, list_follow_ups, log_interaction, search
from kithkin.services.quick_log import save_quick_log, understand_quick_log


@cli.command()
@click.argument("people", nargs=-1, metavar="PERSON [PERSON]...")
@click.option("-m", "--message", "note", metavar="NOTE", help="What happened.")
@click.option(
    "--quick",
    metavar="TEXT",
    help='Everything in one sentence: "Coffee with Ana and @sam yesterday. Follow up friday: '
    'send the deck".',
)
@click.option("--yes", "-y", is_flag=True, help="With --quick: save without asking.")
@click.option("--date", metavar="YYYY-MM-DD[THH:MM]", help="When (default: now).")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), help="How.")
@click.option("--purpose", type=click.Choice([p.value for p in Purpose]), help="Why.")
@click.option("--minutes", type=int, metavar="N", help="How long it took.")
@click.option(
    "--gave",
    multiple=True,
    metavar="KIND:TEXT",
    help="Something you gave, e.g. intro:to Sam (repeatable).",
)
@click.option(
    "--asked",
    multiple=True,
    metavar="KIND:TEXT",
    help="Something you asked for, e.g. referral:for Stripe (repeatable).",
)
@click.option(
    "--received", multiple=True, metavar="KIND:TEXT", help="Something you received (repeatable)."
)
@click.option(
    "--follow-up",
    "follow_up",
    metavar='"WHEN: TEXT"',
    help='A follow-up, e.g. "next friday: send the deck".',
)
@click.option("--initiated-by", type=click.Choice([i.value for i in Initiator]))
@click.option(
    "--activity",
    type=click.Choice([a.value for a in Activity]),
    help="An activity not with a person (a post engaged with, an article written).",
)
@json_option
@pass_app
def log(
    app: App, /, people: tuple[str, ...], quick: str | None, yes: bool, as_json: bool, **fields: Any
) -> None:
    """Log an interaction with one or more people (or say it all with --quick)."""
    if quick is not None:
        given = [_option(k) for k, v in fields.items() if v not in (None, ())]
        if people or given:
            raise click.UsageError(
                f"--quick says it all; leave out {' and '.join([*people, *given])}."
            )
        interaction = _quick_log(app, quick, yes=yes, as_json=as_json)
    elif fields["note"] is None:
        raise click.UsageError("say what happened with -m NOTE (or use --quick TEXT).")
    else:
        interaction = log_interaction(app.ctx, people, LogInput(**fields))
    asked = {e.person.id for e in interaction.exchanges if e.direction is Direction.ASKED}
    for nudge in engine.ask_nudges(app.ctx, sorted(asked)):
        app.out.note(nudge)
    app.out.emit(
        render.interaction_view(interaction, app.tz), interaction_json(interaction), as_json=as_json
    )


def _option(field: str) -> str:
    return "-m" if field == "note" else "--" + field.replace("_", "-")


def _quick_log(app: App, text: str, *, yes: bool, as_json: bool) -> Interaction:
    preview = understand_quick_log(app.ctx, text)
    if not as_json:
        app.out.show(quick_log_view(preview, app.tz))
    if not preview.ready:
        raise InvalidInput(" ".join(preview.problems), field="--quick")
    if not yes:
        if as_json or not sys.stdin.isatty():
            raise InvalidInput("add --yes to save a quick log without a terminal.", field="--yes")
        if not click.confirm("Save it?", default=True):
            raise click.exceptions.Exit(1)
    return save_quick_log(app.ctx, preview)


@cli.command(name="follow-ups")
@click.option("--all", "include_closed", is_flag=True, help="Include done and dropped ones.")
@json_option
@pass_app
def follow_ups(app: App, /, include_closed: bool, as_json: bool) -> None:
    """List open follow-ups, the most urgent first."""
    found = list_follow_ups(app.ctx, include_closed=include_closed)
    app.out.emit(
        render.follow_ups_table(found, today=app.today()),
        [follow_up_json(f) for f in found],
        as_json=as_json,
    )


@cli.command()
@click.argument("item", metavar="FOLLOWUP_ID|ITEM")
@json_option
@pass_app
def done(app: App, /, item: str, as_json: bool) -> None:
    """Mark a follow-up (by id) or an agenda item (by its key from kithkin today) as done."""
    text = item.strip()
    number = text.removeprefix("#").removeprefix("follow-up:")
    if number.isdigit():
        follow_up = complete_follow_up(app.ctx, int(number))
        who = f" ({follow_up.person.name})" if follow_up.person else ""
        app.out.emit(
            f"Done: #{follow_up.id} {follow_up.text}{who}",
            follow_up_json(follow_up),
            as_json=as_json,
        )
        return
    kind = engine.done(app.ctx, text)
    app.out.emit(
        f"Done: {text} is off the list.", {"item": text, "kind": kind.value}, as_json=as_json
    )


@cli.command(name="search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
@pass_app
def search_command(app: App, /, query: str, limit: int, as_json: bool) -> None:
    """Search people (names, e-mails, companies, tags, notes) and interaction notes."""
    results = search(app.ctx, query, limit=limit)
    app.out.emit(render.search_view(results, app.tz), search_json(results), as_json=as_json)

"""Interaction commands: log, edit-interaction, rm-interaction, follow-ups, done, search."""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Group, RenderableType
from rich.text import Text

from kithkin.cli import render
from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.cli.purpose_render import corrected_view
from kithkin.cli.quick_log_render import quick_log_view
from kithkin.core.log_entry import LogInput
from kithkin.core.periods import plural
from kithkin.core.records import Interaction
from kithkin.core.serialize import (
    edited_interaction_json,
    follow_up_json,
    interaction_json,
    removed_interaction_json,
    search_json,
)
from kithkin.core.vocabulary import Activity, Channel, Direction, Initiator, Purpose
from kithkin.errors import InvalidInput
from kithkin.services import complete_follow_up, engine, list_follow_ups, log_interaction, search
from kithkin.services.interactions import (
    Edited,
    InteractionChanges,
    Removed,
    edit_interaction,
    remove_interaction,
)
from kithkin.services.purpose import Corrected
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


@cli.command(name="edit-interaction")
@click.argument("interaction_id", type=int, metavar="ID")
@click.option(
    "--purpose",
    type=click.Choice([p.value for p in Purpose]),
    help="What it really was; kept to teach the model.",
)
@click.option("-m", "--note", metavar="TEXT", help="What happened, rewritten.")
@click.option("--date", metavar="YYYY-MM-DD[THH:MM]", help="When (as for kithkin log).")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), help="How.")
@click.option("--minutes", type=int, metavar="N", help="How long it took.")
@json_option
@pass_app
def edit_interaction_command(
    app: App, /, interaction_id: int, as_json: bool, **fields: Any
) -> None:
    """Change a logged interaction: its note, day, channel, duration or purpose."""
    if all(value is None for value in fields.values()):
        raise click.UsageError(
            "say what to change: --note, --date, --channel, --minutes or --purpose."
        )
    edited = edit_interaction(app.ctx, interaction_id, InteractionChanges(**fields))
    data = edited_interaction_json(
        edited.interaction,
        changed=edited.changed,
        model_purpose=edited.model_purpose,
        retrained=edited.retrained is not None,
    )
    app.out.emit(_edited_view(edited, app), data, as_json=as_json)


def _edited_view(edited: Edited, app: App) -> RenderableType:
    interaction = edited.interaction
    others = [name for name in edited.changed if name != "purpose" or not edited.corrected]
    parts: list[RenderableType] = []
    if others:
        head = Text(f"#{interaction.id}: changed {', '.join(others)}", style="bold")
        if edited.reguessed and not edited.corrected:
            guess = interaction.purpose.value if interaction.purpose else "unclassified"
            head.append(f"; purpose guessed again: {guess}")
        parts.append(head)
    if edited.corrected:  # exactly what a purpose correction has always shown
        corrected = Corrected(interaction, edited.model_purpose, edited.retrained)
        parts.append(corrected_view(corrected, app.tz))
        return Group(*parts)
    if not others:
        parts.append(Text(f"#{interaction.id}: nothing changed (it already says so).", "bold"))
    parts.append(render.interaction_view(interaction, app.tz, title="Interaction"))
    return Group(*parts)


@cli.command(name="rm-interaction")
@click.argument("interaction_id", type=int, metavar="ID")
@json_option
@pass_app
def rm_interaction(app: App, /, interaction_id: int, as_json: bool) -> None:
    """Delete a logged interaction, with its ledger entries (its follow-ups stay)."""
    removed = remove_interaction(app.ctx, interaction_id)
    app.out.emit(
        _removed_view(removed, app),
        removed_interaction_json(removed.interaction, removed.follow_ups),
        as_json=as_json,
    )


def _removed_view(removed: Removed, app: App) -> RenderableType:
    gone = removed.interaction
    line = f"Deleted #{gone.id}  {render.when(gone.at, app.tz)}  {gone.channel.value}"
    if gone.people:
        line += "  with " + ", ".join(ref.name for ref in gone.people)
    parts: list[RenderableType] = [Text(line, style="bold")]
    if gone.note:
        parts.append(Text("  " + gone.note))
    what = [plural(len(gone.exchanges), "ledger entry", "ledger entries")]
    if gone.topics:
        what.append(plural(len(gone.topics), "topic"))
    parts.append(Text(f"  with it: {', '.join(what)}"))
    for follow_up in removed.follow_ups:
        parts.append(
            Text(
                f"  kept follow-up #{follow_up.id} due {follow_up.due.isoformat()}: "
                f"{follow_up.text} (no longer linked to an interaction)",
                style="yellow",
            )
        )
    return Group(*parts)


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

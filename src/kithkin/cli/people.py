"""People commands: add, show, people, edit, rm."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from kithkin.cli import render
from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.core.person_changes import PersonInput
from kithkin.core.serialize import person_json, person_summary_json
from kithkin.core.serialize_engine import warmth_json
from kithkin.core.vocabulary import Circle, Mode
from kithkin.errors import InvalidInput
from kithkin.services import add_person, edit_person, list_people, remove_person, show_person
from kithkin.services.people import find_person

CIRCLES = [circle.value for circle in Circle]
MODES = [mode.value for mode in Mode]


def person_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The options ``add`` and ``edit`` share."""
    options = [
        click.option("--email", "emails", multiple=True, metavar="E", help="E-mail (repeatable)."),
        click.option("--phone", "phones", multiple=True, metavar="P", help="Phone (repeatable)."),
        click.option(
            "--url", "urls", multiple=True, metavar="URL", help="Profile or web URL (repeatable)."
        ),
        click.option(
            "--nickname",
            "nicknames",
            multiple=True,
            metavar="N",
            help="Nickname or @handle (repeatable).",
        ),
        click.option("--company", metavar="C", help="Current employer."),
        click.option("--title", metavar="T", help="Current job title."),
        click.option("--circle", type=click.Choice(CIRCLES), help="Check-in circle."),
        click.option("--mode", type=click.Choice(MODES), help="How you know them."),
        click.option(
            "--cadence",
            "cadence_days",
            type=int,
            metavar="DAYS",
            help="Check in every DAYS days (overrides the circle).",
        ),
        click.option("--tag", "tags", multiple=True, metavar="T", help="Tag (repeatable)."),
        click.option(
            "--interest", "interests", multiple=True, metavar="I", help="Interest (repeatable)."
        ),
        click.option(
            "--birthday",
            metavar="YYYY-MM-DD|--MM-DD",
            help="Birthday; --MM-DD when the year is unknown.",
        ),
        click.option("--met-at", "met_how", metavar="TEXT", help="How or where you met."),
        click.option("--notes", metavar="TEXT", help="Notes (Markdown)."),
        json_option,
    ]
    for option in reversed(options):
        function = option(function)
    return function


@cli.command()
@click.argument("name")
@person_options
@pass_app
def add(app: App, /, name: str, as_json: bool, **fields: Any) -> None:
    """Add a person, e.g. kithkin add "Ana Ruiz" --email ana@example.com --circle key."""
    person = add_person(app.ctx, PersonInput(name=name, **fields))
    detail = show_person(app.ctx, person.id)
    app.out.emit(render.person_view(detail, app.tz), person_json(person), as_json=as_json)


@cli.command()
@click.argument("person")
@click.option("--name", help="A new display name.")
@person_options
@click.option("--remove-email", "remove_emails", multiple=True, metavar="E")
@click.option("--remove-phone", "remove_phones", multiple=True, metavar="P")
@click.option("--remove-url", "remove_urls", multiple=True, metavar="URL")
@click.option("--remove-nickname", "remove_nicknames", multiple=True, metavar="N")
@click.option("--remove-tag", "remove_tags", multiple=True, metavar="T")
@click.option("--remove-interest", "remove_interests", multiple=True, metavar="I")
@click.option(
    "--no-company",
    "leave_job",
    is_flag=True,
    help="No current employer: the current job ends today (kept as history).",
)
@click.option(
    "--reset-cadence",
    is_flag=True,
    help="Check in at the circle's cadence again (drops their own --cadence).",
)
@pass_app
def edit(app: App, /, person: str, as_json: bool, **fields: Any) -> None:
    """Change PERSON: options add to lists (e-mails, tags…) and replace single values."""
    updated = edit_person(app.ctx, person, PersonInput(**fields))
    detail = show_person(app.ctx, updated.id)
    app.out.emit(render.person_view(detail, app.tz), person_json(updated), as_json=as_json)


@cli.command()
@click.argument("person")
@json_option
@pass_app
def show(app: App, /, person: str, as_json: bool) -> None:
    """Show PERSON (an id, id prefix, e-mail, name or nickname)."""
    detail = show_person(app.ctx, person)
    data = person_json(detail.person)
    data["cadence_days_effective"] = detail.cadence_days
    data["warmth"] = warmth_json(detail.warmth)
    app.out.emit(render.person_view(detail, app.tz), data, as_json=as_json)


@cli.command(name="people")
@click.option("--circle", type=click.Choice(CIRCLES))
@click.option("--tag", metavar="T")
@click.option("--mode", type=click.Choice(MODES))
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@json_option
@pass_app
def people_command(
    app: App,
    /,
    circle: str | None,
    tag: str | None,
    mode: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List people by name, optionally filtered by circle, tag or mode."""
    found = list_people(app.ctx, circle=circle, tag=tag, mode=mode, limit=limit)
    app.out.emit(
        render.people_table(found, app.tz), [person_summary_json(p) for p in found], as_json=as_json
    )


@cli.command()
@click.argument("person")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@json_option
@pass_app
def rm(app: App, /, person: str, yes: bool, as_json: bool) -> None:
    """Delete PERSON for real, with their contact data and one-to-one interactions."""
    if not yes:
        target = find_person(app.ctx, person)
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"deleting {target.name} cannot be undone; add --yes to confirm.", field="--yes"
            )
        click.confirm(f"Delete {target.name} ({render.short(target.id)}) for good?", abort=True)
    removed = remove_person(app.ctx, person)
    app.out.emit(
        f"Deleted {removed.name} ({render.short(removed.id)}) and their private data.",
        {"deleted": person_json(removed)},
        as_json=as_json,
    )

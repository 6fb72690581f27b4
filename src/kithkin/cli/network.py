"""Network commands: link, unlink, path (intros, introduce and common live beside them)."""

from __future__ import annotations

import click

from kithkin.cli import network_render
from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.core.network.results import link_json, path_result_json
from kithkin.core.vocabulary import RelationshipKind
from kithkin.services import network


@cli.command()
@click.argument("person")
@click.argument("other")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in RelationshipKind]),
    default=RelationshipKind.KNOWS.value,
    show_default=True,
    help="How they are related (PERSON reports-to OTHER, PERSON introduced-by OTHER…).",
)
@click.option("--since", metavar="YYYY[-MM[-DD]]", help="Since when.")
@click.option("--until", metavar="YYYY[-MM[-DD]]", help="Until when, if it ended.")
@click.option("--note", default="", metavar="TEXT", help="Anything worth remembering about it.")
@json_option
@pass_app
def link(
    app: App,
    /,
    person: str,
    other: str,
    kind: str,
    since: str | None,
    until: str | None,
    note: str,
    as_json: bool,
) -> None:
    """Record that PERSON and OTHER know each other (a colleague, friend, family…)."""
    made = network.link(app.ctx, person, other, kind, since=since, until=until, note=note)
    data = link_json(made)
    verb = "Linked" if made.created else "Updated the link between"
    app.out.emit(
        f"{verb} {made.person.name} and {made.other.name} ({made.kind.value}).",
        data,
        as_json=as_json,
    )


@cli.command()
@click.argument("person")
@click.argument("other")
@click.option("--kind", type=click.Choice([k.value for k in RelationshipKind]), help="Only this.")
@json_option
@pass_app
def unlink(app: App, /, person: str, other: str, kind: str | None, as_json: bool) -> None:
    """Forget a relationship recorded between PERSON and OTHER."""
    removed = network.unlink(app.ctx, person, other, kind)
    app.out.emit(
        f"Removed {removed} relationship{'s' if removed != 1 else ''}.",
        {"removed": removed},
        as_json=as_json,
    )


@cli.command()
@click.argument("target", required=False)
@click.option("--company", metavar="NAME", help="Anyone at this organization.")
@click.option("--tag", metavar="TAG", help="Anyone with this tag.")
@click.option("--interest", metavar="INTEREST", help="Anyone with this interest.")
@click.option(
    "--limit", type=click.IntRange(1, 20), default=3, show_default=True, help="Routes to show."
)
@json_option
@pass_app
def path(
    app: App,
    /,
    target: str | None,
    company: str | None,
    tag: str | None,
    interest: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Warm paths to TARGET (a person) or to a company, tag or interest: who to ask for an
    intro, through at most three hops, strongest first."""
    result = network.find_paths(
        app.ctx, target, company=company, tag=tag, interest=interest, limit=limit
    )
    app.out.emit(network_render.paths_view(result), path_result_json(result), as_json=as_json)

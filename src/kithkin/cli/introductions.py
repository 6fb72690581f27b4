"""Introduction commands: intros (who should meet) and introduce (record that they did)."""

from __future__ import annotations

import click

from kithkin.cli import introductions_render
from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.core.network.intros import intros_json
from kithkin.core.network.results import link_json
from kithkin.core.serialize import interaction_json
from kithkin.core.vocabulary import Channel, Purpose
from kithkin.services import introductions


@cli.command()
@click.option(
    "--limit", type=click.IntRange(1, 50), default=5, show_default=True, help="Pairs to show."
)
@json_option
@pass_app
def intros(app: App, /, limit: int, as_json: bool) -> None:
    """Pairs of people you know who should meet, each with the reason: complementary needs
    (hiring / looking for work, raising / investing, cofounders, mentors), shared interests,
    industry and city."""
    found = introductions.intros(app.ctx, limit)
    app.out.emit(introductions_render.intros_view(found), intros_json(found), as_json=as_json)


@cli.command()
@click.argument("person")
@click.argument("other")
@click.option(
    "-m", "--message", "note", default="", metavar="NOTE", help="How you introduced them."
)
@click.option("--date", metavar="YYYY-MM-DD[THH:MM]", help="When (default: now).")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), help="How.")
@click.option(
    "--purpose",
    type=click.Choice([p.value for p in Purpose]),
    default=Purpose.NETWORKING.value,
    show_default=True,
    help="Why.",
)
@json_option
@pass_app
def introduce(
    app: App,
    /,
    person: str,
    other: str,
    note: str,
    date: str | None,
    channel: str | None,
    purpose: str,
    as_json: bool,
) -> None:
    """Record that you introduced PERSON and OTHER: an interaction with both, a gave/intro
    ledger entry for each, and a link between them."""
    made = introductions.introduce(
        app.ctx, person, other, note, date=date, channel=channel, purpose=purpose
    )
    data = interaction_json(made.interaction) | {"link": link_json(made.link)}
    app.out.emit(introductions_render.introduction_view(made, app.tz), data, as_json=as_json)

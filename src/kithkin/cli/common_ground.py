"""kithkin me (your own profile) and kithkin common (common ground as conversation starters)."""

from __future__ import annotations

import click
from rich.console import Group, RenderableType
from rich.text import Text

from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.core.network.common import (
    CommonGround,
    Profile,
    ProfileChanges,
    SharedEmployer,
    Stint,
    common_ground_json,
    profile_json,
    topic_words,
)
from kithkin.services import common_ground as service


@cli.command()
@click.option("--interest", "interests", multiple=True, metavar="X", help="Add an interest.")
@click.option("--remove-interest", "remove_interests", multiple=True, metavar="X")
@click.option(
    "--company",
    "companies",
    multiple=True,
    metavar="ORG[:YEARS]",
    help="An employer, with years if you like: Globex:2019-2022, Initech:2023- (still there).",
)
@click.option("--remove-company", "remove_companies", multiple=True, metavar="ORG")
@click.option("--school", "schools", multiple=True, metavar="S", help="A school you went to.")
@click.option("--remove-school", "remove_schools", multiple=True, metavar="S")
@click.option("--city", "cities", multiple=True, metavar="C", help="A city you live or lived in.")
@click.option("--remove-city", "remove_cities", multiple=True, metavar="C")
@json_option
@pass_app
def me(
    app: App,
    /,
    interests: tuple[str, ...],
    remove_interests: tuple[str, ...],
    companies: tuple[str, ...],
    remove_companies: tuple[str, ...],
    schools: tuple[str, ...],
    remove_schools: tuple[str, ...],
    cities: tuple[str, ...],
    remove_cities: tuple[str, ...],
    as_json: bool,
) -> None:
    """Your own profile (interests, employers, schools, cities), for `kithkin common`.
    Without options it shows the profile; every option is repeatable."""
    changes = ProfileChanges(
        interests=interests,
        remove_interests=remove_interests,
        companies=companies,
        remove_companies=remove_companies,
        schools=schools,
        remove_schools=remove_schools,
        cities=cities,
        remove_cities=remove_cities,
    )
    profile = service.edit_my_profile(app.ctx, changes)
    app.out.emit(profile_view(profile), profile_json(profile), as_json=as_json)


@cli.command()
@click.argument("person")
@click.argument("person2", required=False)
@json_option
@pass_app
def common(app: App, /, person: str, person2: str | None, as_json: bool) -> None:
    """What you (or PERSON2) have in common with PERSON: interests, employers, cities,
    events, mutual contacts and past topics, with conversation starters."""
    ground = service.common_ground(app.ctx, person, person2)
    app.out.emit(common_view(ground), common_ground_json(ground), as_json=as_json)


# -- in a terminal --------------------------------------------------------------------------


def profile_view(profile: Profile) -> RenderableType:
    if profile.empty:
        return Text(
            "Your profile is empty. Add to it, e.g. kithkin me --interest climbing "
            "--company Globex:2019-2022 --city Berlin."
        )
    rows = [
        ("interests", list(profile.interests)),
        ("employers", [_stint(stint) for stint in profile.employers]),
        ("schools", list(profile.schools)),
        ("cities", list(profile.cities)),
    ]
    return Group(*(_line(label, items) for label, items in rows if items))


def _stint(stint: Stint) -> str:
    years = stint.years()
    return f"{stint.organization} ({years.replace('-', '–')})" if years else stint.organization


def _line(label: str, items: list[str]) -> Text:
    line = Text(f"{label}: ", style="bold")
    line.append(", ".join(items))
    return line


def common_view(ground: CommonGround) -> RenderableType:
    between = "you" if ground.other is None else ground.other.name
    parts: list[RenderableType] = [
        Text(f"Common ground between {between} and {ground.person.name}", style="bold")
    ]
    if ground.empty:
        parts.append(Text("Nothing in common is recorded yet.", style="dim"))
    rows = [
        ("interests", list(ground.interests)),
        ("tags", list(ground.tags)),
        ("employers", [_employer(e) for e in ground.employers]),
        ("schools", list(ground.schools)),
        ("cities", list(ground.cities)),
        ("events", [f"{e.name} ({e.day.isoformat()})" for e in ground.events]),
        ("mutual", [f"{m.person.name} ({m.strength:.0%})" for m in ground.mutual]),
        ("topics", [f"{topic_words(t.topic)} ×{t.count}" for t in ground.topics]),
    ]
    parts += [_line(label, items) for label, items in rows if items]
    if ground.last is not None:
        label = "last talked" if ground.other is None else "last together"
        parts.append(_line(label, [f"{ground.last.day.isoformat()}: {ground.last.note}"]))
    parts += [Text(note, style="dim") for note in ground.notes]
    if ground.starters:
        parts.append(Text("\nConversation starters", style="bold"))
        parts += [Text(f"  • {starter}") for starter in ground.starters]
    return Group(*parts)


def _employer(shared: SharedEmployer) -> str:
    if shared.together is False:
        return f"{shared.organization} (at different times)"
    if shared.years:
        return f"{shared.organization} ({shared.years})"
    return f"{shared.organization} (both there now)" if shared.current else shared.organization

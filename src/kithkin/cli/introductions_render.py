"""How introduction suggestions and a recorded introduction look in a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from rich.console import Group, RenderableType
from rich.text import Text

from kithkin.cli.render import interaction_view
from kithkin.core.network.intros import Intro
from kithkin.services.introductions import Introduction


def intros_view(intros: Sequence[Intro]) -> RenderableType:
    if not intros:
        return Text(
            "No introductions to suggest: none of the people you know well share an interest, "
            "an industry or a need with someone they do not already know. Add interests and "
            "tags (hiring, open to work, investor…) to people to get suggestions."
        )
    parts: list[RenderableType] = [Text("Introductions worth making", style="bold")]
    for number, intro in enumerate(intros, start=1):
        first, second = intro.people
        head = Text(f"\n{number}. ")
        head.append(f"{first.name} ↔ {second.name}", style="bold")
        head.append(f"  ({intro.score:.2f})", style="cyan")
        parts.append(head)
        parts.append(Text(f"   {intro.reason}"))
        parts.append(
            Text(f'   kithkin introduce {first.id[:8]} {second.id[:8]} -m "…"', style="dim")
        )
    return Group(*parts)


def introduction_view(made: Introduction, tz: tzinfo) -> RenderableType:
    first, second = made.link.person.name, made.link.other.name
    linked = (
        f"Linked {first} and {second} (knows)."
        if made.link.created
        else f"{first} and {second} were already linked (knows)."
    )
    return Group(
        interaction_view(made.interaction, tz, title=f"Introduced {first} and {second}:"),
        Text(linked, style="dim"),
    )

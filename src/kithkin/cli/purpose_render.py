"""How purpose results look on a terminal."""

from __future__ import annotations

from datetime import tzinfo

from rich.console import Group, RenderableType
from rich.text import Text

from kithkin.cli.render import PURPOSE_STYLE, interaction_view
from kithkin.purpose.classifier import Classification
from kithkin.services.purpose import Backfill, Corrected


def classification_view(note: str, found: Classification | None) -> RenderableType:
    if found is None:
        return Text("(blank line)", style="dim")
    line = Text(found.purpose.value, style=f"bold {PURPOSE_STYLE[found.purpose]}")
    line.append(f"  {found.confidence:.0%}")
    if found.evidence:
        line.append("  because of: " + ", ".join(f"“{w}”" for w in found.evidence))
    parts: list[RenderableType] = [line]
    if found.topics:
        parts.append(Text("  topics: " + ", ".join(found.topics), style="dim"))
    parts.append(Text("  " + (note if len(note) <= 100 else note[:99] + "…"), style="dim"))
    return Group(*parts)


def backfill_view(report: Backfill) -> RenderableType:
    if not report.classified:
        return Text("Nothing to classify: every stored note already has a purpose you gave it.")
    counts = ", ".join(f"{n:,} {p.value}" for p, n in report.by_purpose.items())
    return Text(f"Classified {report.classified:,} notes: {counts}.")


def corrected_view(corrected: Corrected, tz: tzinfo) -> RenderableType:
    interaction = corrected.interaction
    was = corrected.model_purpose
    head = Text(f"#{interaction.id} is now {interaction.purpose}", style="bold")
    if was is not None and was is not interaction.purpose:
        head.append(f" (the model had said {was.value}; it will learn from this)")
    parts: list[RenderableType] = [head]
    if corrected.retrained is not None:
        parts.append(
            Text(f"Retrained on {corrected.retrained.corrections} corrections.", style="green")
        )
    parts.append(interaction_view(interaction, tz, title="Interaction"))
    return Group(*parts)

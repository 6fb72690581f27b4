"""How network answers look in a terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from kithkin.core.network.results import PathResult, WarmPath


def paths_view(result: PathResult) -> RenderableType:
    parts: list[RenderableType] = [Text(result.message, style="bold")]
    for number, path in enumerate(result.paths or result.nearest, start=1):
        parts.append(_path_view(number, path, warm=bool(result.paths)))
    return Group(*parts)


def _path_view(number: int, path: WarmPath, *, warm: bool) -> RenderableType:
    chain = " → ".join(["you", *(hop.person.name for hop in path.hops)])
    head = Text(f"\n{number}. ")
    head.append(chain, style="bold")
    if warm:
        head.append(f"  ({path.strength:.0%})", style="cyan")
    lines: list[RenderableType] = [head]
    for index, hop in enumerate(path.hops):
        if index == 0 and not warm:
            continue
        source = "you" if index == 0 else path.hops[index - 1].person.name
        why = "; ".join(hop.reasons) or "no recorded tie"
        lines.append(Text(f"   {source} → {hop.person.name}: {why}", style="dim"))
    lines.append(Text(f"   {path.ask}"))
    if path.nudge:
        lines.append(Text(f"   {path.nudge}", style="yellow"))
    return Group(*lines)

"""Rendering of duplicate candidates and of a merge. Nothing here prints."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kithkin.cli.render import short
from kithkin.core.duplicates import DuplicatePair
from kithkin.core.merge import MergeResult

# What each kind of merged row (core.merge.KINDS) is called: (one, many).
KINDS: dict[str, tuple[str, str]] = {
    "emails": ("e-mail", "e-mails"),
    "phones": ("phone", "phones"),
    "urls": ("URL", "URLs"),
    "addresses": ("address", "addresses"),
    "nicknames": ("nickname", "nicknames"),
    "tags": ("tag", "tags"),
    "interests": ("interest", "interests"),
    "employments": ("job", "jobs"),
    "identities": ("import identity", "import identities"),
    "related_names": ("related name", "related names"),
    "photos": ("photo", "photos"),
    "extra_properties": ("vCard property", "vCard properties"),
    "interactions": ("interaction", "interactions"),
    "exchanges": ("ledger entry", "ledger entries"),
    "follow_ups": ("follow-up", "follow-ups"),
    "milestones": ("milestone", "milestones"),
    "events": ("event attended", "events attended"),
    "relationships": ("relationship", "relationships"),
}


def pairs_table(pairs: Sequence[DuplicatePair], *, total: int) -> RenderableType:
    if not pairs:
        return Text("No likely duplicates.")
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True, style="bold")
    table.add_column()
    for pair in pairs:
        first, second = pair.people
        detail = Text(f"{first.name} ({short(first.id)})", style="bold")
        detail.append(" and ")
        detail.append(f"{second.name} ({short(second.id)})", style="bold")
        for reason in pair.reasons:
            detail.append(f"\n{reason}", style="dim" if reason.startswith("but ") else "")
        table.add_row(str(pair.score), detail)
    first, second = pairs[0].people
    footer = Text(
        f"{_count(total, 'pair', 'pairs')}"
        + (f", the best {len(pairs)} shown (--limit N for more)" if total > len(pairs) else "")
        + f". Merge the second into the first: kithkin merge {short(first.id)} "
        f"{short(second.id)}",
        style="dim",
    )
    return Group(table, footer)


def merge_summary(result: MergeResult) -> RenderableType:
    kept, merged = result.kept, result.merged
    lines = [
        Text(
            f"Merged {merged.name} ({short(merged.id)}) into {kept.name} ({short(kept.id)}).",
            style="bold",
        )
    ]
    moved = _counts(result.moved)
    lines.append(Text(f"Moved: {moved}." if moved else "Moved: nothing."))
    once = _counts(result.kept_once)
    if once:
        lines.append(Text(f"Already on {kept.name}, kept once: {once}."))
    if result.between:
        lines.append(
            Text(f"Dropped {_count(result.between, 'relationship', 'relationships')} between them.")
        )
    if result.old_name:
        lines.append(Text(f"{result.old_name!r} stays on as a nickname of {kept.name}."))
    lines.append(Text(f"See: kithkin show {short(kept.id)}", style="dim"))
    return Group(*lines)


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(
        _count(number, *KINDS.get(kind, (kind, kind))) for kind, number in counts.items() if number
    )


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"

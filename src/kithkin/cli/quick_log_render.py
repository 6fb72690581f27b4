"""What a quick log was understood to say, shown before it is saved."""

from __future__ import annotations

from datetime import tzinfo

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kithkin.cli.render import PURPOSE_STYLE, short, when
from kithkin.services.quick_log import QuickLogPreview


def quick_log_view(preview: QuickLogPreview, tz: tzinfo) -> RenderableType:
    parsed = preview.parsed
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    people = ", ".join(f"{p.name} ({short(p.id)})" for p in preview.people)
    table.add_row("with", Text(people or "nobody yet", style="" if people else "red"))
    table.add_row(
        "when",
        when(parsed.at, tz) + (f"  ({parsed.date_words})" if parsed.date_words else "  (now)"),
    )
    table.add_row(
        "how",
        parsed.channel.value + f"  ({parsed.channel_words})" if parsed.channel else "other",
    )
    if parsed.minutes is not None:
        table.add_row("minutes", str(parsed.minutes))
    found = preview.classification
    if found is not None:
        purpose = Text(found.purpose.value, style=PURPOSE_STYLE[found.purpose])
        purpose.append(f" (guess {found.confidence:.0%}")
        purpose.append(f": {', '.join(found.evidence)})" if found.evidence else ")")
        table.add_row("purpose", purpose)
        if found.topics:
            table.add_row("topics", ", ".join(found.topics))
    table.add_row("note", parsed.note)
    if parsed.follow_up is not None:
        table.add_row(
            "follow-up",
            Text(f"{parsed.follow_up.due.isoformat()}: {parsed.follow_up.text}", style="yellow"),
        )
    # What stops it (unknown or ambiguous names) is the command's error, on stderr.
    return Group(Text("Understood:", style="bold"), table)

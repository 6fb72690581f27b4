"""What import and export print for people (scripts use ``--json``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kithkin.core.imports import ImportReport

_SHOWN = 20  # names listed per group; the counts are always complete


def import_view(report: ImportReport) -> RenderableType:
    verb = "would be" if report.dry_run else "were"
    title = Text(f"{'Dry run: i' if report.dry_run else 'I'}mport of {report.file}", style="bold")
    summary = Table.grid(padding=(0, 2))
    summary.add_column(justify="right")
    summary.add_column()
    rows = [
        (len(report.created), f"people {verb} created"),
        (len(report.updated), f"people {verb} updated"),
        (len(report.unchanged), "people unchanged"),
        (len(report.possible_duplicates), "flagged as possible duplicates (not merged)"),
        (len(report.skipped), "records skipped"),
        (len(report.errors), "invalid records"),
    ]
    if report.interactions_created or report.interactions_unchanged:
        rows.insert(3, (report.interactions_created, f"interactions {verb} added"))
    for count, label in rows:
        summary.add_row(f"{count:,}", label)
    parts: list[RenderableType] = [title, summary]
    if report.created and report.dry_run:
        parts.append(_names("New", [entry.name for entry in report.created]))
    if report.updated:
        parts.append(
            _names(
                "Updated",
                [f"{entry.name} ({', '.join(entry.changes)})" for entry in report.updated],
            )
        )
    if report.possible_duplicates:
        parts.append(
            _names(
                "Possible duplicates (check with `kithkin duplicates`)",
                [
                    f"line {entry.line}: {entry.name} ~ {entry.existing_name}"
                    + (f" ({entry.existing_id[:8]})" if entry.existing_id else "")
                    + f": {entry.reason}"
                    for entry in report.possible_duplicates
                ],
            )
        )
    if report.skipped:
        parts.append(_names("Skipped", [str(issue) for issue in report.skipped]))
    return Group(*parts)


def _names(heading: str, lines: list[str]) -> RenderableType:
    shown = lines[:_SHOWN]
    more = f"\n  … and {len(lines) - _SHOWN:,} more" if len(lines) > _SHOWN else ""
    return Text(f"{heading}:\n" + "\n".join(f"  {line}" for line in shown) + more)

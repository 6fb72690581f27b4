"""The table on the terminal and ``bench/results/latest.json``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.workloads import Result

RESULTS = Path(__file__).parent / "results"


def header(machine: dict[str, str], settings: dict[str, object]) -> str:
    return (
        f"{machine['cpu']} · {machine['cores']} cores · {machine['ram']} RAM · "
        f"{machine['os']} · Python {machine['python']} · SQLite {machine['sqlite']}\n"
        + " · ".join(f"{key} {value}" for key, value in settings.items())
    )


def _ratio(value: float | None) -> str:
    if value is None:
        return "—"
    colour = "green" if value <= 1.5 else "yellow" if value <= 3 else "red"
    return f"[{colour}]{value:.2f}×[/{colour}]"


def table(results: Sequence[Result], title: str) -> Table:
    grid = Table(title=title, title_justify="left", header_style="bold")
    grid.add_column("workload")
    grid.add_column("Kithkin", justify="right")
    grid.add_column("raw baseline", justify="right")
    grid.add_column("ratio", justify="right")
    grid.add_column("notes")
    group = ""
    for result in results:
        if result.group != group:
            grid.add_section()
            if result.group:
                grid.add_row(f"[bold]{result.group}[/bold]")
            group = result.group
        grid.add_row(
            result.workload, result.kithkin, result.baseline, _ratio(result.ratio), result.note
        )
    return grid


def show(
    console: Console,
    machine: dict[str, str],
    settings: dict[str, object],
    results: Sequence[Result],
    problems: Sequence[str],
) -> None:
    console.print(table(results, header(machine, settings)))
    for problem in problems:
        console.print(f"[red]problem:[/red] {problem}")


def save(
    machine: dict[str, str],
    settings: dict[str, object],
    results: Sequence[Result],
    problems: Sequence[str],
    path: Path | None = None,
) -> Path:
    target = path or RESULTS / "latest.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": machine,
        "settings": settings,
        "results": [
            {
                "workload": r.workload,
                "group": r.group,
                "kithkin": r.kithkin,
                "baseline": r.baseline,
                "ratio": r.ratio,
                "note": r.note,
                **r.data,
            }
            for r in results
        ],
        "problems": list(problems),
    }
    target.write_text(json.dumps(document, indent=2, default=str, ensure_ascii=False) + "\n")
    return target

"""``kithkin demo``: a ready-made network to try Kithkin on, in its own database."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click
from rich.rule import Rule
from rich.text import Text

from kithkin.cli import engine_render, render
from kithkin.cli.main import App, cli, pass_app
from kithkin.config import Settings, default_data_dir
from kithkin.services import Context, engine, list_people


def demo_database_path() -> Path:
    return default_data_dir(os.environ) / "demo.db"


def open_demo(*, reset: bool = False) -> tuple[Context, bool]:
    """The demo database (generated the first time), and whether it was just made."""
    from datetime import UTC, datetime

    from kithkin import sample

    path = demo_database_path()
    if reset:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    settings = Settings.from_environment(db=str(path))
    ctx = Context.open(settings)
    if list_people(ctx, limit=1):
        return ctx, False
    today = datetime.now(UTC).astimezone(settings.timezone).date()
    sample.load(ctx.store, sample.generate(people=60, interactions=600, seed=7, today=today))
    return ctx, True


@cli.command()
@click.option("--reset", is_flag=True, help="Throw the demo database away and make a new one.")
@pass_app
def demo(app: App, /, reset: bool) -> None:
    """Try Kithkin on a generated network (kept apart from your own database)."""
    ctx, created = open_demo(reset=reset)
    settings, path = ctx.settings, demo_database_path()
    try:
        tz = settings.timezone
        out = app.out
        out.show(Rule("Kithkin demo"))
        out.show(
            Text(
                ("Created" if created else "Using") + f" the demo database {path}\n"
                "Your own contacts live elsewhere (kithkin without --db); this one is for trying "
                "things out.\n"
            )
        )
        out.show(Text("Your key people (kithkin people --circle key):", style="bold"))
        out.show(render.people_table(list_people(ctx, circle="key"), tz))
        out.show(Text("\nToday (kithkin today):", style="bold"))
        out.show(engine_render.agenda_view(engine.today(ctx, limit=6)))
        me = _command_name()
        out.show(
            Text(
                f"\nTry it yourself on the demo:\n"
                f"  {me} --db {path} today\n"
                f"  {me} --db {path} search hiking\n"
                f"  {me} --db {path} show <an id from above>\n"
                f"Start your own network:\n"
                f'  {me} add "Ana Ruiz" --email ana@example.com --company Stripe --circle key\n'
                f'  {me} log ana -m "Coffee, talked about her new role" --channel in-person '
                f'--follow-up "next friday: send the deck"\n'
                f"  {me} --help",
                style="dim",
            )
        )
    finally:
        ctx.close()


def _command_name() -> str:
    """``kithkin`` when it is on the PATH, else the path it was started from (.venv/bin/…)."""
    if shutil.which("kithkin"):
        return "kithkin"
    started = Path(sys.argv[0])
    return str(started) if started.name == "kithkin" else "python -m kithkin"

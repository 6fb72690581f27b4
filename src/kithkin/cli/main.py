"""The ``kithkin`` command: global options, the shared context, and error translation."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, tzinfo
from typing import Any, TypeVar

import click

from kithkin import __version__
from kithkin.cli.output import Output
from kithkin.config import Settings
from kithkin.errors import KithkinError
from kithkin.services import Context

F = TypeVar("F", bound=Callable[..., Any])


class App:
    """Per-invocation state: opens the database only when a command needs it."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self.out = Output()
        self._context: Context | None = None

    @property
    def ctx(self) -> Context:
        if self._context is None:
            self._context = Context.open(Settings.from_environment(db=self.db))
        return self._context

    @property
    def tz(self) -> tzinfo:
        return self.ctx.settings.timezone

    def today(self) -> date:
        return self.ctx.now().astimezone(self.tz).date()

    def close(self) -> None:
        if self._context is not None:
            self._context.close()


pass_app = click.make_pass_decorator(App)


def json_option(function: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(function)


class KithkinGroup(click.Group):
    """Turns a KithkinError into one clear sentence on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KithkinError as error:
            app = ctx.find_object(App)
            (app.out if app else Output()).error(str(error))
            sys.exit(1)
        finally:
            app = ctx.find_object(App)
            if app is not None:
                app.close()


@click.group(cls=KithkinGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    help="Database: a SQLite file path or a postgresql:// URL "
    "(default: $KITHKIN_DB, else ~/.local/share/kithkin/kithkin.db).",
)
@click.version_option(__version__, prog_name="kithkin")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Kithkin: keep your relationships, and know networking from socializing."""
    ctx.obj = App(db)

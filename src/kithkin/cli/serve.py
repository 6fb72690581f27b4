"""kithkin serve (the web app) and kithkin user add (accounts with passwords)."""

from __future__ import annotations

import sys

import click

from kithkin.cli.main import App, cli, pass_app
from kithkin.errors import InvalidInput
from kithkin.services import auth

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--demo", is_flag=True, help="Serve the demo network (its own database) instead.")
@pass_app
def serve(app: App, /, host: str, port: int, demo: bool) -> None:
    """Run the web app. On 127.0.0.1 it prints a one-time sign-in link; on any other address
    it needs an account with a password (kithkin user add)."""
    import uvicorn

    from kithkin.cli.demo import demo_database_path, open_demo
    from kithkin.services import list_people
    from kithkin.web.app import create_app

    ctx = app.ctx
    if not demo and not list_people(ctx, limit=1, with_warmth=False):
        offer = "Your database is empty. Look around a demo network first (its own database)?"
        if sys.stdin.isatty() and click.confirm(offer, default=False):
            demo = True
        else:
            app.out.note("Your database is empty: kithkin serve --demo shows a demo network.")
    if demo:
        ctx, _ = open_demo()
        app.out.note(f"Serving the demo database {demo_database_path()}, not yours.")
    local = host in LOOPBACK
    if not local and not auth.has_password_accounts(ctx.store):
        raise InvalidInput(
            f"{host} is reachable from other machines: add an account with a password first "
            "(kithkin user add NAME), or serve on 127.0.0.1.",
            field="--host",
        )
    web = create_app(ctx.settings, store=ctx.store, clock=ctx.clock, secure_cookies=not local)
    shown = f"[{host}]" if ":" in host else host
    if local:
        token = auth.issue_login_link(ctx.store, now=ctx.now())
        app.out.text(f"Kithkin is running: open http://{shown}:{port}/login?token={token}")
        app.out.note("The link signs you in once and expires in 24 hours. Ctrl+C stops.")
    else:
        app.out.text(f"Kithkin is running on http://{shown}:{port}/ (sign in with your password)")
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)


@cli.group()
def user() -> None:
    """Accounts that sign in to the web app with a password."""


@user.command(name="add")
@click.argument("username")
@click.password_option(help="Asked for (twice) when not given.")
@pass_app
def user_add(app: App, /, username: str, password: str) -> None:
    """Add an account with a password (hashed with argon2)."""
    auth.set_password(app.ctx.store, username, password, now=app.ctx.now())
    app.out.text(f"Added {username.strip()}: it can sign in to kithkin serve.")

"""Engine commands: today, snooze, ledger, goals, balance, review."""

from __future__ import annotations

from datetime import date

import click

from kithkin.cli import engine_render
from kithkin.cli.main import App, cli, json_option, pass_app
from kithkin.core.review_text import review_markdown
from kithkin.core.serialize import exchange_json
from kithkin.core.serialize_engine import (
    balance_json,
    budget_json,
    goal_json,
    items_json,
    review_json,
    week_balance_json,
)
from kithkin.errors import InvalidInput
from kithkin.services import engine


def parse_day(text: str | None, *, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a date; expected YYYY-MM-DD.", field=option) from None


@cli.command()
@click.option("--on", "on", metavar="YYYY-MM-DD", help="Compute the agenda as of this day.")
@click.option("--limit", type=click.IntRange(1, 100), help="At most this many items (default 10).")
@json_option
@pass_app
def today(app: App, /, on: str | None, limit: int | None, as_json: bool) -> None:
    """Who to reach out to today, why, and how — one ranked list."""
    items = engine.today(app.ctx, on=parse_day(on, option="--on"), limit=limit)
    app.out.emit(engine_render.agenda_view(items), items_json(items), as_json=as_json)


@cli.command()
@click.argument("item")
@click.argument("duration")
@json_option
@pass_app
def snooze(app: App, /, item: str, duration: str, as_json: bool) -> None:
    """Put an agenda ITEM aside for DURATION (3d, 2w, 1m, or a day such as 'next monday')."""
    until = engine.snooze(app.ctx, item, duration)
    app.out.emit(
        f"Snoozed {item} until {until.isoformat()}.",
        {"item": item, "until": until.isoformat()},
        as_json=as_json,
    )


@cli.command()
@click.argument("person", required=False)
@json_option
@pass_app
def ledger(app: App, /, person: str | None, as_json: bool) -> None:
    """The give/ask ledger: overall and per person, or every entry with PERSON."""
    result = engine.ledger(app.ctx, person)
    data = {
        "overall": balance_json(result.overall),
        "people": [
            {"id": line.person_id, "name": line.name, **balance_json(line.balance)}
            for line in result.people
        ],
    }
    if person is not None:
        data["entries"] = [exchange_json(entry) for entry in result.entries]
    app.out.emit(engine_render.ledger_view(result), data, as_json=as_json)


@cli.group(invoke_without_command=True)
@click.option("--on", "on", metavar="YYYY-MM-DD", help="Progress as of this day.")
@json_option
@click.pass_context
def goals(click_ctx: click.Context, on: str | None, as_json: bool) -> None:
    """Progress on your weekly and monthly networking goals."""
    if click_ctx.invoked_subcommand is not None:
        return
    app = click_ctx.find_object(App)
    assert app is not None
    progress, budget = engine.goals(app.ctx, on=parse_day(on, option="--on"))
    data = {"goals": [goal_json(goal) for goal in progress], "budget": budget_json(budget)}
    app.out.emit(engine_render.goals_view(progress, budget), data, as_json=as_json)


@goals.command(name="set")
@click.argument("goal", required=False)
@click.argument("target", type=int, required=False)
@click.option("--budget", metavar="MIN-MAX", help="Weekly networking hours, e.g. 5-10.")
@pass_app
def goals_set(app: App, /, goal: str | None, target: int | None, budget: str | None) -> None:
    """Set GOAL's TARGET (0 turns it off), and/or the weekly hours --budget."""
    if goal is None and budget is None:
        raise InvalidInput("say what to set: a GOAL and TARGET (e.g. engage-posts 5), or --budget.")
    if goal is not None:
        if target is None:
            raise InvalidInput(f"give a target for {goal}, e.g. kithkin goals set {goal} 5.")
        changed = engine.set_goal(app.ctx, goal, target)
        state = "off" if target == 0 else f"{target} a {changed.period}"
        app.out.show(f"Goal {changed.key}: {state}.")
    if budget is not None:
        hours = engine.set_budget(app.ctx, budget)
        app.out.show(f"Networking-hours budget: {hours.describe()} a week.")


@cli.command()
@click.option("--weeks", type=int, default=4, show_default=True, help="How many weeks back.")
@click.option("--on", "on", metavar="YYYY-MM-DD", help="The last week is the one holding this day.")
@json_option
@pass_app
def balance(app: App, /, weeks: int, on: str | None, as_json: bool) -> None:
    """Networking vs social interactions and hours per week, against your budget."""
    result = engine.balance(app.ctx, weeks=weeks, on=parse_day(on, option="--on"))
    app.out.emit(
        engine_render.balance_view(result), [week_balance_json(w) for w in result], as_json=as_json
    )


@cli.command()
@click.option("--week", metavar="YYYY-MM-DD", help="Review the week holding this day.")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@pass_app
def review(app: App, /, week: str | None, fmt: str) -> None:
    """The weekly review: what happened, goals, follow-ups, who slipped, the mistakes report."""
    result, _names = engine.review(app.ctx, week=parse_day(week, option="--week"))
    if fmt == "json":
        app.out.json(review_json(result))
    else:
        app.out.text(review_markdown(result))


@cli.command()
@click.argument("name")
@click.option("--on", "on", required=True, metavar="YYYY-MM-DD", help="When it started.")
@click.option("--until", metavar="YYYY-MM-DD", help="Its last day, if it lasted several.")
@click.option("--location", default="", metavar="TEXT")
@click.option("--met", multiple=True, metavar="PERSON", help="Someone you first met there.")
@click.option("--saw", multiple=True, metavar="PERSON", help="Someone you knew who was there.")
@json_option
@pass_app
def event(
    app: App,
    /,
    name: str,
    on: str,
    until: str | None,
    location: str,
    met: tuple[str, ...],
    saw: tuple[str, ...],
    as_json: bool,
) -> None:
    """Record an event you attended and whom you met there (for after-event follow-ups)."""
    from kithkin.services.events import add_event

    record = add_event(app.ctx, name, on=on, until=until, location=location, met=met, saw=saw)
    people = ", ".join(ref.name for ref in (*record.met, *record.saw)) or "nobody yet"
    data = {
        "id": record.id,
        "name": record.name,
        "starts_on": record.starts_on.isoformat(),
        "ends_on": record.ends_on.isoformat() if record.ends_on else None,
        "location": record.location,
        "met": [{"id": r.id, "name": r.name} for r in record.met],
        "saw": [{"id": r.id, "name": r.name} for r in record.saw],
    }
    app.out.emit(
        f"Event #{record.id} {record.name} on {record.starts_on}: {people}.", data, as_json=as_json
    )


@cli.command()
@click.argument("person")
@click.argument("kind")
@click.argument("when", metavar="YYYY-MM-DD|--MM-DD")
@click.option("--once", is_flag=True, help="It does not come back every year.")
@click.option("--note", default="", metavar="TEXT")
@json_option
@pass_app
def milestone(
    app: App, /, person: str, kind: str, when: str, once: bool, note: str, as_json: bool
) -> None:
    """Remember PERSON's milestone: work-anniversary, job-change, wedding, baby, move, …"""
    from kithkin.services.events import add_milestone

    ref, chosen, day = add_milestone(app.ctx, person, kind, when, once=once, note=note)
    data = {
        "person": {"id": ref.id, "name": ref.name},
        "kind": chosen.value,
        "date": day.iso(),
        "recurring": not once,
        "note": note,
    }
    app.out.emit(f"Remembered {ref.name}'s {chosen.value} on {day.iso()}.", data, as_json=as_json)

"""The engine: agenda, goals, ledger (as `kithkin today/done/snooze/goals/ledger --json`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import AfterValidator

from kithkin.core.serialize import exchange_json
from kithkin.core.serialize_engine import balance_json, budget_json, goal_json, items_json
from kithkin.services import engine
from kithkin.web.api.caller import Ctx
from kithkin.web.api.errors import ERRORS, NOT_FOUND, ApiRoute
from kithkin.web.api.models import Snooze, plain_text
from kithkin.web.api.people import Ref

router = APIRouter(route_class=ApiRoute, responses=ERRORS)
Key = Annotated[
    str,
    Path(min_length=1, max_length=200, description="An item's key, e.g. follow-up:12."),
    AfterValidator(plain_text),
]


def sane_day(value: date | None) -> date | None:
    if value is not None and not 1900 <= value.year <= 2200:
        raise ValueError("must be a day between 1900 and 2200")
    return value


Day = Annotated[
    date | None,
    Query(description="As of this day, YYYY-MM-DD (default: today)."),
    AfterValidator(sane_day),
]


@router.get("/agenda", summary="Today's agenda", tags=["agenda"])
def agenda(
    ctx: Ctx, on: Day = None, limit: Annotated[int | None, Query(ge=1, le=100)] = None
) -> list[dict[str, Any]]:
    """Who to reach out to, why and how: one ranked list (default 10 items)."""
    return items_json(engine.today(ctx, on=on, limit=limit))


@router.post("/agenda/{key}/done", summary="Mark an agenda item done", tags=["agenda"])
def agenda_done(ctx: Ctx, key: Key) -> dict[str, Any]:
    """A follow-up is completed (409 if it already is); anything else leaves the list."""
    return {"item": key, "kind": engine.done(ctx, key).value}


@router.post("/agenda/{key}/snooze", summary="Snooze an agenda item", tags=["agenda"])
def agenda_snooze(ctx: Ctx, key: Key, body: Snooze) -> dict[str, Any]:
    until = engine.snooze(ctx, key, body.duration)
    return {"item": key, "until": until.isoformat()}


@router.get("/goals", summary="Goal progress", tags=["goals"])
def goals(ctx: Ctx, on: Day = None) -> dict[str, Any]:
    """Weekly and monthly networking goals and the hours budget."""
    progress, budget = engine.goals(ctx, on=on)
    return {"goals": [goal_json(goal) for goal in progress], "budget": budget_json(budget)}


@router.get("/ledger", summary="The give/ask ledger", tags=["ledger"])
def ledger(ctx: Ctx) -> dict[str, Any]:
    """Overall and per person, most in your debt first."""
    return _ledger_json(engine.ledger(ctx), with_entries=False)


@router.get("/ledger/{ref}", summary="One person's ledger", tags=["ledger"], responses=NOT_FOUND)
def person_ledger(ctx: Ctx, ref: Ref) -> dict[str, Any]:
    """The person's balance and every entry with them, newest first."""
    return _ledger_json(engine.ledger(ctx, ref), with_entries=True)


def _ledger_json(result: engine.Ledger, *, with_entries: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "overall": balance_json(result.overall),
        "people": [
            {"id": line.person_id, "name": line.name, **balance_json(line.balance)}
            for line in result.people
        ],
    }
    if with_entries:
        data["entries"] = [exchange_json(entry) for entry in result.entries]
    return data

"""The baseline for the web load test: bare Starlette handlers over plain sqlite3, doing the
same reads as Kithkin's pages without its services, templates or sessions.

Run by ``python -m bench.web`` as ``uvicorn bench.web_raw:app --workers N`` with BENCH_DB set.
"""

from __future__ import annotations

import html
import json
import os
import threading
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from bench.engine_raw import EngineBaseline
from bench.raw import Raw

_local = threading.local()


def _raw() -> Raw:
    found: Raw | None = getattr(_local, "raw", None)
    if found is None:
        found = _local.raw = Raw.sqlite(os.environ["BENCH_DB"])
    return found


def _owner() -> int:
    row = _raw()._all("SELECT id FROM accounts WHERE username = 'me'")
    return int(row[0][0])


def dashboard(request: Request) -> Response:
    baseline = EngineBaseline(_raw(), _owner())
    day = datetime.now(UTC).date()
    items = baseline.today(day)
    goals = baseline.goals(day)
    weeks = baseline.balance(day, weeks=6)
    body = "".join(f"<li>{html.escape(str(item))}</li>" for item in items)
    body += "".join(f"<tr><td>{html.escape(str(goal))}</td></tr>" for goal in goals)
    body += "".join(f"<tr><td>{html.escape(str(week))}</td></tr>" for week in weeks)
    return HTMLResponse(f"<html><body><ol>{body}</ol></body></html>")


def people(request: Request) -> Response:
    rows = _raw()._all(
        "SELECT uid, display_name, circle, last_interaction_at FROM people "
        "WHERE owner_id = ? ORDER BY sort_name, id LIMIT 50",
        (_owner(),),
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(value))}</td>" for value in row) + "</tr>"
        for row in rows
    )
    return HTMLResponse(f"<html><body><table>{body}</table></body></html>")


def person(request: Request) -> Response:
    raw = _raw()
    uid = request.path_params["uid"]
    found = raw._all(
        "SELECT id, display_name, circle, notes FROM people WHERE owner_id = ? AND uid = ?",
        (_owner(), uid),
    )
    if not found:
        return HTMLResponse("not found", status_code=404)
    interactions = raw._all(
        "SELECT i.occurred_at, i.channel, i.purpose, i.note FROM interactions i "
        "JOIN interaction_participants p ON p.interaction_id = i.id WHERE p.person_id = ? "
        "ORDER BY i.occurred_at DESC LIMIT 20",
        (found[0][0],),
    )
    body = "".join(
        "<li>" + " ".join(html.escape(str(value)) for value in row) + "</li>"
        for row in interactions
    )
    return HTMLResponse(
        f"<html><body><h1>{html.escape(found[0][1])}</h1><ol>{body}</ol></body></html>"
    )


def api_person(request: Request) -> Response:
    found = _raw()._all(
        "SELECT uid, display_name, given_name, family_name, circle, mode, notes, "
        "last_interaction_at FROM people WHERE owner_id = ? AND uid = ?",
        (_owner(), request.path_params["uid"]),
    )
    if not found:
        return JSONResponse({"error": "not found"}, status_code=404)
    keys = ("id", "name", "given_name", "family_name", "circle", "mode", "notes", "last")
    return Response(
        json.dumps(dict(zip(keys, found[0], strict=True))), media_type="application/json"
    )


app = Starlette(
    routes=[
        Route("/", dashboard),
        Route("/people", people),
        Route("/people/{uid}", person),
        Route("/api/v1/people/{uid}", api_person),
    ]
)

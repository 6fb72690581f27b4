"""The calendar feed: GET /calendar/<secret>.ics, for a calendar app to subscribe to.

No session: a calendar app cannot sign in, so the random secret in the URL alone says whose
feed it is (made and rotated on the settings page; only its digest is stored). An unknown or
rotated secret is 404. The body is the same iCalendar as `kithkin export ics`.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from kithkin.services import calendar_feeds
from kithkin.services.exports import export_ics
from kithkin.web.session import web_state

router = APIRouter()

ICS_TYPE = "text/calendar; charset=utf-8"


@router.get("/calendar/{secret}.ics")
def calendar_feed(request: Request, secret: str) -> Response:
    state = web_state(request)
    owner_id = calendar_feeds.feed_owner(state.store, secret)
    if owner_id is None:
        raise HTTPException(status_code=404, detail="no such calendar feed")
    body = export_ics(state.context(owner_id))
    return Response(
        body,
        headers={
            "Content-Type": ICS_TYPE,
            "Cache-Control": "private, no-cache",
            "Content-Disposition": 'inline; filename="kithkin.ics"',
        },
    )

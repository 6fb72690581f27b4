"""Logging an interaction: one sentence with a live preview, or the detailed form with the
purpose suggested as the note is typed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.core.log_entry import LogInput
from kithkin.core.vocabulary import Channel, Purpose
from kithkin.errors import KithkinError
from kithkin.services import log_interaction, search
from kithkin.services.purpose import classify_note
from kithkin.services.quick_log import save_quick_log, understand_quick_log
from kithkin.web.pages import Checked, SignedIn, page

router = APIRouter()
CHANNELS = [c.value for c in Channel]
PURPOSES = [p.value for p in Purpose]


def _form(signed: SignedIn, **values: object) -> HTMLResponse:
    defaults: dict[str, object] = {
        "text": "",
        "problem": None,
        "details": {},
        "channels": CHANNELS,
        "purposes": PURPOSES,
    }
    return page("log.html", signed, **(defaults | values))


@router.get("/log", response_class=HTMLResponse)
def log_form(signed: SignedIn) -> Response:
    return _form(signed)


@router.post("/log/preview", response_class=HTMLResponse)
def log_preview(signed: Checked, text: Annotated[str, Form()] = "") -> Response:
    """The live preview of a quick log, as the user types (the same parser as the CLI)."""
    if not text.strip():
        return HTMLResponse("")
    try:
        preview = understand_quick_log(signed.ctx, text)
    except KithkinError as error:
        return page("log_preview.html", signed, preview=None, problem=str(error))
    return page("log_preview.html", signed, preview=preview, problem=None)


@router.post("/log", response_class=HTMLResponse)
def log_save(signed: Checked, text: Annotated[str, Form()]) -> Response:
    try:
        preview = understand_quick_log(signed.ctx, text)
        interaction = save_quick_log(signed.ctx, preview)
    except KithkinError as error:
        return _form(signed, text=text, problem=str(error))
    return RedirectResponse(f"/?logged={interaction.id}", status_code=303)


@router.get("/log/people-options", response_class=HTMLResponse)
def people_options(signed: SignedIn, people: str = "") -> Response:
    """<option>s for the participant fields' shared datalist."""
    found = search(signed.ctx, people, limit=8).people if people.strip() else ()
    return page("log_people_options.html", signed, people=found)


@router.post("/log/suggest", response_class=HTMLResponse)
def suggest_purpose(signed: Checked, note: Annotated[str, Form()] = "") -> Response:
    """The purpose the model sees in the note so far."""
    if not note.strip():
        return HTMLResponse("")
    return page("log_suggestion.html", signed, found=classify_note(signed.ctx, note))


@router.post("/log/details", response_class=HTMLResponse)
def log_details(
    signed: Checked,
    people: Annotated[list[str], Form()],
    note: Annotated[str, Form()],
    date: Annotated[str, Form()] = "",
    channel: Annotated[str, Form()] = "",
    purpose: Annotated[str, Form()] = "",
    minutes: Annotated[str, Form()] = "",
    gave: Annotated[str, Form()] = "",
    asked: Annotated[str, Form()] = "",
    follow_up: Annotated[str, Form()] = "",
) -> Response:
    details = {
        "people": people,
        "note": note,
        "date": date,
        "channel": channel,
        "purpose": purpose,
        "minutes": minutes,
        "gave": gave,
        "asked": asked,
        "follow_up": follow_up,
    }
    names = [name.strip() for name in people if name.strip()]
    try:
        if minutes.strip() and not minutes.strip().isdigit():
            raise KithkinError(f"minutes: {minutes!r} is not a number of minutes.")
        interaction = log_interaction(
            signed.ctx,
            names,
            LogInput(
                note=note,
                date=date or None,
                channel=channel or None,
                purpose=purpose or None,
                minutes=int(minutes) if minutes.strip() else None,
                gave=[gave] if gave.strip() else [],
                asked=[asked] if asked.strip() else [],
                follow_up=follow_up or None,
            ),
        )
    except KithkinError as error:
        return _form(signed, details=details, problem=str(error))
    return RedirectResponse(f"/?logged={interaction.id}", status_code=303)

"""What the person page changes besides the profile: milestones, follow-ups done or snoozed, an
interaction's purpose corrected, the person deleted.

Every action is a plain form POST that answers with a redirect (303) back to the person page's
section, and works in place with htmx: then the answer is the section (or the timeline entry)
redrawn. A problem is shown where the form is, and nothing is changed: with htmx in the
redrawn section (status 200, which htmx swaps in), without it on the whole page (status 400).
Ids that are not this person's (or another account's) are a 404 page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.core.records import Interaction
from kithkin.core.vocabulary import FollowUpStatus, MilestoneKind, Purpose, parse_choice
from kithkin.errors import InvalidInput, KithkinError, NotFound
from kithkin.services import engine
from kithkin.services.events import add_milestone
from kithkin.services.people import remove_person
from kithkin.services.people_pages import person_page
from kithkin.services.person_actions import (
    follow_up_of,
    interaction_of,
    milestones_of,
    open_follow_ups,
    person_ref,
    removal_preview,
)
from kithkin.services.purpose import correct_purpose
from kithkin.web.pages import Checked, SignedIn, ago_of, page
from kithkin.web.people_pages import person_values
from kithkin.web.session import Signed
from kithkin.web.snooze import SNOOZE_CHOICES

router = APIRouter()

# The person page's snooze choices (person_follow_ups.html lists the same); `engine.snooze`
# takes any duration, the page offers these.
REPEATS = ("yearly", "once")


@dataclass(frozen=True)
class MilestoneForm:
    """The milestone form's fields, as typed."""

    kind: str = MilestoneKind.WORK_ANNIVERSARY.value
    day: str = ""
    repeat: str = "yearly"
    note: str = ""


def _htmx(request: Request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _not_found(signed: Signed, message: str) -> HTMLResponse:
    missing = page("error.html", signed, message=message)
    missing.status_code = 404
    return missing


def _back(uid: str, anchor: str) -> RedirectResponse:
    return RedirectResponse(f"/people/{uid}#{anchor}", status_code=303)


def _whole_page(signed: Signed, uid: str, **shown: Any) -> Response:
    """The person page with a problem shown in one of its sections (a form sent without
    htmx); status 400."""
    try:
        found = person_page(signed.ctx, uid)
    except NotFound:
        return _not_found(signed, "Nobody here has that id.")
    response = page("person.html", signed, **person_values(signed, found), **shown)
    response.status_code = 400
    return response


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 19 else None


# -- milestones ----------------------------------------------------------------------------


def _milestones_card(
    signed: Signed, uid: str, form: MilestoneForm, problem: str | None, added: str | None
) -> Response:
    found = milestones_of(signed.ctx, uid)
    return page(
        "person_milestones.html",
        signed,
        person=found.person,
        milestones=found.milestones,
        milestone_form=form,
        milestone_problem=problem,
        milestone_added=added,
    )


@router.post("/people/{uid}/milestones", response_class=HTMLResponse)
def add_person_milestone(
    request: Request,
    signed: Checked,
    uid: str,
    kind: Annotated[str, Form()] = "",
    day: Annotated[str, Form()] = "",
    repeat: Annotated[str, Form()] = "yearly",
    note: Annotated[str, Form()] = "",
) -> Response:
    """`kithkin milestone PERSON KIND DATE [--once] [--note]` for this person."""
    try:
        person_ref(signed.ctx, uid)
    except NotFound:
        return _not_found(signed, "Nobody here has that id.")
    form = MilestoneForm(kind, day, repeat, note)
    try:
        if repeat not in REPEATS:
            raise InvalidInput(f"{repeat!r} is not one of: {', '.join(REPEATS)}.", field="repeat")
        if not day.strip():
            raise InvalidInput(
                "give the day: YYYY-MM-DD, or --MM-DD when the year is unknown.", field="date"
            )
        _, chosen, when = add_milestone(
            signed.ctx, uid, kind, day, once=repeat == "once", note=note
        )
    except KithkinError as error:
        if _htmx(request):
            return _milestones_card(signed, uid, form, str(error), None)
        return _whole_page(signed, uid, milestone_form=form, milestone_problem=str(error))
    if _htmx(request):
        added = f"Remembered the {chosen.value} on {when.iso()}."
        return _milestones_card(signed, uid, MilestoneForm(), None, added)
    return _back(uid, "milestones")


# -- follow-ups ----------------------------------------------------------------------------


def _follow_ups_card(signed: Signed, uid: str, problem: str | None) -> Response:
    return page(
        "person_follow_ups.html",
        signed,
        person=person_ref(signed.ctx, uid),
        follow_ups=open_follow_ups(signed.ctx, uid),
        follow_up_problem=problem,
    )


def _follow_up_done(request: Request, signed: Signed, uid: str, problem: str | None) -> Response:
    if _htmx(request):
        return _follow_ups_card(signed, uid, problem)
    if problem is not None:
        return _whole_page(signed, uid, follow_up_problem=problem)
    return _back(uid, "follow-ups")


@router.post("/people/{uid}/follow-ups/{follow_up_id}/done", response_class=HTMLResponse)
def follow_up_done(request: Request, signed: Checked, uid: str, follow_up_id: str) -> Response:
    """`kithkin done follow-up:ID` for one of this person's follow-ups."""
    number = _number(follow_up_id)
    try:
        if number is None:
            raise NotFound(follow_up_id)
        follow_up = follow_up_of(signed.ctx, uid, number)
    except NotFound:
        return _not_found(signed, "That is not a follow-up about this person.")
    problem = None
    try:
        if follow_up.status is FollowUpStatus.DONE:
            raise InvalidInput(f"“{follow_up.text}” is already done.")
        engine.done(signed.ctx, f"follow-up:{number}")
    except KithkinError as error:
        problem = str(error)
    return _follow_up_done(request, signed, uid, problem)


@router.post("/people/{uid}/follow-ups/{follow_up_id}/snooze", response_class=HTMLResponse)
def follow_up_snooze(
    request: Request,
    signed: Checked,
    uid: str,
    follow_up_id: str,
    duration: Annotated[str, Form()] = "",
) -> Response:
    """`kithkin snooze follow-up:ID DURATION`, with one of the page's durations."""
    number = _number(follow_up_id)
    try:
        if number is None:
            raise NotFound(follow_up_id)
        follow_up = follow_up_of(signed.ctx, uid, number)
    except NotFound:
        return _not_found(signed, "That is not a follow-up about this person.")
    problem = None
    try:
        if duration not in SNOOZE_CHOICES:
            choices = ", ".join(SNOOZE_CHOICES.values())
            raise InvalidInput(f"snooze {duration!r}: choose one of {choices}.", field="duration")
        if follow_up.status is FollowUpStatus.DONE:
            raise InvalidInput(f"“{follow_up.text}” is already done.")
        engine.snooze(signed.ctx, f"follow-up:{number}", duration)
    except KithkinError as error:
        problem = str(error)
    return _follow_up_done(request, signed, uid, problem)


# -- an interaction's purpose --------------------------------------------------------------
# The timeline links each entry to its purpose form (opened in place with htmx): 30 forms on
# every person page would double the time the page takes to draw.


def _interaction_or_404(
    signed: Signed, uid: str, interaction_id: str
) -> tuple[int, Interaction] | HTMLResponse:
    number = _number(interaction_id)
    try:
        if number is None:
            raise NotFound(interaction_id)
        return number, interaction_of(signed.ctx, uid, number)
    except NotFound:
        return _not_found(signed, "That is not an interaction with this person.")


def _moment_values(signed: Signed, uid: str, interaction: Interaction) -> dict[str, Any]:
    person = next(ref for ref in interaction.people if ref.id == uid)
    tz = signed.ctx.settings.timezone
    return {
        "person": person,
        "interaction": interaction,
        "ago": ago_of(signed),
        "local": lambda at: at.astimezone(tz),
    }


@router.get("/people/{uid}/interactions/{interaction_id}/purpose", response_class=HTMLResponse)
def purpose_form(request: Request, signed: SignedIn, uid: str, interaction_id: str) -> Response:
    """The purpose form: in place on the timeline (htmx), or on a page of its own."""
    found = _interaction_or_404(signed, uid, interaction_id)
    if isinstance(found, HTMLResponse):
        return found
    _, interaction = found
    name = "person_purpose_form.html" if _htmx(request) else "person_purpose.html"
    return page(name, signed, **_moment_values(signed, uid, interaction))


@router.post("/people/{uid}/interactions/{interaction_id}/purpose", response_class=HTMLResponse)
def correct_interaction_purpose(
    request: Request,
    signed: Checked,
    uid: str,
    interaction_id: str,
    purpose: Annotated[str, Form()] = "",
) -> Response:
    """`kithkin edit-interaction ID --purpose P` for one of this person's interactions."""
    found = _interaction_or_404(signed, uid, interaction_id)
    if isinstance(found, HTMLResponse):
        return found
    number, interaction = found
    problem = message = None
    try:
        chosen = parse_choice(Purpose, purpose, field="purpose")
        corrected = correct_purpose(signed.ctx, number, chosen)
    except KithkinError as error:
        problem = str(error)
    else:
        interaction = corrected.interaction
        was = corrected.model_purpose
        message = f"Now {chosen.value}."
        if was is not None and was is not chosen:
            message += f" The model had said {was.value}; it will learn from this."
        if corrected.retrained is not None:
            message += f" Retrained on {corrected.retrained.corrections} corrections."
    values = _moment_values(signed, uid, interaction)
    if _htmx(request):
        return page(
            "person_moment.html",
            signed,
            **values,
            purpose_problem=problem,
            purpose_message=message,
        )
    if problem is not None:
        response = page("person_purpose.html", signed, **values, purpose_problem=problem)
        response.status_code = 400
        return response
    return _back(uid, f"moment-{number}")


# -- deleting the person -------------------------------------------------------------------


@router.get("/people/{uid}/delete", response_class=HTMLResponse)
def person_delete_form(signed: SignedIn, uid: str) -> Response:
    """What `kithkin rm` would delete, and the button that does it."""
    try:
        preview = removal_preview(signed.ctx, uid)
    except NotFound:
        return _not_found(signed, "Nobody here has that id.")
    return page("person_delete.html", signed, person=preview.person, counts=preview.counts)


@router.post("/people/{uid}/delete", response_class=HTMLResponse)
def person_delete(signed: Checked, uid: str) -> Response:
    """`kithkin rm PERSON --yes`: the person, their private data and their own interactions
    are deleted for good; the people list says so."""
    try:
        person_ref(signed.ctx, uid)  # exactly this id: never a name or a prefix
        remove_person(signed.ctx, uid)
    except NotFound:
        return _not_found(signed, "Nobody here has that id.")
    return RedirectResponse("/people?deleted=1", status_code=303)

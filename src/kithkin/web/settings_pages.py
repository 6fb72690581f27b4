"""The settings page: your own profile (`kithkin me`), circle cadences, goal targets, the
weekly hours budget, the calendar feed URL and API tokens. Every change posts with the CSRF
token, is validated (bad input changes nothing and says what is expected) and the page comes
back with a message in the section that changed. Secrets (a new feed URL, a new API token)
are shown once, in the page that answers the POST: only their digests are kept. The profile
form, like `kithkin me`, adds and removes items; it answers with a redirect (303) back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.core.network.common import ProfileChanges, Stint, parse_stint
from kithkin.errors import InvalidInput, KithkinError
from kithkin.services import api_tokens, auth, calendar_feeds, engine, preferences
from kithkin.services import common_ground as profiles
from kithkin.web.pages import Checked, SignedIn, page
from kithkin.web.session import Signed

router = APIRouter()


@dataclass(frozen=True)
class Message:
    section: str  # profile | circles | goals | budget | feed | tokens
    text: str
    ok: bool = True
    field: str = ""  # the input a problem is about (marked aria-invalid)


@dataclass(frozen=True)
class Shown:
    """What the page shows besides the stored settings: a message, a secret shown once, and
    the values a rejected form had (so nothing typed is lost)."""

    message: Message | None = None
    feed_url: str | None = None
    new_token: str | None = None
    new_token_name: str = ""
    entered: dict[str, str] = field(default_factory=dict)


def _settings_page(signed: Signed, shown: Shown = Shown(), *, status: int = 200) -> Response:
    ctx = signed.ctx
    tz = ctx.settings.timezone

    def when(moment: datetime | None) -> str:
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else "never"

    _, budget = engine.goals(ctx)
    response = page(
        "settings.html",
        signed,
        profile=profiles.my_profile(ctx),
        stint_years=_stint_years,
        circles=preferences.circles(ctx),
        goals=preferences.all_goals(ctx),
        budget=budget,
        feed_created_at=calendar_feeds.feed_created_at(ctx),
        tokens=api_tokens.list_api_tokens(ctx),
        when=when,
        shown=shown,
        entered=shown.entered,
        message=shown.message,
    )
    response.status_code = status
    return response


def _problem(
    signed: Signed, section: str, text: str, entered: dict[str, str], *, field: str = ""
) -> Response:
    message = Message(section, text, ok=False, field=field)
    return _settings_page(signed, Shown(message, entered=entered), status=400)


def _done(signed: Signed, section: str, text: str) -> Response:
    return _settings_page(signed, Shown(Message(section, text)))


def _problem_text(error: KithkinError) -> str:
    message = getattr(error, "message", None)
    return message if isinstance(message, str) else str(error)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(signed: SignedIn, saved: str = "") -> Response:
    if saved == "profile":  # where POST /settings/profile sends you back
        return _done(signed, "profile", "Saved your profile.")
    return _settings_page(signed)


# -- your profile (kithkin me) ---------------------------------------------------------------

PROFILE_FIELDS = {  # the service's field name -> the form's input and what it is called
    "--interest": ("profile-interest", "Interest"),
    "--company": ("profile-company", "Employer"),
    "--school": ("profile-school", "School"),
    "--city": ("profile-city", "City"),
}


def _stint_years(stint: Stint) -> str:
    """``2019–2022``, ``since 2019``, ``2019``, or "" without years."""
    years = stint.years()
    if years is None:
        return ""
    return f"since {stint.start}" if stint.current else years.replace("-", "–")


def _employer(company: str, years: str) -> str | None:
    """The employer as `kithkin me --company` takes it (``ORG:YEARS``); None when nothing was
    typed. Raises InvalidInput (naming the input) for years that cannot be read."""
    organization, years = " ".join(company.split()), years.strip()
    if not organization:
        if years:
            raise InvalidInput("years need an employer: type its name too.", field="--company")
        return None
    parse_stint(organization, field="--company")  # the name alone: empty, too long
    if not years:
        return organization
    try:  # the years alone, after a stand-in name
        stint = parse_stint(f"x:{years}", field="--years")
    except InvalidInput:  # what parse_stint refuses in years: they run backwards
        raise InvalidInput(
            f"{years!r} run backwards; write the first year first, e.g. 2019-2022.",
            field="--years",
        ) from None
    if stint.start is None or stint.organization != "x":  # not (only) years: part of a name
        raise InvalidInput(
            f"{years!r} are not years; write 2019-2022, 2019- (still there) or 2019.",
            field="--years",
        )
    return f"{organization}:{years}"


def _profile_problem(signed: Signed, error: InvalidInput, entered: dict[str, str]) -> Response:
    if error.field == "--years":
        key, label = "profile-years", "Years"
    else:
        key, label = PROFILE_FIELDS.get(error.field or "", ("", ""))
    text = f"{label}: {error.message}" if label else error.message
    return _problem(signed, "profile", text, entered, field=key)


@router.post("/settings/profile", response_class=HTMLResponse)
def save_profile(
    signed: Checked,
    interest: Annotated[str, Form()] = "",
    company: Annotated[str, Form()] = "",
    years: Annotated[str, Form()] = "",
    school: Annotated[str, Form()] = "",
    city: Annotated[str, Form()] = "",
    remove_interest: Annotated[list[str] | None, Form()] = None,
    remove_company: Annotated[list[str] | None, Form()] = None,
    remove_school: Annotated[list[str] | None, Form()] = None,
    remove_city: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Add what was typed (interests may be several, split by commas; an employer typed again
    gets the new years) and remove what was asked; all or nothing."""
    entered = {
        "profile-interest": interest,
        "profile-company": company,
        "profile-years": years,
        "profile-school": school,
        "profile-city": city,
    }
    try:
        employer = _employer(company, years)
        changes = ProfileChanges(
            interests=[item for item in interest.split(",") if item.strip()],
            remove_interests=remove_interest or (),
            companies=[employer] if employer else (),
            remove_companies=remove_company or (),
            schools=[school] if school.strip() else (),
            remove_schools=remove_school or (),
            cities=[city] if city.strip() else (),
            remove_cities=remove_city or (),
        )
        profiles.edit_my_profile(signed.ctx, changes)
    except InvalidInput as error:
        return _profile_problem(signed, error, entered)
    return RedirectResponse("/settings?saved=profile#profile", status_code=303)


@router.post("/settings/circles", response_class=HTMLResponse)
def save_circles(
    signed: Checked,
    circle: Annotated[list[str], Form()],
    cadence: Annotated[list[str], Form()],
) -> Response:
    entered = {f"cadence-{name}": days for name, days in zip(circle, cadence, strict=False)}
    if len(circle) != len(cadence):
        return _problem(signed, "circles", "give a cadence for every circle.", entered)
    for name, days in zip(circle, cadence, strict=True):  # check all before changing any
        try:
            preferences.parse_cadence(days)
        except KithkinError as error:
            return _problem(
                signed,
                "circles",
                f"{name}: {_problem_text(error)}",
                entered,
                field=f"cadence-{name}",
            )
    try:
        for name, days in zip(circle, cadence, strict=True):
            preferences.set_circle_cadence(signed.ctx, name, days)
    except KithkinError as error:
        return _problem(signed, "circles", _problem_text(error), entered)
    return _done(signed, "circles", "Saved the circles' check-in cadences.")


@router.post("/settings/goals", response_class=HTMLResponse)
def save_goals(
    signed: Checked,
    goal: Annotated[list[str], Form()],
    target: Annotated[list[str], Form()],
) -> Response:
    entered = {f"target-{key}": value for key, value in zip(goal, target, strict=False)}
    if len(goal) != len(target):
        return _problem(signed, "goals", "give a target for every goal.", entered)
    labels = {known.key: known.label for known in preferences.all_goals(signed.ctx)}
    targets: dict[str, int] = {}
    for key, value in zip(goal, target, strict=True):
        label = labels.get(key)
        if label is None:
            return _problem(signed, "goals", f"there is no goal {key!r}.", entered)
        text = value.strip()
        if not text.isdigit() or int(text) > 1000:
            return _problem(
                signed,
                "goals",
                f"{label}: {text!r} is not a target; use a whole number from 0 (off) to 1000.",
                entered,
                field=f"target-{key}",
            )
        targets[key] = int(text)
    for key, number in targets.items():
        engine.set_goal(signed.ctx, key, number)
    return _done(signed, "goals", "Saved the goals.")


@router.post("/settings/budget", response_class=HTMLResponse)
def save_budget(
    signed: Checked,
    min_hours: Annotated[str, Form()] = "",
    max_hours: Annotated[str, Form()] = "",
) -> Response:
    entered = {"min_hours": min_hours, "max_hours": max_hours}
    for label, key, value in (
        ("Minimum", "min_hours", min_hours),
        ("Maximum", "max_hours", max_hours),
    ):
        try:
            float(value.strip())
        except ValueError:
            return _problem(
                signed,
                "budget",
                f"{label} hours: {value.strip()!r} is not a number; write hours, e.g. 5.",
                entered,
                field=key,
            )
    low, high = float(min_hours), float(max_hours)
    if not 0 <= low <= high <= 168:
        return _problem(
            signed,
            "budget",
            "the hours must satisfy 0 ≤ minimum ≤ maximum ≤ 168 (a week's hours).",
            entered,
        )
    budget = engine.set_budget(signed.ctx, f"{low}-{high}")
    return _done(signed, "budget", f"Saved: {budget.describe()} of networking a week.")


@router.post("/settings/calendar-feed", response_class=HTMLResponse)
def new_calendar_feed(signed: Checked, request: Request) -> Response:
    had_one = calendar_feeds.feed_created_at(signed.ctx) is not None
    secret = calendar_feeds.new_feed_secret(signed.ctx)
    url = f"{str(request.base_url).rstrip('/')}/calendar/{secret}.ics"
    text = (
        "Made a new feed URL: the old one no longer works."
        if had_one
        else "Made your calendar feed URL."
    )
    return _settings_page(signed, Shown(Message("feed", text), feed_url=url))


@router.post("/settings/api-tokens", response_class=HTMLResponse)
def new_api_token(signed: Checked, name: Annotated[str, Form()] = "") -> Response:
    ctx = signed.ctx
    try:
        token = auth.create_api_token(ctx.store, name, now=ctx.now())
    except KithkinError as error:
        return _problem(signed, "tokens", _problem_text(error), {"name": name}, field="name")
    label = " ".join(name.split())
    shown = Shown(
        Message("tokens", f"Made the API token “{label}”."), new_token=token, new_token_name=label
    )
    return _settings_page(signed, shown)


@router.post("/settings/api-tokens/{token_id}/revoke", response_class=HTMLResponse)
def revoke_api_token(signed: Checked, token_id: int) -> Response:
    try:
        name = api_tokens.revoke_api_token(signed.ctx, token_id)
    except KithkinError as error:
        return _problem(signed, "tokens", _problem_text(error), {})
    return _done(signed, "tokens", f"Revoked the API token “{name}”: it no longer works.")

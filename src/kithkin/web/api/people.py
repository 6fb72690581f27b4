"""People: list, search, add, show, edit, delete (as `kithkin people/search/add/show/edit/rm`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator

from kithkin.core.person_changes import PersonInput
from kithkin.core.serialize import person_json, person_summary_json, search_json
from kithkin.core.serialize_engine import warmth_json
from kithkin.core.vocabulary import Circle, Mode
from kithkin.services import add_person, edit_person, list_people, remove_person, search
from kithkin.services import show_person as show_detail
from kithkin.web.api.caller import Ctx
from kithkin.web.api.errors import ERRORS, NOT_FOUND, ApiRoute
from kithkin.web.api.models import NewPerson, PersonPatch, plain_text

router = APIRouter(route_class=ApiRoute, tags=["people"], responses=ERRORS)
Ref = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        description="An id, id prefix, e-mail, name or nickname.",
    ),
    AfterValidator(plain_text),
]
SearchText = Annotated[
    str | None,
    Query(max_length=500, description="Search people and interaction notes instead."),
    AfterValidator(lambda value: None if value is None else plain_text(value)),
]


@router.get("/people", summary="List people, or search with q")
def people(
    ctx: Ctx,
    q: SearchText = None,
    circle: Circle | None = None,
    tag: Annotated[str | None, Query(max_length=200)] = None,
    mode: Mode | None = None,
    limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> Any:
    """Without `q`: people by name, as `kithkin people --json` (a list of summaries), filtered
    by circle, tag or mode. With `q`: `{"people": [...], "interactions": [...]}` as
    `kithkin search --json` (at most `limit`, default 20, of each)."""
    if q is not None:
        return search_json(search(ctx, q, limit=limit or 20))
    found = list_people(
        ctx,
        circle=circle.value if circle else None,
        tag=plain_text(tag) if tag is not None else None,
        mode=mode.value if mode else None,
        limit=limit,
    )
    return [person_summary_json(person) for person in found]


@router.post("/people", status_code=201, summary="Add a person")
def add(ctx: Ctx, body: NewPerson) -> dict[str, Any]:
    """Add a person; the answer is the person as `kithkin add --json` prints it."""
    return person_json(add_person(ctx, _person_input(body)))


@router.get(
    "/people/{ref}",
    summary="Show a person",
    responses=NOT_FOUND,
    response_model=dict[str, Any],
)
def show(ctx: Ctx, ref: Ref) -> Response:
    """The person as `kithkin show --json`: with `cadence_days_effective` and `warmth`."""
    detail = show_detail(ctx, ref, recent=0, follow_ups=False)  # only what the answer holds
    # Plain JSON already: answered as it is, FastAPI would validate it again against
    # `dict[str, Any]`, in one more hop to a worker thread (the API's hottest read).
    return JSONResponse(
        person_json(detail.person)
        | {"cadence_days_effective": detail.cadence_days, "warmth": warmth_json(detail.warmth)}
    )


@router.patch("/people/{ref}", summary="Edit a person", responses=NOT_FOUND)
def edit(ctx: Ctx, ref: Ref, body: PersonPatch) -> dict[str, Any]:
    """Lists (e-mails, tags…) are added to, single values replaced, `remove_*` removed."""
    return person_json(edit_person(ctx, ref, _person_input(body)))


@router.delete("/people/{ref}", summary="Delete a person", responses=NOT_FOUND)
def delete(ctx: Ctx, ref: Ref) -> dict[str, Any]:
    """Delete for real, with their contact data and one-to-one interactions:
    `{"deleted": person}`."""
    return {"deleted": person_json(remove_person(ctx, ref))}


def _person_input(body: NewPerson | PersonPatch) -> PersonInput:
    fields = body.model_dump(exclude_unset=False)
    for choice in ("circle", "mode"):
        if fields[choice] is not None:
            fields[choice] = fields[choice].value
    return PersonInput(**fields)

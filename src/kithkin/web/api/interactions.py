"""Interactions and follow-ups (as `kithkin log`, `edit-interaction`, `rm-interaction`,
`follow-ups`, `done`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from kithkin.core.log_entry import LogInput
from kithkin.core.serialize import (
    edited_interaction_json,
    follow_up_json,
    interaction_json,
    removed_interaction_json,
)
from kithkin.core.vocabulary import Direction
from kithkin.services import complete_follow_up, engine, list_follow_ups, log_interaction
from kithkin.services.api_records import get_interaction
from kithkin.services.interactions import (
    InteractionChanges,
    edit_interaction,
    remove_interaction,
)
from kithkin.web.api.caller import Ctx
from kithkin.web.api.errors import ERRORS, NOT_FOUND, ApiRoute
from kithkin.web.api.models import InteractionPatch, NewInteraction

router = APIRouter(route_class=ApiRoute, tags=["interactions"], responses=ERRORS)
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.post("/interactions", status_code=201, summary="Log an interaction", responses=NOT_FOUND)
def log(ctx: Ctx, body: NewInteraction) -> dict[str, Any]:
    """As `kithkin log --json`; the purpose is guessed from the note when absent. `nudges`
    holds the CLI's reminders to offer help to people you asked something of."""
    fields = body.model_dump(exclude={"people"})
    for choice in ("channel", "purpose", "initiated_by", "activity"):
        if fields[choice] is not None:
            fields[choice] = fields[choice].value
    interaction = log_interaction(ctx, body.people, LogInput(**fields))
    asked = {e.person.id for e in interaction.exchanges if e.direction is Direction.ASKED}
    return interaction_json(interaction) | {"nudges": engine.ask_nudges(ctx, sorted(asked))}


@router.get("/interactions/{interaction_id}", summary="Show an interaction", responses=NOT_FOUND)
def show(ctx: Ctx, interaction_id: Id) -> dict[str, Any]:
    return interaction_json(get_interaction(ctx, interaction_id))


@router.patch("/interactions/{interaction_id}", summary="Edit an interaction", responses=NOT_FOUND)
def edit(ctx: Ctx, interaction_id: Id, body: InteractionPatch) -> dict[str, Any]:
    """As `kithkin edit-interaction ID --json`: change the note, date, channel, minutes or
    purpose. A purpose is a correction kept to teach the purpose model; `model_purpose` is
    what the model says of the note, `changed` the fields that differ from before."""
    fields = body.model_dump()
    for choice in ("channel", "purpose"):
        if fields[choice] is not None:
            fields[choice] = fields[choice].value
    edited = edit_interaction(ctx, interaction_id, InteractionChanges(**fields))
    return edited_interaction_json(
        edited.interaction,
        changed=edited.changed,
        model_purpose=edited.model_purpose,
        retrained=edited.retrained is not None,
    )


@router.delete(
    "/interactions/{interaction_id}", summary="Delete an interaction", responses=NOT_FOUND
)
def delete(ctx: Ctx, interaction_id: Id) -> dict[str, Any]:
    """As `kithkin rm-interaction ID --json`: deleted with its participants, topics and
    ledger entries; its follow-ups stay, unlinked: `{"deleted": interaction,
    "kept_follow_ups": [...]}`."""
    removed = remove_interaction(ctx, interaction_id)
    return removed_interaction_json(removed.interaction, removed.follow_ups)


@router.get("/follow-ups", summary="List follow-ups", tags=["follow-ups"])
def follow_ups(ctx: Ctx, include_closed: bool = False) -> list[dict[str, Any]]:
    """Open (and snoozed) follow-ups, the most urgent first; `include_closed` adds done and
    dropped ones (as `kithkin follow-ups --all --json`)."""
    return [follow_up_json(f) for f in list_follow_ups(ctx, include_closed=include_closed)]


@router.post(
    "/follow-ups/{follow_up_id}/done",
    summary="Mark a follow-up done",
    tags=["follow-ups"],
    responses=NOT_FOUND,
)
def done(ctx: Ctx, follow_up_id: Id) -> dict[str, Any]:
    """409 when it is already done."""
    return follow_up_json(complete_follow_up(ctx, follow_up_id))

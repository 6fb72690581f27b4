"""The network (as `kithkin path/link/unlink/intros/introduce/common --json`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import AfterValidator, Field

from kithkin.core.network.common import common_ground_json
from kithkin.core.network.intros import intros_json
from kithkin.core.network.results import link_json, path_result_json
from kithkin.core.serialize import interaction_json
from kithkin.core.vocabulary import Channel, Purpose, RelationshipKind
from kithkin.services import common_ground as common_grounds
from kithkin.services import introductions, network
from kithkin.web.api.caller import Ctx
from kithkin.web.api.errors import ERRORS, NOT_FOUND, ApiRoute
from kithkin.web.api.models import Body, Short, Text, plain_text
from kithkin.web.api.people import Ref

router = APIRouter(route_class=ApiRoute, responses=ERRORS)


def _plain(value: str | None) -> str | None:
    return None if value is None else plain_text(value)


Term = Annotated[str | None, Query(max_length=200), AfterValidator(_plain)]


class NewLink(Body):
    """Two people who know each other (as `kithkin link PERSON OTHER …`)."""

    person: Short = Field(description="An id, id prefix, e-mail, name or nickname.")
    other: Short = Field(description="The other person, likewise.")
    kind: RelationshipKind = Field(RelationshipKind.KNOWS, description="How they are related.")
    since: Short | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    until: Short | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD, if it ended.")
    note: Short = Field("", description="Anything worth remembering about it.")


class OldLink(Body):
    """A relationship to forget (as `kithkin unlink PERSON OTHER [--kind]`)."""

    person: Short
    other: Short
    kind: RelationshipKind | None = Field(None, description="Only this kind (default: all).")


class NewIntroduction(Body):
    """An introduction you made (as `kithkin introduce PERSON OTHER -m NOTE`)."""

    person: Short
    other: Short
    note: Text = Field(description="How you introduced them.")
    date: Short | None = Field(None, description="YYYY-MM-DD[THH:MM] (default: now).")
    channel: Channel | None = Field(None, description="How (default: e-mail).")
    purpose: Purpose = Field(Purpose.NETWORKING, description="Why.")


@router.get("/network/paths", summary="Warm paths", tags=["network"], responses=NOT_FOUND)
def paths(
    ctx: Ctx,
    person: Term = None,
    company: Term = None,
    tag: Term = None,
    interest: Term = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 3,
) -> dict[str, Any]:
    """The strongest routes (at most three hops) to one target: a person, or anyone at a
    company, with a tag or an interest. Give exactly one of them."""
    found = network.find_paths(
        ctx, person, company=company, tag=tag, interest=interest, limit=limit
    )
    return path_result_json(found)


@router.post("/network/links", summary="Link two people", tags=["network"], responses=NOT_FOUND)
def add_link(ctx: Ctx, body: NewLink) -> dict[str, Any]:
    made = network.link(
        ctx,
        body.person,
        body.other,
        body.kind.value,
        since=body.since,
        until=body.until,
        note=body.note,
    )
    return link_json(made)


@router.post(
    "/network/unlink", summary="Forget a relationship", tags=["network"], responses=NOT_FOUND
)
def remove_link(ctx: Ctx, body: OldLink) -> dict[str, Any]:
    kind = body.kind.value if body.kind is not None else None
    return {"removed": network.unlink(ctx, body.person, body.other, kind)}


@router.get("/network/intros", summary="Introductions to make", tags=["network"])
def intros(ctx: Ctx, limit: Annotated[int, Query(ge=1, le=50)] = 5) -> dict[str, Any]:
    """Pairs of people you know well who should meet, with the reasons."""
    return intros_json(introductions.intros(ctx, limit=limit))


@router.post(
    "/network/introductions",
    summary="Record an introduction",
    tags=["network"],
    responses=NOT_FOUND,
)
def introduce(ctx: Ctx, body: NewIntroduction) -> dict[str, Any]:
    """One interaction with both, a gave/intro ledger entry for each, and a link."""
    made = introductions.introduce(
        ctx,
        body.person,
        body.other,
        body.note,
        date=body.date,
        channel=body.channel.value if body.channel else None,
        purpose=body.purpose.value,
    )
    return {**interaction_json(made.interaction), "link": link_json(made.link)}


@router.get("/people/{ref}/common", summary="Common ground", tags=["network"], responses=NOT_FOUND)
def common(ctx: Ctx, ref: Ref, other: Term = None) -> dict[str, Any]:
    """What you (or the person ``other``) and this person have in common."""
    return common_ground_json(common_grounds.common_ground(ctx, ref, other))

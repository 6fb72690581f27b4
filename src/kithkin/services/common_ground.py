"""Your own profile, and the common ground between you (or another contact) and a person."""

from __future__ import annotations

from kithkin.core.network.common import (
    MAX_EVENTS,
    MAX_TOPICS,
    CommonGround,
    History,
    LastTalk,
    Mutual,
    Profile,
    ProfileChanges,
    edit_profile,
    find_common_ground,
    profile_from_json,
    profile_json,
    rank_mutual,
    shorten,
)
from kithkin.core.network.graph import NetworkGraph
from kithkin.core.records import PersonRef
from kithkin.errors import InvalidInput
from kithkin.services.context import Context
from kithkin.services.network import load_graph
from kithkin.store import Transaction

PROFILE_SETTING = "profile"  # the settings key your profile is stored under, as JSON


def _profile(tx: Transaction) -> Profile:
    return profile_from_json(tx.preferences.setting(PROFILE_SETTING))


def my_profile(ctx: Context) -> Profile:
    with ctx.store.transaction() as tx:
        return _profile(tx)


def edit_my_profile(ctx: Context, changes: ProfileChanges) -> Profile:
    """Apply ``changes`` to your profile and store it; nothing is written when they are empty."""
    with ctx.store.transaction() as tx:
        profile = _profile(tx)
        if changes.empty:
            return profile
        edited = edit_profile(profile, changes)
        if edited != profile:
            tx.preferences.set_setting(PROFILE_SETTING, profile_json(edited))
        return edited


def common_ground(ctx: Context, person: str, other: str | None = None) -> CommonGround:
    """What ``person`` shares with ``other`` (another contact) or, when None, with you."""
    with ctx.store.transaction() as tx:
        pk = tx.people.resolve(person)
        other_pk = tx.people.resolve(other) if other is not None else None
        if other_pk == pk:
            name = tx.people.names([pk])[pk][1]
            raise InvalidInput(
                f"PERSON and PERSON2 are both {name}; common ground needs two different people.",
                field="PERSON2",
            )
        pair = [pk] if other_pk is None else [pk, other_pk]
        graph = load_graph(ctx, tx)
        ranked = _mutual(graph, pk, other_pk)
        names = tx.people.names([*pair, *(key for key, _ in ranked)])
        last = tx.common_ground.last_note(pair)
        history = History(
            events=tx.common_ground.events_attended(
                pair, limit=MAX_EVENTS, today=ctx.now().astimezone(ctx.settings.timezone).date()
            ),
            mutual=tuple(Mutual(PersonRef(*names[key]), s) for key, s in ranked),
            topics=tx.common_ground.topics(pair, limit=MAX_TOPICS),
            last=None
            if last is None
            else LastTalk(last[0].astimezone(ctx.settings.timezone).date(), shorten(last[1])),
        )
        theirs = tx.common_ground.profile(pk)
        mine = _profile(tx) if other_pk is None else tx.common_ground.profile(other_pk)
        return find_common_ground(
            PersonRef(*names[pk]),
            None if other_pk is None else PersonRef(*names[other_pk]),
            theirs,
            mine,
            history,
            this_year=ctx.now().astimezone(ctx.settings.timezone).year,
        )


def _mutual(graph: NetworkGraph, pk: int, other_pk: int | None) -> list[tuple[int, float]]:
    """People tied to both: with another contact, everyone tied to both of them; with you,
    the people tied to ``pk`` you have a tie of your own with."""
    theirs = dict(graph.neighbours(pk))
    if other_pk is None:
        yours = {key: graph.own_tie(key) for key in theirs}
    else:
        yours = dict(graph.neighbours(other_pk))
    return rank_mutual(theirs, yours, exclude=(pk, other_pk or pk))

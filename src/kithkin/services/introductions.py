"""Introductions: who among the user's contacts should meet, and recording an introduction."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kithkin.core.log_entry import ExchangeEntry, LogInput, check_log_input
from kithkin.core.network.intros import Intro, candidates, rank_intros
from kithkin.core.network.results import Link
from kithkin.core.records import Interaction, PersonRef
from kithkin.core.vocabulary import Direction, ExchangeKind, Purpose, RelationshipKind
from kithkin.errors import InvalidInput
from kithkin.services.context import Context
from kithkin.services.network import load_graph

_INTROS = "network-intros"


def intros(ctx: Context, limit: int = 5) -> list[Intro]:
    """The best ``limit`` introductions to make, best first.

    Cheap to call again (the web dashboard does): the answer is kept until the account's data
    changes or the day does, and the graph itself is cached by ``load_graph``.
    """
    if limit < 1:
        raise InvalidInput("--limit must be 1 or more.", field="--limit")
    version = (ctx.store.owner_id, ctx.store.data_version(), ctx.now().date(), limit)
    cached = ctx.cache.get(_INTROS)
    if cached is not None and cached[0] == version:
        found: list[Intro] = cached[1]
        return found
    with ctx.store.transaction() as tx:
        graph = load_graph(ctx, tx)
        facts = tx.introductions.facts(candidates(graph))
        found = rank_intros(graph, [f.profile() for f in facts], limit=limit)
    ctx.cache[_INTROS] = (version, found)
    return found


@dataclass(frozen=True)
class Introduction:
    interaction: Interaction  # with both people, a "gave intro" ledger entry for each
    link: Link  # the two now know each other


def introduce(
    ctx: Context,
    person: str,
    other: str,
    note: str,
    *,
    date: str | None = None,
    channel: str | None = None,
    purpose: str = Purpose.NETWORKING.value,
) -> Introduction:
    """Record that the user introduced PERSON and OTHER: one interaction with both, a gave/intro
    ledger entry for each, and a ``knows`` link between them — all or nothing."""
    if not note.strip():
        raise InvalidInput("say how you introduced them with -m NOTE.", field="-m")
    now = ctx.now()
    tz = ctx.settings.timezone
    entry = check_log_input(
        LogInput(note=note, date=date, channel=channel, purpose=purpose), now=now, tz=tz
    )
    with ctx.store.transaction() as tx:
        a, b = tx.people.resolve(person), tx.people.resolve(other)
        names = tx.people.names([a, b])
        if a == b:
            raise InvalidInput(
                f"{names[a][1]} cannot be introduced to themselves; name two people.",
                field="OTHER",
            )
        both = f"{names[a][1]} and {names[b][1]}"
        entry = replace(entry, exchanges=(ExchangeEntry(Direction.GAVE, ExchangeKind.INTRO, both),))
        source = tx.new_source(ctx.source_kind, now=now, detail="introduce")
        interaction_id = tx.interactions.add(entry, [a, b], source_id=source, now=now)
        day = entry.at.astimezone(tz).date().isoformat()
        kind = RelationshipKind.KNOWS
        known = any(r.kind == kind.value for r in tx.network.pair(a, b, now.date()).relationships)
        # Already linked: keep what the user wrote about them; a new link says where it began.
        created, since, until, stored_note = tx.network.link(
            a,
            b,
            kind.value,
            since=None if known else day,
            until=None,
            note="" if known else f"introduced by you on {day}",
            now=now,
        )
        link = Link(
            PersonRef(*names[a]), PersonRef(*names[b]), kind, since, until, stored_note, created
        )
        return Introduction(tx.interactions.get(interaction_id), link)

"""A person's neighbourhood in the network: their strongest ties, each with why it holds.

The web app draws it as a ring around the person (or around you, when no one is chosen). The
graph is the cached one `find_paths` uses; only the shown ties read their evidence again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from kithkin.core.network.evidence import own_reasons, pair_reasons
from kithkin.core.records import PersonRef
from kithkin.services.context import Context
from kithkin.services.network import load_graph
from kithkin.store import Transaction

MAX_TIES = 12


@dataclass(frozen=True)
class Tie:
    """One tie of the centre: to ``person``, with its strength and reasons in words (each a
    clause about ``person``, e.g. "worked with <the centre> at Globex 2019–2022")."""

    person: PersonRef
    strength: float
    reasons: tuple[str, ...]
    yours: float  # your own tie to ``person`` (0: none), so a view can mark whom you know


@dataclass(frozen=True)
class Neighbourhood:
    centre: PersonRef | None  # None: you are the centre
    you: float  # your own tie to the centre (0: none; 1 when you are the centre)
    your_reasons: tuple[str, ...]
    ties: tuple[Tie, ...]  # strongest first, at most ``limit``
    total: int  # how many ties the centre has in all


def neighbourhood(ctx: Context, person: str, *, limit: int = MAX_TIES) -> Neighbourhood:
    """The strongest ties of ``person`` (any reference `tx.people.resolve` takes)."""
    today = ctx.now().astimezone(ctx.settings.timezone).date()
    with ctx.store.transaction() as tx:
        centre = tx.people.resolve(person)
        graph = load_graph(ctx, tx)
        every = graph.neighbours(centre)
        shown = every[:limit]
        names = tx.people.names([centre, *(pk for pk, _ in shown)])
        centre_ref = PersonRef(*names[centre])
        centre_name = centre_ref.name
        own = tx.network.own([centre], ctx.now()).get(centre)
        you = graph.own_tie(centre)
        ties = tuple(
            Tie(
                PersonRef(*names[pk]),
                strength,
                _pair_reasons(tx, pk, centre, centre_name, today),
                graph.own_tie(pk),
            )
            for pk, strength in shown
        )
        reasons = tuple(own_reasons(own)) if own is not None and you > 0 else ()
        return Neighbourhood(centre_ref, you, reasons, ties, len(every))


def your_neighbourhood(ctx: Context, *, limit: int = MAX_TIES) -> Neighbourhood:
    """Your own strongest ties (the graph's ``own`` column), for the network page's start."""
    with ctx.store.transaction() as tx:
        graph = load_graph(ctx, tx)
        tied = np.flatnonzero(graph.own > 0)
        order = np.lexsort((graph.people[tied], -graph.own[tied]))[:limit]
        chosen = [(int(graph.people[tied[i]]), float(graph.own[tied[i]])) for i in order]
        pks = [pk for pk, _ in chosen]
        names = tx.people.names(pks)
        own = tx.network.own(pks, ctx.now())
        ties = tuple(
            Tie(
                PersonRef(*names[pk]),
                strength,
                tuple(own_reasons(own[pk])) if pk in own else (),
                strength,
            )
            for pk, strength in chosen
        )
        return Neighbourhood(None, 1.0, (), ties, len(tied))


def _pair_reasons(tx: Transaction, a: int, b: int, b_name: str, today: date) -> tuple[str, ...]:
    """Why ``a`` and ``b`` are tied, as clauses about ``a`` (the clauses read both ways)."""
    return tuple(r.in_full(b_name) for r in pair_reasons(tx.network.pair(a, b, today), today))

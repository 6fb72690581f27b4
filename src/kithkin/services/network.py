"""The network use cases: link people, find warm paths to a person or company."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kithkin.core.dates import rough_date
from kithkin.core.ledger import Balance, ask_nudge
from kithkin.core.network.evidence import graph_of, own_reasons, pair_reasons
from kithkin.core.network.graph import NetworkGraph
from kithkin.core.network.paths import Route, best_routes, nearest
from kithkin.core.network.results import Hop, Link, PathResult, WarmPath
from kithkin.core.records import PersonRef
from kithkin.core.vocabulary import RelationshipKind, parse_choice
from kithkin.errors import InvalidInput, NotFound
from kithkin.services.context import Context
from kithkin.store import Transaction

_GRAPH = "network-graph"


@dataclass
class _CachedGraph:
    day: date
    data_version: int  # the account's data version when last checked
    evidence_version: tuple[object, ...]  # what the graph was built from
    graph: NetworkGraph


def load_graph(ctx: Context, tx: Transaction) -> NetworkGraph:
    """The account's graph, rebuilt only when its evidence changed since the last build.

    A read of the account's data version (one row) says whether anything was written at all;
    only then is the evidence's own version read (a few aggregate queries), and only when that
    changed is the graph rebuilt — so a follow-up marked done costs no rebuild.
    """
    key = f"{_GRAPH}:{ctx.store.owner_id}"
    today = ctx.now().date()
    written = tx.network.data_version()
    cached: _CachedGraph | None = ctx.cache.get(key)
    if cached is not None and cached.day == today and cached.data_version == written:
        return cached.graph
    evidence_version = tx.network.version()
    if cached is not None and cached.day == today and cached.evidence_version == evidence_version:
        cached.data_version = written
        return cached.graph
    graph = graph_of(tx.network.evidence(ctx.now()))
    ctx.cache[key] = _CachedGraph(today, written, evidence_version, graph)
    return graph


# -- link / unlink -------------------------------------------------------------------------


def _partial(text: str | None, option: str) -> str | None:
    return rough_date(text, field=option) if text is not None and text.strip() else None


def link(
    ctx: Context,
    person: str,
    other: str,
    kind: str,
    *,
    since: str | None = None,
    until: str | None = None,
    note: str = "",
) -> Link:
    chosen = parse_choice(RelationshipKind, kind, field="--kind")
    since_iso, until_iso = _partial(since, "--since"), _partial(until, "--until")
    with ctx.store.transaction() as tx:
        a, b = tx.people.resolve(person), tx.people.resolve(other)
        if a == b:
            raise InvalidInput("a person cannot be linked to themselves.", field="PERSON")
        created, since_iso, until_iso, stored_note = tx.network.link(
            a, b, chosen.value, since=since_iso, until=until_iso, note=note.strip(), now=ctx.now()
        )
        names = tx.people.names([a, b])
        return Link(
            PersonRef(*names[a]),
            PersonRef(*names[b]),
            chosen,
            since_iso,
            until_iso,
            stored_note,
            created,
        )


def unlink(ctx: Context, person: str, other: str, kind: str | None = None) -> int:
    chosen = parse_choice(RelationshipKind, kind, field="--kind").value if kind else None
    with ctx.store.transaction() as tx:
        a, b = tx.people.resolve(person), tx.people.resolve(other)
        removed = tx.network.unlink(a, b, chosen)
        if not removed:
            names = tx.people.names([a, b])
            what = f"{chosen} relationship" if chosen else "relationship"
            raise NotFound(f"no {what} between {names[a][1]} and {names[b][1]} is recorded.")
        return removed


# -- warm paths ----------------------------------------------------------------------------


def find_paths(
    ctx: Context,
    person: str | None = None,
    *,
    company: str | None = None,
    tag: str | None = None,
    interest: str | None = None,
    limit: int = 3,
) -> PathResult:
    given = [v for v in (person, company, tag, interest) if v is not None]
    if len(given) != 1:
        raise InvalidInput(
            "give one target: a PERSON, or --company NAME, --tag TAG or --interest INTEREST.",
            field="TARGET",
        )
    today = ctx.now().astimezone(ctx.settings.timezone).date()
    with ctx.store.transaction() as tx:
        target, people = _targets(tx, person, company, tag, interest)
        graph = load_graph(ctx, tx)
        routes = best_routes(graph, people, limit=limit)
        if routes:
            paths = tuple(_path(ctx, tx, route, today) for route in routes)
            return PathResult(target, len(people), paths, (), _found(target, paths))
        near = tuple(_path(ctx, tx, route, today) for route in nearest(graph, people))
        return PathResult(target, len(people), (), near, _not_found(target, near))


def _targets(
    tx: Transaction,
    person: str | None,
    company: str | None,
    tag: str | None,
    interest: str | None,
) -> tuple[str, list[int]]:
    if person is not None:
        pk = tx.people.resolve(person)
        return tx.people.names([pk])[pk][1], [pk]
    if company is not None:
        organizations = tx.network.organizations_named(company)
        if not organizations:
            raise NotFound(f"no organization called {company!r}: nobody you know works there.")
        ids = [org_id for org_id, _ in organizations]
        names = " or ".join(name for _, name in organizations[:3])
        current = tx.network.people_at(ids, current=True)
        if current:
            return f"people at {names}", current
        return f"people who worked at {names}", tx.network.people_at(ids, current=False)
    if tag is not None:
        tagged = tx.network.people_tagged(tag)
        if not tagged:
            raise NotFound(f"nobody is tagged {tag!r}.")
        return f"people tagged {tag}", tagged
    assert interest is not None
    interested = tx.network.people_interested(interest)
    if not interested:
        raise NotFound(f"nobody has the interest {interest!r}.")
    return f"people interested in {interest}", interested


def _path(ctx: Context, tx: Transaction, route: Route, today: date) -> WarmPath:
    names = tx.people.names(list(route.people))
    refs = [PersonRef(*names[pk]) for pk in route.people]
    own = tx.network.own([route.people[0]], ctx.now()).get(route.people[0])
    first_reasons = tuple(own_reasons(own)) if own is not None and route.ties[0] > 0 else ()
    hops = [Hop(refs[0], route.ties[0], first_reasons)]
    clauses: list[str] = []
    for k in range(1, len(route.people)):
        evidence = tx.network.pair(route.people[k - 1], route.people[k], today)
        reasons = pair_reasons(evidence, today)
        hops.append(Hop(refs[k], route.ties[k], tuple(r.in_full(refs[k].name) for r in reasons)))
        clauses.append(reasons[0].about(refs[k].name) if reasons else f"knows {refs[k].name}")
    balance = tx.facts.balances(uids=[refs[0].id]).get(refs[0].id, Balance())
    nudge = ask_nudge(balance, refs[0].name) if len(refs) > 1 and route.ties[0] > 0 else None
    return WarmPath(tuple(hops), route.strength, _ask(refs, clauses, route), nudge)


def _ask(refs: Sequence[PersonRef], clauses: Sequence[str], route: Route) -> str:
    target = refs[-1].name
    if route.ties[0] <= 0:  # a person to warm up, not a path
        return f"Get to know {refs[0].name}, who {clauses[0]}."
    if len(refs) == 1:
        return f"You know {target} yourself: reach out directly."
    if len(refs) == 2:
        return f"Ask {refs[0].name}, who {clauses[0]}, for an intro to {target}."
    return (
        f"Ask {refs[0].name}, who {clauses[0]}, to ask {refs[1].name} — who "
        f"{clauses[1]} — for an intro to {target}."
    )


def _found(target: str, paths: Sequence[WarmPath]) -> str:
    count = f"{len(paths)} warm path" + ("s" if len(paths) != 1 else "")
    return f"{count} to {target}; the strongest is {paths[0].strength:.0%}."


def _not_found(target: str, near: Sequence[WarmPath]) -> str:
    if not near:
        return (
            f"No warm path to {target}: nobody in Kithkin is known to be tied to them. Record who "
            "knows whom with `kithkin link`, or log the people you meet together."
        )
    return (
        f"No warm path to {target}: you have no tie yet to anyone who knows them. "
        "Warm up one of the people closest to them."
    )

"""``python -m bench.network``: warm paths on a 100,000-person, ~1M-tie network, against networkx.

A seeded network (``bench.network_sample``: relationships with a power-law degree, jobs at
organizations of every size, group interactions, events, the user's own ties) is written into
a SQLite file (``--quick``: 10,000 people). Then, in one process:

* **the graph build**: ``tx.network.evidence(now)`` (the database reads) and ``graph_of`` (the
  arrays), each timed, with peak memory two ways: tracemalloc's peak (Python and NumPy
  allocations, not SQLite's own) and the peak resident set growth (everything, from /proc);
* **warm paths** with the graph built: ``best_routes(graph, [target], limit=3)`` for seeded
  targets (a mix of well and poorly connected people), ``--company``-style queries (everyone at
  one organization) and the whole service, ``services.network.find_paths`` (which adds the
  explanation reads and the graph's freshness check);
* **the baseline**: networkx on the same graph (the same ties, weight ``-log strength``, and a
  "you" node tied to everyone the user has a tie to, weight ``-log own``): its build, then
  ``nx.bidirectional_dijkstra(G, "you", target)`` per target. It finds one shortest path of any
  length; Kithkin finds the best three routes of at most three hops, one per first person. Where
  networkx's path has at most three hops the strongest routes must agree: that is checked.
"""

from __future__ import annotations

import argparse
import gc
import math
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from rich.console import Console

from bench import measure, network_sample, report, workloads
from bench.workloads import Result
from kithkin.core.network.evidence import NetworkEvidence, graph_of
from kithkin.core.network.graph import NetworkGraph
from kithkin.core.network.paths import Route, best_routes
from kithkin.services import Context
from kithkin.services import network as network_service
from kithkin.store import Store

QUERY_TARGET_MS = 50.0
BUILD_TARGET_S = 5.0
BUILD_TARGET_MIB = 300.0
SERVICE_BUDGET_S = 60.0  # per kind of target: the service may be slow on a big network


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.network", description=__doc__)
    parser.add_argument("--people", type=int, default=100_000, help="default: 100000")
    parser.add_argument("--quick", action="store_true", help="10,000 people (about 100k ties)")
    parser.add_argument("--seed", type=int, default=42, help="default: 42")
    parser.add_argument("--targets", type=int, default=500, help="people to route to (500)")
    parser.add_argument("--companies", type=int, default=30, help="organizations (30)")
    parser.add_argument(
        "--service", type=int, default=100, help="find_paths calls per kind of target (100)"
    )
    parser.add_argument("--builds", type=int, default=3, help="timed graph builds (3)")
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="keep the generated database in DIR and reuse it on later runs of the same size, "
        "seed and day",
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.people = 10_000
    return options


# -- figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """Milliseconds, one sample per query."""

    p50: float
    p95: float
    p99: float
    worst: float
    runs: int

    @classmethod
    def of(cls, samples: list[float]) -> Spread:
        return cls(
            measure.percentile(samples, 0.5),
            measure.percentile(samples, 0.95),
            measure.percentile(samples, 0.99),
            max(samples),
            len(samples),
        )

    def text(self) -> str:
        return (
            f"p50 {self.p50:.2f} · p95 {self.p95:.2f} · p99 {self.p99:.2f} ms "
            f"(max {self.worst:.1f}, {self.runs})"
        )

    def data(self, prefix: str = "") -> dict[str, object]:
        return {
            f"{prefix}p50_ms": self.p50,
            f"{prefix}p95_ms": self.p95,
            f"{prefix}p99_ms": self.p99,
            f"{prefix}max_ms": self.worst,
            f"{prefix}runs": self.runs,
        }


def _met(value: float, target: float, unit: str) -> str:
    return f"target ≤ {target:g} {unit}: " + ("met" if value <= target else "[red]missed[/red]")


def _ms_each(
    calls: list[Callable[[], Any]], *, budget: float = math.inf
) -> tuple[list[float], list[Any]]:
    """Each call once, timed; past ``budget`` seconds (and 10 calls) the rest are skipped."""
    samples: list[float] = []
    answers: list[Any] = []
    began = time.perf_counter()
    for call in calls:
        start = time.perf_counter()
        answers.append(call())
        samples.append((time.perf_counter() - start) * 1000)
        if len(samples) >= 10 and time.perf_counter() - began > budget:
            break
    return samples, answers


# -- the database -----------------------------------------------------------------------------


def _database(
    options: argparse.Namespace, folder: Path, now: datetime, console: Console
) -> tuple[Path, network_sample.Counts, float | None]:
    """The network's SQLite file, generated into ``folder`` or reused from ``--cache``; and the
    seconds generating took (None when reused)."""
    name = f"network-{options.people}-{options.seed}-{now.date()}.db"
    path = (options.cache / name) if options.cache else folder / "network.db"
    if path.exists():
        return path, network_sample.counts_of(path), None
    partial = path.with_suffix(".partial")
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.unlink(missing_ok=True)
    with console.status(f"generating {options.people:,} people and their ties…"):
        start = time.perf_counter()
        counts = network_sample.build(partial, options.people, seed=options.seed, now=now)
        seconds = time.perf_counter() - start
    partial.rename(path)
    return path, counts, seconds


# -- 1. the build -----------------------------------------------------------------------------


@dataclass
class Build:
    evidence_s: list[float]
    graph_s: list[float]
    evidence_rss_mb: float
    graph_rss_mb: float
    evidence_traced_mb: float
    graph_traced_mb: float
    graph: NetworkGraph


def _read(store: Store, now: datetime) -> NetworkEvidence:
    with store.transaction() as tx:
        return tx.network.evidence(now)


def build(store: Store, now: datetime, runs: int) -> Build:
    """Time ``runs`` builds; the first also gives the peak RSS growth, a last one (under
    tracemalloc, which slows Python down, so untimed) the traced peak."""
    evidence_s, graph_s = [], []
    evidence_rss = graph_rss = 0.0
    graph: NetworkGraph | None = None
    for run in range(runs):
        evidence: NetworkEvidence | None = None
        graph = None
        gc.collect()
        before = measure.current_rss_mb()
        measure.reset_peak_rss()
        start = time.perf_counter()
        evidence = _read(store, now)
        evidence_s.append(time.perf_counter() - start)
        if run == 0:
            evidence_rss = measure.peak_rss_mb() - before
        middle = measure.current_rss_mb()
        measure.reset_peak_rss()
        start = time.perf_counter()
        graph = graph_of(evidence)
        graph_s.append(time.perf_counter() - start)
        if run == 0:
            graph_rss = measure.peak_rss_mb() - middle
        del evidence
    graph = None
    gc.collect()
    tracemalloc.start()
    evidence = _read(store, now)
    evidence_traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.reset_peak()
    graph = graph_of(evidence)
    graph_traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    del evidence
    gc.collect()
    return Build(evidence_s, graph_s, evidence_rss, graph_rss, evidence_traced, graph_traced, graph)


def build_results(built: Build, networkx_build: NetworkxBuild) -> list[Result]:
    graph = built.graph
    evidence = statistics.median(built.evidence_s)
    making = statistics.median(built.graph_s)
    total = evidence + making
    peak = max(built.evidence_rss_mb, built.graph_rss_mb)
    runs = f"median of {len(built.evidence_s)}"
    return [
        Result(
            "evidence: tx.network.evidence(now)",
            f"{evidence:.2f} s · peak RSS +{built.evidence_rss_mb:.0f} MiB · "
            f"traced {built.evidence_traced_mb:.0f} MiB",
            "—",
            None,
            f"{runs}; the database reads (first run {built.evidence_s[0]:.2f} s)",
            {
                "seconds": built.evidence_s,
                "peak_rss_growth_mb": built.evidence_rss_mb,
                "traced_peak_mb": built.evidence_traced_mb,
            },
        ),
        Result(
            "graph: graph_of(evidence)",
            f"{making:.2f} s · peak RSS +{built.graph_rss_mb:.0f} MiB · "
            f"traced {built.graph_traced_mb:.0f} MiB",
            f"{networkx_build.seconds:.2f} s · RSS +{networkx_build.rss_mb:.0f} MiB · "
            f"traced {networkx_build.traced_mb:.0f} MiB",
            workloads.ratio(making, networkx_build.seconds),
            f"{runs}; {graph.size:,} people, {graph.edge_count:,} ties, "
            f"the graph itself {graph.nbytes / 2**20:.0f} MiB; networkx: nx.Graph from the "
            "combined ties, then kept",
            {
                "seconds": built.graph_s,
                "peak_rss_growth_mb": built.graph_rss_mb,
                "traced_peak_mb": built.graph_traced_mb,
                "graph_mb": graph.nbytes / 2**20,
                "people": graph.size,
                "ties": graph.edge_count,
                "baseline_seconds": networkx_build.seconds,
                "baseline_rss_growth_mb": networkx_build.rss_mb,
                "baseline_traced_peak_mb": networkx_build.traced_mb,
            },
        ),
        Result(
            "graph build in all (evidence + graph_of)",
            f"{total:.2f} s · peak RSS +{peak:.0f} MiB",
            "—",
            None,
            f"{_met(total, BUILD_TARGET_S, 's')}; {_met(peak, BUILD_TARGET_MIB, 'MiB')} "
            "(peak RSS growth of the larger step)",
            {"seconds": total, "peak_rss_growth_mb": peak},
        ),
    ]


# -- 2. the queries ---------------------------------------------------------------------------


def pick_targets(graph: NetworkGraph, count: int, seed: int) -> tuple[list[int], dict[str, int]]:
    """Store keys: two fifths among the best connected tenth, one third anyone, the rest among
    people with at most three ties (some with none)."""
    rng = np.random.default_rng(seed)
    degree = np.diff(graph.indptr)
    hubs = np.flatnonzero(degree >= np.quantile(degree, 0.9))
    loners = np.flatnonzero(degree <= 3)
    sizes = {"well connected": count * 2 // 5, "anyone": count // 3}
    sizes["poorly connected (≤ 3 ties)"] = count - sum(sizes.values())
    pools = (hubs, np.arange(graph.size), loners if len(loners) else np.arange(graph.size))
    chosen = [
        rng.choice(pool, size, replace=len(pool) < size)
        for pool, size in zip(pools, sizes.values(), strict=True)
    ]
    nodes = rng.permutation(np.concatenate(chosen))
    return [int(graph.people[node]) for node in nodes], sizes


def organizations(path: Path, count: int, seed: int) -> list[tuple[str, int]]:
    """(name, known people) of organizations of every size: the biggest third, a third with
    10–200 people, a third with 2–9."""
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT o.name, count(DISTINCT e.person_id) AS n FROM organizations o "
            "JOIN employments e ON e.organization_id = o.id GROUP BY o.id ORDER BY n DESC, o.id"
        ).fetchall()
    rng = np.random.default_rng(seed)
    third = max(count // 3, 1)
    mid = [r for r in rows if 10 <= r[1] <= 200]
    small = [r for r in rows if 2 <= r[1] <= 9]
    chosen = rows[:third]
    for pool in (mid, small):
        if pool:
            picks = rng.choice(len(pool), min(third, len(pool)), replace=False)
            chosen += [pool[int(i)] for i in picks]
    return [(str(name), int(n)) for name, n in chosen]


def company_people(store: Store, name: str) -> list[int]:
    """Who ``kithkin path --company NAME`` routes to (as ``find_paths`` picks them)."""
    with store.transaction() as tx:
        ids = [org for org, _ in tx.network.organizations_named(name)]
        return tx.network.people_at(ids, current=True) or tx.network.people_at(ids, current=False)


def _warm_up(call: Callable[[], object], times: int = 20) -> None:
    for _ in range(times):
        call()


@dataclass
class Queries:
    person: Spread
    routes: dict[int, list[Route]]
    company: Spread
    company_sizes: list[int]
    service_person: Spread
    service_company: Spread
    service_first_ms: float


def queries(
    ctx: Context,
    graph: NetworkGraph,
    targets: list[int],
    companies: list[tuple[str, int]],
    service_runs: int,
) -> Queries:
    _warm_up(lambda: best_routes(graph, targets[:1], limit=3))
    samples, answers = _ms_each([partial(best_routes, graph, [t], limit=3) for t in targets])
    routes = {t: list(a) for t, a in zip(targets, answers, strict=True)}
    people_of = [company_people(ctx.store, name) for name, _ in companies]
    company_samples, _ = _ms_each([partial(best_routes, graph, p, limit=3) for p in people_of])
    uids = _uids(ctx.store, targets[:service_runs])
    start = time.perf_counter()
    network_service.find_paths(ctx, uids[0])  # builds and caches the graph
    first = (time.perf_counter() - start) * 1000
    service_samples, _ = _ms_each(
        [partial(network_service.find_paths, ctx, u) for u in uids], budget=SERVICE_BUDGET_S
    )
    names = [name for name, _ in companies][:service_runs]
    service_company, _ = _ms_each(
        [partial(network_service.find_paths, ctx, company=n) for n in names],
        budget=SERVICE_BUDGET_S,
    )
    return Queries(
        Spread.of(samples),
        routes,
        Spread.of(company_samples),
        [len(p) for p in people_of],
        Spread.of(service_samples),
        Spread.of(service_company),
        first,
    )


def _uids(store: Store, pks: list[int]) -> list[str]:
    with store.transaction() as tx:
        names = tx.people.names(pks)
    return [names[pk][0] for pk in pks]


# -- 3. networkx ------------------------------------------------------------------------------


@dataclass
class NetworkxBuild:
    graph: nx.Graph
    seconds: float
    rss_mb: float
    traced_mb: float


YOU = "you"


def _networkx_graph(graph: NetworkGraph) -> nx.Graph:
    rows = np.repeat(np.arange(graph.size), np.diff(graph.indptr))
    once = graph.indices > rows
    a = graph.people[rows[once]].tolist()
    b = graph.people[graph.indices[once]].tolist()
    weight = (-np.log(graph.strength[once])).tolist()
    mine = np.flatnonzero(graph.own > 0)
    g = nx.Graph()
    g.add_nodes_from(graph.people.tolist())
    g.add_weighted_edges_from(zip(a, b, weight, strict=True))
    g.add_weighted_edges_from(
        (YOU, int(graph.people[i]), float(-np.log(graph.own[i]))) for i in mine.tolist()
    )
    return g


def networkx_build(graph: NetworkGraph) -> NetworkxBuild:
    """The baseline's graph from Kithkin's combined ties: timed, with its RSS growth; then once
    more under tracemalloc (untimed) for the traced peak."""
    gc.collect()
    tracemalloc.start()
    _networkx_graph(graph)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    gc.collect()
    before = measure.current_rss_mb()
    start = time.perf_counter()
    g = _networkx_graph(graph)
    seconds = time.perf_counter() - start
    gc.collect()
    return NetworkxBuild(g, seconds, measure.current_rss_mb() - before, traced)


@dataclass(frozen=True)
class Shortest:
    strength: float
    hops: int  # people on the path, the target included (Kithkin's ``Route.hops``)


def networkx_queries(g: nx.Graph, targets: list[int]) -> tuple[Spread, dict[int, Shortest]]:
    def shortest(target: int) -> Shortest | None:
        try:
            length, path = nx.bidirectional_dijkstra(g, YOU, target)
        except nx.NetworkXNoPath:
            return None
        return Shortest(math.exp(-length), len(path) - 1)

    _warm_up(lambda: shortest(targets[0]), 5)
    samples, answers = _ms_each([partial(shortest, t) for t in targets])
    found = {t: a for t, a in zip(targets, answers, strict=True) if isinstance(a, Shortest)}
    return Spread.of(samples), found


@dataclass(frozen=True)
class Agreement:
    compared: int
    agreed: int
    longer: int  # networkx's best path has more than three hops
    unreachable: int
    kithkin_found: int
    mismatches: list[str]


def agreement(
    routes: dict[int, list[Route]], shortest: dict[int, Shortest], tolerance: float = 1e-9
) -> Agreement:
    compared = agreed = longer = 0
    mismatches = []
    for target, found in routes.items():
        best = shortest.get(target)
        if best is None:
            continue
        if best.hops > 3:
            longer += 1
            continue
        compared += 1
        ours = found[0].strength if found else 0.0
        if abs(ours - best.strength) <= tolerance:
            agreed += 1
        else:
            mismatches.append(
                f"target {target}: Kithkin {ours:.12f}, networkx {best.strength:.12f} "
                f"({best.hops} hops)"
            )
    return Agreement(
        compared,
        agreed,
        longer,
        len(routes) - len(shortest),
        sum(1 for found in routes.values() if found),
        mismatches,
    )


# -- the run ----------------------------------------------------------------------------------


def query_results(
    found: Queries, theirs: Spread, sizes: dict[str, int], agreed: Agreement
) -> list[Result]:
    mix = ", ".join(f"{n} {kind}" for kind, n in sizes.items())
    companies = sorted(found.company_sizes)
    return [
        Result(
            "warm path to a person: best_routes(graph, (target,), limit=3)",
            found.person.text(),
            theirs.text(),
            workloads.ratio(found.person.p95, theirs.p95),
            f"{_met(found.person.p95, QUERY_TARGET_MS, 'ms')} (p95); {mix}; routes found for "
            f"{agreed.kithkin_found}; baseline: nx.bidirectional_dijkstra, one path of any "
            "length; ratio of p95",
            {**found.person.data(), **theirs.data("baseline_")},
        ),
        Result(
            "warm paths to a company: everyone at one organization",
            found.company.text(),
            "—",
            None,
            f"{len(companies)} organizations of {companies[0]:,}–{companies[-1]:,} people "
            "(current staff, else everyone who worked there)",
            {**found.company.data(), "targets_per_query": companies},
        ),
        Result(
            "find_paths(ctx, person) — the service",
            found.service_person.text(),
            "—",
            None,
            "graph cached; adds the freshness check and the explanation reads; "
            f"first call (builds the graph) {found.service_first_ms / 1000:.1f} s",
            {**found.service_person.data(), "first_call_ms": found.service_first_ms},
        ),
        Result(
            "find_paths(ctx, company=…) — the service",
            found.service_company.text(),
            "—",
            None,
            "resolves the organization and its people, then as above",
            found.service_company.data(),
        ),
        Result(
            "agreement with networkx (≤ 3 hops)",
            f"{agreed.agreed} / {agreed.compared} equal strength",
            "—",
            None,
            f"within 1e-9; networkx's best path is longer than 3 hops for {agreed.longer}, "
            f"no path at all for {agreed.unreachable}",
            {
                "compared": agreed.compared,
                "agreed": agreed.agreed,
                "longer_than_3_hops": agreed.longer,
                "unreachable": agreed.unreachable,
            },
        ),
    ]


def run(options: argparse.Namespace, console: Console) -> int:
    now = datetime.now(UTC)
    folder = Path(tempfile.mkdtemp(prefix="kithkin-network-bench-"))
    results: list[Result] = []
    problems: list[str] = []
    try:
        path, counts, generated = _database(options, folder, now, console)
        results.append(
            Result(
                "the network" + (" (generated)" if generated is not None else " (cached)"),
                f"{generated:.0f} s" if generated is not None else "—",
                "—",
                None,
                counts.text(),
                {"counts": counts.__dict__, "generate_seconds": generated},
            )
        )
        url = f"sqlite:///{path}"
        store = Store.open(url, now=now)
        ctx = workloads.context(store, url, now)
        try:
            with console.status("building the graph…"):
                built = build(store, now, options.builds)
            graph = built.graph
            targets, sizes = pick_targets(graph, options.targets, options.seed)
            companies = organizations(path, options.companies, options.seed)
            with console.status("warm paths: people, companies, the service…"):
                found = queries(ctx, graph, targets, companies, options.service)
            with console.status("networkx: building its graph…"):
                baseline = networkx_build(graph)
            with console.status("networkx: bidirectional Dijkstra per target…"):
                theirs, shortest = networkx_queries(baseline.graph, targets)
            agreed = agreement(found.routes, shortest)
            problems += agreed.mismatches[:5]
            results += build_results(built, baseline)
            results += query_results(found, theirs, sizes, agreed)
        finally:
            ctx.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    settings: dict[str, object] = {
        "people": options.people,
        "seed": options.seed,
        "targets": options.targets,
        "date": now.date().isoformat(),
        "networkx": nx.__version__,
    }
    machine = measure.machine()
    report.show(console, machine, settings, results, problems)
    saved = report.save(machine, settings, results, problems, path=report.RESULTS / "network.json")
    console.print(f"saved {saved}", style="dim")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return run(arguments(argv), Console(width=None if sys.stdout.isatty() else 180))


if __name__ == "__main__":
    sys.exit(main())

"""The workloads, each measured through Kithkin and against its raw baseline."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bench import measure
from bench.backends import Backend
from bench.raw import Raw
from kithkin import sample as samples
from kithkin.config import Settings
from kithkin.services import Context, list_people, search
from kithkin.store import Store
from kithkin.store.tables import PersonRow


@dataclass
class Result:
    workload: str
    kithkin: str
    baseline: str
    ratio: float | None
    note: str = ""
    data: dict[str, object] = field(default_factory=dict)
    group: str = ""  # the table's section


def ratio(kithkin: float, baseline: float) -> float | None:
    return kithkin / baseline if baseline > 0 else None


def compared(workload: str, ours: measure.Latency, theirs: measure.Latency, note: str) -> Result:
    return Result(
        workload,
        ours.text(),
        theirs.text(),
        ratio(ours.p50, theirs.p50),
        note,
        {
            "p50_ms": ours.p50,
            "p95_ms": ours.p95,
            "baseline_p50_ms": theirs.p50,
            "baseline_p95_ms": theirs.p95,
            "runs": ours.runs,
        },
    )


# -- 1. generate and load ----------------------------------------------------------------------


def generate(
    people: int, interactions: int, *, seed: int, today: date
) -> tuple[samples.Sample, Result]:
    measure.reset_peak_rss()
    start = time.perf_counter()
    sample = samples.generate(people, interactions, seed=seed, today=today)
    seconds = time.perf_counter() - start
    rows = sum(sample.counts().values())
    result = Result(
        "generate sample",
        f"{seconds:.1f} s · {rows / seconds:,.0f} rows/s",
        "—",
        None,
        f"{rows:,} rows, peak RSS {measure.peak_rss_mb():,.0f} MiB",
        {"seconds": seconds, "rows": rows, "peak_rss_mb": measure.peak_rss_mb()},
    )
    return sample, result


@dataclass
class Loaded:
    store: Store
    url: str
    baseline_url: str
    results: list[Result]
    problems: list[str]


def load(backend: Backend, sample: samples.Sample, *, now: datetime) -> Loaded:
    """``sample.load`` into a fresh migrated database, then raw executemany into another."""
    rows = sum(sample.counts().values()) + 1  # and the source row
    url = backend.new_database("service")
    store = Store.open(url, now=now)
    gc.collect()
    before = measure.current_rss_mb()
    measure.reset_peak_rss()
    seconds = measure.timed(lambda: samples.load(store, sample, analyze=False))
    peak = measure.peak_rss_mb()

    baseline_url = backend.new_database("baseline")
    migrated = Store.open(baseline_url, now=now)  # the same migration: same FTS triggers
    with migrated.engine.connect() as connection:
        first = samples.first_ids(connection, migrated.owner_id)
    owner = migrated.owner_id
    migrated.close()
    raw = backend.raw(baseline_url)
    gc.collect()
    raw_before = measure.current_rss_mb()
    measure.reset_peak_rss()
    raw_seconds = measure.timed(
        lambda: raw.insert(samples.insert_plan(sample, owner_id=owner, first=first))
    )
    raw_peak = measure.peak_rss_mb()
    raw.close()

    problems = compare_databases(backend, url, baseline_url)
    size = backend.size_mb(url)
    result = Result(
        f"load {len(sample.people):,} people + {len(sample.interactions):,} interactions",
        f"{seconds:.1f} s · {rows / seconds:,.0f} rows/s",
        f"{raw_seconds:.1f} s · {rows / raw_seconds:,.0f} rows/s",
        ratio(seconds, raw_seconds),
        f"peak RSS +{max(0.0, peak - before):,.0f} MiB "
        f"(raw +{max(0.0, raw_peak - raw_before):,.0f}); "
        f"db {size:,.0f} MiB",
        {
            "rows": rows,
            "seconds": seconds,
            "baseline_seconds": raw_seconds,
            "rss_before_mb": before,
            "peak_rss_mb": peak,
            "baseline_rss_before_mb": raw_before,
            "baseline_peak_rss_mb": raw_peak,
            "database_mb": size,
        },
    )
    return Loaded(store, url, baseline_url, [result], problems)


def analyze(store: Store) -> Result:
    seconds = measure.timed(lambda: samples.refresh_statistics(store))
    return Result(
        "ANALYZE (sample.refresh_statistics)",
        f"{seconds:.2f} s",
        "—",
        None,
        "planner statistics; Kithkin itself never runs ANALYZE",
        {"seconds": seconds},
    )


_CHECKED_TABLES = ("people", "person_emails", "employments", "interactions", "follow_ups")


def compare_databases(backend: Backend, url: str, baseline_url: str) -> list[str]:
    """Both loads must have written the same rows."""
    problems = []
    service, baseline = backend.raw(url), backend.raw(baseline_url)
    try:
        for table in _CHECKED_TABLES:
            query = f"SELECT * FROM {table} ORDER BY id LIMIT 200"
            ours, theirs = service._all(query), baseline._all(query)
            if ours != theirs:
                problems.append(f"{table}: the service and baseline loads differ")
        for table in ("interaction_participants", "interaction_topics", "exchanges"):
            query = f"SELECT count(*) FROM {table}"
            if service._all(query) != baseline._all(query):
                problems.append(f"{table}: row counts differ")
    finally:
        service.close()
        baseline.close()
    return problems


def check_search_text(store: Store, count: int = 200) -> list[str]:
    """``sample.search_text`` must agree with ``PeopleRepository.refresh_search_text``."""
    problems = []
    with store.transaction(dry_run=True) as tx:  # refreshing writes; rolled back
        ids = list(tx.session.scalars(select(PersonRow.id).order_by(PersonRow.id).limit(count)))
        for person_id in ids:
            query = select(PersonRow.search_text).where(PersonRow.id == person_id)
            loaded = tx.session.scalar(query)
            tx.people.refresh_search_text(person_id)
            if tx.session.scalar(query) != loaded:
                problems.append(f"people.search_text of person {person_id} differs from refresh")
    return problems[:3]


# -- 2. search, 3. people lists -----------------------------------------------------------------


def pick_queries(sample: samples.Sample) -> dict[str, str]:
    """Realistic searches: someone's name, the biggest employer, words from notes."""
    key = next((p for p in sample.people if p.circle == "key"), sample.people[0])
    employers = Counter(
        job.organization for p in sample.people for job in p.jobs if job.current
    ).most_common(1)
    company = sample.organizations[employers[0][0] if employers else 0].name
    return {
        "name": f"{key.given_name} {key.family_name}",
        "company": company,
        "note word": "hiking",
        "two words": "climate tech",
        "prefix": "berl",
    }


def context(store: Store, url: str, now: datetime) -> Context:
    settings = Settings(database_url=url, timezone=ZoneInfo("UTC"), phone_region="US")
    return Context(store=store, settings=settings, clock=lambda: now)


def searches(
    ctx: Context, raw: Raw, queries: dict[str, str], *, runs: int
) -> tuple[list[Result], list[str]]:
    owner = ctx.store.owner_id
    results, problems = [], []
    for label, query in queries.items():
        found = search(ctx, query)
        people, interactions = raw.search(query, owner, 20)
        # Sets: rows with the same time may come in another order (no tie-breaker in SQL).
        if {p.id for p in found.people} != {row[1] for row in people} or {
            i.id for i in found.interactions
        } != {row[0] for row in interactions}:
            problems.append(f"search {query!r}: the service and the baseline disagree")
        ours = measure.latency(partial(search, ctx, query), runs=runs)
        theirs = measure.latency(partial(raw.search, query, owner, 20), runs=runs)
        note = f"{len(found.people)} people, {len(found.interactions)} interactions"
        results.append(compared(f"search {label}: {query!r}", ours, theirs, note))
    return results, problems


def people_lists(ctx: Context, raw: Raw, *, runs: int) -> tuple[list[Result], list[str]]:
    """``list_people`` as the CLI calls it (with warmth) against one plain query."""
    owner = ctx.store.owner_id
    results, problems = [], []
    for limit in (None, 20):
        found = list_people(ctx, circle="key", limit=limit)
        rows = raw.summaries(owner, circle="key", limit=limit)
        if [p.id for p in found] != [row[1] for row in rows]:
            problems.append(f"people --circle key (limit {limit}): service and baseline disagree")
        ours = measure.latency(partial(list_people, ctx, circle="key", limit=limit), runs=runs)
        theirs = measure.latency(
            partial(raw.summaries, owner, circle="key", limit=limit), runs=runs
        )
        name = "people --circle key" + (f" --limit {limit}" if limit else "")
        results.append(compared(name, ours, theirs, f"{len(found):,} people"))
    return results, problems


# -- the command line, cold -------------------------------------------------------------------


def cold_cli(location: str, *, runs: int) -> tuple[Result, list[str]]:
    """``kithkin --db … people --circle key --limit 20`` as a new process, vs ``python -c pass``."""
    script = Path(sys.executable).with_name("kithkin")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kithkin"]
    command += ["--db", location, "people", "--circle", "key", "--limit", "20"]
    env = {**os.environ, "KITHKIN_TZ": "UTC", "COLUMNS": "120"}
    problems: list[str] = []

    def run(arguments: list[str]) -> Callable[[], object]:
        def call() -> None:
            done = subprocess.run(arguments, env=env, capture_output=True, check=False)
            if done.returncode != 0 and not problems:
                problems.append(f"{' '.join(arguments[:3])}…: {done.stderr.decode()[-300:]}")

        return call

    ours = measure.latency(run(command), runs=runs, warmup=1)
    theirs = measure.latency(run([sys.executable, "-c", "pass"]), runs=runs, warmup=1)
    # For scale: what importing SQLAlchemy's ORM alone costs a new process.
    orm = measure.latency(run([sys.executable, "-c", "import sqlalchemy.orm"]), runs=5, warmup=1)
    note = (
        "new process each run; baseline python -c pass; "
        f"python -c 'import sqlalchemy.orm' alone p50 {orm.p50:.0f} ms"
    )
    result = compared("CLI cold start: people --circle key --limit 20", ours, theirs, note)
    result.data["import_sqlalchemy_orm_p50_ms"] = orm.p50
    return result, problems

"""``python -m bench``: generate a network, load it, and time Kithkin against raw baselines."""

from __future__ import annotations

import argparse
import gc
import signal
import sys
from datetime import UTC, datetime

from rich.console import Console

from bench import engine, imports, measure, report, workloads
from bench.backends import Backend, PostgresBackend, SqliteBackend
from kithkin.services import Context


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--people", type=int, default=100_000, help="default: 100000")
    parser.add_argument("--interactions", type=int, default=1_000_000, help="default: 1000000")
    parser.add_argument("--seed", type=int, default=42, help="default: 42")
    parser.add_argument(
        "--backend",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="postgres: the server at $KITHKIN_BENCH_PG (default "
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres); a database is created "
        "and dropped",
    )
    parser.add_argument(
        "--quick", action="store_true", help="10,000 people and 100,000 interactions"
    )
    parser.add_argument("--runs", type=int, default=50, help="calls per latency (default: 50)")
    parser.add_argument("--cli-runs", type=int, default=10, help="CLI starts (default: 10)")
    parser.add_argument(
        "--no-imports",
        action="store_true",
        help="skip the import workloads (LinkedIn rows as many as --people, a tenth as vCards)",
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.people, options.interactions = 10_000, 100_000
    return options


def run(options: argparse.Namespace, console: Console) -> int:
    now = datetime.now(UTC)
    machine = measure.machine()
    settings: dict[str, object] = {
        "backend": options.backend,
        "people": options.people,
        "interactions": options.interactions,
        "seed": options.seed,
        "runs": options.runs,
        "date": now.date().isoformat(),
    }
    console.print(
        f"kithkin bench: {options.people:,} people, {options.interactions:,} interactions "
        f"on {options.backend}…",
        style="dim",
    )
    backend: Backend = PostgresBackend() if options.backend == "postgres" else SqliteBackend()
    results: list[workloads.Result] = []
    problems: list[str] = []
    ctx: Context | None = None
    try:
        with console.status("generating…"):
            sample, generated = workloads.generate(
                options.people, options.interactions, seed=options.seed, today=now.date()
            )
        results.append(generated)
        with console.status("loading (Kithkin, then the raw baseline)…"):
            loaded = workloads.load(backend, sample, now=now)
        results += loaded.results
        problems += loaded.problems
        queries = workloads.pick_queries(sample)
        del sample
        gc.collect()
        ctx = workloads.context(loaded.store, loaded.url, now)
        with console.status("checking search text…"):
            problems += workloads.check_search_text(loaded.store)
        raw = backend.raw(loaded.url)
        for group in ("as loaded: no planner statistics", "after ANALYZE"):
            if group.startswith("after"):
                with console.status("ANALYZE…"):
                    results.append(workloads.analyze(loaded.store))
            with console.status(f"searching ({group})…"):
                found, trouble = workloads.searches(ctx, raw, queries, runs=options.runs)
            with console.status(f"listing people ({group})…"):
                listed, more_trouble = workloads.people_lists(ctx, raw, runs=options.runs)
            for result in found + listed:
                result.group = group
            results += found + listed
            problems += trouble + more_trouble
        with console.status("the engine: today, goals, balance, review…"):
            engined, trouble = engine.engine_workloads(ctx, raw, day=now.date(), runs=options.runs)
        results += engined
        problems += trouble
        raw.close()
        with console.status("starting the CLI…"):
            started, trouble = workloads.cold_cli(
                backend.cli_location(loaded.url), runs=options.cli_runs
            )
        results.append(started)
        problems += trouble
    finally:
        if ctx is not None:
            ctx.close()
        backend.close()
    if not options.no_imports:
        with console.status("importing LinkedIn rows and vCards (SQLite)…"):
            results += imports.run(rows=options.people, cards=max(options.people // 10, 100))
    report.show(console, machine, settings, results, problems)
    saved = report.save(machine, settings, results, problems)
    console.print(f"saved {saved}", style="dim")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    # A plain kill still cleans up: temporary files, PostgreSQL databases.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Piped or in CI, Rich would wrap the table at 80 columns.
    return run(arguments(argv), Console(width=None if sys.stdout.isatty() else 180))


if __name__ == "__main__":
    sys.exit(main())

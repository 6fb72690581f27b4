"""Imports measured end to end: 100k LinkedIn rows and 10k vCards into a fresh SQLite file.

The LinkedIn baseline is what a careful script would do by hand in the same process:
``csv.reader`` over the same file and one ``sqlite3`` ``executemany`` of the same rows into
a table of the same seven columns. The vCard figures compare parsing with ``vobject``.
``python -m bench.imports [--rows N] [--cards N]`` prints them; ``python -m bench`` includes them.
"""

from __future__ import annotations

import argparse
import csv
import gc
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bench import linkedin_rows, vcard_parse
from bench.workloads import Result, ratio
from kithkin.config import Settings
from kithkin.services import Context
from kithkin.services.imports import import_contacts
from kithkin.store import Store


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _import(folder: Path, kind: str, path: Path, name: str) -> tuple[float, float, int]:
    """Seconds for a first import into an empty database and for importing the same again."""
    settings = Settings(database_url=f"sqlite:///{folder / name}", timezone=UTC, phone_region="US")
    ctx = Context.open(settings)
    try:
        gc.collect()
        start = time.perf_counter()
        first = import_contacts(ctx, kind, path, skip_invalid=True)
        first_seconds = time.perf_counter() - start
        start = time.perf_counter()
        again = import_contacts(ctx, kind, path, skip_invalid=True)
        again_seconds = time.perf_counter() - start
        assert not again.created, "a re-import created people"
    finally:
        ctx.close()
    return first_seconds, again_seconds, len(first.created)


def raw_linkedin(path: Path, database: Path) -> float:
    """The hand-written baseline: find the header, read the rows, insert them in one go."""
    start = time.perf_counter()
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE connections (first TEXT, last TEXT, url TEXT, email TEXT, company TEXT, "
        "position TEXT, connected_on TEXT)"
    )
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file)
        for row in rows:
            if row[:2] == ["First Name", "Last Name"]:
                break
        with connection:
            connection.executemany(
                "INSERT INTO connections VALUES (?, ?, ?, ?, ?, ?, ?)",
                (row for row in rows if len(row) == 7),
            )
    connection.close()
    return time.perf_counter() - start


def raw_linkedin_schema(path: Path, database: Path) -> float:
    """The same rows by hand into Kithkin's own schema (its indexes and full-text triggers):
    people, their profile URL, identity and job, and the organizations, in one transaction."""
    Store.open(f"sqlite:///{database}", now=datetime.now(UTC)).close()
    start = time.perf_counter()
    connection = sqlite3.connect(database)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    people, jobs, organizations = [], [], {}
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file)
        for row in rows:
            if row[:2] == ["First Name", "Last Name"]:
                break
        for first, last, url, _, company, position, _ in (r for r in rows if len(r) == 7):
            if not (first or last):
                continue
            name = f"{first.strip()} {last.strip()}"
            uid = uuid.uuid4().hex
            people.append((uid, name, name.casefold(), first, last, f"{company} {position}", url))
            if company:
                organizations.setdefault(company.casefold(), company)
                jobs.append((uid, company.casefold(), position))
    with connection:
        connection.executemany(
            "INSERT INTO people (uid, owner_id, display_name, sort_name, given_name, family_name,"
            " middle_name, prefix, suffix, met_how, circle, mode, notes, search_text, created_at,"
            " updated_at, warmth_heat) VALUES (?, 1, ?, ?, ?, ?, '', '', '', '', 'network',"
            f" 'both', '', ?, '{stamp}', '{stamp}', 0)",
            (person[:6] for person in people),
        )
        ids = dict(connection.execute("SELECT uid, id FROM people"))
        connection.executemany(
            "INSERT INTO person_urls (person_id, value, label, position) VALUES (?, ?, '', 0)",
            ((ids[person[0]], person[6]) for person in people),
        )
        connection.executemany(
            "INSERT INTO person_identities (owner_id, person_id, system, key) "
            "VALUES (1, ?, 'linkedin', ?)",
            ((ids[person[0]], person[6]) for person in people),
        )
        connection.executemany(
            "INSERT INTO organizations (owner_id, name, normalized_name, domain, industry, notes)"
            " VALUES (1, ?, ?, '', '', '')",
            ((name, key) for key, name in organizations.items()),
        )
        known = dict(connection.execute("SELECT normalized_name, id FROM organizations"))
        connection.executemany(
            "INSERT INTO employments (person_id, organization_id, title, department, is_current,"
            " position) VALUES (?, ?, ?, '', 1, 0)",
            ((ids[uid], known[key], title) for uid, key, title in jobs),
        )
    connection.close()
    return time.perf_counter() - start


def linkedin(rows: int, folder: Path) -> list[Result]:
    path = folder / "Connections.csv"
    path.write_text(linkedin_rows.connections_csv(rows), encoding="utf-8")
    first, again, created = _import(folder, "linkedin", path, "linkedin.db")
    baseline = raw_linkedin(path, folder / "raw.db")
    schema = raw_linkedin_schema(path, folder / "raw-schema.db")
    note = f"{created:,} people created; csv.reader + sqlite3 executemany of the same rows"
    return [
        Result(
            f"import {rows:,} LinkedIn rows, against Kithkin's schema by hand",
            _seconds(first),
            _seconds(schema),
            ratio(first, schema),
            "the same rows by hand into the same tables, indexes and full-text triggers",
            {"kithkin_s": first, "baseline_s": schema, "rows": rows},
            group="imports",
        ),
        Result(
            f"import {rows:,} LinkedIn rows",
            _seconds(first),
            _seconds(baseline),
            ratio(first, baseline),
            note,
            {"kithkin_s": first, "baseline_s": baseline, "rows": rows},
            group="imports",
        ),
        Result(
            "re-import the same file (nothing changes)",
            _seconds(again),
            _seconds(baseline),
            ratio(again, baseline),
            "matched by profile URL and skipped by digest",
            {"kithkin_s": again, "baseline_s": baseline},
            group="imports",
        ),
    ]


def vcards(cards: int, folder: Path) -> list[Result]:
    parsed = vcard_parse.run(cards)
    path = folder / "contacts.vcf"
    path.write_text(vcard_parse.sample_text(cards, 42), encoding="utf-8")
    first, again, created = _import(folder, "vcard", path, "vcard.db")
    speedup = parsed["speedup"]
    return [
        Result(
            f"parse {cards:,} vCards",
            _seconds(parsed["kithkin_s"]),
            f"vobject {_seconds(parsed['vobject_s'])}",
            parsed["kithkin_s"] / parsed["vobject_s"],
            f"{speedup:.0f}× faster than vobject",
            parsed,
            group="imports",
        ),
        Result(
            f"import {cards:,} vCards (and again)",
            f"{_seconds(first)} · again {_seconds(again)}",
            "",
            None,
            f"{created:,} people created; parse, check, match and write",
            {"kithkin_s": first, "again_s": again},
            group="imports",
        ),
    ]


def run(rows: int = 100_000, cards: int = 10_000) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="kithkin-bench-imports-") as name:
        folder = Path(name)
        return linkedin(rows, folder) + vcards(cards, folder)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=10_000)
    options = parser.parse_args()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    for result in run(options.rows, options.cards):
        shown = f"{result.ratio:.2f}×" if result.ratio is not None else ""
        print(f"{result.workload:45} {result.kithkin:>24} {result.baseline:>18} {shown:>7}")
        print(f"    {result.note}")


if __name__ == "__main__":
    main()

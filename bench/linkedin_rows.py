"""How fast ``Connections.csv`` is read: a seeded export of today's shape, timed against ``csv``.

``python -m bench.linkedin_rows [rows]`` prints the figures.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from urllib.parse import quote

from kithkin.formats.linkedin import read_connections

_NOTE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\n'
    "\n"
)
_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_GIVEN = (
    "Ana", "Ben", "Chloé", "Dmitri", "Elif", "Farid", "Grace", "Hiroshi", "Ines", "José",
    "Kwame", "Lena", "Mateo", "Nadia", "Oluwaseun", "Priya", "Quentin", "Rosa", "Søren", "Wei",
)  # fmt: skip
_FAMILY = (
    "Ruiz", "Nair", "Okafor", "Müller", "García", "Nowak", "Sato", "Berg", "Mensah", "Petrov",
    "O'Brien", "van der Berg", "Kowalczyk", "Nguyen", "Haddad", "Silva", "Andersen", "Chen",
)  # fmt: skip
_CREDENTIALS = ("MBA", "PhD", "CPA", "MBA, PMP", "PE", "CFA")
_COMPANIES = (
    "Northwind Traders", "Kestrel Labs", "Greenleaf", "Fábrica Azul", "Contoso",
    "Smith, Jones & Partners, LLP", "Acme, Inc.", "Blue Harbor Capital", "Self-employed",
)  # fmt: skip
_POSITIONS = (
    "Software Engineer", "Head of Partnerships", "Founder & CEO", "Recruiter", "Designer",
    "Product Manager", "Principal Consultant", "Student", "Sales Director, EMEA",
)  # fmt: skip
_EMOJI = ("🌱", "🚀", "✨", "☕")


def connections_csv(rows: int, seed: int = 42) -> str:
    """A ``Connections.csv`` of today's shape with ``rows`` rows and LinkedIn's quirks.

    About 2% of rows hold only a date, 3% carry credentials after the last name, 5% have
    untrimmed names, 2% an emoji, 10% an accented (percent-encoded) URL slug, 2% an e-mail.
    """
    randomness = random.Random(seed)
    out = io.StringIO(newline="")
    out.write(_NOTE)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_HEADER)
    first_day = date(2008, 1, 1)
    for number in range(rows):
        day = first_day + timedelta(days=randomness.randrange(6200))
        connected_on = f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"
        chance = randomness.random()
        if chance < 0.02:
            writer.writerow(["", "", "", "", "", "", connected_on])
            continue
        given, family = randomness.choice(_GIVEN), randomness.choice(_FAMILY)
        slug = quote(f"{given}-{family}".lower().replace(" ", "-").replace("'", ""))
        slug = f"{slug}-{number:x}{randomness.randrange(16**4):04x}"
        if chance < 0.05:
            family = f"{family}, {randomness.choice(_CREDENTIALS)}"
        elif chance < 0.10:
            given, family = f" {given}  ", f"{family} "
        elif chance < 0.12:
            given = f"{given} {randomness.choice(_EMOJI)}"
        email = f"{given.strip().lower()}.{number}@example.com" if chance > 0.98 else ""
        empty_job = randomness.random() < 0.05
        writer.writerow(
            [
                given,
                family,
                f"https://www.linkedin.com/in/{slug}",
                email,
                "" if empty_job else randomness.choice(_COMPANIES),
                "" if empty_job else randomness.choice(_POSITIONS),
                connected_on,
            ]
        )
    return out.getvalue()


def _best_of(runs: int, work: Callable[[], object], clock: Callable[[], float]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = clock()
        work()
        best = min(best, clock() - started)
    return best


def run(rows: int = 100_000) -> dict[str, float]:
    """Seconds to read ``rows`` connections (best of 3), and the bare ``csv.reader`` baseline.

    ``cpu_seconds`` is the process's CPU time: steadier than the wall clock on a busy machine.
    """
    text = connections_csv(rows)
    parsed = read_connections(text, file="Connections.csv")

    def read() -> object:
        return read_connections(text, file="Connections.csv")

    def baseline_read() -> object:
        return list(csv.reader(io.StringIO(text, newline="")))

    seconds = _best_of(3, read, time.perf_counter)
    cpu_seconds = _best_of(3, read, time.process_time)
    baseline = _best_of(3, baseline_read, time.perf_counter)
    return {
        "rows": float(rows),
        "megabytes": len(text.encode()) / 1e6,
        "cards": float(len(parsed.cards)),
        "skipped": float(len(parsed.skipped)),
        "problems": float(len(parsed.problems)),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "microseconds_per_row": seconds / rows * 1e6,
        "rows_per_second": rows / seconds,
        "csv_reader_seconds": baseline,
        "ratio_to_csv_reader": seconds / baseline,
    }


if __name__ == "__main__":
    figures = run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
    for name, value in figures.items():
        print(f"{name:>22}  {value:,.3f}")

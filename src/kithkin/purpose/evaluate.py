"""Precision, recall and F1 per class, and macro-F1: how the model is judged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kithkin.core.vocabulary import Purpose
from kithkin.purpose.model import CLASSES


@dataclass(frozen=True, slots=True)
class ClassScore:
    purpose: Purpose
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class Evaluation:
    classes: tuple[ClassScore, ...]
    accuracy: float
    confusion: dict[Purpose, dict[Purpose, int]]  # truth -> predicted -> count

    @property
    def macro_f1(self) -> float:
        return sum(score.f1 for score in self.classes) / len(self.classes)

    def table(self) -> str:
        """A Markdown table, as in the README."""
        lines = ["| class | precision | recall | F1 | notes |", "|---|---|---|---|---|"]
        lines += [
            f"| {s.purpose.value} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |"
            for s in self.classes
        ]
        lines.append(f"| **macro** | | | **{self.macro_f1:.3f}** | accuracy {self.accuracy:.3f} |")
        return "\n".join(lines)


def evaluate(truth: Sequence[Purpose], predicted: Sequence[Purpose]) -> Evaluation:
    if len(truth) != len(predicted) or not truth:
        raise ValueError("need as many predictions as labels, and at least one")
    confusion = {t: dict.fromkeys(CLASSES, 0) for t in CLASSES}
    for t, p in zip(truth, predicted, strict=True):
        confusion[t][p] += 1
    scores = []
    for c in CLASSES:
        hits = confusion[c][c]
        predicted_c = sum(confusion[t][c] for t in CLASSES)
        actual_c = sum(confusion[c].values())
        precision = hits / predicted_c if predicted_c else 0.0
        recall = hits / actual_c if actual_c else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(ClassScore(c, precision, recall, f1, actual_c))
    accuracy = sum(confusion[c][c] for c in CLASSES) / len(truth)
    return Evaluation(tuple(scores), accuracy, confusion)

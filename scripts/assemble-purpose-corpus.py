"""Assemble the purpose corpus from the writers' batches (run once per new batch).

    python scripts/assemble-purpose-corpus.py corpus-work

Reads BATCHES/<batch>/part-*.jsonl; batches named heldout* go to heldout.jsonl, the others to
train.jsonl, each record tagged with its batch. Drops exact repeats, and any training note that
is nearly the same as a held-out note (so the held-out score is not inflated by leakage).
"""

from __future__ import annotations

import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

from kithkin.purpose.corpus import parse_examples

OUT = Path(__file__).resolve().parents[1] / "src/kithkin/purpose/corpus"


def key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def main() -> None:
    root = Path(sys.argv[1])
    train: list[dict[str, object]] = []
    heldout: list[dict[str, object]] = []
    seen: set[str] = set()
    repeats = 0
    for batch in sorted(p for p in root.iterdir() if p.is_dir()):
        for part in sorted(batch.glob("part-*.jsonl")):
            for example in parse_examples(part.read_text("utf-8"), source=str(part)):
                k = key(example.text)
                if k in seen:
                    repeats += 1
                    continue
                seen.add(k)
                record = {
                    "text": example.text,
                    "purpose": example.purpose.value,
                    "topics": list(example.topics),
                    "channel": example.channel.value,
                    "batch": batch.name,
                }
                (heldout if batch.name.startswith("heldout") else train).append(record)
    held_keys = [key(str(r["text"])) for r in heldout]
    leaked = 0
    kept = []
    for record in train:
        k = key(str(record["text"]))
        if any(SequenceMatcher(None, k, h).quick_ratio() > 0.9
               and SequenceMatcher(None, k, h).ratio() > 0.9 for h in held_keys):
            leaked += 1
            continue
        kept.append(record)
    for name, records in (("train.jsonl", kept), ("heldout.jsonl", heldout)):
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        (OUT / name).write_text("\n".join(lines) + "\n", "utf-8")
        print(f"{name}: {len(records)} notes")
    print(f"dropped {repeats} exact repeats and {leaked} training notes near a held-out one")


if __name__ == "__main__":
    main()

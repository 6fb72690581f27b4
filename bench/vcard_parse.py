"""Parsing a 10,000-card vCard 3.0 file: Kithkin's reader against ``vobject.readComponents``.

``python -m bench.vcard_parse [cards] [seed]`` prints the figures; :func:`run` returns them.
Both parsers read the same text (cards as Apple and Google write them: typed e-mails and
phones, an address, organization, title, birthday, a note with commas folded at 75 octets);
each is timed three times and the best time is kept, with the cycle collector paused for
both, as ``kithkin import`` runs the reader.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Callable

from kithkin.formats.vcard import read_vcards

_GIVEN = ("Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Inès", "Jonas")
_FAMILY = ("Ruiz", "Okafor", "Müller", "Nakamura", "Silva", "Kowalski", "Dubois", "Haddad")
_ORGS = ("Acme GmbH", "Northwind", "Globex, Inc.", "Initech", "Umbrella Labs", "Hooli")
_TITLES = ("Engineer", "Product Manager", "Head of Sales, EMEA", "Designer", "CTO")
_CITIES = (("Berlin", "10115", "Germany"), ("Lyon", "69001", "France"), ("Austin", "73301", "USA"))
_TOPICS = ("tea", "climbing", "jazz", "board games", "sourdough", "bikes", "books", "sailing")
_PLACES = ("a meetup", "the Lisbon conference", "Farid's wedding", "a hackathon", "the gym")
_LATER = (
    "Wants an intro to someone in logistics, ideally before March.",
    "Owes me a book recommendation.",
    "Moved teams last spring; ask how the new manager is working out.",
    "",
)


def sample_text(cards: int, seed: int) -> str:
    """``cards`` realistic vCard 3.0 cards, the same ones for the same seed."""
    rng = random.Random(seed)
    parts: list[str] = []
    for number in range(cards):
        given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
        city, code, country = rng.choice(_CITIES)
        born = f"{rng.randrange(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        local = f"{given}.{family}{number}".lower()
        topics = ", ".join(rng.sample(_TOPICS, 3))
        note = f"Met at {rng.choice(_PLACES)}, talked about {topics}. {rng.choice(_LATER)}"
        lines = (
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"UID:urn:uuid:{rng.getrandbits(128):032x}",
            f"N:{family};{given};;;",
            f"FN:{given} {family}",
            f"ORG:{_escaped(rng.choice(_ORGS))};Research",
            f"TITLE:{_escaped(rng.choice(_TITLES))}",
            f"EMAIL;TYPE=INTERNET;TYPE=WORK;TYPE=pref:{local}@example.com",
            f"EMAIL;TYPE=INTERNET;TYPE=HOME:{local}@mail.example.org",
            f"TEL;TYPE=CELL;TYPE=pref:+49 151 {rng.randrange(10**7):07d}",
            f"TEL;TYPE=WORK:+49 30 {rng.randrange(10**7):07d}",
            f"ADR;TYPE=HOME:;;{rng.randrange(1, 200)} Hauptstrasse;{city};;{code};{country}",
            f"BDAY:{born}",
            f"NOTE:{_escaped(note.strip())}",
            "END:VCARD",
        )
        parts.append("".join(_folded(line) for line in lines))
    return "".join(parts)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _folded(line: str) -> str:
    """Lines longer than 75 characters folded, as every exporter writes them."""
    chunks = [line[:75]] + [line[start : start + 74] for start in range(75, len(line), 74)]
    return "\r\n ".join(chunks) + "\r\n"


def _best_of_three(call: Callable[[], object]) -> float:
    best = float("inf")
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            call()
            best = min(best, time.perf_counter() - start)
            gc.collect()
    finally:
        if was_enabled:
            gc.enable()
    return best


def _kithkin(text: str) -> int:
    parsed = read_vcards(text, file="bench.vcf")
    return sum(len(card.emails) + len(card.phones) for card in parsed.cards)


def _vobject(text: str) -> int:
    import vobject

    touched = 0
    for card in vobject.readComponents(text):
        for child in card.getChildren():
            touched += child.value is not None
    return touched


def run(cards: int = 10_000, seed: int = 42) -> dict[str, float]:
    """Seconds each parser needs for the same ``cards``-card text (best of three)."""
    text = sample_text(cards, seed)
    kithkin = _best_of_three(lambda: _kithkin(text))
    theirs = _best_of_three(lambda: _vobject(text))
    return {
        "cards": float(cards),
        "kithkin_s": kithkin,
        "vobject_s": theirs,
        "speedup": theirs / kithkin if kithkin > 0 else float("inf"),
    }


if __name__ == "__main__":
    arguments = [int(value) for value in sys.argv[1:3]]
    figures = run(*arguments)
    print(
        f"{int(figures['cards']):,} vCards: Kithkin {figures['kithkin_s'] * 1000:.0f} ms, "
        f"vobject {figures['vobject_s'] * 1000:.0f} ms, {figures['speedup']:.1f}× faster"
    )

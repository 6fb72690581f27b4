"""How a note is cut into words (lower-cased, apostrophes made plain)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'")


def words_of(text: str) -> list[str]:
    return _WORD.findall(normalize(text))

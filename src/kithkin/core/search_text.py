"""What full-text search indexes for a person, built from plain values (no queries)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NON_WORD = re.compile(r"\W+")


def person_search_text(
    *,
    nicknames: Iterable[str] = (),
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    jobs: Iterable[tuple[str, str]] = (),
    tags: Iterable[str] = (),
    interests: Iterable[str] = (),
    met_how: str = "",
    places: Iterable[tuple[str, str, str]] = (),
    notes: str = "",
) -> str:
    """Nicknames, e-mails (also split into words: PostgreSQL's parser keeps a whole address as
    one token), phones as typed, jobs as (organization, title) current first, tags, interests,
    how we met, addresses as (locality, region, country), and the notes."""
    parts = [
        *nicknames,
        *(f"{email} {_NON_WORD.sub(' ', email)}" for email in emails),
        *phones,
        *(f"{organization} {title}" for organization, title in jobs),
        *tags,
        *interests,
        met_how,
        *(f"{locality} {region} {country}" for locality, region, country in places),
        notes,
    ]
    return " ".join(part for part in parts if part)

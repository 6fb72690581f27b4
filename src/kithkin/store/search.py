"""Full-text search over people and interaction notes: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import re
import unicodedata
from unicodedata import combining

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kithkin.store.tables import InteractionRow, ParticipantRow

_WORD = re.compile(r"\w+", re.UNICODE)


def _accent_map() -> tuple[str, str]:
    """The Latin letters (U+00C0–U+024F) that lose their accents to one plain ASCII letter,
    and those letters: the map PostgreSQL's tsvector columns fold with (migration 0011 froze
    it; a test checks they agree). SQLite's FTS5 tokenizer folds accents itself."""
    accented = plain = ""
    for code in range(0xC0, 0x250):
        letter = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", letter) if not combining(c))
        if len(base) == 1 and base.isascii() and base.isalpha() and base != letter:
            accented, plain = accented + letter, plain + base
    return accented, plain


ACCENTED, PLAIN = _accent_map()
_FOLD = str.maketrans(ACCENTED, PLAIN)  # a PostgreSQL query is folded as its columns are


def query_words(query: str) -> list[str]:
    return _WORD.findall(query.casefold())[:20]


class SearchRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id
        self.dialect = session.get_bind().dialect.name

    def people(self, query: str, *, limit: int = 50) -> list[int]:
        """Person ids whose name, contact points, jobs, tags or notes match every word."""
        words = query_words(query)
        if not words:
            return []
        if self.dialect == "sqlite":
            # The full-text index goes first, always (MATERIALIZED): without planner
            # statistics SQLite may otherwise walk every row and probe the index for each.
            statement = text(
                "WITH hits AS MATERIALIZED (SELECT rowid, bm25(people_fts, 10.0, 1.0) AS rank "
                "FROM people_fts WHERE people_fts MATCH :match) "
                "SELECT p.id FROM hits JOIN people p ON p.id = hits.rowid "
                "WHERE p.owner_id = :owner ORDER BY hits.rank, p.sort_name LIMIT :limit"
            )
        else:
            statement = text(
                "SELECT p.id FROM people p "
                "WHERE p.search_vector @@ to_tsquery('simple', :match) AND p.owner_id = :owner "
                "ORDER BY ts_rank(p.search_vector, to_tsquery('simple', :match)) DESC, "
                "p.sort_name LIMIT :limit"
            )
        params = {"match": self._match(words), "owner": self.owner_id, "limit": limit}
        return list(self.session.scalars(statement, params))

    def interactions(self, query: str, *, limit: int = 50) -> list[int]:
        """Interaction ids whose note matches every word, newest first."""
        words = query_words(query)
        if not words:
            return []
        if self.dialect == "sqlite":
            statement = text(
                "WITH hits AS MATERIALIZED (SELECT rowid FROM interactions_fts "
                "WHERE interactions_fts MATCH :match) "
                "SELECT i.id FROM hits JOIN interactions i ON i.id = hits.rowid "
                "WHERE i.owner_id = :owner ORDER BY i.occurred_at DESC LIMIT :limit"
            )
        else:
            statement = text(
                "SELECT i.id FROM interactions i "
                "WHERE i.note_vector @@ to_tsquery('simple', :match) AND i.owner_id = :owner "
                "ORDER BY i.occurred_at DESC LIMIT :limit"
            )
        params = {"match": self._match(words), "owner": self.owner_id, "limit": limit}
        return list(self.session.scalars(statement, params))

    def interactions_with(self, person_ids: list[int], *, limit: int = 50) -> list[int]:
        return list(
            self.session.scalars(
                select(ParticipantRow.interaction_id)
                .join(InteractionRow, InteractionRow.id == ParticipantRow.interaction_id)
                .where(ParticipantRow.person_id.in_(person_ids))
                .order_by(InteractionRow.occurred_at.desc())
                .limit(limit)
            )
        )

    def _match(self, words: list[str]) -> str:
        """Every word must match, the last one as a prefix (search as you type)."""
        if self.dialect == "sqlite":
            quoted = [f'"{word}"' for word in words]
            quoted[-1] += "*"
            return " AND ".join(quoted)
        terms = [word.translate(_FOLD) for word in words]
        terms[-1] += ":*"
        return " & ".join(terms)

"""Full-text search over people and interaction notes: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import re

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kithkin.store.tables import InteractionRow, ParticipantRow

_WORD = re.compile(r"\w+", re.UNICODE)


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
        terms = list(words)
        terms[-1] += ":*"
        return " & ".join(terms)

"""Core statements on a hot path, run on the session's connection rather than through
`Session.execute`: the ORM's execution layer (its compile plugin, result set-up and event
hooks) is about half the cost of a small read, and a select of plain columns gets nothing
from it. The rows are the same (the same column types convert the values)."""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.orm import Session


def connection(session: Session) -> Connection:
    """The session's connection in its transaction, after flushing what the session holds
    (as `Session.execute` would autoflush), so a read sees the transaction's own writes."""
    session.flush()  # nothing to do (and cheap) when it holds no changes
    return session.connection()

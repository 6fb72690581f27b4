"""The web's ledger page's latest entries, always within one owner (the people you owe most
come from ``FactsRepository.most_one_sided``, as the weekly review's do).

Every entry is written with its interaction and at its time (``InteractionsRepository.add``;
a changed date moves the interaction's entries with it), so the newest are read by walking
``ix_interactions_owner_at`` backwards and each interaction's entries by
``ix_exchanges_interaction_id``; entries without an interaction, should any exist, are read
apart and merged in.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kithkin.core.records import Exchange
from kithkin.store import direct
from kithkin.store.interactions import EXCHANGE_COLUMNS, exchange_record
from kithkin.store.tables import ExchangeRow, InteractionRow, PersonRow


class LedgerPagesRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def latest(self, limit: int) -> list[Exchange]:
        """The ``limit`` newest entries, newest first (then the latest written first)."""
        linked = (
            select(*EXCHANGE_COLUMNS, PersonRow.uid, PersonRow.display_name)
            .select_from(InteractionRow)
            .join(ExchangeRow, ExchangeRow.interaction_id == InteractionRow.id)
            .join(PersonRow, PersonRow.id == ExchangeRow.person_id)
            .where(InteractionRow.owner_id == self.owner_id, ExchangeRow.owner_id == self.owner_id)
            .order_by(
                InteractionRow.occurred_at.desc(), InteractionRow.id.desc(), ExchangeRow.id.desc()
            )
            .limit(limit)
        )
        loose = (
            select(*EXCHANGE_COLUMNS, PersonRow.uid, PersonRow.display_name)
            .join(PersonRow, PersonRow.id == ExchangeRow.person_id)
            .where(ExchangeRow.interaction_id.is_(None), ExchangeRow.owner_id == self.owner_id)
            .order_by(ExchangeRow.occurred_at.desc(), ExchangeRow.id.desc())
            .limit(limit)
        )
        connection = direct.connection(self.session)
        rows = [*connection.execute(linked).all(), *connection.execute(loose).all()]
        entries = [exchange_record(row, row.uid, row.display_name) for row in rows]
        entries.sort(key=lambda entry: (entry.at, entry.id), reverse=True)
        return entries[:limit]

"""The web's ledger page: the people you owe most (with how many you owe at all) and the
latest entries, always within one owner.

* the one-sided: the ledger's counts per person (``GROUP BY person_id`` on
  ``ix_exchanges_owner_person_direction``), those with a net below zero ordered as
  ``ledger.most_one_sided`` orders them, and their number counted in the same pass;
* the latest entries: every entry is written with its interaction and at its time
  (``InteractionsRepository.add``; interactions' times never change and an entry goes with
  its interaction), so the newest are read by walking ``ix_interactions_owner_at`` backwards
  and each interaction's entries by ``ix_exchanges_interaction_id``; entries without an
  interaction, should any exist, are read apart and merged in.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from kithkin.core.ledger import Balance
from kithkin.core.records import Exchange
from kithkin.core.vocabulary import Direction
from kithkin.store import direct
from kithkin.store.interactions import EXCHANGE_COLUMNS, exchange_record
from kithkin.store.tables import ExchangeRow, InteractionRow, PersonRow


def _count(direction: Direction) -> Any:
    return func.count().filter(ExchangeRow.direction == direction.value).label(direction.value)


class LedgerPagesRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    def one_sided(self, limit: int) -> tuple[list[tuple[str, str, Balance]], int]:
        """``(id, name, balance)`` of the ``limit`` people you owe most (net below zero),
        worst first, then by asks and id; and how many people you owe in all."""
        counts = (
            select(
                ExchangeRow.person_id,
                _count(Direction.GAVE),
                _count(Direction.RECEIVED),
                _count(Direction.ASKED),
            )
            .where(ExchangeRow.owner_id == self.owner_id)
            .group_by(ExchangeRow.person_id)
            .subquery()
        )
        c = counts.c
        net = c.gave - case((c.asked > c.received, c.asked), else_=c.received)
        owed = (
            select(c.person_id, c.gave, c.received, c.asked, net.label("net"))
            .where(net < 0)
            .subquery()
        )
        o = owed.c
        uid_order = (
            PersonRow.uid.collate("C")
            if self.session.get_bind().dialect.name == "postgresql"
            else PersonRow.uid
        )
        rows = (
            direct.connection(self.session)
            .execute(
                select(
                    PersonRow.uid,
                    PersonRow.display_name,
                    o.gave,
                    o.received,
                    o.asked,
                    func.count().over().label("owed"),
                )
                .join(PersonRow, PersonRow.id == o.person_id)
                .order_by(o.net, o.asked.desc(), uid_order)
                .limit(limit)
            )
            .all()
        )
        found = [
            (uid, name, Balance(int(gave), int(received), int(asked)))
            for uid, name, gave, received, asked, _ in rows
        ]
        return found, int(rows[0].owed) if rows else 0

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

"""Storage: the only package that speaks SQL. ``Store.open(url)`` gives a migrated database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Engine, bindparam, select
from sqlalchemy.exc import DatabaseError as DriverError
from sqlalchemy.orm import Session

from kithkin.core.defaults import DEFAULT_CIRCLES, DEFAULT_GOALS, DEFAULT_SETTINGS
from kithkin.errors import DatabaseError
from kithkin.store import data_version, direct
from kithkin.store.auth import AuthRepository
from kithkin.store.common_ground import CommonGroundRepository
from kithkin.store.data_version import DataVersions
from kithkin.store.engine import make_engine
from kithkin.store.events import EventsRepository
from kithkin.store.facts import FactsRepository
from kithkin.store.imports import ImportsRepository
from kithkin.store.interactions import FollowUpsRepository, InteractionsRepository
from kithkin.store.introductions import IntroductionsRepository
from kithkin.store.migrate import ensure_current
from kithkin.store.network import NetworkRepository
from kithkin.store.people import PeopleRepository
from kithkin.store.preferences import PreferencesRepository
from kithkin.store.purpose import PurposeRepository
from kithkin.store.search import SearchRepository
from kithkin.store.tables import AccountRow, CircleRow, GoalRow, SettingRow, SourceRow

LOCAL_ACCOUNT = "me"
_CADENCES = select(CircleRow.name, CircleRow.cadence_days).where(
    CircleRow.owner_id == bindparam("owner_id")
)


class Transaction:
    """One unit of work: everything done through it commits together or not at all."""

    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id
        self.people = PeopleRepository(session, owner_id)
        self.interactions = InteractionsRepository(session, owner_id, self.people)
        self.follow_ups = FollowUpsRepository(session, owner_id)
        self.search = SearchRepository(session, owner_id)
        self.facts = FactsRepository(session, owner_id)
        self.events = EventsRepository(session, owner_id)
        self.preferences = PreferencesRepository(session, owner_id)
        self.imports = ImportsRepository(session, owner_id)
        self.purpose = PurposeRepository(session, owner_id)
        self.network = NetworkRepository(session, owner_id)
        self.common_ground = CommonGroundRepository(session, owner_id)
        self.introductions = IntroductionsRepository(session, owner_id)

    def new_source(self, kind: str, *, now: datetime, detail: str = "") -> int:
        source = SourceRow(owner_id=self.owner_id, kind=kind, detail=detail, created_at=now)
        self.session.add(source)
        self.session.flush()
        return source.id

    def circle_cadences(self) -> dict[str, int | None]:
        rows = direct.connection(self.session).execute(_CADENCES, {"owner_id": self.owner_id}).all()
        return {row.name: row.cadence_days for row in rows}


class Store:
    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    @classmethod
    def open(cls, url: str, *, now: datetime, account: str = LOCAL_ACCOUNT) -> Store:
        """Open (creating and migrating as needed) the database and the account's defaults."""
        engine = make_engine(url)
        try:
            ensure_current(engine)
            with Session(engine) as session, session.begin():
                owner_id = _ensure_account(session, account, now)
        except DriverError as error:  # also "file is not a database", not only OperationalError
            engine.dispose()
            reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise DatabaseError(f"cannot open the database {engine.url!r}: {reason}.") from None
        except DatabaseError:
            engine.dispose()
            raise
        return cls(engine, owner_id)

    @contextmanager
    def transaction(self, *, dry_run: bool = False) -> Iterator[Transaction]:
        """Commit when the block ends without error; with ``dry_run``, always roll back."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield Transaction(session, self.owner_id)
            if dry_run:
                session.rollback()
            else:
                session.flush()
                data_version.bump_if_written(session.connection(), self.owner_id)

    def data_version(self) -> int:
        """The owner's data version: it changes with every write of the owner's data."""
        return self.data_versions().data

    def data_versions(self) -> DataVersions:
        """The owner's data version, and the one at which their interactions last changed."""
        with self.engine.connect() as connection:
            return data_version.current(connection, self.owner_id)

    def for_owner(self, owner_id: int) -> Store:
        """The same database seen by another account (a web request's signed-in owner).
        Shares the engine: do not close it."""
        return Store(self.engine, owner_id)

    def ensure_account(self, username: str, *, now: datetime) -> int:
        """The account's id, creating it with the default circles, goals and settings."""
        with Session(self.engine) as session, session.begin():
            return _ensure_account(session, username, now)

    @contextmanager
    def accounts(self) -> Iterator[AuthRepository]:
        """Sign-in state across accounts, in its own transaction."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield AuthRepository(session)

    def close(self) -> None:
        """Close, letting SQLite refresh its planner statistics where they are stale.

        ``PRAGMA optimize`` (bounded by ``analysis_limit``) is SQLite's advice for every
        connection that closes; without statistics the planner can pick scans that make a
        100k-contact database slow.
        """
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA analysis_limit=1000")
                connection.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()


def _ensure_account(session: Session, username: str, now: datetime) -> int:
    found = session.scalars(select(AccountRow.id).where(AccountRow.username == username)).first()
    if found is not None:
        return found
    account = AccountRow(username=username, password_hash=None, display_name="", created_at=now)
    session.add(account)
    session.flush()
    for position, (circle, cadence) in enumerate(DEFAULT_CIRCLES):
        session.add(
            CircleRow(
                owner_id=account.id, name=circle.value, cadence_days=cadence, position=position
            )
        )
    for goal in DEFAULT_GOALS:
        session.add(
            GoalRow(
                owner_id=account.id,
                key=goal.key,
                period=goal.period,
                target=goal.target,
                label=goal.label,
                active=True,
            )
        )
    for key, value in DEFAULT_SETTINGS.items():
        session.add(SettingRow(owner_id=account.id, key=key, value=json.dumps(value)))
    session.flush()
    return account.id

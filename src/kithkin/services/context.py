"""What every use case needs: the store, the user's settings and a clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kithkin.config import Settings
from kithkin.store import Store


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    store: Store
    settings: Settings
    clock: Callable[[], datetime] = field(default=system_clock)
    source_kind: str = "cli"  # recorded as the provenance of what this front end writes
    cache: dict[str, Any] = field(default_factory=dict)  # e.g. a loaded purpose model

    @classmethod
    def open(cls, settings: Settings, *, source_kind: str = "cli") -> Context:
        fixed = settings.fixed_now
        clock: Callable[[], datetime] = (lambda: fixed) if fixed is not None else system_clock
        store = Store.open(settings.database_url, now=clock())
        return cls(store=store, settings=settings, clock=clock, source_kind=source_kind)

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    def close(self) -> None:
        self.store.close()

"""Where things are: the database location, the user's time zone and phone region.

Nothing here runs at import time; ``Settings.from_environment`` reads the environment when asked.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kithkin.errors import InvalidInput


def default_data_dir(environ: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME/kithkin``, falling back to ``~/.local/share/kithkin``."""
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kithkin"


def database_url(location: str | None, environ: Mapping[str, str]) -> str:
    """The SQLAlchemy URL for ``--db``/``KITHKIN_DB``: a path means SQLite, a URL is kept."""
    chosen = location or environ.get("KITHKIN_DB") or ""
    if not chosen:
        return "sqlite:///" + str(default_data_dir(environ) / "kithkin.db")
    if chosen.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        rest = chosen.split("://", 1)[1]
        return "postgresql+psycopg://" + rest
    if chosen.startswith("sqlite:///"):
        return chosen
    if "://" in chosen:
        raise InvalidInput(
            f"{chosen!r} is neither a file path nor a postgresql:// URL.", field="--db"
        )
    return "sqlite:///" + str(Path(chosen).expanduser().resolve())


def _local_zone(environ: Mapping[str, str]) -> tzinfo:
    name = environ.get("KITHKIN_TZ") or environ.get("TZ")
    if name:
        try:
            return ZoneInfo(name.removeprefix(":"))
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput(f"{name!r} is not a time zone name.", field="KITHKIN_TZ") from None
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


def _phone_region(environ: Mapping[str, str]) -> str | None:
    explicit = environ.get("KITHKIN_REGION")
    if explicit:
        return explicit.upper()
    lang = environ.get("LC_ALL") or environ.get("LANG") or ""
    territory = lang.split(".")[0].split("_")[1:] if "_" in lang else []
    return territory[0].upper() if territory and len(territory[0]) == 2 else None


def _purpose_backend(environ: Mapping[str, str]) -> str:
    chosen = environ.get("KITHKIN_PURPOSE_BACKEND") or "default"
    if chosen not in ("default", "semantic"):
        raise InvalidInput(
            f"{chosen!r} is not a purpose backend; use default or semantic.",
            field="KITHKIN_PURPOSE_BACKEND",
        )
    return chosen


@dataclass(frozen=True)
class Settings:
    database_url: str
    timezone: tzinfo
    phone_region: str | None
    fixed_now: datetime | None = None  # KITHKIN_NOW: a fixed clock for scripts and tests
    purpose_backend: str = "default"  # KITHKIN_PURPOSE_BACKEND: default | semantic

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, *, db: str | None = None
    ) -> Settings:
        env = os.environ if environ is None else environ
        fixed = env.get("KITHKIN_NOW")
        zone = _local_zone(env)
        fixed_now = None
        if fixed:
            try:
                parsed = datetime.fromisoformat(fixed)
            except ValueError:
                raise InvalidInput(
                    f"{fixed!r} is not an ISO date-time.", field="KITHKIN_NOW"
                ) from None
            fixed_now = parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
        return cls(
            database_url=database_url(db, env),
            timezone=zone,
            phone_region=_phone_region(env),
            fixed_now=fixed_now,
            purpose_backend=_purpose_backend(env),
        )

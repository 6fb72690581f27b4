"""An ASGI entry point for servers with several workers:
`uvicorn kithkin.web.asgi:app --workers 2` (the database from KITHKIN_DB, as for the CLI).

Off loopback, create an account with a password first (kithkin user add)."""

from __future__ import annotations

from kithkin.config import Settings
from kithkin.web.app import create_app

app = create_app(Settings.from_environment())

"""Small builders of backup documents for the core tests of the backup."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kithkin.core.backup_document import format_document
from kithkin.core.backup_format import FORMAT

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def backup_of(**sections: Any) -> str:
    return format_document({"format": FORMAT, "version": 1, **sections})


def person(uid: str, name: str, **values: Any) -> dict[str, Any]:
    created = "2026-11-20T09:00:00Z"
    return {"uid": uid, "display_name": name, "sort_name": name.casefold(), **values} | {
        "created_at": values.get("created_at", created),
        "updated_at": values.get("updated_at", created),
    }


def source(key: str, **values: Any) -> dict[str, Any]:
    return {"id": key, "kind": "cli", "detail": "", "created_at": "2026-11-20T09:00:00Z", **values}

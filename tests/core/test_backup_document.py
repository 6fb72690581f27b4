from __future__ import annotations

from typing import Any

import pytest

from kithkin.core.backup_document import build_document, format_document
from kithkin.core.backup_format import MISSING, Schema
from kithkin.store.backup import backup_schema
from tests.core.backup_factories import T0


@pytest.fixture(scope="module")
def schema() -> Schema:
    return backup_schema()  # the tables as the models describe them; no database


def test_the_text_is_utf8_with_sorted_keys_and_a_final_newline() -> None:
    assert format_document({"b": "ü", "a": [1]}) == '{\n  "a": [\n    1\n  ],\n  "b": "ü"\n}\n'


def test_rows_get_keys_in_the_documents_order_and_references_use_them(schema: Schema) -> None:
    rows = {
        "sources": [
            {"id": 7, "owner_id": 1, "kind": "cli", "detail": "later", "created_at": T0},
            {
                "id": 9,
                "owner_id": 1,
                "kind": "cli",
                "detail": "first",
                "created_at": T0.replace(hour=8),
            },
        ],
        "people": [_person_row(3, "b2"), _person_row(4, "a1")],
        "person_tags": [
            {"person_id": 3, "name": "vip", "source_id": 7},
            {"person_id": 3, "name": "alpha", "source_id": 9},
        ],
    }
    document = build_document(schema, rows, exported_at=T0)
    assert document["sources"] == [
        {"id": "source:1", "kind": "cli", "detail": "first", "created_at": "2026-11-20T08:00:00Z"},
        {"id": "source:2", "kind": "cli", "detail": "later", "created_at": "2026-11-20T09:00:00Z"},
    ]
    assert [p["uid"] for p in document["people"]] == ["a1", "b2"]
    assert document["people"][1]["tags"] == [
        {"name": "alpha", "source": "source:1"},
        {"name": "vip", "source": "source:2"},
    ]
    assert document["people"][1]["photo"] is None and document["account"] is None
    assert document["exported_at"] == "2026-11-20T09:00:00Z"


def _person_row(row_id: int, uid: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        field.column: (field.default if field.default is not MISSING else None)
        for field in backup_schema().tables["people"].fields
    }
    return row | {"id": row_id, "owner_id": 1, "uid": uid, "display_name": uid, "sort_name": uid}

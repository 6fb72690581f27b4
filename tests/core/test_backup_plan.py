from __future__ import annotations

import pytest

from kithkin.core.backup_document import Stored, stored_rows
from kithkin.core.backup_format import Schema
from kithkin.core.backup_plan import plan_import
from kithkin.services.backup import read_backup
from kithkin.store.backup import backup_schema
from tests.core.backup_factories import T0, backup_of, person, source


@pytest.fixture(scope="module")
def schema() -> Schema:
    return backup_schema()  # the tables as the models describe them; no database


def test_alike_rows_are_matched_one_for_one_so_a_second_import_creates_nothing(
    schema: Schema,
) -> None:
    text = backup_of(
        sources=[source("source:1"), source("source:2"), source("source:3", detail="x")]
    )
    backup = read_backup(text, schema, file="b.json")
    first = {"owner_id": 1, "kind": "cli", "detail": "", "created_at": T0}
    stored = stored_rows(schema, {"sources": [{"id": 5, **first}]})
    plan = plan_import(schema, stored, backup)
    step = next(step for step in plan.steps if step.table == "sources")
    assert [w.record.key for w in step.inserts] == ["source:2", "source:3"]
    assert [r.key for r in step.unchanged] == ["source:1"]


def test_a_matched_row_takes_the_documents_values(schema: Schema) -> None:
    text = backup_of(
        settings=[{"key": "agenda_limit", "value": "12"}, {"key": "new", "value": "1"}]
    )
    backup = read_backup(text, schema, file="b.json")
    stored = {
        "settings": [Stored(("1", "agenda_limit"), None, {"key": "agenda_limit", "value": "10"})]
    }
    plan = plan_import(schema, stored, backup)
    step = next(step for step in plan.steps if step.table == "settings")
    assert [(w.pk, w.values, w.changed) for w in step.updates] == [
        (("1", "agenda_limit"), {"value": "12"}, ("value",))
    ]
    assert [w.values for w in step.inserts] == [{"key": "new", "value": "1"}]


def test_references_to_matched_rows_become_their_database_ids(schema: Schema) -> None:
    text = backup_of(
        sources=[source("source:1"), source("source:2", detail="new")],
        people=[
            person("a1", "Ana", tags=[{"name": "vip", "source": "source:1"}]),
            person("b2", "Bo", tags=[{"name": "vip", "source": "source:2"}]),
        ],
    )
    backup = read_backup(text, schema, file="b.json")
    assert backup.issues == []
    stored = stored_rows(
        schema,
        {"sources": [{"id": 5, "owner_id": 1, "kind": "cli", "detail": "", "created_at": T0}]},
    )
    plan = plan_import(schema, stored, backup)
    tags = next(step for step in plan.steps if step.table == "person_tags")
    assert tags.inserts[0].values["source"] == 5
    assert repr(tags.inserts[1].values["source"]) == "New(table='sources', key='source:2')"

from __future__ import annotations

import pytest

from kithkin.core.backup_format import Kind, Schema, identity
from kithkin.store.backup import backup_schema
from tests.core.backup_factories import T0


@pytest.fixture(scope="module")
def schema() -> Schema:
    return backup_schema()  # the tables as the models describe them; no database


def test_every_table_comes_after_the_tables_it_refers_to(schema: Schema) -> None:
    order = schema.order()
    assert sorted(order) == sorted(schema.tables)
    for name in order:
        for item in schema.tables[name].fields:
            if item.kind is Kind.REF and item.target is not None and item.target != name:
                assert order.index(item.target) < order.index(name), (name, item.name)


def test_nested_rows_name_their_parent_by_its_column(schema: Schema) -> None:
    assert schema.parent_field("person_emails") == "person"
    assert schema.parent_field("people") is None
    assert [section.name for section in schema.children("interactions")] == [
        "participants",
        "topics",
    ]


def test_an_external_key_alone_says_which_interaction_it_is(schema: Schema) -> None:
    values = {"external_key": "li:1", "occurred_at": T0, "created_at": T0, "channel": "email"}
    assert identity(schema, "interactions", values) == ("external", "li:1")
    unkeyed = values | {"external_key": None}
    assert identity(schema, "interactions", unkeyed) == (T0, T0, "email")


def test_a_row_without_a_chosen_identity_is_recognised_by_all_its_fields(schema: Schema) -> None:
    sources = schema.tables["sources"]
    assert schema.identity_fields("sources") == tuple(item.name for item in sources.fields)
    assert schema.identity_fields("people") == ("uid",)

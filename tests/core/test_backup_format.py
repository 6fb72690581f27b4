from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from kithkin.core.backup_format import (
    FORMAT,
    MISSING,
    Field,
    Kind,
    Schema,
    Stored,
    build_document,
    convert,
    format_document,
    parse_json,
    path_text,
    plan_import,
    read_backup,
    stored_rows,
)
from kithkin.errors import InvalidInput
from kithkin.store.backup import backup_schema

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return backup_schema()  # the tables as the models describe them; no database


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


# -- text and positions ------------------------------------------------------------------------


def test_a_path_reads_like_python() -> None:
    assert path_text(("people", 3, "emails", 0, "value")) == "people[3].emails[0].value"
    assert path_text(("account", "display_name")) == "account.display_name"


def test_the_rows_of_top_level_lists_know_their_lines_in_any_layout() -> None:
    pretty = '{\n  "people": [\n    {"a": 1},\n\n    {"b": [1,\n 2]}\n  ],\n  "x": 1\n}'
    document, positions = parse_json(pretty)
    assert document == {"people": [{"a": 1}, {"b": [1, 2]}], "x": 1}
    assert [positions.line_of(("people", i)) for i in range(2)] == [3, 5]
    assert positions.line_of(("people", 1, "b", 1)) == 6
    assert positions.line_of(("x",)) == 8
    compact = '{"people":[{"a":1},{"b":2}]}'
    assert parse_json(compact)[0] == json.loads(compact)
    assert parse_json(compact)[1].line_of(("people", 1)) == 1


def test_nested_lines_follow_the_last_of_repeated_keys_as_json_does() -> None:
    text = '{"people": [\n{"emails": [],\n "emails": [\n  {"v": 1}]}]}'
    document, positions = parse_json(text)
    assert document["people"][0]["emails"] == [{"v": 1}]
    assert positions.line_of(("people", 0, "emails", 0)) == 4


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ('{"a": 1,\n}', "Expecting property name enclosed in double quotes", 2, 1),
        ('{"a": [1,\n 2\n 3]}', "Expecting ',' delimiter", 3, 2),
        ('{"a": 1} x', "Extra data", 1, 10),
        ('{"a": }', "Expecting value", 1, 7),
        ('{"a" 1}', "Expecting ':' delimiter", 1, 6),
        ("", "Expecting value", 1, 1),
    ],
)
def test_broken_json_says_what_and_where(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        parse_json(text)
    assert (caught.value.msg, caught.value.lineno, caught.value.colno) == (message, line, column)


def test_the_text_is_utf8_with_sorted_keys_and_a_final_newline() -> None:
    assert format_document({"b": "ü", "a": [1]}) == '{\n  "a": [\n    1\n  ],\n  "b": "ü"\n}\n'


# -- values --------------------------------------------------------------------------------


def test_values_are_checked_and_converted_by_kind() -> None:
    text = Field("name", "name", Kind.TEXT, length=5)
    assert convert(text, "Ana") == "Ana"
    day = Field("on", "on", Kind.DATE)
    assert convert(day, "2026-02-28") == date(2026, 2, 28)
    at = Field("at", "at", Kind.DATETIME)
    assert convert(at, "2026-11-20T10:00:00+01:00") == T0
    assert convert(Field("x", "x", Kind.FLOAT), 1) == 1.0
    optional = Field("n", "n", Kind.INTEGER, nullable=True, default=None)
    assert convert(optional, MISSING) is None and convert(optional, None) is None


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        (Kind.TEXT, 5, "expected text, got the number 5"),
        (Kind.TEXT, "toolong", "is 7 characters long; at most 5 fit"),
        (Kind.TEXT, "a\x00", "contains a NUL character"),
        (Kind.TEXT, "\ud800", "lone surrogate"),
        (Kind.INTEGER, True, "expected a whole number, got true"),
        (Kind.INTEGER, 2**31, "out of range"),
        (Kind.FLOAT, float("nan"), "expected a finite number"),
        (Kind.BOOLEAN, 1, "expected true or false"),
        (Kind.DATE, "2026-02-30", "expected a day as YYYY-MM-DD"),
        (Kind.DATETIME, "2026-11-20T09:00:00", "without a zone"),
        (Kind.DATETIME, "9999-12-31T23:00:00-05:00", "out of range in UTC"),
        (Kind.TEXT, None, "cannot be null"),
        (Kind.TEXT, MISSING, "is missing"),
    ],
)
def test_a_wrong_value_says_what_was_expected(kind: Kind, raw: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        convert(Field("f", "f", kind, length=5), raw)


# -- reading a document --------------------------------------------------------------------


def test_an_empty_backup_is_valid(schema: Schema) -> None:
    backup = read_backup(backup_of(), schema, file="b.json")
    assert backup.issues == [] and not backup.fatal


def test_a_row_without_a_field_takes_the_columns_default(schema: Schema) -> None:
    backup = read_backup(backup_of(people=[person("a1", "Ana")]), schema, file="b.json")
    assert backup.issues == []
    (ana,) = backup.records["people"]
    assert (ana.values["circle"], ana.values["notes"], ana.values["birth_year"]) == (
        "network",
        "",
        None,
    )
    assert ana.values["warmth_heat"] == 0.0 and ana.key == "a1"


def test_problems_name_the_file_the_line_of_the_row_and_the_field(schema: Schema) -> None:
    text = backup_of(
        people=[
            person("a1", "Ana", circle="bestie", birth_month=2, birth_day=30, shoe_size=42),
            person("a1", "Ana again"),
            {"uid": "b2"},
        ],
        relationships=[
            {"person": "a1", "other": "zz", "kind": "friend", "created_at": "2026-01-01T00:00Z"}
        ],
    )
    backup = read_backup(text, schema, file="b.json")
    lines = text.splitlines()
    first = lines.index('  "people": [') + 2
    second = lines.index("    {", first) + 1
    messages = [str(issue) for issue in backup.issues]
    assert messages[:3] == [
        f"b.json:{first}: people[0].shoe_size: is not a field of this row (from a newer Kithkin?)",
        f"b.json:{first}: people[0].circle: 'bestie' is not one of: inner, key, network, dormant",
        f"b.json:{first}: people[0].birth_month: day 30 does not exist in month 2.",
    ]
    assert any(
        f":{second}: people[1].uid: this uid is already that of people[0]" in m for m in messages
    )
    assert any("people[2].display_name: is missing" in m for m in messages)
    assert any("relationships[0].other: 'zz' is not a key of people" in m for m in messages)
    assert not backup.fatal


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "expected a Kithkin backup (a JSON object), got a list"),
        ('{"version": 1}', 'not a Kithkin backup: "format" is nothing'),
        (f'{{"format": "{FORMAT}"}}', "expected a version number such as 1, got null"),
        (f'{{"format": "{FORMAT}", "version": 7}}', "made by a newer Kithkin (backup version 7"),
        ('{"format": ', "not valid JSON: Expecting value (line 1, column 12)"),
    ],
)
def test_a_document_that_is_not_a_backup_is_refused_whole(
    schema: Schema, text: str, message: str
) -> None:
    backup = read_backup(text, schema, file="b.json")
    assert backup.fatal and message in str(backup.issues[0])


def test_a_byte_order_mark_is_ignored(schema: Schema) -> None:
    backup = read_backup("\ufeff" + backup_of(), schema, file="b.json")
    assert backup.issues == []


def test_leaving_out_invalid_rows_leaves_out_what_needs_them(schema: Schema) -> None:
    text = backup_of(
        people=[person("a1", "Ana", mode="sometimes"), person("b2", "Bo")],
        sources=[source("source:1")],
        milestones=[
            {"person": p, "kind": "move", "month": 3, "day": 1, "created_at": "2026-01-01T00:00Z"}
            for p in ("a1", "b2")
        ],
    )
    backup = read_backup(text, schema, file="b.json")
    assert [issue.field for issue in backup.issues] == ["people[0].mode"]
    left_out = backup.drop_invalid()
    assert [(issue.field, issue.message[:33]) for issue in left_out] == [
        ("milestones[0].person", "left out: it refers to people[0] ")
    ]
    assert [r.values["uid"] for r in backup.kept("people")] == ["b2"]
    assert [r.values["person"] for r in backup.kept("milestones")] == ["b2"]


# -- export --------------------------------------------------------------------------------


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


# -- matching ------------------------------------------------------------------------------


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

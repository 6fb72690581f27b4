from __future__ import annotations

import pytest

from kithkin.core.backup_checks import path_text
from kithkin.core.backup_format import FORMAT, Schema
from kithkin.services.backup import read_backup
from kithkin.store.backup import backup_schema
from tests.core.backup_factories import backup_of, person, source


@pytest.fixture(scope="module")
def schema() -> Schema:
    return backup_schema()  # the tables as the models describe them; no database


def test_a_path_reads_like_python() -> None:
    assert path_text(("people", 3, "emails", 0, "value")) == "people[3].emails[0].value"
    assert path_text(("account", "display_name")) == "account.display_name"


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

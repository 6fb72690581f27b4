from __future__ import annotations

import json

import pytest

from kithkin.formats.json_lines import parse_json


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

"""JSON read with line numbers: the value of a document's text, and where its parts start.

The standard library's parser says where a syntax error is, not where a valid value came
from. ``parse_json`` walks the top-level object and its lists itself, recording where each
row starts, and leaves every row to the standard C scanner, so the line numbers cost almost
nothing on a large file; ``Positions.line_of`` finds anything deeper on demand, for error
messages (``file:line: field: what is wrong``). Errors are ``json.JSONDecodeError``, as from
``json.loads``.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# The standard library's own scanners (C when available), not in its type stubs.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
_STRING: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def _value_at(text: str, index: int) -> tuple[Any, int]:
    try:
        return _SCAN(text, index)
    except StopIteration as stop:
        raise json.JSONDecodeError("Expecting value", text, stop.value) from None


def _skip(text: str, index: int) -> int:
    match = _WS.match(text, index)
    return match.end() if match else index


class Positions:
    """Where things start in the document's text: the rows of every top-level list are
    recorded while parsing; anything deeper is found on demand (for error messages)."""

    def __init__(self, text: str, tops: dict[str, int], rows: dict[str, list[int]]) -> None:
        self.text = text
        self.tops = tops  # where each top-level value starts
        self.rows = rows  # where each row of each top-level list starts
        self._anchors = sorted([0, *tops.values(), *(o for each in rows.values() for o in each)])
        self._lines: list[int] = []
        line, previous = 1, 0
        for offset in self._anchors:
            line += text.count("\n", previous, offset)
            self._lines.append(line)
            previous = offset

    def line_at(self, offset: int) -> int:
        index = bisect.bisect_right(self._anchors, offset) - 1
        return self._lines[index] + self.text.count("\n", self._anchors[index], offset)

    def line_of(self, segments: Sequence[str | int]) -> int:
        """The line where the value at ``segments`` starts (as near as can be found)."""
        if not segments or not isinstance(segments[0], str) or segments[0] not in self.tops:
            return 1
        name = segments[0]
        rows = self.rows.get(name, [])
        if len(segments) > 1 and isinstance(segments[1], int) and segments[1] < len(rows):
            offset, rest = rows[segments[1]], segments[2:]
        else:
            offset, rest = self.tops[name], segments[1:]
        return self.line_at(self._walk(offset, rest))

    def _walk(self, offset: int, segments: Sequence[str | int]) -> int:
        text = self.text
        try:
            for segment in segments:
                offset = _skip(text, offset)
                if isinstance(segment, int) and text.startswith("[", offset):
                    offset = _skip(text, offset + 1)
                    for _ in range(segment):
                        offset = _skip(text, _skip(text, _value_at(text, offset)[1]) + 1)
                    continue
                if not isinstance(segment, str) or not text.startswith("{", offset):
                    return offset
                found, offset = offset, _skip(text, offset + 1)
                while text.startswith('"', offset):  # the last of equal keys wins, as in json
                    key, offset = _STRING(text, offset + 1)
                    offset = _skip(text, _skip(text, offset) + 1)
                    if key == segment:
                        found = offset
                    offset = _skip(text, _value_at(text, offset)[1])
                    offset = _skip(text, offset + 1) if text.startswith(",", offset) else offset
                offset = found
            return _skip(text, offset)
        except (json.JSONDecodeError, IndexError):
            return offset


def parse_json(text: str) -> tuple[Any, Positions]:
    """The JSON value of ``text`` and where its top-level rows start; raises JSONDecodeError.

    The top-level object and its lists are walked here, each row parsed by the standard C
    scanner, so line numbers cost almost nothing on a large file.
    """
    tops: dict[str, int] = {}
    rows: dict[str, list[int]] = {}
    index = _skip(text, 0)
    if not text.startswith("{", index):
        value, end = _value_at(text, index)
        _end(text, end)
        return value, Positions(text, tops, rows)
    document: dict[str, Any] = {}
    index = _skip(text, index + 1)
    if text.startswith("}", index):
        _end(text, index + 1)
        return document, Positions(text, tops, rows)
    while True:
        if not text.startswith('"', index):
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, index
            )
        key, index = _STRING(text, index + 1)
        index = _skip(text, index)
        if not text.startswith(":", index):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, index)
        index = _skip(text, index + 1)
        tops[key] = index
        if text.startswith("[", index):
            document[key], rows[key], index = _list(text, index)
        else:
            document[key], index = _value_at(text, index)
        index = _skip(text, index)
        if text.startswith(",", index):
            index = _skip(text, index + 1)
        elif text.startswith("}", index):
            _end(text, index + 1)
            return document, Positions(text, tops, rows)
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, index)


def _list(text: str, index: int) -> tuple[list[Any], list[int], int]:
    items: list[Any] = []
    starts: list[int] = []
    index = _skip(text, index + 1)
    if text.startswith("]", index):
        return items, starts, index + 1
    while True:
        starts.append(index)
        item, index = _value_at(text, index)
        items.append(item)
        index = _skip(text, index)
        if text.startswith(",", index):
            index = _skip(text, index + 1)
        elif text.startswith("]", index):
            return items, starts, index + 1
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, index)


def _end(text: str, index: int) -> None:
    index = _skip(text, index)
    if index != len(text):
        raise json.JSONDecodeError("Extra data", text, index)

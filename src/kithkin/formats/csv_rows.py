"""Reading exported CSV files: the header found by its content, rows with their physical lines.

Exports put notes above the header (LinkedIn), quote fields across several lines (notes,
addresses) and name their columns with varying case. :class:`CsvTable` hides all of that:
it finds the header row by the column names it must hold, and yields each record with the
line of the file it starts on, keyed by column name.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, time

from kithkin.core.imports import ImportIssue
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, ParsedContacts

Row = dict[str, str]  # column name → the cell's text, untouched


def column_key(name: str) -> str:
    """How column names are compared: case, spacing and a stray byte-order mark do not count."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


class CsvTable:
    """A CSV file from its header row on; whatever comes before the header is a preamble.

    ``headers`` lists the column sets that make a row the header: the first row holding all
    the columns of any one set is it. Columns are named as spelled in ``headers`` and
    ``known`` whatever the file's case or spacing; other columns keep the file's spelling.
    ``expected`` says what the file should have been, for the error when no header is found.
    """

    def __init__(
        self,
        text: str,
        *,
        file: str,
        headers: Sequence[Iterable[str]],
        expected: str,
        known: Iterable[str] = (),
    ) -> None:
        self.file = file
        self._reader = csv.reader(io.StringIO(text, newline=""))
        spellings = {column_key(name): name for names in headers for name in names}
        spellings.update((column_key(name), name) for name in known)
        wanted = [{column_key(name) for name in names} for names in headers]
        for line, fields in self._records():
            keys = [column_key(field) for field in fields]
            if any(names <= set(keys) for names in wanted):
                self.line = line
                self.columns = tuple(
                    spellings.get(key, " ".join(field.split()))
                    for key, field in zip(keys, fields, strict=True)
                )
                return
        raise InvalidInput(f"no header row found; expected {expected}.", file=file)

    def has(self, column: str) -> bool:
        return column in self.columns

    def rows(self, problems: list[ImportIssue]) -> Iterator[tuple[int, Row]]:
        """Each record after the header with the line it starts on; blank records are passed.

        A record with more or fewer fields than the header has columns is reported in
        ``problems`` and left out (extra fields that are empty are tolerated: a trailing comma).
        """
        columns, width = self.columns, len(self.columns)
        for line, fields in self._records():
            if len(fields) != width:
                if len(fields) < width or "".join(fields[width:]).strip():
                    problems.append(self._width_problem(line, len(fields)))
                    continue
                fields = fields[:width]
            yield line, dict(zip(columns, fields, strict=True))

    def _width_problem(self, line: int, fields: int) -> ImportIssue:
        return ImportIssue(
            self.file,
            line,
            "",
            f"the record has {fields} fields but the header has {len(self.columns)} columns; "
            "a quote or a comma may be missing.",
        )

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        """The records that are not blank, each with the line it starts on."""
        reader = self._reader
        line = reader.line_num + 1
        try:
            for fields in reader:
                if any(fields) and not "".join(fields).isspace():
                    yield line, fields
                line = reader.line_num + 1
        except csv.Error as error:
            raise InvalidInput(
                f"the file cannot be read as CSV ({error}).", file=self.file, line=line
            ) from None


def read_cards(
    table: CsvTable, file: str, card_of: Callable[[int, Row], ContactCard]
) -> ParsedContacts:
    """Every row as a card: a row that cannot be read is a problem, an empty one is skipped."""
    parsed = ParsedContacts(file)
    for line, row in table.rows(parsed.problems):
        try:
            card = card_of(line, row)
        except InvalidInput as error:
            parsed.problems.append(ImportIssue(file, line, error.field or "", error.message))
            continue
        if card.name or card.emails or card.phones or card.organization:
            parsed.cards.append(card)
        else:
            parsed.skipped.append(
                ImportIssue(file, line, "", "the contact has no name, e-mail, phone or company.")
            )
    return parsed


def clean(text: str) -> str:
    """A one-line value: trimmed, runs of whitespace (newlines too) made single spaces."""
    return " ".join(text.split())


def clean_lines(text: str) -> str:
    """A multi-line value (notes): each line cleaned, line breaks kept, no blank runs."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = clean(raw)
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n")


_MULTI = re.compile(r"\s*:::\s*")


def split_values(text: str) -> list[str]:
    """Google's several values in one cell, ``a ::: b``, each cleaned; empty ones dropped."""
    if ":::" not in text:
        value = clean(text)
        return [value] if value else []
    return [value for value in (clean(part) for part in _MULTI.split(text)) if value]


def clean_label(text: str) -> str:
    """A value's label as exports write it (``* Mobile``, ``Work``) in lower case: ``mobile``."""
    return clean(text).removeprefix("*").strip().lower()


_US_DATE = re.compile(
    r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})"
    r"(?:,?\s+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*([AaPp][Mm])?)?"
)


def parse_us_date(text: str) -> tuple[int, int, int, time | None] | None:
    """``M/D/YY, h:mm AM`` or ``M/D/YYYY`` as ``(year, month, day, time)``, unchecked.

    The year is returned as written (two digits stay two digits) and month or day may be 0:
    what a zero or a short year means differs between exporters. None when the text does
    not have that shape or the time of day is impossible.
    """
    match = _US_DATE.fullmatch(text.strip())
    if match is None:
        return None
    month, day, year = int(match[1]), int(match[2]), int(match[3])
    if match[4] is None:
        return year, month, day, None
    hour, minute, second = int(match[4]), int(match[5]), int(match[6] or 0)
    if match[7] is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[7].lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return year, month, day, time(hour, minute, second)


def make_date(year: int, month: int, day: int) -> date | None:
    """The day, or None when there is no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None

"""Reading vCard 2.1, 3.0 and 4.0 files (or a vdir folder of them) into ContactCards.

The cards are found by their BEGIN:VCARD and END:VCARD lines. A card's content lines are
unfolded (a line starting with a space or a tab continues the one before) and split into
group, name, parameters and value by one regular expression over the whole card. A card that
needs more care (2.1 quoted-printable soft line breaks, base64 lines without indentation, a
line that is not a property) is read line by line instead, which also names the line of each
problem. ``vcard_fields`` then turns the properties into a card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from kithkin.core.imports import ImportIssue
from kithkin.errors import InvalidInput
from kithkin.formats import text as texts
from kithkin.formats.contact import ContactCard, ParsedContacts
from kithkin.formats.vcard_fields import RawLine, card_from_properties
from kithkin.formats.vcard_syntax import parameters

# The end of a BEGIN:VCARD or END:VCARD line (the start is checked apart: this is faster).
_VCARD = re.compile(r":[ \t]*[Vv][Cc][Aa][Rr][Dd][ \t]*$", re.MULTILINE)
_BOUNDARY = re.compile(r"(?:[A-Za-z0-9_-]+\.)?(BEGIN|END)[ \t]*", re.IGNORECASE)
# [group.]name, parameters (from the first ';'; quoted values may hold colons), value. Lines
# that are not properties are found by _CONTENT_LINE_OR_NOT's last group.
_PROPERTY = r'^([A-Za-z0-9_.-]+)(;[^:"\n]*(?:"[^"\n]*"[^:"\n]*)*|):(.*)'
_CONTENT_LINE = re.compile(_PROPERTY + "()", re.MULTILINE)
_CONTENT_LINE_OR_NOT = re.compile(_PROPERTY + "$|^(.+)$", re.MULTILINE)
_FOLD = re.compile(r"\n[ \t]")
_LINE_END = re.compile(r"\r*\n|\r")
_QUOTED_PRINTABLE = re.compile(r"QUOTED-PRINTABLE", re.IGNORECASE)
_BASE64_LINE = re.compile(r"[ \t]*[A-Za-z0-9+/=]+[ \t]*")


_Block = tuple[int, str]  # the line of BEGIN:VCARD, and the lines up to END:VCARD


@dataclass(frozen=True)
class _Shape:
    """What the whole text has, so that each card is not searched for it."""

    folded: bool  # continuation lines
    blank_lines: bool
    soft_line_breaks: bool  # 2.1 quoted-printable values going on on the next line

    @classmethod
    def of(cls, text: str) -> _Shape:
        soft = "=\n" in text and _QUOTED_PRINTABLE.search(text) is not None
        return cls("\n " in text or "\n\t" in text, "\n\n" in text, soft)


def read_vcards(text: str, *, file: str) -> ParsedContacts:
    """Every card in ``text`` (already decoded); InvalidInput when it holds no vCard at all."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if "\r" in text:  # CR CR LF (iPhone exports), or CR alone (old Macs)
        text = _LINE_END.sub("\n", text)
    blocks, problems, begins = _blocks(text, file)
    if not begins:
        raise InvalidInput(
            "there is no BEGIN:VCARD line, so no contact to read; is this a vCard (.vcf) file?",
            file=file,
        )
    parsed = ParsedContacts(file=file, problems=problems)
    shape = _Shape.of(text)
    for block in blocks:
        card = _card(block, shape, file)
        if isinstance(card, ContactCard):
            parsed.cards.append(card)
        else:
            parsed.problems += card
    parsed.problems.sort(key=lambda issue: issue.line)
    return parsed


def read_vcard_path(path: Path) -> ParsedContacts:
    """A .vcf file, or a vdir folder: every ``*.vcf`` directly in it, in name order."""
    if not path.is_dir():
        return read_vcards(_read_text(path), file=str(path))
    try:
        files = sorted(item for item in path.iterdir() if item.suffix.lower() == ".vcf")
    except OSError as error:
        raise InvalidInput(f"cannot be read: {error.strerror or error}.", file=str(path)) from None
    files = [item for item in files if item.is_file()]
    if not files:
        raise InvalidInput("the folder holds no .vcf file to import.", file=str(path))
    parsed = ParsedContacts(file=str(path))
    for item in files:
        try:
            one = read_vcards(_read_text(item), file=str(item))
        except InvalidInput as error:
            issue = ImportIssue(str(item), error.line or 0, error.field or "", error.message)
            parsed.problems.append(issue)
            continue
        parsed.cards += [replace(card, file=str(item)) for card in one.cards]
        parsed.problems += one.problems
    return parsed


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot be read: {error.strerror or error}.", file=str(path)) from None
    return texts.decode(data, file=str(path))


def _blocks(text: str, file: str) -> tuple[list[_Block], list[ImportIssue], int]:
    """The cards' bodies, the problems with BEGIN and END lines, and how many BEGINs there are."""
    blocks: list[_Block] = []
    problems: list[ImportIssue] = []
    begins, line, counted = 0, 1, 0
    opened: tuple[int, int] | None = None  # the open card's line, and where its body starts
    for end in _VCARD.finditer(text):
        start = text.rfind("\n", 0, end.start()) + 1
        match = _BOUNDARY.fullmatch(text, start, end.start())
        if match is None:
            continue
        line += text.count("\n", counted, start)
        counted = start
        if match[1].upper() == "BEGIN":
            begins += 1
            if opened is not None:
                message = f"the card has no END:VCARD before the next BEGIN:VCARD (line {line})."
                problems.append(ImportIssue(file, opened[0], "end", message))
            opened = (line, end.end() + 1)
        elif opened is None:
            message = "END:VCARD without a BEGIN:VCARD before it."
            problems.append(ImportIssue(file, line, "end", message))
        else:
            blocks.append((opened[0], text[opened[1] : start]))
            opened = None
    if opened is not None:
        message = "the card has no END:VCARD; the file may be cut short."
        problems.append(ImportIssue(file, opened[0], "end", message))
    return blocks, problems, begins


def _card(block: _Block, shape: _Shape, file: str) -> ContactCard | list[ImportIssue]:
    raws = _content_lines(block[1], shape)
    lines: list[int] | None = None
    if raws is None:
        raws, lines, problems = _content_lines_one_by_one(block, file)
        if problems:
            return problems
    try:
        return card_from_properties(block[0], raws, lines)
    except InvalidInput as error:
        if lines is None:  # read again line by line, to say which line
            return _card_problem(block, file)
        return [ImportIssue(file, error.line or block[0], error.field or "", error.message)]


def _card_problem(block: _Block, file: str) -> list[ImportIssue]:
    raws, lines, problems = _content_lines_one_by_one(block, file)
    try:
        card_from_properties(block[0], raws, lines)
    except InvalidInput as error:
        line = error.line or block[0]
        problems.append(ImportIssue(file, line, error.field or "", error.message))
    return problems


def _content_lines(body: str, shape: _Shape) -> list[RawLine] | None:
    """The card's properties at once; None when the card must be read line by line."""
    if shape.soft_line_breaks and "=\n" in body and _QUOTED_PRINTABLE.search(body):
        return None
    if shape.folded and ("\n " in body or "\n\t" in body):
        body = _FOLD.sub("", body)
    raws: list[RawLine] = _CONTENT_LINE.findall(body)
    lines = body.count("\n") + (body[-1:] not in ("\n", ""))
    if len(raws) == lines and not (shape.blank_lines and _has_blank_line(body)):
        return raws  # one property per line: every line was read
    raws = _CONTENT_LINE_OR_NOT.findall(body)
    return None if any(raw[3] for raw in raws) else raws


def _has_blank_line(body: str) -> bool:
    return "\n\n" in body or body[:1] == "\n"


def _content_lines_one_by_one(
    block: _Block, file: str
) -> tuple[list[RawLine], list[int], list[ImportIssue]]:
    """The properties with their line numbers, and a problem for each line that is not one."""
    raws: list[RawLine] = []
    numbers: list[int] = []
    problems: list[ImportIssue] = []
    first, body = block
    lines = body.split("\n")
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        number = first + 1 + index
        index += 1
        if index < count and lines[index][:1] in (" ", "\t"):
            parts = [line]
            while index < count and lines[index][:1] in (" ", "\t"):
                parts.append(lines[index][1:])
                index += 1
            line = "".join(parts)
        if line[-1:] == "=" and _QUOTED_PRINTABLE.search(line.partition(":")[0]):
            parts = [line[:-1]]  # 2.1 soft line breaks: the value goes on on the next line
            while index < count:
                following = lines[index]
                index += 1
                if following[-1:] != "=":
                    parts.append(following)
                    break
                parts.append(following[:-1])
            line = "".join(parts)
        match = _CONTENT_LINE_OR_NOT.fullmatch(line)
        if match is None:  # an empty line
            continue
        if not match[4]:
            raws.append((match[1], match[2], match[3], ""))
            numbers.append(number)
        elif raws and _is_base64(raws[-1]) and _BASE64_LINE.fullmatch(line):
            name, params, value, _ = raws[-1]
            raws[-1] = (name, params, value + line.strip(), "")  # 2.1, not indented
        elif line.strip():
            problems.append(ImportIssue(file, number, "", _not_a_property(line)))
    return raws, numbers, problems


def _is_base64(raw: RawLine) -> bool:
    return bool(raw[1]) and parameters(raw[1]).encoding in ("B", "BASE64")


def _not_a_property(line: str) -> str:
    found = line.strip() if len(line.strip()) <= 40 else line.strip()[:40] + "…"
    if ":" not in line:
        return f"expected a property (NAME:value) but the line has no colon: {found!r}."
    return f"expected a property name (letters, digits, '-') before the colon: {found!r}."

"""The text syntax of vCard 2.1, 3.0 and 4.0: escaping, folding, parameters, quoted-printable.

Shared by the reader (``vcard_read``) and the writer (``vcard_write``). A property's
parameters are kept as ``((NAME, (value, …)), …)``: names upper-case, values as written
(without their quotes), both in file order, the shape of :class:`RawProperty.params`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

Params = tuple[tuple[str, tuple[str, ...]], ...]

_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\", '"': '"'}
_REPLACEMENTS = tuple(("\\" + escaped, char) for escaped, char in _UNESCAPED.items())
_QUOTED_PRINTABLE_RUN = re.compile(r"(?:=[0-9A-Fa-f]{2})+")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_NEEDS_QUOTES = re.compile(r"[,;:]")
_CARET_ESCAPES = re.compile(r"\^([n^'])")
_CARET_DECODED = {"n": "\n", "^": "^", "'": '"'}
_NOT_CHARSETS = {"idna", "punycode"}  # codecs Python knows that are not byte encodings

# 2.1 writes parameters bare (``TEL;WORK;VOICE:``); these bare words name an encoding.
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


# --- values -------------------------------------------------------------------------------


def unescape(value: str) -> str:
    r"""``\n`` ``\N`` ``\,`` ``\;`` ``\:`` ``\\`` (and Apple's ``\"``) decoded; any other backslash
    is kept."""
    if "\\" not in value:
        return value
    if "\\\\" in value:  # an escaped backslash: escapes must be read left to right
        return _ESCAPED.sub(lambda match: _UNESCAPED.get(match[1], match[0]), value)
    for escaped, char in _REPLACEMENTS:  # no escape can overlap another: a C-speed pass each
        if escaped in value:
            value = value.replace(escaped, char)
    return value


def split_unescaped(value: str, separator: str) -> list[str]:
    """Split on ``separator`` where no backslash escapes it; the parts stay escaped."""
    if "\\" not in value:
        return value.split(separator)
    parts: list[str] = []
    start = index = 0
    end = len(value)
    while index < end:
        char = value[index]
        if char == "\\":
            index += 2
            continue
        if char == separator:
            parts.append(value[start:index])
            start = index + 1
        index += 1
    parts.append(value[start:])
    return parts


def split_text(value: str, separator: str) -> list[str]:
    """The parts between unescaped separators, each unescaped (``ORG``, ``ADR``, lists)."""
    if "\\" not in value:
        return value.split(separator)
    return [unescape(part) for part in split_unescaped(value, separator)]


def escape_text(value: str) -> str:
    """A text value as vCard 3.0 and 4.0 write it: ``\\`` ``,`` ``;`` and newlines escaped."""
    if not any(char in value for char in "\\,;\r\n"):
        return value
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return _NEWLINE.sub("\\\\n", value)


def escape_uri(value: str) -> str:
    """A URI value: only backslashes and newlines escaped (a URI has neither in practice)."""
    if "\\" not in value and "\r" not in value and "\n" not in value:
        return value
    return _NEWLINE.sub("\\\\n", value.replace("\\", "\\\\"))


def escape_newlines(value: str) -> str:
    """Decoded quoted-printable text back in a one-line value: its line breaks as ``\\n``."""
    return _NEWLINE.sub("\\\\n", value) if "\r" in value or "\n" in value else value


def decode_quoted_printable(value: str, charset: str) -> str:
    """``=XX`` runs decoded as bytes in ``charset`` (soft line breaks are already joined)."""
    return _QUOTED_PRINTABLE_RUN.sub(
        lambda match: decode_bytes(bytes.fromhex(match[0].replace("=", "")), charset), value
    )


def decode_bytes(data: bytes, charset: str) -> str:
    """Bytes in the declared charset; what is not valid in it is read as UTF-8 or Windows-1252."""
    name = charset.strip().lower()
    if name and name not in _NOT_CHARSETS:
        try:
            return data.decode(name)
        except (LookupError, ValueError):  # an unknown charset, or bytes that are not in it
            pass
    text: list[str] = []
    while data:
        try:
            text.append(data.decode("utf-8"))
            break
        except UnicodeDecodeError as error:
            text.append(data[: error.start].decode("utf-8"))
            text.extend(_CP1252[byte] for byte in data[error.start : error.end])
            data = data[error.end :]
    return "".join(text)


# Windows-1252 leaves five bytes undefined: Latin-1 reads them (as control characters).
_CP1252 = "".join(
    chr(byte) if byte in b"\x81\x8d\x8f\x90\x9d" else bytes([byte]).decode("cp1252")
    for byte in range(256)
)


# --- parameters ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parameters:
    """A property's parameters, and what the reader asks of them (worked out once per list)."""

    params: Params  # without CHARSET, and without ENCODING once a value is decoded
    encoding: str = ""  # upper-case: QUOTED-PRINTABLE, B, BASE64…
    charset: str = ""
    label: str = ""  # what TYPE says, as one word: see label_from_types
    preference: int = 101  # 1 (most preferred) to 100 when marked, else 101


NO_PARAMETERS = Parameters(())


@lru_cache(maxsize=1024)
def parameters(text: str) -> Parameters:
    """The parameters that follow a property's name (from the ``;``). Cached: a file repeats a
    few.

    CHARSET is left out: the text is decoded, and will be written back as UTF-8; so is
    ENCODING=QUOTED-PRINTABLE, as :func:`decode_value` decodes the value.
    """
    params = parse_params(text.removeprefix(";"))
    encoding = charset = ""
    for key, values in params:
        if key == "ENCODING":
            encoding = values[0].upper() if values else ""
        elif key == "CHARSET":
            charset = values[0] if values else ""
    quoted_printable = encoding == "QUOTED-PRINTABLE"
    kept = tuple(
        (key, values)
        for key, values in params
        if key != "CHARSET" and not (quoted_printable and key == "ENCODING")
    )
    label = label_from_types(param_values(params, "TYPE"))
    return Parameters(kept, encoding, charset, label, preference(params))


def decode_value(value: str, encoding: str, charset: str) -> str:
    """A quoted-printable value decoded (its line breaks as ``\\n``); base64 without spaces."""
    if encoding == "QUOTED-PRINTABLE":
        return escape_newlines(decode_quoted_printable(value, charset))
    if encoding in ("B", "BASE64"):
        return "".join(value.split())
    return value


def parse_params(text: str) -> Params:
    """``TYPE=WORK,VOICE;PREF=1`` (what follows the name) as ``(("TYPE", ("WORK", "VOICE")), …)``.

    Bare 2.1 words become ``TYPE`` values, or ``ENCODING`` for the encoding names.
    """
    params: list[tuple[str, tuple[str, ...]]] = []
    for param in _split_outside_quotes(text, ";") if '"' in text else text.split(";"):
        key, equals, raw = param.partition("=")
        key = key.strip().upper()
        if not equals:
            if key in _BARE_ENCODINGS:
                params.append(("ENCODING", (key,)))
            elif key:
                params.append(("TYPE", (param.strip(),)))
            continue
        values = _split_outside_quotes(raw, ",") if '"' in raw else raw.split(",")
        params.append((key, tuple(_param_value(value) for value in values)))
    return tuple(params)


def _param_value(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        value = value[1:-1]
    if "^" in value:  # RFC 6868: ^n newline, ^' double quote, ^^ caret
        value = _CARET_ESCAPES.sub(lambda match: _CARET_DECODED[match[1]], value)
    return value


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    start, quoted = 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def param_values(params: Params, name: str) -> list[str]:
    """Every value of the parameters called ``name`` (upper-case), comma lists split."""
    return [
        part
        for key, values in params
        if key == name
        for value in values
        for part in value.split(",")
    ]


def format_params(params: Params) -> str:
    """``;NAME=value,value…`` for each parameter, quoting values that need it."""
    return "".join(
        f";{name}=" + ",".join(_format_param_value(value) for value in values)
        if values
        else f";{name}"
        for name, values in params
    )


def _format_param_value(value: str) -> str:
    if any(char in value for char in '^"\r\n'):
        value = value.replace("^", "^^").replace('"', "^'")
        value = _NEWLINE.sub("^n", value)
    if _NEEDS_QUOTES.search(value) or value != value.strip():
        return f'"{value}"'
    return value


# --- lines --------------------------------------------------------------------------------


def fold(line: str) -> str:
    """One content line folded at 75 octets, never inside a UTF-8 character, CRLF-ended."""
    if len(line) <= 75 and (line.isascii() or len(line.encode()) <= 75):
        return line + "\r\n"
    data = line.encode()
    chunks: list[str] = []
    start, width = 0, 75
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a multi-byte character
            end -= 1
        chunks.append(data[start:end].decode())
        start, width = end, 74  # a continuation line spends one octet on its leading space
    return "\r\n ".join(chunks) + "\r\n"


# --- labels -------------------------------------------------------------------------------

# TYPE words that say nothing a person would call a label.
_NOT_LABELS = {"pref", "internet", "voice", "x400", "msg", "postal", "parcel", "dom", "intl"}
# TYPE words that say what a number is: they beat "home" and "work" (a work fax is a fax).
_KINDS = {"cell", "fax", "pager", "text", "video", "textphone", "car", "isdn", "modem", "bbs"}
# Apple writes its own labels as _$!<Mobile>!$_; these are the ones for related names.
APPLE_RELATIONS = {
    "assistant": "Assistant",
    "brother": "Brother",
    "child": "Child",
    "father": "Father",
    "friend": "Friend",
    "manager": "Manager",
    "mother": "Mother",
    "other": "Other",
    "parent": "Parent",
    "partner": "Partner",
    "sister": "Sister",
    "spouse": "Spouse",
}


def label_from_types(types: list[str]) -> str:
    """One lower-case word for ``TYPE=WORK,VOICE`` (``work``); ``CELL`` is ``mobile``."""
    words = [word for word in (value.strip().lower() for value in types) if word]
    words = [word for word in words if word not in _NOT_LABELS]
    if not words:
        return ""
    word = next((word for word in words if word in _KINDS), words[0])
    return "mobile" if word == "cell" else word


_IMAGE_WORDS = {"jpg": "image/jpeg", "tif": "image/tiff"}
_MEDIA_WORD = re.compile(r"[a-z0-9.+-]+")


def image_media_type(word: str) -> str:
    """The media type a photo's ``TYPE=JPEG`` means (``image/jpeg``); empty if not a word."""
    word = word.strip().lower()
    if "/" in word:
        return word
    if not _MEDIA_WORD.fullmatch(word):
        return ""
    return _IMAGE_WORDS.get(word, f"image/{word}")


def apple_label(text: str) -> str:
    """``_$!<HomePage>!$_`` is Apple's own label ``homepage``; others are kept as written."""
    text = text.strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return text[4:-4].strip().lower()
    return text


def preference(params: Params) -> int:
    """How preferred a value is: 1 (most) to 100 (least) when marked, else 101."""
    for key, values in params:
        if key == "PREF":
            try:
                return min(max(int(values[0]), 1), 100) if values else 1
            except ValueError:
                return 1
        if key == "TYPE" and any(
            part.strip().lower() == "pref" for value in values for part in value.split(",")
        ):
            return 1
    return 101

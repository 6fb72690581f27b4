"""Turning an exported file's bytes into text, whatever encoding the exporting tool chose."""

from __future__ import annotations

import codecs

from kithkin.errors import InvalidInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, *, file: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 (with or without BOM).

    Windows tools still write the ANSI code page: bytes that are not UTF-8 are read as
    Windows-1252, which is what Outlook and Excel use for Western European exports.
    Newlines are kept as they are (CSV readers and vCard unfolding handle ``\\r\\n``).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, file)
    head = data[:200]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return _decode(data, "utf-16-le", file)  # "N\0a\0m\0e\0": UTF-16 without a BOM
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return _decode(data, "utf-16-be", file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "cp1252", file)


def _decode(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidInput(
            f"byte {error.start} is not {encoding} text; export the file as UTF-8.",
            file=file,
            line=line,
        ) from None

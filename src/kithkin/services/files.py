"""Writing exports safely: a reader never sees half a file, and unchanged files stay put."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kithkin.errors import InvalidInput


def write_atomically(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file; False when it already held it."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InvalidInput(f"cannot write it: {error.strerror}.", file=str(path)) from None
    return True


def write_vdir(folder: Path, cards: Sequence[tuple[str, str]]) -> int:
    """One ``UID.vcf`` per card (as khard and vdirsyncer keep them); returns files written."""
    written = 0
    for uid, text in cards:
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in uid) or "contact"
        written += write_atomically(folder / f"{name}.vcf", text.encode("utf-8"))
    return written

"""The exceptions Kithkin raises for things a user can cause.

    KithkinError                 anything the user can fix; its message is one clear sentence
    ├── NotFound                 no person, interaction or follow-up matches a reference
    ├── Ambiguous                a reference matches several records (carries the candidates)
    ├── InvalidInput             a value is malformed (carries field, file and line)
    ├── Conflict                 the request contradicts stored data
    └── DatabaseError            the database cannot be opened or migrated

Anything else that escapes is a bug and is allowed to show a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence


class KithkinError(Exception):
    """Base class: something the user can fix. ``str(error)`` is the message to show."""


class NotFound(KithkinError):
    pass


class Ambiguous(KithkinError):
    def __init__(self, reference: str, candidates: Sequence[str], *, more: bool = False) -> None:
        self.reference = reference
        self.candidates = list(candidates)
        shown = "; ".join(self.candidates[:10])
        rest = (
            " and more"
            if more
            else (f" and {len(self.candidates) - 10} more" if len(self.candidates) > 10 else "")
        )
        count = f"more than {len(self.candidates)}" if more else str(len(self.candidates))
        super().__init__(
            f"{reference!r} matches {count} people: {shown}{rest}. "
            "Use an id (or a longer id prefix) or an e-mail instead."
        )


class InvalidInput(KithkinError):
    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.field = field
        self.file = file
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class Conflict(KithkinError):
    pass


class DatabaseError(KithkinError):
    pass

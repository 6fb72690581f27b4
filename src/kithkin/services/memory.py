"""Work on many small objects at once (a 100k-row import, 100k people's duplicate pairs)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a bounded piece of work.

    Hundreds of thousands of records without reference cycles would make the collector walk
    them again and again (a third of an import's reading time) for nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

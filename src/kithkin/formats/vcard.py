"""vCard: read 2.1, 3.0 and 4.0 files and vdir folders; write 3.0 and 4.0.

The reader and the writer live in ``vcard_read`` and ``vcard_write``; this module is where
the rest of Kithkin imports them from.
"""

from __future__ import annotations

from kithkin.formats.vcard_read import read_vcard_path, read_vcards
from kithkin.formats.vcard_write import write_vcard, write_vcards

__all__ = ["read_vcard_path", "read_vcards", "write_vcard", "write_vcards"]

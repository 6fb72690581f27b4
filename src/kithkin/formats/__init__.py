"""Other tools' files: reading contacts out of them and writing contacts into them.

Plain parsing and writing only: no database, no matching. The import service decides what a
parsed card means for the stored people; the export service turns people into cards.
"""

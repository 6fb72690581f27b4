"""Plain domain logic: no database, no I/O. Everything here is testable with plain values."""

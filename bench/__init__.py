"""Benchmarks: ``python -m bench`` (``make bench``).

Each workload runs through Kithkin (services, store, CLI) and against a raw baseline in the
same process on the same data (plain ``sqlite3`` or ``psycopg``, the same schema and rows),
and reports the ratio. See ``python -m bench --help``.
"""

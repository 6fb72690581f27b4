"""Every command, registered on the ``cli`` group by importing its module; the entry point."""

from kithkin.cli import (
    demo,
    duplicates,
    engine,
    interactions,
    network,
    people,
    purpose,
    serve,
    transfer,
)
from kithkin.cli.main import cli

__all__ = [
    "cli",
    "demo",
    "duplicates",
    "engine",
    "interactions",
    "main",
    "network",
    "people",
    "purpose",
    "serve",
    "transfer",
]


def main() -> None:
    cli()

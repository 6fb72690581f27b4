"""Every command, registered on the ``cli`` group by importing its module; the entry point."""

from kithkin.cli import (
    common_ground,
    demo,
    duplicates,
    engine,
    interactions,
    introductions,
    network,
    people,
    purpose,
    serve,
    transfer,
)
from kithkin.cli.main import cli

__all__ = [
    "cli",
    "common_ground",
    "demo",
    "duplicates",
    "engine",
    "interactions",
    "introductions",
    "main",
    "network",
    "people",
    "purpose",
    "serve",
    "transfer",
]


def main() -> None:
    cli()

"""Every command, registered on the ``cli`` group by importing its module."""

from kithkin.cli import interactions, people
from kithkin.cli.main import cli

__all__ = ["cli", "interactions", "people"]

"""Kithkin: a personal relationship manager that knows networking from socializing."""

__version__ = "0.1.0"

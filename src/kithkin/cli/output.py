"""The one place the CLI prints: Rich for people, JSON for scripts, stderr for errors."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console, RenderableType


class Output:
    def __init__(self) -> None:
        # No markup or emoji codes: the text shown is the user's ("[/]" in a note is not a tag).
        self.console = Console(highlight=False, soft_wrap=False, markup=False, emoji=False)
        # soft_wrap: an error stays on one line, whatever the terminal's width.
        self.errors = Console(
            stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True
        )

    def show(self, renderable: RenderableType) -> None:
        self.console.print(renderable)

    def json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

    def json_line(self, data: Any) -> None:
        """One compact JSON object per line (JSON Lines)."""
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")

    def emit(self, renderable: RenderableType, data: Any, *, as_json: bool) -> None:
        if as_json:
            self.json(data)
        else:
            self.show(renderable)

    def text(self, text: str) -> None:
        """Plain text as it is (Markdown, for example), without Rich markup."""
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

    def note(self, text: str) -> None:
        """A remark for the person at the terminal (stderr, so JSON on stdout stays clean)."""
        self.errors.print(text, style="yellow")

    def error(self, message: str) -> None:
        self.errors.print(f"Error: {message}", style="red", markup=False)

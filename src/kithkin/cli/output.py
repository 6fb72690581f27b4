"""The one place the CLI prints: Rich for people, JSON for scripts, stderr for errors."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console, RenderableType


class Output:
    def __init__(self) -> None:
        self.console = Console(highlight=False, soft_wrap=False)
        self.errors = Console(stderr=True, highlight=False)

    def show(self, renderable: RenderableType) -> None:
        self.console.print(renderable)

    def json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

    def emit(self, renderable: RenderableType, data: Any, *, as_json: bool) -> None:
        if as_json:
            self.json(data)
        else:
            self.show(renderable)

    def note(self, text: str) -> None:
        """A remark for the person at the terminal (stderr, so JSON on stdout stays clean)."""
        self.errors.print(text, style="yellow")

    def error(self, message: str) -> None:
        self.errors.print(f"Error: {message}", style="red", markup=False)

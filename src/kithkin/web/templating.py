"""The Jinja2 templates of the web app (autoescaping on: user text is always escaped)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates

from kithkin.web.charts import balance_chart
from kithkin.web.snooze import DEFAULT_SNOOZE, SNOOZE_CHOICES

PACKAGE = resources.files("kithkin.web")

_templates: Jinja2Templates | None = None


def templates() -> Any:
    """The Jinja2 environment: autoescaping on for every template."""
    global _templates
    if _templates is None:
        _templates = Jinja2Templates(directory=str(Path(str(PACKAGE / "templates"))))
        _templates.env.autoescape = True
        _templates.env.globals["balance_chart"] = balance_chart
        _templates.env.globals["snooze_choices"] = SNOOZE_CHOICES
        _templates.env.globals["default_snooze"] = DEFAULT_SNOOZE
    return _templates.env

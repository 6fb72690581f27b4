"""How long the web app's Snooze buttons put something aside: the same choices on the
dashboard, the follow-ups page and the person page (the CLI and the API take any duration)."""

from __future__ import annotations

SNOOZE_CHOICES = {
    "1d": "1 day",
    "3d": "3 days",
    "1w": "1 week",
    "2w": "2 weeks",
    "1m": "1 month",
}
DEFAULT_SNOOZE = "1w"

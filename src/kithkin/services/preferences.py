"""The owner's circles and their check-in cadences, and every goal (turned off ones too).

Goal targets and the hours budget are set through `engine.set_goal` and `engine.set_budget`.
"""

from __future__ import annotations

from kithkin.core.defaults import GoalDefault
from kithkin.core.vocabulary import Circle
from kithkin.errors import InvalidInput
from kithkin.services.context import Context
from kithkin.store.preference_editing import CircleCadence, PreferenceEditor

MAX_CADENCE_DAYS = 3650


def circles(ctx: Context) -> list[CircleCadence]:
    with ctx.store.transaction() as tx:
        return PreferenceEditor(tx.session, tx.owner_id).circles()


def all_goals(ctx: Context) -> list[GoalDefault]:
    with ctx.store.transaction() as tx:
        return PreferenceEditor(tx.session, tx.owner_id).all_goals()


def parse_cadence(text: str) -> int | None:
    """Days between check-ins: ``30``; empty (or ``none``) for no regular check-in."""
    cleaned = text.strip().lower()
    if cleaned in ("", "none", "never", "off"):
        return None
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_CADENCE_DAYS:
        raise InvalidInput(
            f"{text.strip()!r} is not a cadence; give days between check-ins "
            f"(1 to {MAX_CADENCE_DAYS}), or leave it empty for none.",
            field="cadence",
        )
    return int(cleaned)


def set_circle_cadence(ctx: Context, circle: str, cadence: str) -> tuple[Circle, int | None]:
    """Set how often the people in ``circle`` are due a check-in (their own cadence wins)."""
    if circle not in Circle._value2member_map_:
        known = ", ".join(member.value for member in Circle)
        raise InvalidInput(f"{circle!r} is not a circle; the circles are {known}.", field="circle")
    days = parse_cadence(cadence)
    with ctx.store.transaction() as tx:
        PreferenceEditor(tx.session, tx.owner_id).set_cadence(Circle(circle), days)
    return Circle(circle), days

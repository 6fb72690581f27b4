"""Rich renderables for the engine's results. Nothing here prints."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kithkin.core.agenda import AgendaItem, AgendaKind
from kithkin.core.balance import HoursBudget, WeekBalance
from kithkin.core.goals import GoalProgress
from kithkin.core.ledger import Balance
from kithkin.services.engine import Ledger

KIND_STYLE = {
    AgendaKind.FOLLOW_UP: "yellow",
    AgendaKind.MILESTONE: "magenta",
    AgendaKind.AFTER_EVENT: "cyan",
    AgendaKind.CHECK_IN: "green",
    AgendaKind.RECIPROCITY: "red",
    AgendaKind.RECONNECT: "blue",
}


def agenda_view(items: Sequence[AgendaItem]) -> RenderableType:
    if not items:
        return Text("Nothing to do today. Enjoy it — or log what you did: kithkin log …")
    table = Table(box=None, header_style="bold", pad_edge=False, show_lines=False)
    for column in ("#", "kind", "who", "why", "what to do"):
        table.add_column(column, no_wrap=column in {"#", "kind"})
    for number, item in enumerate(items, start=1):
        table.add_row(
            str(number),
            Text(item.kind.value, style=KIND_STYLE[item.kind]),
            Text(item.person_name, style="bold"),
            item.reason,
            item.action,
        )
    keys = Text("\nItem keys (for kithkin done/snooze): ", style="dim")
    keys.append(", ".join(f"{n}={item.key}" for n, item in enumerate(items, start=1)), style="dim")
    return Group(table, keys)


def _bar(value: float, scale: float, width: int = 20, style: str = "blue") -> Text:
    filled = 0 if scale <= 0 else min(width, round(width * value / scale))
    return Text("█" * filled, style=style) + Text("·" * (width - filled), style="dim")


def goals_view(progress: Sequence[GoalProgress], budget: HoursBudget) -> RenderableType:
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("goal", "period", "progress", ""):
        table.add_column(column)
    for goal in progress:
        done = goal.done
        shown = "not measured" if done is None else f"{done} of {goal.goal.target}"
        mark = Text("✓", style="green bold") if goal.met else Text("")
        table.add_row(
            goal.goal.label or goal.goal.key,
            goal.period.label(),
            Text(shown) + Text("  ") + _bar(done or 0, goal.goal.target, 10),
            mark,
        )
    note = Text(
        f"\nNetworking-hours budget: {budget.describe()} a week (kithkin balance).", style="dim"
    )
    return Group(table, note)


def balance_view(weeks: Sequence[WeekBalance]) -> RenderableType:
    scale = max(
        [w.budget.max_hours for w in weeks]
        + [w.tally.networking_hours + w.tally.social_hours for w in weeks]
        + [1.0]
    )
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("week", "networking", "social", "hours", "budget"):
        table.add_column(column, no_wrap=True)
    for week in weeks:
        tally = week.tally
        bar = _bar(tally.networking_hours, scale, 12, "blue")
        bar.append_text(_bar(tally.social_hours, scale, 12, "green"))
        status_style = {"under": "yellow", "within": "green", "over": "red"}[week.status]
        table.add_row(
            week.week.label(),
            f"{tally.networking:g} · {tally.networking_hours:.1f} h",
            f"{tally.social:g} · {tally.social_hours:.1f} h",
            bar,
            Text(week.status, style=status_style),
        )
    legend = Text("\nBars: ", style="dim")
    legend.append("networking", style="blue")
    legend.append(" and ", style="dim")
    legend.append("social", style="green")
    legend.append(" hours, against a networking budget of ", style="dim")
    legend.append(weeks[-1].budget.describe() if weeks else "", style="dim")
    legend.append(" a week; a 'both' interaction counts half to each.", style="dim")
    return Group(table, legend)


def _balance_text(balance: Balance) -> Text:
    style = "red" if balance.net < 0 else "green" if balance.net > 0 else ""
    return Text(f"{balance.net:+d}", style=style)


def ledger_view(ledger: Ledger) -> RenderableType:
    overall = ledger.overall
    head = Text(
        f"{ledger.person or 'Overall'}: gave {overall.gave}, asked {overall.asked}, "
        f"received {overall.received} — net ",
        style="bold",
    )
    head.append_text(_balance_text(overall))
    if ledger.entries:
        table = Table(box=None, header_style="bold", pad_edge=False)
        for column in ("when", "direction", "kind", "what"):
            table.add_column(column)
        for entry in ledger.entries:
            table.add_row(
                entry.at.date().isoformat(), entry.direction.value, entry.kind.value, entry.text
            )
        return Group(head, table)
    if not ledger.people:
        return Text("The ledger is empty: log --gave/--asked/--received with an interaction.")
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("who", "gave", "asked", "received", "net"):
        table.add_column(column)
    for line in ledger.people:
        b = line.balance
        table.add_row(line.name, str(b.gave), str(b.asked), str(b.received), _balance_text(b))
    return Group(head, table)

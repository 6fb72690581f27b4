"""The ledger page: the give/ask balance overall, the most one-sided relationships and the latest
entries. Read-only: entries are logged with an interaction (the Log page, ``kithkin log
--gave/--asked/--received``); one person's whole ledger is on their page."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from kithkin.core.ledger import Balance
from kithkin.services.ledger_pages import ledger_page
from kithkin.web.pages import SignedIn, page

router = APIRouter()

WORDS = {"gave": "you gave", "received": "you received", "asked": "you asked for"}


def net_class(balance: Balance) -> str:
    """``owe`` below zero, ``ahead`` above, ``even`` at zero."""
    return "owe" if balance.net < 0 else "ahead" if balance.net > 0 else "even"


@router.get("/ledger", response_class=HTMLResponse)
def ledger(signed: SignedIn) -> Response:
    tz = signed.ctx.settings.timezone
    return page(
        "ledger.html",
        signed,
        view=ledger_page(signed.ctx),
        net_class=net_class,
        words=WORDS,
        local_day=lambda at: at.astimezone(tz).date().isoformat(),
    )

"""The REST API under /api/v1, for scripts: the same services and JSON shapes as the CLI.

    /people            list (filters) or search (?q=), add; /people/{ref} show, edit, delete
    /interactions      log; /interactions/{id} show, correct the purpose
    /follow-ups        list; /follow-ups/{id}/done
    /agenda            today's list; /agenda/{key}/done, /agenda/{key}/snooze
    /goals, /ledger, /ledger/{ref}
    /import/{kind}     upload a file; dry run unless dry_run=false
    /export/{kind}     json, vcard, csv, ics
    /network/paths     warm paths (?person=, ?company=, ?tag=, ?interest=); /network/links,
                       /network/unlink, /network/intros, /network/introductions,
                       /people/{ref}/common
    /openapi.json      the schema; /docs a page listing every endpoint

Auth (`caller.py`): `Authorization: Bearer <token>`, or the browser's session cookie plus
`X-CSRF-Token` on every change. Everything is the caller's own: another account's record is
a 404. Errors (`errors.py`) are JSON: 401, 403, 404, 422 for invalid input (with `field`), and
409 for a conflict or an ambiguous reference (several people match; the answer lists them as
`candidates`), since the request is well-formed but the data cannot say which one is meant.
"""

from __future__ import annotations

from fastapi import APIRouter

from kithkin.web.api import engine, interactions, network, people, transfer
from kithkin.web.api.docs import docs_router

router = APIRouter(prefix="/api/v1")
for module in (people, interactions, engine, network, transfer):
    router.include_router(module.router)
router.include_router(docs_router(list(router.routes)))

__all__ = ["router"]

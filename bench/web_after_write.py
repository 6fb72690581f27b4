"""The dashboard right after a change: one client edits a person through the API, then opens
the dashboard at once, round after round. Every edit bumps the account's data version, so the
dashboard cannot come from the cache as it was: either the worker that took the edit has
recomputed it in the background (``services.dashboard.refresh``), or the page computes it.

The baseline's dashboard computes the agenda on every request anyway (``bench.web_raw``), so
it is timed the same way, over fewer rounds (it takes about a second).
"""

from __future__ import annotations

import json
import time
import urllib.request

from bench import measure, workloads
from bench.workloads import Result


def _send(url: str, headers: dict[str, str], *, method: str = "GET", body: bytes = b"") -> None:
    request = urllib.request.Request(url, data=body or None, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=60) as answer:
        answer.read()


def _page_ms(url: str, headers: dict[str, str]) -> float:
    start = time.perf_counter()
    _send(url, headers)
    return (time.perf_counter() - start) * 1000


def dashboard_after_writes(
    base: str,
    raw_base: str,
    uid: str,
    cookie: dict[str, str],
    bearer: dict[str, str],
    *,
    rounds: int = 30,
    raw_rounds: int = 5,
) -> Result:
    edit = {**bearer, "Content-Type": "application/json"}
    _page_ms(base + "/", cookie)  # served once: the workers that serve it keep it fresh
    ours: list[float] = []
    for number in range(rounds):
        note = json.dumps({"notes": f"bench edit {number}"}).encode()
        _send(f"{base}/api/v1/people/{uid}", edit, method="PATCH", body=note)
        ours.append(_page_ms(base + "/", cookie))
    theirs = [_page_ms(raw_base + "/", {}) for _ in range(raw_rounds)]
    mine = measure.Latency(measure.percentile(ours, 0.5), measure.percentile(ours, 0.95), rounds)
    raw = measure.Latency(
        measure.percentile(theirs, 0.5), measure.percentile(theirs, 0.95), raw_rounds
    )
    return Result(
        f"dashboard right after an edit (1 client, {rounds} rounds)",
        mine.text(),
        raw.text(),
        workloads.ratio(mine.p95, raw.p95),
        "the edit through the API, then the page at once",
        {"kithkin_ms": ours, "baseline_ms": theirs},
    )

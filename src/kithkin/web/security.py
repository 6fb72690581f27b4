"""Security by default: response headers (a CSP without inline scripts), CSRF checks and a
limit on sign-in attempts."""

from __future__ import annotations

import hmac
import time
from collections import defaultdict, deque

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

ATTEMPTS = 5
WINDOW_SECONDS = 300.0


def same_token(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


class LoginLimiter:
    """At most `ATTEMPTS` failed sign-ins per client address and user name in `WINDOW_SECONDS`
    (in memory, per worker)."""

    def __init__(self) -> None:
        self.failures: dict[str, deque[float]] = defaultdict(deque)

    def blocked(self, key: str, now: float | None = None) -> bool:
        moment = time.monotonic() if now is None else now
        recent = self.failures[key]
        while recent and moment - recent[0] > WINDOW_SECONDS:
            recent.popleft()
        return len(recent) >= ATTEMPTS

    def failed(self, key: str, now: float | None = None) -> None:
        self.failures[key].append(time.monotonic() if now is None else now)

    def succeeded(self, key: str) -> None:
        self.failures.pop(key, None)

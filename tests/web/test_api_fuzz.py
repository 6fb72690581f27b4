"""A schemathesis run over /api/v1/openapi.json: generated requests, valid and invalid, to
every operation; none may end in a server error. Seeded (derandomized) and bounded."""

from __future__ import annotations

from collections import Counter
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, log_interaction
from tests.web.conftest import Web
from tests.web.test_api import bearer

EXAMPLES = 6


def test_generated_requests_find_no_server_error(web: Web) -> None:

    headers = bearer(web)
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"]))
    log_interaction(web.ctx, [ana.id], LogInput(note="Coffee", follow_up="monday: call"))
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", web.client.app)
    problems: list[str] = []
    statuses: Counter[int] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode, headers, problems, statuses)
    assert not problems, "\n".join(problems[:10])
    assert statuses[200] > 20 and statuses[422] > 20  # it got past the checks, and into them


def _run(
    operation: Any,
    mode: Any,
    headers: dict[str, str],
    problems: list[str],
    statuses: Counter[int],
) -> None:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: Any) -> None:
        where = f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200}"
        try:
            response = case.call(headers=headers)
        except Exception as error:  # a server exception escapes the ASGI test transport
            problems.append(f"{where}: {type(error).__name__}: {error}")
            return
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            problems.append(f"{where}: {response.status_code} {response.text[:200]}")

    check()

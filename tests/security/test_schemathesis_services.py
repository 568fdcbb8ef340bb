"""No input yields a 5xx, and every 4xx is problem+json: schemathesis generates valid and
invalid requests from each service's own OpenAPI document, with a key allowed to call
every route, against the in-process app on the real broker."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.python.asgi import shutdown_lifespans

from shared.settings import ServiceSettings
from tests.conftest import bearer
from tests.security.test_role_matrix import app_factory

pytestmark = pytest.mark.kafka

EXAMPLES_PER_MODE = 15
ROLE = {"intake": "cad", "triage": "admin", "assignment": "admin", "audit": "auditor"}
# Intake's per-key rate limit would answer most generated requests with a 429.
OVERRIDES: dict[str, dict[str, Any]] = {"intake": {"rate_limit_per_s": 0}}
MUST_COVER = {"intake": {"/v1/calls", "/v1/calls/{call_id}", "/v1/calls/{call_id}/cancel",
                         "/v1/eido"}}


@pytest.mark.parametrize("service", ["intake", "triage", "assignment", "audit"])
def test_no_generated_request_gets_a_5xx(
    service: str, kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    app = app_factory(service)(kafka_settings, **OVERRIDES.get(service, {}))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    auth = bearer(credentials[ROLE[service]])
    failures: list[str] = []
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= MUST_COVER.get(service, set())
    try:
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(max_examples=EXAMPLES_PER_MODE, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
                def run(case: Any) -> None:
                    nonlocal calls
                    headers = dict(auth)
                    if "stream" in case.formatted_path:
                        return  # an SSE stream never ends; its auth is in the role matrix
                    response = case.call(headers=headers)
                    calls += 1
                    not_ready = case.formatted_path == "/readyz" and response.status_code == 503
                    if response.status_code >= 500 and not not_ready:
                        failures.append(f"{case.method} {case.formatted_path} -> "
                                        f"{response.status_code}: {response.text[:200]}")
                    elif 400 <= response.status_code < 500:
                        content_type = response.headers.get("content-type", [""])[0]
                        if content_type != "application/problem+json":
                            failures.append(f"{case.method} {case.formatted_path} -> "
                                            f"{response.status_code} as {content_type}")

                try:
                    run()
                except Unsatisfiable:
                    assert mode is GenerationMode.NEGATIVE, operation.path
    finally:
        shutdown_lifespans()
    assert calls >= EXAMPLES_PER_MODE
    assert not failures, "\n".join(failures[:10])

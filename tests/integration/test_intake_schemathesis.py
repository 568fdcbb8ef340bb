"""No input yields a 5xx: schemathesis generates requests from intake's own OpenAPI
document (valid and invalid ones) against the in-process app and the real broker."""

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
from tests.integration.intake_helpers import intake_app

pytestmark = pytest.mark.kafka

EXAMPLES_PER_MODE = 25  # positive + negative: 50 requests per operation


def test_no_generated_request_gets_a_5xx(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    app = intake_app(kafka_settings, rate_limit_per_s=0)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    auth = bearer(credentials["cad"])
    failures: list[str] = []
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/calls", "/v1/calls/{call_id}",
                                              "/v1/calls/{call_id}/cancel", "/v1/eido"}
    try:
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(max_examples=EXAMPLES_PER_MODE, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
                def run(case: Any) -> None:
                    nonlocal calls
                    response = case.call(headers=auth)
                    calls += 1
                    if response.status_code >= 500:
                        failures.append(f"{case.method} {case.formatted_path} -> "
                                        f"{response.status_code}: {response.text[:200]}")
                    elif response.status_code >= 400:
                        assert response.headers["content-type"][0] == "application/problem+json"

                try:
                    run()
                except Unsatisfiable:
                    # Nothing to make invalid (e.g. /healthz takes no input at all).
                    assert mode is GenerationMode.NEGATIVE, operation.path
    finally:
        shutdown_lifespans()
    assert calls >= 4 * EXAMPLES_PER_MODE
    assert not failures, "\n".join(failures[:10])

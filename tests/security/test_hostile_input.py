"""SQL-injection strings and oversized payloads are rejected or treated as plain data:
never a 5xx, never a changed or dropped table."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.settings import ServiceSettings
from tests.conftest import bearer
from tests.security.test_role_matrix import app_factory

pytestmark = pytest.mark.kafka

INJECTIONS = (
    "' OR '1'='1",
    "x'; DROP TABLE audit_entry; --",
    "1 UNION SELECT payload_json FROM audit_entry --",
    '"); DELETE FROM unit; --',
    "%27%20OR%201%3D1",
)


async def client_for(service: str, settings: ServiceSettings, token: str) -> Any:
    app = app_factory(service)(settings)
    return app, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://s",
                                  headers=bearer(token))


async def test_audit_filters_are_bound_parameters(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    app, client = await client_for("audit", kafka_settings, credentials["auditor"])
    async with app.router.lifespan_context(app), client:
        for text in INJECTIONS:
            for name in ("tag", "pathway", "district", "rule_id", "policy_version", "call_id"):
                response = await client.get("/v1/audit/decisions", params={name: text})
                assert response.status_code in (200, 422), (name, text, response.text)
                if response.status_code == 200:
                    assert response.json()["items"] == []
            timeline = await client.get(f"/v1/calls/{text}/timeline")
            assert timeline.status_code in (404, 422)
        # The record is still there and still verifies.
        verify = await client.get("/v1/audit/verify")
        assert verify.status_code == 200 and verify.json()["ok"] is True


async def test_assignment_and_intake_treat_injections_as_unknown_ids(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    app, client = await client_for("assignment", kafka_settings, credentials["admin"])
    async with app.router.lifespan_context(app), client:
        before = (await client.get("/v1/units")).json()
        for text in INJECTIONS:
            response = await client.get(f"/v1/units/{text}")
            assert response.status_code in (404, 422), (text, response.text)
        assert (await client.get("/v1/units")).json() == before
    app, client = await client_for("intake", kafka_settings, credentials["admin"])
    async with app.router.lifespan_context(app), client:
        for text in INJECTIONS:
            response = await client.get(f"/v1/calls/{text}")
            assert response.status_code in (404, 422), (text, response.text)


@pytest.mark.parametrize(("service", "path"), [
    ("intake", "/v1/calls"), ("intake", "/v1/eido"), ("triage", "/v1/classify"),
    ("assignment", "/v1/units"),
])
async def test_oversized_payloads_are_refused(
    service: str, path: str, kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    app, client = await client_for(service, kafka_settings, credentials["admin"])
    huge = {"narrative": "x" * 5_000_000, "call_type": "THEFT"}
    async with app.router.lifespan_context(app), client:
        response = await client.post(path, json=huge)
    assert response.status_code in (413, 422), response.text[:200]
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("service", ["intake", "triage", "assignment", "audit"])
async def test_a_large_body_without_credentials_is_refused_before_the_key(
    service: str, kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    app, client = await client_for(service, kafka_settings, credentials["admin"])
    client.headers.pop("Authorization", None)
    async with app.router.lifespan_context(app), client:
        response = await client.post("/v1/anything", content=b"x" * (8 * 1024 * 1024))
    assert response.status_code == 413, response.text[:200]
    assert response.headers["content-type"] == "application/problem+json"

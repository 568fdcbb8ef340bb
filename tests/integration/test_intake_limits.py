"""Intake's limits and key handling on the real broker: body cap, field caps, per-key
rate limit, key rotation without restart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.intake.limits import RateLimiter
from shared.auth import Role
from shared.settings import ServiceSettings
from tests.conftest import bearer
from tests.integration.intake_helpers import add_key, client_for, intake_app, remove_key

pytestmark = pytest.mark.kafka

CALL = {
    "cad_incident_id": "MP-2026-000501",
    "call_type": "THEFT",
    "received_at": "2026-11-25T14:03:00-06:00",
    "location": {"address": "3000 E Lake St"},
}


@pytest.fixture
async def app(kafka_settings: ServiceSettings) -> AsyncIterator[FastAPI]:
    yield intake_app(kafka_settings, max_body_bytes=4096)


@pytest.fixture
async def intake(app: FastAPI, credentials: dict[str, Any]) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(app):
        client.headers.update(bearer(credentials["cad"]))
        yield client


def is_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


async def test_a_body_over_the_cap_is_413_before_parsing(intake: httpx.AsyncClient) -> None:
    big = {**CALL, "narrative": "x" * 5000}
    problem = is_problem(await intake.post("/v1/calls", json=big), 413)
    assert problem["field"] == "body"
    # Not even JSON: refused on size alone.
    is_problem(await intake.post("/v1/eido", content=b"{" * 5000,
                                 headers={"content-type": "application/json"}), 413)


async def test_a_chunked_body_over_the_cap_is_413(intake: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b" " * 1000

    request = intake.build_request("POST", "/v1/calls", content=chunks(),
                                   headers={"content-type": "application/json"})
    assert "content-length" not in request.headers
    is_problem(await intake.send(request), 413)


async def test_a_chunked_body_within_the_cap_is_accepted(intake: httpx.AsyncClient) -> None:
    import json

    data = json.dumps(CALL).encode()

    async def chunks() -> AsyncIterator[bytes]:
        yield data[:10]
        yield data[10:]

    response = await intake.post("/v1/calls", content=chunks(),
                                 headers={"content-type": "application/json"})
    assert response.status_code == 202


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"narrative": "n" * 10_001}, "body.narrative"),
        ({"cad_incident_id": "i" * 129}, "body.cad_incident_id"),
        ({"cad_priority": "p" * 33}, "body.cad_priority"),
        ({"caller": {"callback": "5" * 101}}, "body.caller.callback"),
        ({"location": {"address": "a" * 501}}, "body.location.address"),
        ({"agency": "not an agency!"}, "body.agency"),
        ({"flags": {"weapons": "maybe"}}, "body.flags.weapons"),
    ],
)
async def test_field_caps_are_422_naming_the_field(
    kafka_settings: ServiceSettings, credentials: dict[str, Any], change: dict[str, Any],
    field: str,
) -> None:
    async for client in client_for(intake_app(kafka_settings)):
        response = await client.post("/v1/calls", json={**CALL, **change},
                                     headers=bearer(credentials["cad"]))
        problem = is_problem(response, 422)
        assert field in [e["field"] for e in problem["errors"]]
        assert "nnnnnnnnnn" not in response.text and "5555555555" not in response.text


async def test_a_bad_idempotency_key_header_is_named(intake: httpx.AsyncClient) -> None:
    problem = is_problem(await intake.post("/v1/calls", json=CALL,
                                           headers={"Idempotency-Key": "k" * 201}), 422)
    assert "header.Idempotency-Key" in [e["field"] for e in problem["errors"]]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_each_key_is_rate_limited_with_retry_after(
    intake: httpx.AsyncClient, app: FastAPI, credentials: dict[str, Any]
) -> None:
    clock = Clock()
    app.state.rate_limiter = RateLimiter(rate=0.5, burst=2, clock=clock)
    assert (await intake.post("/v1/calls", json=CALL)).status_code == 202
    assert (await intake.post("/v1/calls", json=CALL)).status_code == 200
    limited = await intake.post("/v1/calls", json=CALL)
    problem = is_problem(limited, 429)
    assert limited.headers["retry-after"] == "2"
    assert problem["field"] == "header.Authorization"
    # Another key has its own bucket.
    admin = await intake.get("/healthz")
    assert admin.status_code == 200
    other = await intake.post("/v1/calls", json=CALL, headers=bearer(credentials["admin"]))
    assert other.status_code == 200
    clock.now += 2.0
    assert (await intake.post("/v1/calls", json=CALL)).status_code == 200


async def test_keys_rotate_without_a_restart(
    intake: httpx.AsyncClient, app: FastAPI
) -> None:
    key_file = app.state.settings.key_file_path()
    token = add_key(key_file, Role.cad, "cad-2026-12")
    assert (await intake.post("/v1/calls", json=CALL, headers=bearer(token))).status_code \
        == 202
    remove_key(key_file, "cad-2026-12")
    revoked = await intake.post("/v1/calls", json=CALL, headers=bearer(token))
    is_problem(revoked, 401)
    assert revoked.headers["www-authenticate"].startswith("Bearer")
    # The keys left in the file still work.
    assert (await intake.post("/v1/calls", json=CALL)).status_code == 200


async def test_every_endpoint_but_health_needs_a_key(intake: httpx.AsyncClient) -> None:
    anonymous = {"Authorization": ""}
    call_id = "5b0c3f7e-5d1e-5b8a-9d0e-0f3c1c9f2a11"
    for method, path in (("POST", "/v1/calls"), ("GET", f"/v1/calls/{call_id}"),
                         ("PATCH", f"/v1/calls/{call_id}"),
                         ("POST", f"/v1/calls/{call_id}/cancel"), ("POST", "/v1/eido")):
        response = await intake.request(method, path, json={}, headers=anonymous)
        is_problem(response, 401)
    assert (await intake.get("/readyz", headers=anonymous)).status_code == 200


async def test_text_that_is_not_valid_unicode_is_422_on_every_json_route(
    kafka_settings: ServiceSettings, credentials: dict[str, Any],
) -> None:
    async for intake in client_for(intake_app(kafka_settings)):
        intake.headers.update(bearer(credentials["cad"]))
        await _invalid_unicode_is_422(intake)


async def _invalid_unicode_is_422(intake: httpx.AsyncClient) -> None:
    import json

    from tests.intake_eido_examples import welfare_check

    lone = json.dumps({**CALL, "narrative": "smoke seen @@"}).replace("@@", "\\ud800")
    assert "\\ud800" in lone
    # An EIDO whose part intake does not map (kept verbatim and published) holds it.
    eido = welfare_check("MP-2026-004399")
    eido["personComponent"][0]["personNameText"] = "@@"
    lone_eido = json.dumps(eido).replace("@@", "\\ud800")
    call_id = "5b0c3f7e-5d1e-5b8a-9d0e-0f3c1c9f2a11"
    for method, path, content_type, body in (
        ("POST", "/v1/eido", "application/json", lone_eido),  # was a 500
        # The fast path (exactly application/json) and the route behind it.
        ("POST", "/v1/calls", "application/json", lone),
        ("POST", "/v1/calls", "application/json; charset=utf-8", lone),
        ("PATCH", f"/v1/calls/{call_id}", "application/json", '{"narrative": "\\udc00"}'),
        ("POST", f"/v1/calls/{call_id}/cancel", "application/json", '{"reason": "\\udbff"}'),
    ):
        response = await intake.request(method, path, content=body.encode(),
                                         headers={"content-type": content_type})
        assert response.status_code == 422, (path, response.status_code)
        problem = is_problem(response, 422)
        assert problem["errors"][0]["message"].startswith("Text is not valid Unicode"), path
    # Nothing was accepted: the incident is new when it comes with valid text.
    response = await intake.post("/v1/calls", json={**CALL, "narrative": "smoke seen \U0001f525"})
    assert response.status_code == 202

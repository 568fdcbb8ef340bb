"""Intake over HTTP, in process, against the real broker."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.intake.main import create_app
from services.intake.settings import IntakeSettings
from shared.events import parse_event
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.conftest import bearer, read_topic

pytestmark = pytest.mark.kafka

CALL = {
    "cad_incident_id": "MP-2026-000101",
    "call_type": "EDP",
    "narrative": "Brother talking about hurting himself, no weapons.",
    "received_at": "2026-11-25T14:03:00-06:00",
    "location": {"address": "2633 Minnehaha Ave", "lat": 44.95, "lon": -93.24},
}


async def client_for(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake") as client:
            yield client


@pytest.fixture
async def intake(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> AsyncIterator[httpx.AsyncClient]:
    settings = IntakeSettings(**kafka_settings.model_dump())
    async for client in client_for(create_app(settings)):
        client.headers.update(bearer(credentials["cad"]))
        yield client


async def test_an_accepted_call_is_in_kafka_under_its_call_id(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    response = await intake.post("/v1/calls", json=CALL)
    assert response.status_code == 202
    call_id = response.json()["call_id"]
    [record] = await read_topic(kafka_settings, CALLS_RECEIVED, 1)
    envelope, payload = parse_event(record.value)
    assert record.key == call_id.encode()
    assert envelope.call_id == call_id and envelope.event_type == "CallReceived"
    assert payload.model_dump()["call_type"] == "EDP"
    assert (await intake.get("/readyz")).json()["checks"] == {"kafka": True}


async def test_a_cad_retry_maps_to_the_same_call(intake: httpx.AsyncClient) -> None:
    first = await intake.post("/v1/calls", json=CALL)
    again = await intake.post("/v1/calls", json=CALL)
    assert first.json()["call_id"] == again.json()["call_id"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cad_incident_id": None}, "body.cad_incident_id"),
        ({"received_at": "last tuesday"}, "body.received_at"),
        ({"location": {}}, "body.location"),
        ({"location": {"lat": 44.9}}, "body.location"),
        ({"location": {"lat": 144.9, "lon": 1}}, "body.location.lat"),
        ({"call_type": "x" * 500}, "body.call_type"),
    ],
)
async def test_bad_calls_get_problem_json_naming_the_field(
    intake: httpx.AsyncClient, change: dict[str, object], field: str
) -> None:
    body = {**CALL, **change}
    body = {k: v for k, v in body.items() if v is not None}
    response = await intake.post("/v1/calls", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert field in [e["field"] for e in problem["errors"]]
    assert "hurting himself" not in response.text


async def test_a_body_that_is_not_json_is_a_422_not_a_500(intake: httpx.AsyncClient) -> None:
    response = await intake.post("/v1/calls", content=b"{oops",
                                 headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_calls_need_a_cad_key(
    intake: httpx.AsyncClient, credentials: dict[str, Any]
) -> None:
    anonymous = await intake.post("/v1/calls", json=CALL, headers={"Authorization": ""})
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    forged = await intake.post("/v1/calls", json=CALL, headers=bearer("rr_cad_guess"))
    assert forged.status_code == 401
    auditor = await intake.post("/v1/calls", json=CALL, headers=bearer(credentials["auditor"]))
    assert auditor.status_code == 403
    assert auditor.headers["content-type"] == "application/problem+json"
    assert (await intake.get("/healthz", headers={"Authorization": ""})).status_code == 200


async def test_with_kafka_down_intake_answers_503_never_202(
    unique_prefix: str, tmp_path: Path, credentials: dict[str, Any]
) -> None:
    settings = IntakeSettings(kafka_bootstrap="127.0.0.1:1", topic_prefix=unique_prefix,
                              publish_timeout_s=1.0, kafka_retry_backoff_s=0.2,
                              key_file=tmp_path / "keys.json")
    async for client in client_for(create_app(settings)):
        response = await client.post("/v1/calls", json=CALL, headers=bearer(credentials["cad"]))
        assert response.status_code == 503
        assert response.headers["retry-after"]
        assert response.headers["content-type"] == "application/problem+json"
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert json.loads(ready.text)["checks"]["kafka"] is False

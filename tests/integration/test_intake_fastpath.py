"""POST /v1/calls answered by FastCallPost is the very answer the FastAPI route gives.

Each case posts twice, once in a form the fast path takes and once in a form it hands to
the route (``application/json; charset=utf-8``), and compares status, headers and body.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from services.intake.fastpath import FastCallPost
from services.intake.main import create_app
from services.intake.settings import IntakeSettings
from services.intake.store import IntakeStore
from shared.settings import ServiceSettings
from tests.conftest import bearer
from tests.integration.intake_helpers import client_for

pytestmark = pytest.mark.kafka

FAST = {"content-type": "application/json"}
ROUTE = {"content-type": "application/json; charset=utf-8"}  # FastCallPost passes it on


def call(n: str, **changes: Any) -> bytes:
    body: dict[str, Any] = {
        "cad_incident_id": f"FP-{n}", "call_type": "EDP", "cad_priority": "2",
        "narrative": "Brother talking about hurting himself, no weapons.",
        "received_at": "2026-11-25T14:03:00-06:00",
        "location": {"address": "2633 Minnehaha Ave", "lat": 44.95, "lon": -93.24},
        "flags": {"weapons": False},
    }
    body.update(changes)
    return json.dumps(body).encode()


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Statuses of the requests FastCallPost answered itself."""
    answered: list[int] = []
    original = FastCallPost._post

    async def spy(self: FastCallPost, scope: Any, receive: Any, send: Any,
                  *args: Any) -> None:
        async def recording_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                answered.append(message["status"])
            await send(message)
        await original(self, scope, receive, recording_send, *args)

    monkeypatch.setattr(FastCallPost, "_post", spy)
    return answered


@pytest.fixture
async def intake(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> AsyncIterator[httpx.AsyncClient]:
    settings = IntakeSettings(**kafka_settings.model_dump(), rate_limit_per_s=1,
                              rate_limit_burst=30)
    async for client in client_for(create_app(settings)):
        client.headers.update(bearer(credentials["cad"]))
        yield client


def same(fast: httpx.Response, route: httpx.Response, *ids: str) -> None:
    assert fast.status_code == route.status_code
    assert fast.headers.raw == route.headers.raw
    fast_text, route_text = fast.text, route.text
    for a, b in zip(ids[::2], ids[1::2], strict=True):
        fast_text, route_text = fast_text.replace(a, "ID"), route_text.replace(b, "ID")
    assert fast_text == route_text


async def test_a_new_call_and_its_retry_get_the_routes_bytes(
    intake: httpx.AsyncClient, taken: list[int]
) -> None:
    fast = await intake.post("/v1/calls", content=call("1"), headers=FAST)
    route = await intake.post("/v1/calls", content=call("2"), headers=ROUTE)
    assert taken == [202]
    assert fast.status_code == 202
    same(fast, route, fast.json()["call_id"], route.json()["call_id"])
    fast_again = await intake.post("/v1/calls", content=call("2"), headers=FAST)
    route_again = await intake.post("/v1/calls", content=call("1"), headers=ROUTE)
    assert taken == [202, 200]
    assert fast_again.json() == {**route.json(), "duplicate": True}
    same(fast_again, route_again, route.json()["call_id"], fast.json()["call_id"])


async def test_conflicts_are_the_routes_problem_json(
    intake: httpx.AsyncClient, taken: list[int]
) -> None:
    first = await intake.post("/v1/calls", content=call("3"), headers=FAST)
    changed = call("3", narrative="Something else.")
    fast = await intake.post("/v1/calls", content=changed, headers=FAST)
    route = await intake.post("/v1/calls", content=changed, headers=ROUTE)
    assert fast.status_code == 409
    same(fast, route)
    assert first.json()["call_id"] in fast.text
    keyed = {"Idempotency-Key": "fp-key-1"}
    assert (await intake.post("/v1/calls", content=call("4"),
                              headers={**FAST, **keyed})).status_code == 202
    fast = await intake.post("/v1/calls", content=call("5"), headers={**FAST, **keyed})
    route = await intake.post("/v1/calls", content=call("5"), headers={**ROUTE, **keyed})
    assert fast.status_code == 409
    same(fast, route)
    assert taken == [202, 409, 202, 409]


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({}, call("6", location={}), 422),
        ({}, b"{oops", 422),
        ({}, b"", 422),
        ({"Idempotency-Key": "has space"}, call("7"), 422),
        ({"Idempotency-Key": "k" * 201}, call("8"), 422),
        ({"Authorization": ""}, call("9"), 401),
        ({"Authorization": "Basic abc"}, call("10"), 401),
        ({"Authorization": "Bearer rr_cad_guess"}, call("11"), 401),
        ({"agency": "other"}, call("12", agency="other"), 403),
    ],
)
async def test_anything_unusual_is_answered_by_the_route(
    intake: httpx.AsyncClient, taken: list[int], headers: dict[str, str], body: bytes,
    status: int
) -> None:
    headers = {k: v for k, v in headers.items() if k != "agency"}
    fast = await intake.post("/v1/calls", content=body, headers={**FAST, **headers})
    route = await intake.post("/v1/calls", content=body, headers={**ROUTE, **headers})
    assert fast.status_code == status
    same(fast, route)
    # A call for another agency passes every check but the route's own code: the fast path
    # runs that code and answers with the app's handler.
    assert taken == ([403] if status == 403 else [])


async def test_another_role_and_an_empty_bucket_go_to_the_route(
    intake: httpx.AsyncClient, taken: list[int], credentials: dict[str, Any]
) -> None:
    auditor = await intake.post("/v1/calls", content=call("13"),
                                headers={**FAST, **bearer(credentials["auditor"])})
    assert auditor.status_code == 403 and taken == []
    statuses = [(await intake.post("/v1/calls", content=call(f"r{i}"), headers=FAST))
                for i in range(40)]
    limited = [r for r in statuses if r.status_code == 429]
    assert limited and limited[0].headers["retry-after"]
    assert len(taken) == sum(1 for r in statuses if r.status_code == 202)


async def test_metrics_label_the_fast_path_with_the_route(
    intake: httpx.AsyncClient, taken: list[int], credentials: dict[str, Any]
) -> None:
    await intake.post("/v1/calls", content=call("14"), headers=FAST)
    assert taken == [202]
    metrics = await intake.get("/metrics", headers=bearer(credentials["admin"]))
    assert ('rr_http_request_duration_seconds_count{method="POST",route="/v1/calls",'
            'status="202"} 1.0') in metrics.text



@pytest.mark.parametrize("path", [FAST, ROUTE], ids=["fast path", "route"])
async def test_a_database_outage_is_a_503_to_retry_never_a_500(
    kafka_settings: ServiceSettings, credentials: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch, path: dict[str, str],
) -> None:
    app = create_app(IntakeSettings(**kafka_settings.model_dump()))

    def locked(*_: Any) -> None:
        raise sqlite3.OperationalError("database is locked")

    async with app.router.lifespan_context(app):
        # As the server sees it: the app's own error answer, not an exception.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake",
                                     headers=bearer(credentials["cad"])) as client:
            monkeypatch.setattr(IntakeStore, "get", locked)
            down = await client.post("/v1/calls", content=call("db"), headers=path)
            monkeypatch.undo()
            back = await client.post("/v1/calls", content=call("db"), headers=path)
    assert down.status_code == 503
    assert down.headers["content-type"] == "application/problem+json"
    assert down.headers["retry-after"] == "5"
    assert down.json()["title"] == "Service Unavailable"
    assert back.status_code == 202

"""The console's session and live queue over HTTP, on assignment's app with its real store
and a clock the test moves (no broker: calls are decided through the dispatcher
directly). Only floor keys sign in; the cookie goes to the floor's routes; the queue
streams a call the moment it waits and closes once the key is revoked; a change from
another site is refused; live queues per key are capped."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.assignment.floor_policy import FloorPolicy, FloorRule
from shared.events import make_event
from tests.conftest import bearer, wait_for
from tests.integration.assignment_support import problem_of, triaged
from tests.integration.test_assignment_page_sessions import (
    BASE,
    SITE,
    Service,
    serving,
    set_cookie,
)

COOKIE = "rr_console"
CONFIRM_FIRST = FloorPolicy(rules=[FloorRule(pathway="behavioral_health", dispatch="confirm",
                                             wait_s=600)])


@pytest.fixture
async def service(tmp_path: Path, credentials: dict[str, Any]) -> AsyncIterator[Service]:
    async for running in serving(tmp_path, credentials, floor=CONFIRM_FIRST,
                                 max_console_streams_per_key=1):
        yield running


def a_call_waits(service: Service) -> str:
    call_id = str(uuid.uuid4())
    payload = triaged(["bcr"], 3)
    service.app.state.dispatcher.on_triaged(
        make_event(payload, producer="triage", call_id=call_id), payload)
    return call_id


async def sign_in(service: Service, role: str = "dispatcher") -> str:
    response = await service.client.post(
        "/console/session", json={"token": service.credentials[role]}, headers=SITE)
    assert response.status_code == 200, response.text
    assert response.json()["role"] == role
    morsel = set_cookie(response)[COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "strict" and morsel["path"] == "/v1"
    assert service.credentials[role] not in morsel.value
    return morsel.value


def with_cookie(token: str) -> dict[str, str]:
    return {"Cookie": f"{COOKIE}={token}"}


async def test_only_floor_keys_sign_in_and_the_session_reads_and_acts_from_its_own_page(
    service: Service,
) -> None:
    for role in ("cad", "auditor", "admin"):
        problem_of(await service.client.post(
            "/console/session", json={"token": service.credentials[role]}, headers=SITE), 401)
    problem_of(await service.client.post(
        "/console/session", json={"token": service.credentials["responders"]["BCR-1"]},
        headers=SITE), 401)
    problem_of(await service.client.post(
        "/console/session", json={"token": service.credentials["dispatcher"]},
        headers={"Origin": "https://evil.example"}), 403)
    token = await sign_in(service, "clinician")
    call_id = a_call_waits(service)
    queue = await service.client.get("/v1/floor/queue", headers=with_cookie(token))
    assert [c["call_id"] for c in queue.json()["calls"]] == [call_id]
    # The console's session is no crew's: a unit's routes refuse it.
    problem_of(await service.client.get("/v1/units/BCR-1/assignment",
                                        headers={"Cookie": f"rr_responder={token}"}), 401)
    # ... and presenting it there does not end it.
    again = await service.client.get("/v1/floor/session", headers=with_cookie(token))
    assert again.status_code == 200 and again.json()["key_id"] == "dev-clinician"
    act = {"action": "transfer", "to": "988", "reason_code": "caller_request"}
    refused = await service.client.post(f"/v1/calls/{call_id}/actions", json=act,
                                        headers={"Sec-Fetch-Site": "cross-site",
                                                 **with_cookie(token)})
    problem_of(refused, 403)
    done = await service.client.post(f"/v1/calls/{call_id}/actions", json=act,
                                     headers={**SITE, **with_cookie(token)})
    assert done.status_code == 200, done.text
    assert done.json()["state"] == "transferred"
    out = await service.client.delete("/v1/floor/session",
                                      headers={**SITE, **with_cookie(token)})
    assert out.status_code == 204
    problem_of(await service.client.get("/v1/floor/queue", headers=with_cookie(token)), 401)


async def test_the_live_queue_stops_before_delivering_once_the_key_is_revoked_and_is_capped(
    service: Service,
) -> None:
    token = await sign_in(service)
    slots = service.app.state.console_stream_slots
    # The test client hands the body over only once the stream ends: what the app has
    # sent so far is read off its ASGI messages, so the key is revoked only after the
    # queue as it stood went out (revoked earlier, the stream rightly sends nothing).
    sent = bytearray()

    async def recording(scope: Any, receive: Any, send: Any) -> None:
        async def send_and_keep(message: Any) -> None:
            if message["type"] == "http.response.body":
                sent.extend(message.get("body", b""))
            await send(message)
        await service.app(scope, receive, send_and_keep)

    async def read() -> str:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=recording),
                                     base_url=BASE) as client:
            response = await client.get("/v1/floor/queue/stream", headers=with_cookie(token))
        assert response.status_code == 200, response.text
        return response.text

    stream = asyncio.create_task(read())

    async def queue_delivered() -> bool:
        if stream.done():
            raise AssertionError(f"the stream ended early: {stream.result()!r}")
        return b"event: queue" in sent and slots.open_for("floor:dev-dispatcher") >= 1

    await wait_for(queue_delivered, what="the live queue to deliver the queue as it stands")
    # One live queue per key here: another is refused while this one is open.
    refused = await service.client.get("/v1/floor/queue/stream",
                                       headers=bearer(service.credentials["dispatcher"]))
    assert "close one first" in problem_of(refused, 429)["detail"]
    service.revoke("none")  # the key file keeps no floor key
    call_id = a_call_waits(service)  # the clock stands still: checked per change
    body = await asyncio.wait_for(stream, 10)
    assert body.count("event: queue") == 1 and '"calls": []' in body  # as it stood
    assert call_id not in body
    assert body.rstrip().endswith("event: signed-out\ndata: {}")
    assert slots.open_for("floor:dev-dispatcher") == 0

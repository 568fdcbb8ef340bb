"""On the real broker: Kafka's acknowledgement does not come in time, yet the producer
delivers the record. Intake says neither 202 nor "nothing accepted" (503): the call is
pending; the same request again resolves it, and a changed post is a new event that no
consumer can skip as a duplicate of the first."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.intake.calls import call_id_for
from shared.kafka import EventPublisher, KafkaUnacknowledged
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.conftest import bearer, wait_for
from tests.integration.intake_helpers import client_for, events_on, intake_app

pytestmark = pytest.mark.kafka

CALL = {
    "cad_incident_id": "MP-2026-009001",
    "received_at": "2026-11-25T14:03:00-06:00",
    "call_type": "EDP",
    "narrative": "Brother talking about hurting himself, no weapons in the home.",
    "location": {"address": "2633 Minnehaha Ave", "lat": 44.9537, "lon": -93.2471},
}


@pytest.fixture
async def app(kafka_settings: ServiceSettings) -> AsyncIterator[FastAPI]:
    yield intake_app(kafka_settings)


@pytest.fixture
async def intake(app: FastAPI, credentials: dict[str, Any]) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(app):
        client.headers.update(bearer(credentials["cad"]))
        yield client


def lose_the_next_ack(publisher: EventPublisher, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next wait for an acknowledgement gives up at once, as one that ran past its
    timeout does; the record stays with the real producer, which delivers it."""
    real = publisher.wait_acks
    lost = [True]  # emptied by the one wait that gives up

    async def wait_acks(futures: Sequence[Any]) -> None:
        if lost:
            lost.clear()
            raise KafkaUnacknowledged("Kafka did not acknowledge: TimeoutError (test)")
        await real(futures)

    monkeypatch.setattr(publisher, "wait_acks", wait_acks)


async def delivered(settings: ServiceSettings, count: int) -> list[Any]:
    async def enough() -> list[Any] | None:
        events = await events_on(settings, CALLS_RECEIVED)
        return events if len(events) >= count else None

    return await wait_for(enough, what=f"{count} events on calls.received")


async def test_an_unacknowledged_call_is_pending_and_the_same_post_resolves_it(
    intake: httpx.AsyncClient, app: FastAPI, kafka_settings: ServiceSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lose_the_next_ack(app.state.publisher, monkeypatch)
    pending = await intake.post("/v1/calls", json=CALL)
    assert pending.status_code == 504, pending.text
    assert pending.headers["content-type"] == "application/problem+json"
    assert pending.headers["retry-after"]
    call_id = call_id_for("default", CALL["cad_incident_id"])
    assert pending.json()["call_id"] == call_id and pending.json()["state"] == "pending"
    assert (await intake.get(f"/v1/calls/{call_id}")).json()["pending"] is True
    # Delivered all the same: why intake must not have said that nothing was accepted.
    await delivered(kafka_settings, 1)

    retry = await intake.post("/v1/calls", json=CALL)
    assert retry.status_code == 202 and retry.json()["call_id"] == call_id
    [(first, _), (again, _)] = await delivered(kafka_settings, 2)
    assert again.event_id == first.event_id  # the copy consumers skip
    assert (await intake.get(f"/v1/calls/{call_id}")).json()["pending"] is False
    assert (await intake.post("/v1/calls", json=CALL)).status_code == 200


async def test_a_changed_post_after_an_unacknowledged_one_is_never_skipped(
    intake: httpx.AsyncClient, app: FastAPI, kafka_settings: ServiceSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lose_the_next_ack(app.state.publisher, monkeypatch)
    assert (await intake.post("/v1/calls", json=CALL)).status_code == 504
    changed = {**CALL, "narrative": "Brother now has a knife."}
    accepted = await intake.post("/v1/calls", json=changed)
    assert accepted.status_code == 202, accepted.text
    [(first, _), (second, call)] = await delivered(kafka_settings, 2)
    assert second.event_id != first.event_id
    assert getattr(call, "narrative", None) == "Brother now has a knife."
    state = (await intake.get(f"/v1/calls/{accepted.json()['call_id']}")).json()
    assert state["call"]["narrative"] == "Brother now has a knife."

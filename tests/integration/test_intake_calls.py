"""Intake's CAD-grade API on the real broker: contract, idempotency, updates, cancel,
agency scoping, failures in the middle of the write path (an acknowledgement that does
not come in time, while the producer delivers the event all the same, among them)."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.intake.calls import (
    body_hash,
    call_id_for,
    received_event_id,
    updated_event_id,
)
from services.intake.service import IntakeService
from services.intake.store import CallRow
from shared.auth import Role
from shared.events import (
    CallCancelled,
    CallReceived,
    CallUpdated,
    derive_id,
    make_event,
    serialize,
)
from shared.kafka import EventPublisher, KafkaUnacknowledged, KafkaUnavailable
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.conftest import bearer, wait_for
from tests.integration.intake_helpers import add_key, client_for, events_on, intake_app

pytestmark = pytest.mark.kafka

FULL = {
    "agency": "default",
    "cad_incident_id": "MP-2026-004211",
    "received_at": "2026-11-25T14:03:00-06:00",
    "call_type": "EDP",
    "call_type_description": "EMOTIONALLY DISTURBED PERSON",
    "cad_priority": "2",
    "narrative": "Brother talking about hurting himself, no weapons in the home.",
    "location": {"address": "2633 Minnehaha Ave", "lat": 44.9537, "lon": -93.2471,
                 "district": "3"},
    "caller": {"callback": "+16125550147", "name": "J. Doe"},
    "flags": {"weapons": False, "injuries": False, "in_progress": True},
    "some_future_field": {"ignored": True},
}


@pytest.fixture
async def app(kafka_settings: ServiceSettings) -> AsyncIterator[FastAPI]:
    yield intake_app(kafka_settings)


@pytest.fixture
async def intake(app: FastAPI, credentials: dict[str, Any]) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(app):
        client.headers.update(bearer(credentials["cad"]))
        yield client


async def test_the_full_contract_reaches_kafka(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    response = await intake.post("/v1/calls", json=FULL)
    assert response.status_code == 202, response.text
    call_id = response.json()["call_id"]
    [(envelope, payload)] = await events_on(kafka_settings, CALLS_RECEIVED)
    assert isinstance(payload, CallReceived) and envelope.call_id == call_id
    assert payload.cad_priority == "2" and payload.call_type == "EDP"
    assert payload.call_type_description == "EMOTIONALLY DISTURBED PERSON"
    assert payload.flags == {"weapons": False, "injuries": False, "in_progress": True}
    assert payload.caller is not None and payload.caller.callback == "+16125550147"
    assert payload.location.district == "3"
    assert "some_future_field" not in envelope.payload
    got = await intake.get(f"/v1/calls/{call_id}")
    assert got.status_code == 200 and got.json()["call"]["narrative"] == FULL["narrative"]


async def test_a_body_without_agency_takes_the_keys_agency(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings, app: FastAPI
) -> None:
    token = add_key(app.state.settings.key_file_path(), Role.cad, "stlp-cad", "stlp")
    body = {k: v for k, v in FULL.items() if k != "agency"}
    response = await intake.post("/v1/calls", json=body, headers=bearer(token))
    assert response.status_code == 202
    [(_, payload)] = await events_on(kafka_settings, CALLS_RECEIVED)
    assert isinstance(payload, CallReceived) and payload.agency == "stlp"


async def test_a_cad_key_cannot_post_for_another_agency(intake: httpx.AsyncClient) -> None:
    response = await intake.post("/v1/calls", json={**FULL, "agency": "stlp"})
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["field"] == "body.agency"


async def test_posting_again_returns_the_original_call_and_publishes_nothing(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    first = await intake.post("/v1/calls", json=FULL, headers={"Idempotency-Key": "k-1"})
    again = await intake.post("/v1/calls", json=FULL)
    by_key = await intake.post("/v1/calls", json=FULL, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 202
    assert again.status_code == 200 and by_key.status_code == 200
    assert first.json()["call_id"] == again.json()["call_id"] == by_key.json()["call_id"]
    assert again.json()["duplicate"] is True
    events = await events_on(kafka_settings, CALLS_RECEIVED)
    assert len(events) == 1


async def test_an_idempotency_key_reused_for_another_call_is_a_conflict(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    await intake.post("/v1/calls", json=FULL, headers={"Idempotency-Key": "k-2"})
    other = {**FULL, "cad_incident_id": "MP-2026-009999"}
    response = await intake.post("/v1/calls", json=other, headers={"Idempotency-Key": "k-2"})
    assert response.status_code == 409
    assert response.json()["field"] == "header.Idempotency-Key"
    assert len(await events_on(kafka_settings, CALLS_RECEIVED)) == 1


async def test_the_same_incident_with_different_content_is_a_conflict_naming_the_call(
    intake: httpx.AsyncClient,
) -> None:
    first = await intake.post("/v1/calls", json=FULL)
    changed = await intake.post("/v1/calls", json={**FULL, "narrative": "something else"})
    assert changed.status_code == 409
    problem = changed.json()
    assert problem["call_id"] == first.json()["call_id"]
    assert problem["field"] == "body.cad_incident_id"
    assert "something else" not in changed.text


async def test_updates_publish_the_whole_call_in_order_under_the_same_key(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    call_id = (await intake.post("/v1/calls", json=FULL)).json()["call_id"]
    weapon = await intake.patch(f"/v1/calls/{call_id}", json={
        "narrative_append": "Caller now says brother has a knife.", "flags": {"weapons": True}})
    assert weapon.status_code == 202, weapon.text
    assert weapon.json()["changed_fields"] == ["narrative", "flags"]
    moved = await intake.patch(f"/v1/calls/{call_id}", json={
        "location": {"address": "2701 Minnehaha Ave", "lat": 44.95, "lon": -93.24}})
    assert moved.json()["version"] == 2
    nothing = await intake.patch(f"/v1/calls/{call_id}", json={"flags": {"weapons": True}})
    assert nothing.status_code == 200 and nothing.json()["changed_fields"] == []

    events = await events_on(kafka_settings, CALLS_RECEIVED)
    assert [e.event_type for e, _ in events] == ["CallReceived", "CallUpdated", "CallUpdated"]
    assert {e.partition_key for e, _ in events} == {call_id.encode()}
    update = events[1][1]
    assert isinstance(update, CallUpdated)
    assert update.flags["weapons"] is True and update.narrative is not None
    assert update.narrative.endswith("has a knife.") and update.cad_incident_id == FULL[
        "cad_incident_id"]
    last = events[2][1]
    assert isinstance(last, CallUpdated) and last.changed_fields == ["location"]
    assert last.flags["weapons"] is True and last.location.address == "2701 Minnehaha Ave"
    # The update's id: the call, its version and its content.
    state = {k: v for k, v in events[1][0].payload.items() if k != "changed_fields"}
    assert str(events[1][0].event_id) == updated_event_id(call_id, 1, body_hash(state))


async def test_a_retried_patch_under_its_key_is_applied_once(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    call_id = (await intake.post("/v1/calls", json=FULL)).json()["call_id"]
    patch = {"narrative_append": "Second caller on the line."}
    headers = {"Idempotency-Key": "patch-1"}
    first = await intake.patch(f"/v1/calls/{call_id}", json=patch, headers=headers)
    retry = await intake.patch(f"/v1/calls/{call_id}", json=patch, headers=headers)
    assert (first.status_code, retry.status_code) == (202, 200)
    clash = await intake.patch(f"/v1/calls/{call_id}", json={"cad_priority": "1"},
                               headers=headers)
    assert clash.status_code == 409 and clash.json()["field"] == "header.Idempotency-Key"
    narrative = (await intake.get(f"/v1/calls/{call_id}")).json()["call"]["narrative"]
    assert narrative.count("Second caller") == 1
    assert len(await events_on(kafka_settings, CALLS_RECEIVED)) == 2


async def test_cancel_publishes_call_cancelled_once_and_freezes_the_call(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    call_id = (await intake.post("/v1/calls", json=FULL)).json()["call_id"]
    cancelled = await intake.post(f"/v1/calls/{call_id}/cancel", json={"reason": "duplicate"})
    assert cancelled.status_code == 202 and cancelled.json()["status"] == "cancelled"
    again = await intake.post(f"/v1/calls/{call_id}/cancel")
    assert again.status_code == 200
    late = await intake.patch(f"/v1/calls/{call_id}", json={"cad_priority": "1"})
    assert late.status_code == 409
    events = await events_on(kafka_settings, CALLS_RECEIVED)
    assert [e.event_type for e, _ in events] == ["CallReceived", "CallCancelled"]
    assert isinstance(events[1][1], CallCancelled) and events[1][1].reason == "duplicate"
    assert events[1][0].call_id == call_id


async def test_another_agencys_key_cannot_see_or_touch_the_call(
    intake: httpx.AsyncClient, app: FastAPI, credentials: dict[str, Any]
) -> None:
    call_id = (await intake.post("/v1/calls", json=FULL)).json()["call_id"]
    other = bearer(add_key(app.state.settings.key_file_path(), Role.cad, "stlp", "stlp"))
    for response in (
        await intake.get(f"/v1/calls/{call_id}", headers=other),
        await intake.patch(f"/v1/calls/{call_id}", json={"cad_priority": "1"}, headers=other),
        await intake.post(f"/v1/calls/{call_id}/cancel", headers=other),
    ):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
    admin = await intake.post(f"/v1/calls/{call_id}/cancel",
                              headers=bearer(credentials["admin"]))
    assert admin.status_code == 202
    unknown = await intake.patch(f"/v1/calls/{derive_id('nope')}", json={"cad_priority": "1"})
    assert unknown.status_code == 404


class Unavailable(EventPublisher):
    """Kafka refusing to acknowledge, for one app at a time."""

    async def publish_many(self, events: Any) -> None:
        raise KafkaUnavailable("broker down (test)")


async def test_a_failed_publish_leaves_nothing_and_the_retry_publishes(
    intake: httpx.AsyncClient, app: FastAPI, kafka_settings: ServiceSettings
) -> None:
    service: IntakeService = app.state.service
    real = service.publisher
    service.publisher = Unavailable(kafka_settings)
    down = await intake.post("/v1/calls", json=FULL, headers={"Idempotency-Key": "k-9"})
    assert down.status_code == 503 and down.headers["retry-after"]
    service.publisher = real
    up = await intake.post("/v1/calls", json=FULL, headers={"Idempotency-Key": "k-9"})
    assert up.status_code == 202
    call_id = up.json()["call_id"]

    service.publisher = Unavailable(kafka_settings)
    failed = await intake.patch(f"/v1/calls/{call_id}", json={"flags": {"weapons": True}})
    assert failed.status_code == 503
    service.publisher = real
    state = (await intake.get(f"/v1/calls/{call_id}")).json()
    assert state["version"] == 0 and state["call"]["flags"]["weapons"] is False
    retried = await intake.patch(f"/v1/calls/{call_id}", json={"flags": {"weapons": True}})
    assert retried.status_code == 202 and retried.json()["version"] == 1

    service.publisher = Unavailable(kafka_settings)
    assert (await intake.post(f"/v1/calls/{call_id}/cancel")).status_code == 503
    service.publisher = real
    assert (await intake.get(f"/v1/calls/{call_id}")).json()["status"] == "active"
    assert (await intake.post(f"/v1/calls/{call_id}/cancel")).status_code == 202

    events = await events_on(kafka_settings, CALLS_RECEIVED)
    assert [e.event_type for e, _ in events] == ["CallReceived", "CallUpdated", "CallCancelled"]


async def test_an_outbox_left_by_a_crash_is_published_by_the_retry(
    intake: httpx.AsyncClient, app: FastAPI, kafka_settings: ServiceSettings
) -> None:
    # The process died after recording the call and before Kafka acknowledged it.
    call_id = str(derive_id("call", "default", FULL["cad_incident_id"]))
    from services.intake.calls import to_payload
    from services.intake.models import CallCreate

    payload = to_payload(CallCreate.model_validate(FULL), "default")
    event = make_event(payload, producer="intake", call_id=call_id, event_id=uuid.UUID(
        received_event_id(call_id, body_hash(payload.model_dump(mode="json")))))
    app.state.store.insert(CallRow(call_id=call_id, agency="default",
                              cad_incident_id=FULL["cad_incident_id"], body_hash="stale",
                              state=json.dumps(payload.model_dump(mode="json")),
                              outbox=serialize(event).decode()))
    assert await events_on(kafka_settings, CALLS_RECEIVED) == []
    retry = await intake.post("/v1/calls", json=FULL)
    assert retry.status_code == 202 and retry.json()["call_id"] == call_id
    [(envelope, _)] = await events_on(kafka_settings, CALLS_RECEIVED)
    assert envelope.event_id == event.event_id
    assert (await intake.post("/v1/calls", json=FULL)).status_code == 200


async def test_the_store_survives_a_restart(
    kafka_settings: ServiceSettings, credentials: dict[str, Any], tmp_path: Path
) -> None:
    async for client in client_for(intake_app(kafka_settings)):
        first = await client.post("/v1/calls", json=FULL, headers=bearer(credentials["cad"]))
        assert first.status_code == 202
    assert (tmp_path / "intake.db").exists()
    async for client in client_for(intake_app(kafka_settings)):
        again = await client.post("/v1/calls", json=FULL, headers=bearer(credentials["cad"]))
        assert again.status_code == 200 and again.json()["call_id"] == first.json()["call_id"]
    assert len(await events_on(kafka_settings, CALLS_RECEIVED)) == 1


async def test_a_call_recorded_by_another_instance_meanwhile_is_a_duplicate_not_a_500(
    intake: httpx.AsyncClient, app: FastAPI, kafka_settings: ServiceSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = await intake.post("/v1/calls", json=FULL)
    store = app.state.store
    real_get = store.get
    stale = iter([None])  # the first read misses the row, as a racing instance would

    def get(call_id: str) -> Any:
        return next(stale, None) or real_get(call_id)

    monkeypatch.setattr(store, "get", get)
    again = await intake.post("/v1/calls", json=FULL)
    assert again.status_code == 200 and again.json()["call_id"] == first.json()["call_id"]
    assert len(await events_on(kafka_settings, CALLS_RECEIVED)) == 1


async def test_two_intake_processes_on_one_store_keep_every_idempotency_rule(
    kafka_settings: ServiceSettings, credentials: dict[str, Any], tmp_path: Path
) -> None:
    """What uvicorn --workers 2 runs: two apps, each with its own connection, locks and
    producer, on one SQLite file. The rules hold across them because the database
    enforces them (unique call id, agency + CAD incident id, agency + Idempotency-Key)."""
    import asyncio

    url = f"sqlite:///{tmp_path / 'shared-intake.db'}"
    first, second = (intake_app(kafka_settings, database_url=url) for _ in range(2))
    auth = bearer(credentials["cad"])
    async for a in client_for(first):
        async for b in client_for(second):
            # The same call posted to both at once: one call id, one event id.
            racing = await asyncio.gather(*(c.post("/v1/calls", json=FULL, headers=auth)
                                            for c in (a, b, a, b)))
            assert {r.status_code for r in racing} <= {200, 202}
            assert len({r.json()["call_id"] for r in racing}) == 1
            # A retry at either process afterwards: 200 with the original call id.
            for client in (a, b):
                again = await client.post("/v1/calls", json=FULL, headers=auth)
                assert again.status_code == 200
                assert again.json()["call_id"] == racing[0].json()["call_id"]
            # An Idempotency-Key taken at one process is taken at the other.
            keyed = {**auth, "Idempotency-Key": "cad-retry-77"}
            other = {**FULL, "cad_incident_id": "MP-2026-004299"}
            assert (await a.post("/v1/calls", json=other, headers=keyed)).status_code == 202
            same = await b.post("/v1/calls", json=other, headers=keyed)
            assert same.status_code == 200 and same.json()["duplicate"] is True
            conflict = await b.post("/v1/calls", json={**other, "cad_incident_id": "MP-9"},
                                    headers=keyed)
            assert conflict.status_code == 409
            assert conflict.json()["field"] == "header.Idempotency-Key"
    events = await events_on(kafka_settings, CALLS_RECEIVED)
    assert len({envelope.event_id for envelope, _ in events}) == 2


async def test_screening_answers_are_published_and_updated_question_by_question(
    intake: httpx.AsyncClient, kafka_settings: ServiceSettings
) -> None:
    body = {**FULL, "screening": {"weapons": False, "violence": False, "injury": None}}
    call_id = (await intake.post("/v1/calls", json=body)).json()["call_id"]
    answered = await intake.patch(f"/v1/calls/{call_id}", json={"screening": {"weapons": True}})
    assert answered.status_code == 202, answered.text
    assert answered.json()["changed_fields"] == ["screening"]
    again = await intake.patch(f"/v1/calls/{call_id}", json={"screening": {"weapons": True}})
    assert again.status_code == 200 and again.json()["changed_fields"] == []

    [(_, received), (_, updated)] = await events_on(kafka_settings, CALLS_RECEIVED)
    assert received.screening is not None and updated.screening is not None
    assert received.screening.answered() == {"weapons": False, "violence": False}
    assert updated.screening.answered() == {"weapons": True, "violence": False}


async def test_a_screening_answer_that_is_no_yes_or_no_is_a_problem_naming_it(
    intake: httpx.AsyncClient,
) -> None:
    response = await intake.post("/v1/calls", json={**FULL, "screening": {"weapons": "maybe"}})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "screening" in response.text


# --- Kafka had the event but did not acknowledge it in time -----------------------------


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
    pending = await intake.post("/v1/calls", json=FULL)
    assert pending.status_code == 504, pending.text
    assert pending.headers["content-type"] == "application/problem+json"
    assert pending.headers["retry-after"]
    call_id = call_id_for("default", FULL["cad_incident_id"])
    assert pending.json()["call_id"] == call_id and pending.json()["state"] == "pending"
    assert (await intake.get(f"/v1/calls/{call_id}")).json()["pending"] is True
    # Delivered all the same: why intake must not have said that nothing was accepted.
    await delivered(kafka_settings, 1)

    retry = await intake.post("/v1/calls", json=FULL)
    assert retry.status_code == 202 and retry.json()["call_id"] == call_id
    [(first, _), (again, _)] = await delivered(kafka_settings, 2)
    assert again.event_id == first.event_id  # the copy consumers skip
    assert (await intake.get(f"/v1/calls/{call_id}")).json()["pending"] is False
    assert (await intake.post("/v1/calls", json=FULL)).status_code == 200


async def test_a_changed_post_after_an_unacknowledged_one_is_never_skipped(
    intake: httpx.AsyncClient, app: FastAPI, kafka_settings: ServiceSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lose_the_next_ack(app.state.publisher, monkeypatch)
    assert (await intake.post("/v1/calls", json=FULL)).status_code == 504
    changed = {**FULL, "narrative": "Brother now has a knife."}
    accepted = await intake.post("/v1/calls", json=changed)
    assert accepted.status_code == 202, accepted.text
    [(first, _), (second, call)] = await delivered(kafka_settings, 2)
    assert second.event_id != first.event_id
    assert getattr(call, "narrative", None) == "Brother now has a knife."
    state = (await intake.get(f"/v1/calls/{accepted.json()['call_id']}")).json()
    assert state["call"]["narrative"] == "Brother now has a knife."

"""Someone who can write to Kafka, but lacks the deployment's secret, plants a call on the
bus under the id intake would once have derived for a real call (the project's public
namespace, uuid5). The real call, posted afterwards, is still triaged: its id is keyed
with the secret, so it is no duplicate of the planted one."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI

from services.triage.main import create_app as create_triage
from services.triage.settings import TriageSettings
from shared.events import CallReceived, Location, make_event, parse_event
from shared.kafka import EventPublisher
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED
from tests.conftest import bearer, read_topic
from tests.integration.intake_helpers import client_for, intake_app

pytestmark = pytest.mark.kafka

# The namespace derived ids were computed under before they were keyed; it is public.
OLD_NAMESPACE = uuid.UUID("6f1c2b7e-3c4a-5d2e-9b1f-52a8e4f0c911")
INCIDENT = "MP-2026-004999"


def old_scheme(*parts: object) -> uuid.UUID:
    return uuid.uuid5(OLD_NAMESPACE, "|".join(str(p) for p in parts))


@pytest.fixture
async def triage(kafka_settings: ServiceSettings) -> AsyncIterator[FastAPI]:
    app = create_triage(TriageSettings(**kafka_settings.model_dump()))
    async with app.router.lifespan_context(app):
        yield app


async def test_an_event_planted_under_a_guessable_id_does_not_hide_the_real_call(
    kafka_settings: ServiceSettings, triage: FastAPI, credentials: dict[str, Any],
) -> None:
    guessed_call = str(old_scheme("call", "default", INCIDENT))
    planted = make_event(
        CallReceived(agency="default", cad_incident_id=INCIDENT, narrative="test call",
                     received_at=datetime.now(UTC), location=Location(address="nowhere")),
        producer="intake", call_id=guessed_call,
        event_id=old_scheme(guessed_call, "CallReceived"))
    attacker = EventPublisher(kafka_settings)
    await attacker.start()
    try:
        await attacker.publish(CALLS_RECEIVED, planted)
    finally:
        await attacker.stop()
    [first] = await read_topic(kafka_settings, CALLS_TRIAGED, 1)
    assert parse_event(first.value)[0].causation_id == planted.event_id

    async for intake in client_for(intake_app(kafka_settings)):
        posted = await intake.post("/v1/calls", headers=bearer(credentials["cad"]), json={
            "cad_incident_id": INCIDENT, "received_at": "2026-11-25T14:03:00-06:00",
            "call_type": "EDP", "narrative": "Adult son in crisis, no weapons.",
            "location": {"address": "2633 Minnehaha Ave", "lat": 44.95, "lon": -93.24}})
        assert posted.status_code == 202, posted.text
    real_call = posted.json()["call_id"]
    assert real_call != guessed_call
    records = await read_topic(kafka_settings, CALLS_TRIAGED, 2)
    assert len(records) == 2, "the real call was skipped as a duplicate of the planted one"
    envelope, _ = parse_event(records[1].value)
    assert envelope.call_id == real_call and envelope.causation_id != planted.event_id

"""Triage as a service on the real broker: decisions published, updates re-triaged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from services.triage.main import create_app
from services.triage.settings import TriageSettings
from shared.events import (
    CallReceived,
    CallTriaged,
    CallUpdated,
    Location,
    UnitType,
    make_event,
    parse_event,
)
from shared.kafka import EventPublisher
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED
from tests.conftest import bearer, read_topic

pytestmark = pytest.mark.kafka


def crisis_call() -> CallReceived:
    return CallReceived(
        agency="mpls", cad_incident_id="MP-9", call_type="EDP",
        narrative="Adult son in crisis, yelling, no weapons, not violent",
        received_at=datetime.now(UTC), location=Location(address="Lake St", lat=44.95, lon=-93.25),
    )


@pytest.fixture
async def publisher(kafka_settings: ServiceSettings) -> AsyncIterator[EventPublisher]:
    """Triage running on the real broker, and a publisher to hand it calls."""
    app = create_app(TriageSettings(**kafka_settings.model_dump()))
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    try:
        async with app.router.lifespan_context(app):
            yield publisher
    finally:
        await publisher.stop()


async def test_a_call_is_triaged_and_an_update_with_a_weapon_brings_police(
    kafka_settings: ServiceSettings, publisher: EventPublisher,
) -> None:
    received = make_event(crisis_call(), producer="test", call_id="call-bh-1")
    await publisher.publish(CALLS_RECEIVED, received)
    [first] = await read_topic(kafka_settings, CALLS_TRIAGED, 1)
    envelope, decision = parse_event(first.value)
    assert isinstance(decision, CallTriaged)
    assert envelope.causation_id == received.event_id
    assert "behavioral_health" in decision.tags
    assert UnitType.bcr in decision.units and UnitType.police not in decision.units
    assert decision.policy_version and decision.policy_hash and not decision.retriage

    update = CallUpdated(
        **crisis_call().model_dump(exclude={"narrative", "flags"}),
        narrative="Adult son in crisis, now has a knife and is threatening his mother",
        flags={"weapons": True}, changed_fields=["narrative", "flags"],
    )
    await publisher.publish(CALLS_RECEIVED,
                            make_event(update, producer="test", call_id="call-bh-1"))
    records = await read_topic(kafka_settings, CALLS_TRIAGED, 2)
    _, retriaged = parse_event(records[1].value)
    assert isinstance(retriaged, CallTriaged)
    assert retriaged.retriage
    assert UnitType.police in retriaged.units and UnitType.bcr in retriaged.units
    assert "weapon" in retriaged.safety_flags
    assert any("police" in change for change in retriaged.changes)


async def test_supervisors_can_see_the_policy_and_dry_run_a_call(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    app = create_app(TriageSettings(**kafka_settings.model_dump()))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://triage",
                                     headers=bearer(credentials["auditor"])) as client:
            policy = (await client.get("/v1/policy")).json()
            assert policy["version"] and len(policy["hash"]) == 64
            dry = await client.post("/v1/classify", json={
                "call_type": "THEFT", "narrative": "suspect still on scene with a gun"})
            assert dry.status_code == 200
            decision = dry.json()
            assert "police" in decision["units"] and "weapon" in decision["safety_flags"]
            assert decision["policy_hash"] == policy["hash"]
            assert decision["reasons"]
            empty = await client.post("/v1/classify", json={})
            assert empty.json()["reasons"][0]["rule_id"] == "unclassified"
            assert (await client.post("/v1/classify", json={"flags": "yes"})).status_code == 422


async def test_a_thin_diversion_is_published_for_review_and_answers_settle_it(
    kafka_settings: ServiceSettings, publisher: EventPublisher,
) -> None:
    thin = CallReceived(
        agency="mpls", cad_incident_id="MP-10", call_type=None,
        narrative="son really upset and crying", received_at=datetime.now(UTC),
        location=Location(address="Lake St"))
    await publisher.publish(CALLS_RECEIVED,
                            make_event(thin, producer="test", call_id="call-thin-1"))
    [first] = await read_topic(kafka_settings, CALLS_TRIAGED, 1)
    _, decision = parse_event(first.value)
    assert isinstance(decision, CallTriaged)
    assert decision.units == [UnitType.bcr]
    assert decision.review and decision.review_reason

    answered = CallUpdated(
        **thin.model_dump(exclude={"screening"}), changed_fields=["screening"],
        screening={"weapons": False, "violence": False, "suicidal_with_means": False})
    await publisher.publish(CALLS_RECEIVED,
                            make_event(answered, producer="test", call_id="call-thin-1"))
    records = await read_topic(kafka_settings, CALLS_TRIAGED, 2)
    _, settled = parse_event(records[1].value)
    assert isinstance(settled, CallTriaged)
    assert settled.units == [UnitType.bcr] and not settled.review
    assert any(r.rule_id == "screening.safe" for r in settled.reasons)

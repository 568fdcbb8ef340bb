"""Every payload the services produce is declared, field by field, in shared.events.

The payloads come from the services' own code (intake's service, triage's handler,
assignment's dispatcher), never from hand-written dicts, and are checked as they travel:
the JSON of the envelope, validated against the contract with extras forbidden.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pydantic import ValidationError

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.rules import DEFAULT_FALLBACKS
from services.assignment.store import init_store, load_corridors, use_immediate_transactions
from services.intake.calls import to_payload
from services.intake.models import CallCreate, CallPatch
from services.intake.service import IntakeService
from services.intake.store import IntakeStore
from services.triage.engine import load_policy
from services.triage.handlers import decide, triaged_event
from shared.db import make_engine
from shared.events import (
    PAYLOAD_TYPES,
    CallCancelled,
    CallReceived,
    CallTriaged,
    Contract,
    Envelope,
    Location,
    UnitAssigned,
    make_event,
    parse_event,
    serialize,
)
from tests.integration.assignment_support import unit, write_roster

LAKE = Location(lat=44.9485, lon=-93.247, address="E. Lake St. & Bloomington", district="3")


def undeclared(envelope: Envelope) -> str | None:
    """Why the payload on the wire holds a field its contract does not declare, or None."""
    wire = json.loads(serialize(envelope))
    try:
        PAYLOAD_TYPES[wire["event_type"]].model_validate(wire["payload"])
    except ValidationError as err:
        return str(err)
    return None


class CapturingPublisher:
    """Stands in for Kafka: keeps what intake publishes."""

    def __init__(self) -> None:
        self.events: list[Envelope] = []

    async def publish(self, topic: str, event: Envelope) -> None:
        self.events.append(event)


async def test_intake_publishes_only_declared_fields(tmp_path: Path) -> None:
    publisher = CapturingPublisher()
    store = IntakeStore(f"sqlite:///{tmp_path / 'intake.db'}")
    service = IntakeService(store, publisher, "intake")  # type: ignore[arg-type]
    try:
        call = CallCreate.model_validate({
            "cad_incident_id": "MP-1", "call_type": "EDP", "narrative": "denies SI",
            "received_at": "2026-11-25T14:03:00Z",
            "location": {"address": "2633 Minnehaha Ave", "lat": 44.95, "lon": -93.24},
            "flags": {"weapons": False}, "caller": {"callback": "+16125550147"},
            "screening": {"weapons": False},
        })
        result = await service.submit(to_payload(call, "mpls"), idempotency_key="k-1")
        await service.update(result.call_id, CallPatch.model_validate(
            {"narrative_append": "now calm", "flags": {"injuries": True}}),
            idempotency_key=None)
        await service.cancel(result.call_id, "duplicate call")
    finally:
        store.close()
    assert [e.event_type for e in publisher.events] == [
        "CallReceived", "CallUpdated", "CallCancelled"]
    for event in publisher.events:
        assert undeclared(event) is None


def test_triage_publishes_only_declared_fields() -> None:
    policy = load_policy(None)
    call = CallReceived(
        agency="mpls", cad_incident_id="MP-1", call_type="EDP",
        narrative="Brother talking about hurting himself, no weapons.",
        received_at=datetime(2026, 11, 25, 14, 3, tzinfo=UTC), location=LAKE,
    )
    cause = make_event(call, producer="intake", call_id="c-1")
    first = decide(call, policy)
    armed = call.model_copy(update={"flags": {"weapons": True}})
    events = [
        *triaged_event(cause, call, first, producer="triage"),
        *triaged_event(cause, armed, decide(armed, policy), producer="triage", previous=first),
    ]
    assert len(events) == 2
    for _topic, event in events:
        assert undeclared(event) is None


@pytest.fixture
def dispatcher(tmp_path: Path) -> Iterator[tuple[Dispatcher, list[float]]]:
    roster = write_roster(tmp_path / "roster.yaml", [unit("BCR-1", "bcr", 44.95, -93.25),
                                                       unit("P-1", "police", 44.96, -93.26)])
    engine = make_engine(f"sqlite:///{tmp_path / 'assignment.db'}")
    use_immediate_transactions(engine)
    init_store(engine, roster)
    now = [1_750_000_000.0]
    try:
        yield Dispatcher(engine, DispatchConfig(
            producer="assignment", estimator=GreatCircleEta(40),
            corridors=load_corridors(roster), fallbacks=list(DEFAULT_FALLBACKS),
            ack_timeout_s=90), clock=lambda: now[0]), now
    finally:
        engine.dispose()


def outbox(dispatcher: Dispatcher) -> list[Envelope]:
    with dispatcher.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT envelope FROM outbox ORDER BY id")).all()
    return [Envelope.model_validate_json(raw) for (raw,) in rows]


def test_assignment_publishes_only_declared_fields(
    dispatcher: tuple[Dispatcher, list[float]]
) -> None:
    decider, now = dispatcher

    def triaged(call_id: str, priority: int) -> Envelope:
        payload = CallTriaged(pathway="behavioral_health", units=["bcr"], priority=priority,
                              confidence=1, policy_id="test", policy_version="1",
                              location=LAKE, tags=["behavioral_health"])
        envelope = make_event(payload, producer="triage", call_id=call_id)
        decider.on_triaged(envelope, payload)
        return envelope

    first = triaged("c-1", 2)  # BCR-1 is sent
    triaged("c-2", 1)  # none free: queued, with a fallback due
    decider.accept("BCR-1")
    now[0] += 121  # the fallback applies: police alone, P-1 sent and never acknowledged
    for need_id in decider.due_needs():
        decider.run_timer(need_id)
    now[0] += 91  # P-1 did not acknowledge
    for need_id in decider.due_needs():
        decider.run_timer(need_id)
    decider.on_cancelled(make_event(CallCancelled(reason="duplicate call"), producer="intake",
                                    call_id="c-1", causation=first), CallCancelled())

    events = outbox(decider)
    produced = {e.event_type for e in events}
    assert produced >= {"UnitAssigned", "CallQueued", "UnitStatusChanged", "AssignmentAccepted",
                        "AssignmentFallback", "AssignmentTimedOut", "UnitReleased"}, produced
    for event in events:
        assert undeclared(event) is None, event.event_type
    assigned = next(e for e in events if e.event_type == "UnitAssigned")
    assert {"candidates_total", "priority", "waited_s"} <= set(assigned.payload)


def test_a_producer_cannot_send_an_undeclared_field() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        UnitAssigned(unit_id="BCR-1", unit_type="bcr", rule="nearest_available",
                     surprise=True)  # type: ignore[call-arg]


def test_a_consumer_keeps_the_fields_a_newer_producer_added() -> None:
    event = make_event(CallCancelled(reason="duplicate call"), producer="intake", call_id="c-1")
    wire = json.loads(serialize(event))
    wire["payload"]["cancelled_by"] = "supervisor"
    envelope, payload = parse_event(json.dumps(wire).encode())
    assert isinstance(payload, CallCancelled)
    assert payload.model_extra == {"cancelled_by": "supervisor"}
    assert envelope.typed_payload().model_extra == {"cancelled_by": "supervisor"}


def _contracts(cls: type[Contract], seen: set[type[Contract]]) -> Iterator[type[Contract]]:
    if cls in seen:
        return
    seen.add(cls)
    yield cls
    for field in cls.model_fields.values():
        stack: list[Any] = [field.annotation]
        while stack:
            kind = stack.pop()
            stack.extend(typing.get_args(kind))
            if isinstance(kind, type) and issubclass(kind, Contract):
                yield from _contracts(kind, seen)


def test_every_field_is_described_with_an_example() -> None:
    seen: set[type[Contract]] = set()
    missing = [f"{cls.__name__}.{name}"
               for payload in PAYLOAD_TYPES.values() for cls in _contracts(payload, seen)
               for name, field in cls.model_fields.items()
               if not field.description or not field.examples]
    assert missing == []


def test_every_event_payload_declares_its_type_and_version() -> None:
    for event_type, cls in PAYLOAD_TYPES.items():
        assert cls.event_type == event_type
        assert cls.schema_version >= 1

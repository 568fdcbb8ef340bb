"""Triage's handler map on the in-memory broker: decisions published, redeliveries
skipped by event id, poison dead-lettered with the reason. The same map, record of
handled events and store as the service's (services/triage/main.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.triage.engine import load_policy
from services.triage.handlers import build_batch_handlers, build_handlers
from services.triage.store import consumer_stores, init_store
from shared.db import make_engine
from shared.events import (
    CallReceived,
    CallTriaged,
    CallUpdated,
    Envelope,
    Location,
    UnitType,
    make_event,
)
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED
from tests.memory_broker import MemoryBroker

POLICY = load_policy()


@pytest.fixture
def triage(tmp_path: Path) -> Iterator[MemoryBroker]:
    engine = make_engine(f"sqlite:///{tmp_path / 'triage.db'}")
    init_store(engine)
    decisions, processed = consumer_stores(engine, "triage")
    try:
        yield MemoryBroker.for_handlers(
            build_handlers(POLICY, decisions, "triage"),
            batch_handlers=build_batch_handlers(POLICY, decisions, "triage"),
            processed=processed,
            topics=[CALLS_RECEIVED], group="triage", producer="triage")
    finally:
        engine.dispose()


def crisis_call(n: int = 9) -> CallReceived:
    return CallReceived(
        agency="mpls", cad_incident_id=f"MP-{n}", call_type="EDP",
        narrative="Adult son in crisis, yelling, no weapons, not violent",
        received_at=datetime.now(UTC), location=Location(address="Lake St"))


def received(n: int = 9) -> Envelope:
    return make_event(crisis_call(n), producer="intake", call_id=f"call-{n}")


def triaged(broker: MemoryBroker) -> list[tuple[Envelope, CallTriaged]]:
    return [(e, CallTriaged.model_validate(e.payload)) for e in broker.events(CALLS_TRIAGED)]


async def test_a_received_call_is_triaged_as_an_event_caused_by_it(
    triage: MemoryBroker,
) -> None:
    call = received()
    await triage.publish(CALLS_RECEIVED, call)
    [(envelope, decision)] = triaged(triage)
    assert envelope.causation_id == call.event_id and envelope.call_id == "call-9"
    assert UnitType.bcr in decision.units and UnitType.police not in decision.units
    assert not decision.retriage
    # The call's agency travels on, so the floor's keys act on their own agency's calls.
    assert decision.agency == "mpls"
    assert triage.stats.handled == 1 and not triage.dead_letters


async def test_a_redelivered_call_is_skipped_by_its_event_id(triage: MemoryBroker) -> None:
    first, second = received(1), received(2)
    await triage.publish(CALLS_RECEIVED, first, second)
    await triage.publish(CALLS_RECEIVED, first)  # a re-read after a crash, say
    await triage.publish(CALLS_RECEIVED, second, first)
    assert [e.causation_id for e, _ in triaged(triage)] == [first.event_id, second.event_id]
    assert triage.stats.handled == 2
    assert triage.stats.skipped_duplicates == 3


async def test_an_update_is_retriaged_and_one_that_changes_nothing_publishes_nothing(
    triage: MemoryBroker,
) -> None:
    await triage.publish(CALLS_RECEIVED, received())
    same = CallUpdated(**crisis_call().model_dump(), changed_fields=["narrative"])
    await triage.publish(CALLS_RECEIVED, make_event(same, producer="intake", call_id="call-9"))
    assert len(triaged(triage)) == 1
    armed = CallUpdated(
        **crisis_call().model_dump(exclude={"narrative", "flags"}),
        narrative="Adult son in crisis, now has a knife", flags={"weapons": True},
        changed_fields=["narrative", "flags"])
    await triage.publish(CALLS_RECEIVED, make_event(armed, producer="intake", call_id="call-9"))
    _, retriaged = triaged(triage)[-1]
    assert retriaged.retriage and UnitType.police in retriaged.units
    assert any("police" in change for change in retriaged.changes)


async def test_undecodable_and_unknown_events_are_dead_lettered_and_the_rest_triaged(
    triage: MemoryBroker,
) -> None:
    unknown = make_event(crisis_call(), producer="intake", call_id="call-9").model_copy(
        update={"event_type": "CallTeleported"})
    good = received(3)
    await triage.publish(CALLS_RECEIVED, b"not json at all", unknown, good)
    junk, teleported = triage.dead_letters
    assert junk.raw_value == "not json at all" and junk.reason
    assert junk.source_topic == CALLS_RECEIVED and junk.consumer_group == "triage"
    assert "CallTeleported" in teleported.reason
    assert [e.causation_id for e, _ in triaged(triage)] == [good.event_id]
    assert triage.stats.dead_lettered == 2


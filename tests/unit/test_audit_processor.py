"""Audit's append on the in-memory broker: every event recorded whatever its type,
redeliveries append nothing, what cannot be read or stored is dead-lettered with the
reason. The same sink and processor as the service's (services/audit/main.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from services.audit.consumer import AuditAppend, Sink
from services.audit.handlers import CATCH_ALL, build_handlers
from shared.events import Envelope, serialize
from shared.kafka import TransientError
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED, DEAD_LETTER, TOPICS
from tests.audit_support import T0, received, store_engine, triaged
from tests.memory_broker import MemoryBroker

EVERY_TOPIC = [spec.name for spec in TOPICS]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with store_engine("sqlite", tmp_path) as engine:
        yield engine


def sink_of(engine: Engine) -> Sink:
    return build_handlers(engine, Ed25519PrivateKey.generate(), 1000)[CATCH_ALL]


def audit(sink: Sink) -> MemoryBroker:
    return MemoryBroker(AuditAppend(sink, topic_prefix=""), topics=EVERY_TOPIC,
                        group="audit", producer="audit")


def recorded(engine: Engine, where: str = "kind = 'event'") -> int:
    with engine.connect() as conn:
        sql = f"SELECT count(*) FROM audit_entry WHERE {where}"  # noqa: S608 (test constants)
        return int(conn.execute(sa.text(sql)).scalar_one())


def newer_service_event() -> Envelope:
    return Envelope(event_id=uuid.uuid4(), event_type="CallGeofenced", schema_version=3,
                    occurred_at=T0 + timedelta(seconds=60), call_id="call-1",
                    producer="geo", payload={"zone": "Z1"})


async def test_every_event_is_recorded_with_its_topic_whatever_its_type(engine: Engine) -> None:
    broker = audit(sink_of(engine))
    call = received("call-1")
    await broker.publish(CALLS_RECEIVED, call, newer_service_event())
    await broker.publish(CALLS_TRIAGED, triaged(call))
    assert recorded(engine) == 3
    assert recorded(engine, "event_type = 'CallGeofenced'") == 1
    assert recorded(engine, f"topic = '{CALLS_TRIAGED}'") == 1
    assert broker.stats.handled == 3 and not broker.dead_letters


async def test_a_redelivered_poll_appends_nothing(engine: Engine) -> None:
    broker = audit(sink_of(engine))
    events = [received("call-1"), received("call-2")]
    await broker.publish(CALLS_RECEIVED, *events)
    await broker.publish(CALLS_RECEIVED, *events)
    assert recorded(engine) == 2
    assert (broker.stats.handled, broker.stats.skipped_duplicates) == (2, 2)


async def test_an_undecodable_record_is_dead_lettered_and_the_dead_letter_recorded(
    engine: Engine,
) -> None:
    broker = audit(sink_of(engine))
    await broker.publish(CALLS_RECEIVED, b"not json at all", received("call-1"), key=b"poison")
    [letter] = broker.dead_letters
    assert letter.reason.startswith("invalid envelope")
    assert letter.raw_value == "not json at all" and letter.raw_key == "poison"
    # The dead letter is an event on a topic audit reads, so it is recorded as well.
    assert recorded(engine) == 2
    assert recorded(engine, f"topic = '{DEAD_LETTER}'") == 1


async def test_an_entry_that_cannot_be_stored_is_dead_lettered_alone(engine: Engine) -> None:
    store = sink_of(engine)
    bad = received("call-bad")

    async def refusing_one(entries: list[dict[str, Any]]) -> int:
        if any(entry["event_id"] == str(bad.event_id) for entry in entries):
            raise ValueError("cannot be stored")
        return await store(entries)

    broker = audit(refusing_one)
    await broker.publish(CALLS_RECEIVED, received("call-1"), bad, received("call-2"))
    [letter] = broker.dead_letters
    assert letter.reason == "audit could not store the event"
    assert str(bad.event_id) in letter.raw_value
    assert recorded(engine, "event_type = 'CallReceived'") == 2


async def test_an_outage_is_waited_out_never_dead_lettered(engine: Engine) -> None:
    store = sink_of(engine)
    outages = 2

    async def down_twice(entries: list[dict[str, Any]]) -> int:
        nonlocal outages
        if outages:
            outages -= 1
            raise TransientError("audit store unavailable")
        return await store(entries)

    broker = audit(down_twice)
    await broker.publish(CALLS_RECEIVED, received("call-1"))
    assert recorded(engine) == 1
    assert broker.stats.retries == 2 and not broker.dead_letters


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000])
async def test_a_payload_number_json_cannot_carry_is_dead_lettered_and_the_rest_recorded(
    engine: Engine, number: str,
) -> None:
    """One event with a non-finite or oversized number never stops the partition."""
    broker = audit(sink_of(engine))
    body = serialize(received("call-9")).decode()
    poisoned = body.replace('"flags":{}', f'"flags":{{"x":{number}}}', 1)
    assert poisoned != body
    await broker.publish(CALLS_RECEIVED, poisoned.encode(), received("call-1"))
    assert recorded(engine, "call_id = 'call-1'") == 1
    assert recorded(engine, "call_id = 'call-9' AND kind = 'event'") == 0
    assert len(broker.dead_letters) == 1

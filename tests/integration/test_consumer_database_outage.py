"""A consumer whose database is unavailable waits for it, on the real broker: no event is
dead-lettered for an outage, and the consumer never ends."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import pytest

from shared.events import Envelope
from shared.kafka import EventConsumer, EventPublisher, MemoryProcessedEvents, Outgoing
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.conftest import wait_for
from tests.integration.test_kafka_helpers import call_event

pytestmark = pytest.mark.kafka

LOCKED = sqlite3.OperationalError("database is locked")


async def _now(value: bool) -> bool:
    return value


async def test_a_handler_whose_database_is_down_waits_and_never_dead_letters(
    kafka_settings: ServiceSettings,
) -> None:
    """Longer than the handler's attempts (3): an outage is not a bad event."""
    failures = 4
    decided: list[str] = []

    async def decide(envelope: Envelope, _payload: Any) -> Outgoing:
        nonlocal failures
        if failures:
            failures -= 1
            raise LOCKED
        decided.append(str(envelope.event_id))
        return []

    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    event = call_event(1)
    await publisher.publish(CALLS_RECEIVED, event)
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="db-down",
                             handlers={"CallReceived": decide}, publisher=publisher)
    await consumer.start()
    try:
        await wait_for(lambda: _now(decided == [str(event.event_id)]), timeout_s=30,
                       what="the call decided once the database is back")
        assert consumer.stats.dead_lettered == 0
        assert consumer.stats.retries == 4
        assert consumer.running
    finally:
        await consumer.stop()
        await publisher.stop()


class FlakyRecord(MemoryProcessedEvents):
    """The record of handled events, unavailable for its first few uses."""

    def __init__(self, failing_reads: int, failing_writes: int) -> None:
        super().__init__()
        self.failing_reads, self.failing_writes = failing_reads, failing_writes

    def seen_many(self, event_ids: Sequence[str]) -> set[str]:
        if self.failing_reads:
            self.failing_reads -= 1
            raise LOCKED
        return super().seen_many(event_ids)

    def mark(self, event_ids: Iterable[str]) -> None:
        if self.failing_writes:
            self.failing_writes -= 1
            raise LOCKED
        super().mark(event_ids)


async def test_the_record_of_handled_events_being_down_holds_the_poll_not_the_consumer(
    kafka_settings: ServiceSettings,
) -> None:
    handled: list[str] = []

    async def triage(envelope: Envelope, _payload: Any) -> Outgoing:
        handled.append(str(envelope.event_id))
        return []

    record = FlakyRecord(failing_reads=1, failing_writes=2)
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    first = call_event(1)
    await publisher.publish(CALLS_RECEIVED, first)
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="record-down",
                             handlers={"CallReceived": triage}, publisher=publisher,
                             processed=record)
    await consumer.start()
    try:
        await wait_for(lambda: _now(record.seen(str(first.event_id))), timeout_s=30,
                       what="the first call handled and recorded")
        # The consumer lives on: a call sent after the outage is handled too.
        later = call_event(2)
        await publisher.publish(CALLS_RECEIVED, later)
        await wait_for(lambda: _now(record.seen(str(later.event_id))), timeout_s=30,
                       what="a later call handled and recorded")
        assert consumer.running
        assert consumer.stats.retries == 3
        assert handled == [str(first.event_id), str(later.event_id)]
        assert consumer.stats.dead_lettered == 0
    finally:
        await consumer.stop()
        await publisher.stop()

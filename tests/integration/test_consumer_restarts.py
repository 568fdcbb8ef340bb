"""A consumer survives a failure outside its handlers, on the real broker: it reconnects,
re-reads the poll it dropped, and goes on consuming; no call is lost or dead-lettered."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import httpx
import pytest

from services.audit.consumer import AuditAppend
from shared.events import Envelope
from shared.kafka import (
    Batches,
    EventConsumer,
    EventPublisher,
    MemoryProcessedEvents,
    Outgoing,
    PollContext,
)
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.conftest import bearer, wait_for
from tests.integration.test_kafka_helpers import call_event
from tests.integration.test_metrics import metric, metrics_app

pytestmark = pytest.mark.kafka


class BrokenOnceRecord(MemoryProcessedEvents):
    """The record of handled events, whose first write fails with an error nobody
    planned for (not an outage: a bug, say)."""

    def __init__(self) -> None:
        super().__init__()
        self.failures_left = 1

    def mark(self, event_ids: Iterable[str]) -> None:
        if self.failures_left:
            self.failures_left -= 1
            raise RuntimeError("unexpected")
        super().mark(event_ids)


async def test_a_consumer_that_fails_outside_its_handlers_reconnects_and_goes_on(
    kafka_settings: ServiceSettings, credentials: dict[str, Any],
) -> None:
    settings = kafka_settings.model_copy(update={"kafka_retry_backoff_s": 0.1})
    handled: list[str] = []

    async def triage(envelope: Envelope, _payload: Any) -> Outgoing:
        handled.append(str(envelope.event_id))
        return []

    record = BrokenOnceRecord()
    publisher = EventPublisher(settings)
    await publisher.start()
    first = call_event(1)
    await publisher.publish(CALLS_RECEIVED, first)
    consumer = EventConsumer(settings, topics=[CALLS_RECEIVED], group="restarts",
                             handlers={"CallReceived": triage}, publisher=publisher,
                             processed=record)
    app = metrics_app(settings, [consumer])
    await consumer.start()
    try:
        # The poll whose record failed is read again from the committed offset.
        await wait_for(lambda: asyncio.sleep(0, record.seen(str(first.event_id))),
                       timeout_s=30, what="the first call handled after the restart")
        later = call_event(2)
        await publisher.publish(CALLS_RECEIVED, later)
        await wait_for(lambda: asyncio.sleep(0, record.seen(str(later.event_id))),
                       timeout_s=30, what="a call sent after the failure handled")
        assert consumer.running
        assert handled == [str(first.event_id), str(first.event_id), str(later.event_id)]
        assert consumer.stats.dead_lettered == 0
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            text = (await client.get("/metrics", headers=bearer(credentials["admin"]))).text
        assert metric(text, "rr_consumer_restarts_total", group=consumer.group_id) == 1
    finally:
        await consumer.stop()
        await publisher.stop()


async def test_audits_consumer_is_supervised_the_same_way(
    kafka_settings: ServiceSettings,
) -> None:
    settings = kafka_settings.model_copy(update={"kafka_retry_backoff_s": 0.1})
    stored: list[str] = []
    polls_to_break = 1

    async def sink(entries: list[dict[str, Any]]) -> int:
        stored.extend(str(entry["event_id"]) for entry in entries)
        return len(entries)

    audit = AuditAppend(sink, topic_prefix=settings.topic_prefix)

    class BreakingOnce:
        """Audit's append, whose first poll fails after storing, outside the store."""

        max_records = audit.max_records

        async def process(self, batches: Batches, context: PollContext) -> None:
            nonlocal polls_to_break
            await audit.process(batches, context)
            if polls_to_break:
                polls_to_break -= 1
                raise RuntimeError("unexpected")

    publisher = EventPublisher(settings)
    await publisher.start()
    consumer = EventConsumer(settings, topics=[CALLS_RECEIVED], group="audit-restarts",
                             publisher=publisher, processor=BreakingOnce())
    first = call_event(1)
    await publisher.publish(CALLS_RECEIVED, first)
    await consumer.start()
    try:
        await wait_for(lambda: asyncio.sleep(0, stored.count(str(first.event_id)) == 2),
                       timeout_s=30, what="the dropped poll stored again after the restart")
        later = call_event(2)
        await publisher.publish(CALLS_RECEIVED, later)
        await wait_for(lambda: asyncio.sleep(0, str(later.event_id) in stored),
                       timeout_s=30, what="a later event stored")
        assert consumer.running
        assert consumer.stats.restarts == 1
    finally:
        await consumer.stop()
        await publisher.stop()

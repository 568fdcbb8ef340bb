"""Audit's consumer: every event on every topic, in batches, whatever its type.

Other services parse events fully (:func:`shared.events.parse_event`) and dead-letter the
types they do not know. Audit must not: a newer service's event is still part of the
record. So audit parses the envelope only, and stores each partition's batch in one
chain append (one lock, one transaction, one executemany). The batch is idempotent by
``event_id``, so a redelivery after a crash or a rebalance appends nothing.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from aiokafka.structs import OffsetAndMetadata
from pydantic import ValidationError

from services.audit.store import entry_from_envelope
from shared.events import Envelope, EventRejected
from shared.kafka import Backoff, EventConsumer, EventPublisher, TransientError
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)

# Records per poll, all appended in one transaction: larger batches amortise the chain
# lock, the idempotency check and the commit (see benchmarks/audit_store.py).
POLL_RECORDS = 2000

# Stores new entries; returns how many were new. Raises TransientError while the
# database is unavailable.
Sink = Callable[[list[dict[str, Any]]], Awaitable[int]]


def parse_envelope(raw: bytes | None) -> Envelope:
    """Bytes → envelope, whatever the event type; EventRejected when it does not parse."""
    if raw is None:
        raise EventRejected("empty message value")
    try:
        return Envelope.model_validate_json(raw)
    except ValidationError as err:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) or "(root)"
                           for e in err.errors()[:5])
        raise EventRejected(f"invalid envelope: {fields}") from err


class AuditConsumer(EventConsumer):
    """An :class:`EventConsumer` whose poll is one batched, catch-all append."""

    def __init__(
        self, settings: ServiceSettings, *, topics: Sequence[str], group: str,
        publisher: EventPublisher, sink: Sink, max_attempts: int = 3,
        fetch_linger_ms: int = 0,
    ) -> None:
        super().__init__(settings, topics=topics, group=group, handlers={},
                         publisher=publisher, max_handler_attempts=max_attempts,
                         fetch_linger_ms=fetch_linger_ms)
        self.sink = sink

    def _unprefixed(self, topic: str) -> str:
        return topic.removeprefix(self.settings.topic_prefix)

    async def _consume(self, consumer: AIOKafkaConsumer) -> None:
        # Audit owns its poll loop (rather than overriding the per-event steps of the base
        # class): parse envelopes only, one append per poll, then one commit. The base
        # class still supervises it.
        while not self._stopping.is_set():
            try:
                batches = await consumer.getmany(timeout_ms=200, max_records=POLL_RECORDS)
            except KafkaError:
                log.warning("poll failed; retrying", exc_info=True)
                await asyncio.sleep(self.settings.kafka_retry_backoff_s)
                continue
            if consumer.assignment():
                self.assigned.set()
            self._adapt_fetch(consumer, bool(batches))
            if batches:
                await self._process_poll(consumer, batches)

    async def _process_poll(
        self, consumer: AIOKafkaConsumer, batches: dict[TopicPartition, list[ConsumerRecord]]
    ) -> None:
        entries: list[dict[str, Any]] = []
        sources: list[ConsumerRecord] = []
        times: list[float] = []
        for records in batches.values():
            for record in records:
                try:
                    envelope = parse_envelope(record.value)
                except EventRejected as rejected:
                    await self._dead_letter(record, rejected.reason)
                    continue
                entries.append(entry_from_envelope(envelope, self._unprefixed(record.topic)))
                sources.append(record)
                times.append(envelope.occurred_at.timestamp())
        if entries and await self._store(entries):
            self.stats.age.observe(times, time.time())
        elif entries:
            # The batch keeps failing for a reason other than an outage: store one by one
            # so that only the events that cannot be stored are dead-lettered.
            for entry, record, at in zip(entries, sources, times, strict=True):
                if await self._store([entry]):
                    self.stats.age.observe([at], time.time())
                else:
                    await self._dead_letter(record, "audit could not store the event")
        await self._commit_in_background(consumer, {
            tp: OffsetAndMetadata(records[-1].offset + 1, "") for tp, records in batches.items()})

    async def _store(self, entries: list[dict[str, Any]]) -> bool:
        attempt = 0
        backoff = Backoff(self.settings.kafka_retry_backoff_s)
        while True:
            attempt += 1
            try:
                new = await self.sink(entries)
            except TransientError:
                self.stats.retries += 1
                log.warning("audit store unavailable; retrying", extra={"count": len(entries)})
                await backoff.wait()
                continue
            except Exception:
                self.stats.retries += 1
                if attempt >= self.max_handler_attempts:
                    log.exception("audit append failed", extra={"count": len(entries)})
                    return False
                await asyncio.sleep(0.05 * attempt)
                continue
            self.stats.handled += new
            self.stats.skipped_duplicates += len(entries) - new
            return True

"""Audit's processor: every event on every topic, in batches, whatever its type.

Other services parse events fully (:func:`shared.events.parse_event`) and dead-letter the
types they do not know. Audit must not: a newer service's event is still part of the
record. So audit parses the envelope only, and stores each poll in one chain append (one
lock, one transaction, one executemany). The append is idempotent by ``event_id``, so a
redelivery after a crash or a rebalance appends nothing. The poll loop, its commits and
its reconnects are :class:`shared.kafka.EventConsumer`'s.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiokafka import ConsumerRecord
from pydantic import ValidationError

from services.audit.store import entry_from_envelope
from shared.events import Envelope, EventRejected
from shared.kafka import Batches, EventConsumer, PollContext, Publisher
from shared.settings import ServiceSettings
from shared.topics import sole_writer

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


class AuditAppend:
    """A poll's envelopes appended to the chain at once; undecodable records and entries
    that cannot be stored are dead-lettered with the reason."""

    max_records: int | None = POLL_RECORDS

    def __init__(self, sink: Sink, *, topic_prefix: str, max_attempts: int = 3) -> None:
        self.sink = sink
        self.topic_prefix = topic_prefix
        self.max_attempts = max_attempts

    async def process(self, batches: Batches, context: PollContext) -> None:
        entries: list[dict[str, Any]] = []
        sources: list[ConsumerRecord] = []
        times: list[float] = []
        for records in batches.values():
            for record in records:
                try:
                    envelope = parse_envelope(record.value)
                except EventRejected as rejected:
                    await context.dead_letter(record, rejected.reason)
                    continue
                topic = record.topic.removeprefix(self.topic_prefix)
                writer = sole_writer(topic)
                if writer is not None and envelope.producer != writer:
                    # recorded all the same: the record shows the claim beside the writer
                    # the broker vouches for (`written_by`)
                    log.warning("event claims another producer than its topic's writer",
                                extra={"event_id": str(envelope.event_id), "topic": topic,
                                       "producer": envelope.producer[:64], "writer": writer})
                try:
                    entry = entry_from_envelope(envelope, topic)
                except ValueError as err:
                    # A valid envelope whose payload has no canonical form (NaN, an
                    # infinity): it cannot be chained, and must not stop the partition.
                    await context.dead_letter(record, f"payload cannot be recorded: {err}")
                    continue
                entries.append(entry)
                sources.append(record)
                times.append(envelope.occurred_at.timestamp())
        if entries and await self._store(entries, context):
            context.stats.age.observe(times, time.time())
        elif entries:
            # The batch keeps failing for a reason other than an outage: store one by one
            # so that only the events that cannot be stored are dead-lettered.
            for entry, record, at in zip(entries, sources, times, strict=True):
                if await self._store([entry], context):
                    context.stats.age.observe([at], time.time())
                else:
                    await context.dead_letter(record, "audit could not store the event")

    async def _store(self, entries: list[dict[str, Any]], context: PollContext) -> bool:
        """Whether the entries are stored (waiting out an outage); False once the append
        failed ``max_attempts`` times for another reason."""
        try:
            new = await context.with_retries(lambda: self.sink(entries),
                                             attempts=self.max_attempts,
                                             extra={"count": len(entries)})
        except Exception:
            log.exception("audit append failed", extra={"count": len(entries)})
            return False
        context.stats.handled += new
        context.stats.skipped_duplicates += len(entries) - new
        return True

def audit_consumer(
    settings: ServiceSettings, *, topics: Sequence[str], group: str, publisher: Publisher,
    sink: Sink, max_attempts: int = 3, fetch_linger_ms: int = 0,
) -> EventConsumer:
    """The shared poll loop with audit's append as its processor."""
    processor = AuditAppend(sink, topic_prefix=settings.topic_prefix, max_attempts=max_attempts)
    return EventConsumer(settings, topics=topics, group=group, publisher=publisher,
                         processor=processor, fetch_linger_ms=fetch_linger_ms)

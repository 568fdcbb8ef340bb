"""The contract between a consumer's poll loop and the processor that does a poll's work.

The loop (:class:`shared.kafka.consumer.EventConsumer`) polls, commits and reconnects; a
processor turns one poll's records into work done: the handler map most services use
(:class:`shared.kafka.handler_map.HandlerMap`) or audit's batched append. The loop
commits a poll's offsets only once ``process`` returned, so a processor returns only when
everything the poll caused is durable (stored, published and acknowledged).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from aiokafka import ConsumerRecord, TopicPartition

from shared.db import store_unavailable
from shared.events import Envelope, EventDeadLettered, derive_id, make_event
from shared.kafka.retry import Backoff, KafkaUnavailable, TransientError
from shared.kafka.stats import ConsumerStats
from shared.topics import DEAD_LETTER

log = logging.getLogger(__name__)

_R = TypeVar("_R")

# One poll's records, in order per partition.
Batches = Mapping[TopicPartition, Sequence[ConsumerRecord]]


class Publisher(Protocol):
    """What a processor publishes through (:class:`shared.kafka.EventPublisher`, or an
    in-memory stand-in in tests)."""

    async def send_many(
        self, events: Sequence[tuple[str, Envelope]]
    ) -> list[asyncio.Future[Any]]: ...

    async def wait_acks(self, futures: Sequence[asyncio.Future[Any]]) -> None: ...

    async def publish(self, topic: str, event: Envelope) -> None: ...


def _ignore(record: ConsumerRecord) -> None:
    return None


@dataclass
class PollContext:
    """What a processor uses of the consumer it runs in (the same for every poll)."""

    group_id: str
    producer: str  # the service name dead letters are published under
    publisher: Publisher
    stats: ConsumerStats
    retry_backoff_s: float
    # Called when a record is done, so the lag gauge follows a long poll.
    progressed: Callable[[ConsumerRecord], None] = _ignore

    def backoff(self) -> Backoff:
        return Backoff(self.retry_backoff_s)

    async def until_stored(self, work: Callable[..., _R], *args: Any) -> _R:
        """``work`` on a database, waited out while the database is unavailable (the poll
        is neither committed nor skipped meanwhile)."""
        backoff = self.backoff()
        while True:
            try:
                return work(*args)
            except Exception as err:
                if not store_unavailable(err):
                    raise
                self.stats.retries += 1
                log.warning("database unavailable; retrying",
                            extra={"group": self.group_id, "reason": type(err).__name__})
                await backoff.wait()

    async def with_retries(
        self, work: Callable[[], Awaitable[_R]], *, attempts: int,
        extra: dict[str, Any], passes_through: tuple[type[Exception], ...] = (),
    ) -> _R:
        """``work()``, tried again while it fails: for as long as it takes through an
        outage (a database or Kafka one: never dead-lettered, never committed past), up to
        ``attempts`` times for any other failure, whose last one is raised (the caller
        dead-letters). ``passes_through``: failures raised at once (a poison event)."""
        attempt = 0
        backoff = self.backoff()
        while True:
            attempt += 1
            try:
                return await work()
            except passes_through:
                raise
            except Exception as err:
                self.stats.retries += 1
                if isinstance(err, TransientError) or store_unavailable(err):
                    log.warning("transient failure; retrying",
                                extra={**extra, "reason": type(err).__name__})
                    await backoff.wait()
                    continue
                if attempt >= attempts:
                    raise
                await asyncio.sleep(0.05 * attempt)

    async def dead_letter(self, record: ConsumerRecord, reason: str) -> None:
        """Publish the record to the dead-letter topic with the reason, waiting for Kafka
        as long as it takes (a dead letter must not be lost either)."""
        log.warning("dead-lettering event",
                    extra={"topic": record.topic, "offset": record.offset, "reason": reason})
        letter = dead_letter_for(record, reason, group_id=self.group_id,
                                 producer=self.producer)
        while True:
            try:
                await self.publisher.publish(DEAD_LETTER, letter)
                self.stats.dead_lettered += 1
                return
            except KafkaUnavailable:
                await asyncio.sleep(self.retry_backoff_s)


def dead_letter_for(record: ConsumerRecord, reason: str, *, group_id: str,
                    producer: str) -> Envelope:
    key = record.key.decode(errors="replace") if record.key else None
    return make_event(
        EventDeadLettered(
            reason=reason,
            source_topic=record.topic,
            source_partition=record.partition,
            source_offset=record.offset,
            consumer_group=group_id,
            raw_value=(record.value or b"").decode(errors="replace"),
            raw_key=key,
        ),
        producer=producer,
        call_id=None,
        key=key or f"{record.topic}-{record.partition}-{record.offset}",
        # The same bad record re-read after a replay is the same dead letter.
        event_id=derive_id("deadletter", record.topic, record.partition, record.offset,
                           group_id),
    )


class PollProcessor(Protocol):
    """Does one poll's work; see the module's docstring for what "done" means."""

    # Records per poll; None: the consumer's default (consumer_options).
    max_records: int | None

    async def process(self, batches: Batches, context: PollContext) -> None: ...

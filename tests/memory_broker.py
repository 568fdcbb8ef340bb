"""An in-memory broker for handler tests, after FastStream's TestKafkaBroker.

A test publishes events (or raw bytes) to a topic; if the processor under test reads that
topic they are delivered to it as one poll, through the same processor a service's
consumer runs (its handler map, or audit's append), with an in-memory publisher in place
of Kafka. What the processor publishes lands on the broker's topics, and is delivered
too when the processor reads that topic (audit records its own dead letters). No broker,
no threads: a test takes milliseconds. The real-broker tests keep what only a broker
shows: wiring, commits, delivery guarantees and faults.

    broker = MemoryBroker.for_handlers(handlers, topics=[CALLS_RECEIVED])
    await broker.publish(CALLS_RECEIVED, event)
    [triaged] = broker.events(CALLS_TRIAGED)
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from aiokafka import ConsumerRecord, TopicPartition

from shared.events import Envelope, EventDeadLettered, serialize
from shared.kafka import (
    BatchHandler,
    ConsumerStats,
    Handler,
    HandlerMap,
    PollContext,
    PollProcessor,
    ProcessedEvents,
)
from shared.topics import DEAD_LETTER

# Deliveries caused by deliveries (output read back) stop here: a processor that feeds
# itself forever is a bug the test should see, not a hang.
MAX_POLLS_PER_PUBLISH = 100


class MemoryPublisher:
    """Stands in for EventPublisher: every send is acknowledged at once."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Envelope]] = []

    async def send_many(
        self, events: Sequence[tuple[str, Envelope]]
    ) -> list[asyncio.Future[Any]]:
        self.sent.extend(events)
        acks: list[asyncio.Future[Any]] = []
        for _ in events:
            ack = asyncio.get_running_loop().create_future()
            ack.set_result(None)
            acks.append(ack)
        return acks

    async def wait_acks(self, futures: Sequence[asyncio.Future[Any]]) -> None:
        await asyncio.gather(*futures)

    async def publish(self, topic: str, event: Envelope) -> None:
        await self.send_many([(topic, event)])


class MemoryBroker:
    """Topics in memory, and one processor reading some of them."""

    def __init__(self, processor: PollProcessor, *, topics: Iterable[str],
                 group: str = "test", producer: str = "test") -> None:
        self.processor = processor
        self.subscribed = set(topics)
        self.records: dict[str, list[ConsumerRecord]] = defaultdict(list)
        self.publisher = MemoryPublisher()
        self.stats = ConsumerStats()
        self.context = PollContext(group_id=group, producer=producer,
                                   publisher=self.publisher, stats=self.stats,
                                   retry_backoff_s=0.001)
        self._undelivered: list[ConsumerRecord] = []

    @classmethod
    def for_handlers(
        cls, handlers: dict[str, Handler], *, topics: Iterable[str],
        batch_handlers: dict[str, BatchHandler] | None = None,
        processed: ProcessedEvents | None = None, max_attempts: int = 3, **kwargs: Any,
    ) -> MemoryBroker:
        """A broker whose processor is a handler map, as EventConsumer builds it."""
        processor = HandlerMap(handlers, batch_handlers=batch_handlers, processed=processed,
                               max_attempts=max_attempts)
        return cls(processor, topics=topics, **kwargs)

    async def publish(self, topic: str, *events: Envelope | bytes,
                      key: bytes | None = None) -> None:
        """Put events on a topic, in order, and deliver them (one poll) and whatever they
        cause on topics the processor reads."""
        for event in events:
            if isinstance(event, Envelope):
                self._append(topic, serialize(event), event.partition_key)
            else:
                self._append(topic, event, key)
        await self._deliver()

    def events(self, topic: str) -> list[Envelope]:
        """The events on a topic (published by the test or by the processor), in order."""
        return [Envelope.model_validate_json(r.value) for r in self.records[topic]
                if r.value is not None]

    @property
    def dead_letters(self) -> list[EventDeadLettered]:
        return [EventDeadLettered.model_validate(e.payload) for e in self.events(DEAD_LETTER)]

    def _append(self, topic: str, value: bytes | None, key: bytes | None) -> None:
        log = self.records[topic]
        record = ConsumerRecord(
            topic=topic, partition=0, offset=len(log), timestamp=0, timestamp_type=0,
            key=key, value=value, checksum=None,
            serialized_key_size=len(key or b""), serialized_value_size=len(value or b""),
            headers=())
        log.append(record)
        if topic in self.subscribed:
            self._undelivered.append(record)

    async def _deliver(self) -> None:
        for _ in range(MAX_POLLS_PER_PUBLISH):
            if not self._undelivered:
                return
            poll: dict[TopicPartition, list[ConsumerRecord]] = defaultdict(list)
            for record in self._undelivered:
                poll[TopicPartition(record.topic, record.partition)].append(record)
            self._undelivered = []
            sent_before = len(self.publisher.sent)
            await self.processor.process(poll, self.context)
            for topic, event in self.publisher.sent[sent_before:]:
                self._append(topic, serialize(event), event.partition_key)
        raise AssertionError(f"still delivering after {MAX_POLLS_PER_PUBLISH} polls")

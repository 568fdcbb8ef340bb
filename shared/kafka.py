"""Kafka helpers with safe settings, set on purpose.

aiokafka's defaults lose data in a dispatch system (acks=1, auto-commit,
auto_offset_reset=latest). Here producers are idempotent with acks=all, and consumers
start from the earliest offset for a new group, commit only after the work is done and
skip events they already handled (by ``event_id``).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.cluster import ClusterMetadata
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from aiokafka.structs import OffsetAndMetadata

from shared.db import store_unavailable
from shared.events import (
    PAYLOAD_TYPES,
    Contract,
    Envelope,
    EventDeadLettered,
    EventRejected,
    derive_id,
    make_event,
    parse_event,
    serialize,
)
from shared.settings import ServiceSettings
from shared.topics import DEAD_LETTER, TOPICS, topic_name

log = logging.getLogger(__name__)

_R = TypeVar("_R")


class KafkaUnavailable(RuntimeError):
    """Kafka did not acknowledge in time: the caller must not report success."""


def producer_options(settings: ServiceSettings) -> dict[str, Any]:
    return {
        "bootstrap_servers": settings.kafka_bootstrap,
        "client_id": f"{settings.service_name}-producer",
        "enable_idempotence": True,
        "acks": "all",
        "linger_ms": 0,
        # Under load many events wait while a request is in flight (one per partition with
        # idempotence); bigger batches carry them in fewer round trips. Measured: 1,000
        # concurrent sends took 240 ms instead of 560 ms.
        "max_batch_size": 262_144,
        "request_timeout_ms": int(settings.publish_timeout_s * 1000),
        "retry_backoff_ms": 100,
    }


def consumer_options(settings: ServiceSettings, group_id: str) -> dict[str, Any]:
    return {
        "bootstrap_servers": settings.kafka_bootstrap,
        "client_id": f"{settings.service_name}-consumer",
        "group_id": group_id,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
        "isolation_level": "read_committed",
        "max_poll_records": 500,
        "session_timeout_ms": 10_000,
        "heartbeat_interval_ms": 1_000,
    }


# A connected producer that fails every readiness probe this long is replaced.
WEDGED_AFTER_S = 15.0


class EventPublisher:
    """An idempotent, acks=all producer that keeps trying to connect while Kafka is down."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self._producer: AIOKafkaProducer | None = None
        self._connect_task: asyncio.Task[None] | None = None
        self._stopping: set[asyncio.Task[None]] = set()
        self._closed = False
        self._unready_since: float | None = None

    def topic(self, name: str) -> str:
        return topic_name(self.settings.topic_prefix, name)

    async def start(self) -> None:
        """Connect now if Kafka answers; otherwise keep trying in the background."""
        if not await self._try_connect():
            self._connect_task = asyncio.create_task(self._connect_forever())

    async def _try_connect(self) -> bool:
        producer = AIOKafkaProducer(**producer_options(self.settings))
        try:
            await asyncio.wait_for(producer.start(), timeout=self.settings.publish_timeout_s)
        except Exception as err:  # any failure means "try again later"
            log.warning("producer could not connect: %s", type(err).__name__)
            # Bounded: a producer whose start was cut short can take its time to stop, and
            # the loop that reconnects must never wait on it.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(producer.stop(), timeout=self.settings.publish_timeout_s)
            return False
        self._producer = producer
        log.info("producer connected")
        return True

    async def _connect_forever(self) -> None:
        while not self._closed and self._producer is None:
            await asyncio.sleep(self.settings.kafka_retry_backoff_s)
            await self._try_connect()

    async def stop(self) -> None:
        self._closed = True
        if self._connect_task is not None:
            self._connect_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._connect_task
        for task in list(self._stopping):
            with contextlib.suppress(Exception):
                await task
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    @property
    def connected(self) -> bool:
        return self._producer is not None

    async def publish(self, topic: str, event: Envelope) -> None:
        """Publish to the named topic (unprefixed) and wait for acks=all, or raise."""
        await self.publish_many([(topic, event)])

    async def publish_many(self, events: Sequence[tuple[str, Envelope]]) -> None:
        if not events:
            return
        await self.wait_acks(await self.send_many(events))

    async def send_many(
        self, events: Sequence[tuple[str, Envelope]]
    ) -> list[asyncio.Future[Any]]:
        """Hand events to the producer without waiting for acks; see :meth:`wait_acks`.

        Lets a consumer send everything a poll produced and wait once, instead of one
        broker round trip per event.
        """
        producer = self._producer
        if producer is None:
            raise KafkaUnavailable("not connected to Kafka")
        try:
            return [
                await producer.send(self.topic(t), serialize(e), key=e.partition_key)
                for t, e in events
            ]
        except (KafkaError, TimeoutError, OSError) as err:
            self._replace(producer)
            raise KafkaUnavailable(f"Kafka did not accept: {type(err).__name__}") from err

    async def wait_acks(self, futures: Sequence[asyncio.Future[Any]]) -> None:
        """Wait until Kafka acknowledged every send (acks=all), or raise KafkaUnavailable."""
        if not futures:
            return
        producer = self._producer
        try:
            await asyncio.wait_for(
                asyncio.gather(*futures), timeout=self.settings.publish_timeout_s
            )
        except (KafkaError, TimeoutError, OSError) as err:
            if producer is not None:
                self._replace(producer)
            raise KafkaUnavailable(f"Kafka did not acknowledge: {type(err).__name__}") from err

    def _replace(self, failed: AIOKafkaProducer) -> None:
        """Drop a producer that failed and connect a fresh one in the background.

        After a broker restart an idempotent producer can stay wedged (seen in the fault
        suite: every send failing long after the broker was back). A new producer gets a
        new producer id; re-sent events keep their ids, so consumers still skip duplicates.
        """
        if self._producer is not failed or self._closed:
            return
        self._producer = None
        log.warning("producer failed; reconnecting with a fresh one")
        task = asyncio.create_task(self._stop_quietly(failed))
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)
        if self._connect_task is None or self._connect_task.done():
            self._connect_task = asyncio.create_task(self._connect_forever())

    async def _stop_quietly(self, producer: AIOKafkaProducer) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(producer.stop(), timeout=self.settings.publish_timeout_s)

    async def ready(self) -> bool:
        """True when the broker answers a metadata request now."""
        producer = self._producer
        if producer is None:
            return False
        # Ask about one of our own topics, never the whole cluster: a shared broker can hold
        # thousands of topics, and probes run every few seconds in every instance.
        try:
            updated = bool(await asyncio.wait_for(
                producer.client._metadata_update(ClusterMetadata(), [self.topic(DEAD_LETTER)]),
                timeout=2.0,
            ))
        except (KafkaError, TimeoutError, OSError):
            updated = False
        now = time.monotonic()
        if updated:
            self._unready_since = None
        elif self._unready_since is None:
            self._unready_since = now
        elif now - self._unready_since > WEDGED_AFTER_S:
            # A producer whose client never finds the broker again, though probes keep
            # asking, is replaced as one whose sends fail would be.
            self._unready_since = None
            self._replace(producer)
        return updated


def _all_led(descriptions: list[dict[str, Any]]) -> bool:
    return all(
        d["error_code"] == 0 and d["partitions"]
        and all(p["error_code"] == 0 and p["leader"] >= 0 for p in d["partitions"])
        for d in descriptions
    )


async def create_topics(settings: ServiceSettings, timeout_s: float = 60.0) -> list[str]:
    """Create the project's topics (idempotent); returns the names that were created."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap, request_timeout_ms=10_000
    )
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            await admin.start()
            break
        except (KafkaError, OSError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(topic_name(settings.topic_prefix, spec.name), spec.partitions,
                     settings.topic_replication)
            for spec in TOPICS
            if topic_name(settings.topic_prefix, spec.name) not in existing
        ]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(wanted)
            # Creation is acknowledged by the controller before every partition has a
            # leader; publishing before then fails with UnknownTopicOrPartition.
            names = [t.name for t in wanted]
            while not _all_led(await admin.describe_topics(names)):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"topics not ready within {timeout_s}s: {names}")
                await asyncio.sleep(0.1)
        return [t.name for t in wanted]
    finally:
        await admin.close()


async def delete_topics(settings: ServiceSettings, timeout_s: float = 30.0) -> None:
    """Delete every topic under ``settings.topic_prefix`` (test and bench runs clean up:
    a shared broker pays memory and start-up time for every partition it keeps)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        await asyncio.wait_for(admin.start(), timeout=timeout_s)
        names = [t for t in await admin.list_topics() if t.startswith(settings.topic_prefix)]
        if names:
            await asyncio.wait_for(admin.delete_topics(names), timeout=timeout_s)
    except (KafkaError, OSError, TimeoutError):
        log.warning("could not delete topics", extra={"topic": settings.topic_prefix})
    finally:
        with contextlib.suppress(Exception):
            await admin.close()


class ProcessedEvents(Protocol):
    """Remembers which event ids a consumer has handled, so a redelivery is skipped."""

    def seen(self, event_id: str) -> bool: ...

    def mark(self, event_ids: Iterable[str]) -> None: ...


@dataclass
class MemoryProcessedEvents:
    """A bounded in-memory record; services with a database use the durable one in db.py."""

    limit: int = 200_000
    _ids: dict[str, None] = field(default_factory=dict)

    def seen(self, event_id: str) -> bool:
        return event_id in self._ids

    def seen_many(self, event_ids: Sequence[str]) -> set[str]:
        return {i for i in event_ids if i in self._ids}

    def mark(self, event_ids: Iterable[str]) -> None:
        for event_id in event_ids:
            self._ids[event_id] = None
        while len(self._ids) > self.limit:
            self._ids.pop(next(iter(self._ids)))


# A handler is a plain function of (envelope, typed payload) returning the events it
# wants published, as (topic, envelope) pairs. Its dependencies are bound when the
# service builds its handler map.
Outgoing = list[tuple[str, Envelope]]
Handler = Callable[[Envelope, Any], Awaitable[Outgoing]]
# A batch handler takes consecutive events of one type from one poll at once (one
# transaction for many, say). Its type must have a plain handler too: when the batch
# fails, its events are handled one by one, so one bad event cannot hold up the others.
BatchHandler = Callable[[list[tuple[Envelope, Any]]], Awaitable[Outgoing]]


POSITIONS_REFRESH_S = 1.0
# With a linger, a fetch returns early only once this much has gathered.
LINGER_FETCH_MIN_BYTES = 256 * 1024
# aiokafka's default longest wait of a fetch with nothing to return.
IDLE_FETCH_MAX_WAIT_MS = 500
# A consumer that ran this long before failing starts its restart backoff afresh.
RESTART_BACKOFF_RESET_S = 60.0
# A consumer's start (bootstrap, topic metadata) that takes longer is tried afresh.
CONNECT_TIMEOUT_S = 30.0
# The longest wait between two tries at something that keeps failing (an outage).
MAX_BACKOFF_S = 30.0


class Backoff:
    """Waits between tries that double from ``first`` up to :data:`MAX_BACKOFF_S`."""

    __slots__ = ("first", "next")

    def __init__(self, first: float) -> None:
        self.first = self.next = first

    def reset(self) -> None:
        self.next = self.first

    async def wait(self, stopping: asyncio.Event | None = None) -> None:
        """Wait the next delay, or less if ``stopping`` is set meanwhile."""
        delay, self.next = min(self.next, MAX_BACKOFF_S), self.next * 2
        if stopping is None:
            await asyncio.sleep(delay)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=delay)


class TransientError(RuntimeError):
    """A failure worth retrying forever (a database or Kafka outage), never dead-lettered."""


# Upper bounds, in seconds, of the event-age histogram: a healthy hop takes milliseconds;
# the top buckets show a consumer catching up after an outage.
EVENT_AGE_BUCKETS = (0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                     30.0, 60.0)


@dataclass
class AgeHistogram:
    """How old events were (now minus their ``occurred_at``) when a consumer's work on
    them was done: handled, published and acknowledged. Per bucket, not cumulative; read
    at scrape time. Across machines it includes their clock difference (keep NTP on)."""

    counts: list[int] = field(default_factory=lambda: [0] * (len(EVENT_AGE_BUCKETS) + 1))
    sum_s: float = 0.0

    def observe(self, occurred_at: Iterable[float], now: float) -> None:
        counts = self.counts
        for at in occurred_at:
            age = max(0.0, now - at)
            counts[bisect.bisect_left(EVENT_AGE_BUCKETS, age)] += 1
            self.sum_s += age


@dataclass
class ConsumerStats:
    handled: int = 0
    skipped_duplicates: int = 0
    dead_lettered: int = 0
    retries: int = 0
    restarts: int = 0
    age: AgeHistogram = field(default_factory=AgeHistogram)


class EventConsumer:
    """Consume topics, dispatch each event to its handler, publish results, then commit.

    Events whose type has no handler are acknowledged and passed over (a topic can carry
    several types). Bytes that do not parse, and events whose handler keeps failing, go
    to the dead-letter topic with the reason, and the consumer goes on.
    """

    def __init__(
        self,
        settings: ServiceSettings,
        *,
        topics: Sequence[str],
        group: str,
        handlers: dict[str, Handler],
        publisher: EventPublisher,
        processed: ProcessedEvents | None = None,
        max_handler_attempts: int = 3,
        batch_handlers: dict[str, BatchHandler] | None = None,
        fetch_linger_ms: int = 0,
    ) -> None:
        """``fetch_linger_ms``: how long the broker may hold a fetch to fill it. 0 hands
        each record over as it lands (the dispatch path); a consumer off that path can
        take fewer, larger polls, each with its fixed costs (a fetch of every assigned
        partition, a transaction), for that much latency."""
        missing = set(batch_handlers or {}) - set(handlers)
        if missing:
            raise ValueError(f"batch handlers without a plain handler: {sorted(missing)}")
        self.settings = settings
        self.batch_handlers = batch_handlers or {}
        self.topics = [topic_name(settings.topic_prefix, t) for t in topics]
        self.group_id = f"{settings.group_prefix}{group}"
        self.handlers = handlers
        self.publisher = publisher
        self.processed = processed or MemoryProcessedEvents()
        self.max_handler_attempts = max_handler_attempts
        self.fetch_linger_ms = fetch_linger_ms
        self.stats = ConsumerStats()
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self.assigned = asyncio.Event()
        self._positions: dict[tuple[str, int], int] = {}
        # Within one poll: events handled whose results are sent but not yet acknowledged.
        self._batch_ids: set[str] = set()
        self._batch_seen: set[str] | None = None
        self._batch_out: Outgoing = []
        self._batch_acks: list[asyncio.Future[Any]] = []
        # occurred_at (epoch seconds) of the events handled in this poll, for stats.age.
        self._batch_times: list[float] = []
        self._commit_task: asyncio.Task[None] | None = None
        self._pending_offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        self._last_commit = 0.0
        self._positions_refreshed = 0.0

    def lag(self) -> dict[tuple[str, int], int]:
        """Records not yet processed per assigned (topic, partition): highwater - position."""
        consumer = self._consumer
        if consumer is None:
            return {}
        lag = {}
        for tp in consumer.assignment():
            key = (tp.topic, tp.partition)
            highwater = consumer.highwater(tp)
            position = self._positions.get(key)
            lag[key] = max(0, highwater - position) if highwater is not None and (
                position is not None) else 0
        return lag

    async def _update_positions(self, consumer: AIOKafkaConsumer) -> None:
        """Positions of partitions that had no records (handled records set their own),
        for the lag gauge: refreshed once a second, not after every poll (a task per
        assigned partition each time, which at a few events per poll cost more than the
        events)."""
        now = time.monotonic()
        if now - self._positions_refreshed < POSITIONS_REFRESH_S:
            return
        self._positions_refreshed = now
        for tp in consumer.assignment():
            # Bounded: while the coordinator is away, position() can wait indefinitely and
            # would stall the poll loop that has to notice the broker coming back.
            with contextlib.suppress(KafkaError, AssertionError, TimeoutError):
                self._positions[(tp.topic, tp.partition)] = await asyncio.wait_for(
                    consumer.position(tp), timeout=1.0)

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"consumer-{self.group_id}")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        # The last commit, if still on its way (bounded: the broker may be gone).
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(self._wait_for_commit(), timeout=5)
        if self._consumer is not None:
            with contextlib.suppress(Exception):
                await self._consumer.stop()
            self._consumer = None

    @property
    def running(self) -> bool:
        return self._consumer is not None and self._task is not None and not self._task.done()

    async def _connect(self) -> AIOKafkaConsumer:
        while True:
            consumer = AIOKafkaConsumer(
                *self.topics, **consumer_options(self.settings, self.group_id))
            try:
                await asyncio.wait_for(consumer.start(), timeout=CONNECT_TIMEOUT_S)
                return consumer
            except Exception as err:  # the loop must outlive any failure
                log.warning("consumer could not connect: %s", type(err).__name__,
                            extra={"group": self.group_id})
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(consumer.stop(), timeout=CONNECT_TIMEOUT_S)
                await asyncio.sleep(self.settings.kafka_retry_backoff_s)

    async def _run(self) -> None:
        """Consume until stopped, whatever fails along the way.

        Handlers' failures are retried or dead-lettered where they happen. Anything else
        that escapes a poll (a bug, an error the client library was not expected to
        raise) must not end consumption silently, with calls piling up unread: the poll
        in hand is dropped, the consumer reconnects and re-reads from its last committed
        offsets (what was done is skipped by event id), backing off while it keeps
        failing. ``rr_consumer_restarts`` counts these; readiness is down meanwhile.
        """
        backoff = Backoff(self.settings.kafka_retry_backoff_s)
        while not self._stopping.is_set():
            self._consumer = consumer = await self._connect()
            log.info("consumer started", extra={"group": self.group_id})
            started = time.monotonic()
            try:
                await self._consume(consumer)
                return
            except Exception:  # CancelledError is not one: stop() still ends the task
                self.stats.restarts += 1
                log.exception("consumer failed; re-reading from its last committed offsets",
                              extra={"group": self.group_id})
            await self._drop(consumer)
            if time.monotonic() - started > RESTART_BACKOFF_RESET_S:
                backoff.reset()
            await backoff.wait(self._stopping)

    async def _drop(self, consumer: AIOKafkaConsumer) -> None:
        """Leave a failed consumer: commit what was finished (bounded), forget the poll
        that was not, disconnect."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._wait_for_commit(), timeout=5)
        self._pending_offsets = {}
        self._batch_ids, self._batch_out, self._batch_acks = set(), [], []
        self._batch_times, self._batch_seen = [], None
        self._consumer = None
        with contextlib.suppress(Exception):
            await asyncio.wait_for(consumer.stop(), timeout=10)

    async def _consume(self, consumer: AIOKafkaConsumer) -> None:
        """Poll and process until stopped."""
        while not self._stopping.is_set():
            try:
                batches = await consumer.getmany(timeout_ms=200)
            except KafkaError:
                log.warning("poll failed; retrying", exc_info=True)
                await asyncio.sleep(self.settings.kafka_retry_backoff_s)
                continue
            if consumer.assignment():
                self.assigned.set()
            self._adapt_fetch(consumer, bool(batches))
            if batches:
                await self._process_batches(consumer, batches)
            await self._update_positions(consumer)

    def _adapt_fetch(self, consumer: AIOKafkaConsumer, got_records: bool) -> None:
        """With a linger: while events flow, the broker may hold a fetch up to the linger
        to fill it; after an empty poll, a fetch returns on the first byte again (so the
        first event after a lull is not held) and an idle consumer asks twice a second,
        not at every linger.

        aiokafka fixes both at construction; its fetcher reads them for each request it
        builds (aiokafka 0.14, pinned), so they are set on it here.
        """
        fetcher = getattr(consumer, "_fetcher", None)
        if self.fetch_linger_ms <= 0 or fetcher is None:
            return
        fetcher._fetch_max_wait_ms = self.fetch_linger_ms if got_records else (
            IDLE_FETCH_MAX_WAIT_MS)
        fetcher._fetch_min_bytes = LINGER_FETCH_MIN_BYTES if got_records else 1

    async def _process_batches(
        self, consumer: AIOKafkaConsumer, batches: dict[TopicPartition, list[ConsumerRecord]]
    ) -> None:
        """Handle one poll: every record in order per partition, then one wait for acks,
        one write of the handled ids and one commit (instead of one of each per event).

        Nothing is committed or marked handled before every event it produced is
        acknowledged, so a crash anywhere re-reads the poll and skips what was done.
        """
        self._batch_ids, self._batch_out, self._batch_acks = set(), [], []
        self._batch_times = []
        types = self._peek_types(batches)
        self._batch_seen = await self._until_stored(self._prefetch_seen, types)
        for tp, records in batches.items():
            self._positions[(tp.topic, tp.partition)] = records[0].offset
        for records in batches.values():
            run: list[tuple[ConsumerRecord, Envelope, Any]] = []
            for record in records:
                if self._passed_over(types.get(id(record))):
                    self._positions[(record.topic, record.partition)] = record.offset + 1
                    continue
                # Parsed once here when batches are possible, and reused on either path.
                parsed = self._parse(record) if self.batch_handlers else None
                item = (record, *parsed) if parsed is not None and self._batchable(
                    parsed[0]) else None
                if item is not None and (not run or run[0][1].event_type
                                         == item[1].event_type):
                    run.append(item)
                    continue
                if run:
                    await self._process_run(run)
                    run = []
                if item is not None:
                    run.append(item)
                    continue
                await self._process_one(record, parsed)
            if run:
                await self._process_run(run)
        await self._flush_batch()
        await self._commit_in_background(consumer, {
            tp: OffsetAndMetadata(records[-1].offset + 1, "") for tp, records in batches.items()})

    async def _commit_in_background(
        self, consumer: AIOKafkaConsumer, offsets: dict[TopicPartition, OffsetAndMetadata]
    ) -> None:
        """Commit offsets whose events are all done, off the poll path and coalesced.

        An offset commit is a round trip to the group coordinator (6-10 ms measured on a
        busy machine) and a write to the broker's offsets log; one per poll, at a few
        events per poll, was a tenth of the broker's work. Offsets wait here at most
        ``kafka_commit_interval_s`` and go in one commit. A commit lost to a crash or a
        rebalance means a re-read, which is skipped by event id.
        """
        self._pending_offsets.update(offsets)
        if self._commit_task is None or self._commit_task.done():
            self._commit_task = asyncio.create_task(self._commit_soon(consumer))

    async def _commit_soon(self, consumer: AIOKafkaConsumer) -> None:
        interval = self.settings.kafka_commit_interval_s
        while self._pending_offsets:
            wait = self._last_commit + interval - time.monotonic()
            if wait > 0:
                # A stopping consumer commits at once.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), timeout=wait)
            assigned = consumer.assignment()
            offsets = {tp: offset for tp, offset in self._pending_offsets.items()
                       if tp in assigned}
            self._pending_offsets = {}
            self._last_commit = time.monotonic()
            if not offsets:
                continue
            try:
                await consumer.commit(offsets)
            except (KafkaError, AssertionError):
                log.warning("commit failed; events will be re-read and skipped by id",
                            extra={"partitions": [f"{tp.topic}:{tp.partition}"
                                                  for tp in offsets]})

    async def _wait_for_commit(self) -> None:
        task, self._commit_task = self._commit_task, None
        if task is not None:
            await task

    def _passed_over(self, peeked: tuple[str, str, int] | None) -> bool:
        """A known type this consumer does nothing with (assignment reads calls.received
        for CallCancelled and passes over every CallReceived): not validated, looked up or
        recorded, since a re-read is as harmless. Unknown types and versions newer than
        this code still go the full way, to the dead letters."""
        if peeked is None:
            return False
        event_type, _, version = peeked
        payload_type = PAYLOAD_TYPES.get(event_type)
        return payload_type is not None and event_type not in self.handlers and (
            version <= payload_type.schema_version)

    @staticmethod
    def _peek_types(
        batches: dict[TopicPartition, list[ConsumerRecord]]
    ) -> dict[int, tuple[str, str, int]]:
        """Each readable record's event_type, event_id and schema_version, by id(record),
        from a plain JSON parse (a fraction of full validation)."""
        types = {}
        for records in batches.values():
            for record in records:
                with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError):
                    event = json.loads(record.value)
                    types[id(record)] = (str(event["event_type"]), str(event["event_id"]),
                                         int(event["schema_version"]))
        return types

    def _prefetch_seen(self, types: dict[int, tuple[str, str, int]]) -> set[str] | None:
        """Ids of this poll's events with a handler already handled, asked in one query
        when the store can (None: ask the store event by event)."""
        seen_many = getattr(self.processed, "seen_many", None)
        if seen_many is None:
            return None
        ids = [event_id for event_type, event_id, _ in types.values()
               if event_type in self.handlers]
        return set(seen_many(ids)) if ids else set()

    async def _until_stored(self, work: Callable[..., _R], *args: Any) -> _R:
        """``work`` on the record of handled events, waited out while its database is
        unavailable (the poll is neither committed nor skipped meanwhile)."""
        backoff = Backoff(self.settings.kafka_retry_backoff_s)
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

    async def _flush_batch(self) -> None:
        """Wait for the poll's acks (re-sending everything while Kafka is down), then mark."""
        acks, out = self._batch_acks, self._batch_out
        backoff = Backoff(self.settings.kafka_retry_backoff_s)
        while True:
            try:
                await self.publisher.wait_acks(acks)
                break
            except KafkaUnavailable:
                # Re-sending is safe: derived events have deterministic ids and every
                # consumer skips an id it already handled.
                self.stats.retries += 1
                log.warning("publish not acknowledged; re-sending the poll's events")
                await backoff.wait()
                with contextlib.suppress(KafkaUnavailable):
                    acks = await self.publisher.send_many(out)
        if self._batch_ids:
            await self._until_stored(self.processed.mark, self._batch_ids)
        self.stats.age.observe(self._batch_times, time.time())
        self._batch_ids, self._batch_out, self._batch_acks = set(), [], []
        self._batch_times = []

    async def _process_one(self, record: ConsumerRecord,
                           parsed: tuple[Envelope, Any] | None = None) -> None:
        event_id = await self._process_with_retry(record, parsed)
        if event_id is not None:
            self._batch_ids.add(event_id)
        self._positions[(record.topic, record.partition)] = record.offset + 1

    @staticmethod
    def _parse(record: ConsumerRecord) -> tuple[Envelope, Any] | None:
        """The parsed event; None for one that does not parse (the one-by-one path parses
        it again and dead-letters it with the reason)."""
        try:
            return parse_event(record.value)
        except EventRejected:
            return None

    def _batchable(self, envelope: Envelope) -> bool:
        """A batch handler takes it (duplicates go one by one, to be counted and skipped)."""
        return envelope.event_type in self.batch_handlers and not self._is_duplicate(
            str(envelope.event_id))

    def _is_duplicate(self, event_id: str) -> bool:
        return event_id in self._batch_ids or (
            self.processed.seen(event_id) if self._batch_seen is None
            else event_id in self._batch_seen
        )

    async def _process_run(self, run: list[tuple[ConsumerRecord, Envelope, Any]]) -> None:
        """Consecutive events of one type through its batch handler; if that fails, each
        event through the plain handler, with its own retries and dead letter."""
        handler = self.batch_handlers[run[0][1].event_type]
        try:
            outgoing = await handler([(envelope, payload) for _, envelope, payload in run])
            acks = await self.publisher.send_many(outgoing) if outgoing else []
        except Exception:
            log.warning("batch handler failed; handling its events one by one",
                        extra={"events": len(run)}, exc_info=True)
            for record, envelope, payload in run:
                await self._process_one(record, (envelope, payload))
            return
        self._batch_out.extend(outgoing)
        self._batch_acks.extend(acks)
        self.stats.handled += len(run)
        for record, envelope, _ in run:
            self._batch_ids.add(str(envelope.event_id))
            self._batch_times.append(envelope.occurred_at.timestamp())
            self._positions[(record.topic, record.partition)] = record.offset + 1

    async def _process_with_retry(self, record: ConsumerRecord,
                                  parsed: tuple[Envelope, Any] | None = None) -> str | None:
        attempt = 0
        backoff = Backoff(self.settings.kafka_retry_backoff_s)
        while True:
            attempt += 1
            try:
                return await self._process(record, parsed)
            except EventRejected as rejected:
                await self._dead_letter(record, rejected.reason)
                return None
            except Exception as err:
                self.stats.retries += 1
                if isinstance(err, TransientError) or store_unavailable(err):
                    # A database or Kafka outage: do not commit, do not dead-letter; wait.
                    log.warning("transient failure; retrying",
                                extra={"topic": record.topic, "offset": record.offset,
                                       "reason": type(err).__name__})
                    await backoff.wait()
                    continue
                if attempt >= self.max_handler_attempts:
                    log.exception("handler failed; dead-lettering",
                                  extra={"topic": record.topic, "offset": record.offset})
                    await self._dead_letter(
                        record, f"handler failed {attempt} times: {type(err).__name__}"
                    )
                    return None
                await asyncio.sleep(0.05 * attempt)

    async def _process(self, record: ConsumerRecord,
                       parsed: tuple[Envelope, Any] | None = None) -> str | None:
        envelope, payload = parsed if parsed is not None else parse_event(record.value)
        handler = self.handlers.get(envelope.event_type)
        if handler is None:
            return None  # nothing to do, so nothing to remember (see _passed_over)
        event_id = str(envelope.event_id)
        if self._is_duplicate(event_id):
            self.stats.skipped_duplicates += 1
            return None
        outgoing = await handler(envelope, payload)
        try:
            acks = await self.publisher.send_many(outgoing) if outgoing else []
        except KafkaUnavailable as err:
            raise TransientError(str(err)) from err
        self._batch_out.extend(outgoing)
        self._batch_acks.extend(acks)
        self.stats.handled += 1
        self._batch_times.append(envelope.occurred_at.timestamp())
        return event_id

    async def _dead_letter(self, record: ConsumerRecord, reason: str) -> None:
        log.warning("dead-lettering event",
                    extra={"topic": record.topic, "offset": record.offset, "reason": reason})
        key = record.key.decode(errors="replace") if record.key else None
        letter = make_event(
            EventDeadLettered(
                reason=reason,
                source_topic=record.topic,
                source_partition=record.partition,
                source_offset=record.offset,
                consumer_group=self.group_id,
                raw_value=(record.value or b"").decode(errors="replace"),
                raw_key=key,
            ),
            producer=self.settings.service_name,
            call_id=None,
            key=key or f"{record.topic}-{record.partition}-{record.offset}",
            # The same bad record re-read after a replay is the same dead letter.
            event_id=derive_id("deadletter", record.topic, record.partition, record.offset,
                               self.group_id),
        )
        while True:
            try:
                await self.publisher.publish(DEAD_LETTER, letter)
                self.stats.dead_lettered += 1
                return
            except KafkaUnavailable:
                # A dead letter must not be lost either: wait for Kafka.
                await asyncio.sleep(self.settings.kafka_retry_backoff_s)


def event_for(
    topic: str, payload: Contract, *, producer: str, call_id: str | None, cause: Envelope,
    key: str | None = None, discriminator: str = "",
) -> tuple[str, Envelope]:
    """One outgoing (topic, event) pair caused by ``cause``, with a deterministic id."""
    return topic, make_event(
        payload, producer=producer, call_id=call_id, causation=cause, key=key,
        discriminator=discriminator,
    )

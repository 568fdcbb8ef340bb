"""The one poll loop: poll, hand the poll to a processor, commit, reconnect on failure.

What a poll's records mean is the processor's business (:mod:`shared.kafka.processing`);
this loop owns the Kafka consumer: it commits a poll's offsets only after its processor
returned, keeps the lag gauge's positions, lingers fetches off the dispatch path, and
reconnects after anything that escapes a poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer, ConsumerRecord
from aiokafka.errors import KafkaError

from shared.kafka.client_internals import set_fetch_wait
from shared.kafka.commits import OffsetCommitter
from shared.kafka.handler_map import BatchHandler, Handler, HandlerMap
from shared.kafka.linger import AdaptiveLinger, FetchWait, FixedLinger
from shared.kafka.options import consumer_options
from shared.kafka.processed import ProcessedEvents
from shared.kafka.processing import Batches, PollContext, PollProcessor, Publisher
from shared.kafka.retry import Backoff
from shared.kafka.stats import ConsumerStats
from shared.settings import ServiceSettings
from shared.topics import topic_name

log = logging.getLogger(__name__)

POSITIONS_REFRESH_S = 1.0
# A consumer that ran this long before failing starts its restart backoff afresh.
RESTART_BACKOFF_RESET_S = 60.0
# A consumer's start (bootstrap, topic metadata) that takes longer is tried afresh.
CONNECT_TIMEOUT_S = 30.0


def _being_cancelled() -> bool:
    """Whether the running task itself has been asked to stop."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


class EventConsumer:
    """Consume topics and hand each poll to a processor; commit once it is done.

    The processor is either given (``processor=``, audit's batched append say) or built
    from a handler map (``handlers=``, ``batch_handlers=``, ``processed=``,
    ``max_handler_attempts=``: see :class:`shared.kafka.handler_map.HandlerMap`).
    """

    def __init__(
        self,
        settings: ServiceSettings,
        *,
        topics: Sequence[str],
        group: str,
        publisher: Publisher,
        handlers: dict[str, Handler] | None = None,
        processed: ProcessedEvents | None = None,
        max_handler_attempts: int = 3,
        batch_handlers: dict[str, BatchHandler] | None = None,
        fetch_linger_ms: int = 0,
        adaptive_linger_ms: int = 0,
        processor: PollProcessor | None = None,
    ) -> None:
        """``fetch_linger_ms``: how long the broker may hold a fetch to fill it while
        events flow. A consumer off the dispatch path can take fewer, larger polls, each
        with its fixed costs (a fetch of every assigned partition, a transaction), for
        that much latency. ``adaptive_linger_ms``: the dispatch path's linger, at most
        this long and only while polls keep bringing several records, fast enough for
        one linger to gather several (a lone call is never held;
        :class:`shared.kafka.linger.AdaptiveLinger`). Both 0: each record is
        handed over as it lands."""
        if processor is not None and (handlers or batch_handlers or processed):
            raise ValueError("give either a processor or a handler map, not both")
        if fetch_linger_ms > 0 and adaptive_linger_ms > 0:
            raise ValueError("give either a fixed or an adaptive fetch linger, not both")
        self.processor: PollProcessor = processor or HandlerMap(
            handlers or {}, batch_handlers=batch_handlers, processed=processed,
            max_attempts=max_handler_attempts)
        self.settings = settings
        self.topics = [topic_name(settings.topic_prefix, t) for t in topics]
        self.group_id = f"{settings.group_prefix}{group}"
        self.publisher = publisher
        self._linger: FixedLinger | AdaptiveLinger | None = (
            FixedLinger(fetch_linger_ms) if fetch_linger_ms > 0
            else AdaptiveLinger(adaptive_linger_ms) if adaptive_linger_ms > 0 else None)
        self._fetch_wait: FetchWait | None = None
        self.stats = ConsumerStats()
        self.assigned = asyncio.Event()
        self._context = PollContext(
            group_id=self.group_id, producer=settings.service_name, publisher=publisher,
            stats=self.stats, retry_backoff_s=settings.kafka_retry_backoff_s,
            progressed=self._progressed)
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._commits = OffsetCommitter(settings.kafka_commit_interval_s, self._stopping)
        self._positions: dict[tuple[str, int], int] = {}
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

    def _progressed(self, record: ConsumerRecord) -> None:
        self._positions[(record.topic, record.partition)] = record.offset + 1

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
            await asyncio.wait_for(self._commits.flush(), timeout=5)
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

        Processors' failures are retried or dead-lettered where they happen. Anything else
        that escapes a poll (a bug, an error the client library was not expected to
        raise) must not end consumption silently, with calls piling up unread: the poll
        in hand is dropped, the consumer reconnects and re-reads from its last committed
        offsets (what was done is skipped by event id), backing off while it keeps
        failing. ``rr_consumer_restarts`` counts these; readiness is down meanwhile.
        """
        backoff = Backoff(self.settings.kafka_retry_backoff_s)
        while not self._stopping.is_set():
            self._consumer = consumer = await self._connect()
            self._fetch_wait = None  # a new client starts from aiokafka's defaults
            log.info("consumer started", extra={"group": self.group_id})
            started = time.monotonic()
            try:
                await self._consume(consumer)
                return
            except Exception:  # CancelledError is not one: stop() still ends the task
                self.stats.restarts += 1
                log.exception("consumer failed; re-reading from its last committed offsets",
                              extra={"group": self.group_id})
            except asyncio.CancelledError:
                if self._stopping.is_set() or _being_cancelled():
                    raise
                # A future cancelled under the loop (a stopped client's), not a stop: a
                # failure like any other, or the loop would end with nobody consuming.
                self.stats.restarts += 1
                log.warning("consumer interrupted by a cancelled future; re-reading from "
                            "its last committed offsets", extra={"group": self.group_id})
            await self._drop(consumer)
            if time.monotonic() - started > RESTART_BACKOFF_RESET_S:
                backoff.reset()
            await backoff.wait(self._stopping)

    async def _drop(self, consumer: AIOKafkaConsumer) -> None:
        """Leave a failed consumer: commit what was finished (bounded), forget the poll
        that was not, disconnect."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._commits.flush(), timeout=5)
        self._commits.forget()
        self._consumer = None
        with contextlib.suppress(Exception):
            await asyncio.wait_for(consumer.stop(), timeout=10)

    async def _consume(self, consumer: AIOKafkaConsumer) -> None:
        """Poll and process until stopped."""
        max_records = self.processor.max_records
        while not self._stopping.is_set():
            try:
                batches = await consumer.getmany(timeout_ms=200, max_records=max_records)
            except KafkaError:
                log.warning("poll failed; retrying", exc_info=True)
                await asyncio.sleep(self.settings.kafka_retry_backoff_s)
                continue
            if consumer.assignment():
                self.assigned.set()
            self._linger_fetches(consumer, sum(len(r) for r in batches.values()))
            if batches:
                await self._process(consumer, batches)
            await self._update_positions(consumer)

    async def _process(self, consumer: AIOKafkaConsumer, batches: Batches) -> None:
        for tp, records in batches.items():
            self._positions[(tp.topic, tp.partition)] = records[0].offset
        await self.processor.process(batches, self._context)
        for records in batches.values():
            self._progressed(records[-1])
        self._commits.add(consumer, {tp: records[-1].offset + 1
                                     for tp, records in batches.items()})

    def _linger_fetches(self, consumer: AIOKafkaConsumer, records: int) -> None:
        """How long the broker may hold the next fetches, from the linger's decision on
        this poll (set on the client only when it changes)."""
        if self._linger is None:
            return
        wait = self._linger.after_poll(records)
        if wait != self._fetch_wait:
            set_fetch_wait(consumer, wait.max_wait_ms, wait.min_bytes)
            self._fetch_wait = wait

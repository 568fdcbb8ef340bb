"""The idempotent, acks=all producer every service publishes through."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from shared.events import Envelope, serialize
from shared.kafka.client_internals import metadata_answers
from shared.kafka.options import producer_options
from shared.kafka.retry import KafkaUnacknowledged, KafkaUnavailable
from shared.settings import ServiceSettings
from shared.topics import DEAD_LETTER, topic_name

log = logging.getLogger(__name__)


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
            # Bounded: a send waits for the topic's metadata, and a client whose metadata
            # refresh never completes (seen after broker restarts) would hold the caller,
            # a consumer's poll loop, for good.
            return await asyncio.wait_for(self._send_all(producer, events),
                                          timeout=self.settings.publish_timeout_s)
        except (KafkaError, TimeoutError, OSError) as err:
            self._replace(producer)
            raise KafkaUnavailable(f"Kafka did not accept: {type(err).__name__}") from err

    async def _send_all(
        self, producer: AIOKafkaProducer, events: Sequence[tuple[str, Envelope]]
    ) -> list[asyncio.Future[Any]]:
        return [await producer.send(self.topic(t), serialize(e), key=e.partition_key)
                for t, e in events]

    async def wait_acks(self, futures: Sequence[asyncio.Future[Any]]) -> None:
        """Wait until Kafka acknowledged every send (acks=all), or raise
        :class:`KafkaUnacknowledged`: the records were handed to the producer, which may
        still deliver them (even as it stops), so they may yet reach the topic."""
        if not futures:
            return
        producer = self._producer
        # asyncio.wait, not gather: a send future cancelled by a producer being stopped
        # (a replaced one) would raise CancelledError into the caller, which reads as the
        # caller's own cancellation and would end a consumer's loop without a word.
        done, pending = await asyncio.wait(futures, timeout=self.settings.publish_timeout_s)
        for future in pending:
            future.cancel()
        failure = "TimeoutError" if pending else next(
            (type(f.exception()).__name__ if not f.cancelled() else "CancelledError"
             for f in done if f.cancelled() or f.exception() is not None), None)
        if failure is None:
            return
        if producer is not None:
            self._replace(producer)
        raise KafkaUnacknowledged(f"Kafka did not acknowledge: {failure}")

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
        probe = asyncio.ensure_future(metadata_answers(producer, [self.topic(DEAD_LETTER)]))
        # Not wait_for: it waits for the cancelled probe to finish, and a probe stuck in
        # the client must not hold the readiness answer too.
        done, _ = await asyncio.wait({probe}, timeout=2.0)
        if not done:
            probe.cancel()
        try:
            updated = probe.result() if done else False
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

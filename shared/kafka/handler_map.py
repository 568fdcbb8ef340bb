"""The processor of most consumers: each event through its handler in one explicit map.

Events whose type has no handler are acknowledged and passed over (a topic can carry
several types). Bytes that do not parse, and events whose handler keeps failing, go to
the dead-letter topic with the reason, and the consumer goes on. Events already handled
(by ``event_id``) are skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiokafka import ConsumerRecord

from shared.events import (
    PAYLOAD_TYPES,
    Contract,
    Envelope,
    EventRejected,
    decode_json,
    make_event,
    parse_event,
    typed_event,
)
from shared.kafka.processed import MemoryProcessedEvents, ProcessedEvents
from shared.kafka.processing import Batches, PollContext
from shared.kafka.retry import KafkaUnavailable, TransientError

log = logging.getLogger(__name__)

# A handler is a plain function of (envelope, typed payload) returning the events it
# wants published, as (topic, envelope) pairs. Its dependencies are bound when the
# service builds its handler map.
Outgoing = list[tuple[str, Envelope]]
Handler = Callable[[Envelope, Any], Awaitable[Outgoing]]
# A batch handler takes consecutive events of one type from one poll at once (one
# transaction for many, say). Its type must have a plain handler too: when the batch
# fails, its events are handled one by one, so one bad event cannot hold up the others.
BatchHandler = Callable[[list[tuple[Envelope, Any]]], Awaitable[Outgoing]]
# (event_type, event_id, schema_version) of a record, by id(record).
Peeked = dict[int, tuple[str, str, int]]
# The JSON values of each record that is JSON, by id(record): a poll's bytes are decoded
# once, for the peek at its types and again for validation.
Decoded = dict[int, Any]


def event_for(
    topic: str, payload: Contract, *, producer: str, call_id: str | None, cause: Envelope,
    key: str | None = None, discriminator: str = "",
) -> tuple[str, Envelope]:
    """One outgoing (topic, event) pair caused by ``cause``, with a deterministic id."""
    return topic, make_event(
        payload, producer=producer, call_id=call_id, causation=cause, key=key,
        discriminator=discriminator,
    )


class HandlerMap:
    """Dispatches each event of a poll to its handler; see the module's docstring."""

    max_records: int | None = None

    def __init__(
        self, handlers: dict[str, Handler], *,
        batch_handlers: dict[str, BatchHandler] | None = None,
        processed: ProcessedEvents | None = None, max_attempts: int = 3,
    ) -> None:
        missing = set(batch_handlers or {}) - set(handlers)
        if missing:
            raise ValueError(f"batch handlers without a plain handler: {sorted(missing)}")
        self.handlers = handlers
        self.batch_handlers = batch_handlers or {}
        self.processed = processed or MemoryProcessedEvents()
        self.max_attempts = max_attempts

    async def process(self, batches: Batches, context: PollContext) -> None:
        """Handle one poll: every record in order per partition, then one wait for acks,
        one write of the handled ids (instead of one of each per event).

        Nothing is marked handled before every event it produced is acknowledged, so a
        crash anywhere re-reads the poll and skips what was done.
        """
        decoded = decode_poll(batches)
        peeked = peek_types(decoded)
        seen = await context.until_stored(self._prefetch_seen, peeked)
        await _Poll(self, context, seen, decoded).run(batches, peeked)

    def passed_over(self, peeked: tuple[str, str, int] | None) -> bool:
        """A known type this map does nothing with (assignment reads calls.received for
        CallCancelled and passes over every CallReceived): not validated, looked up or
        recorded, since a re-read is as harmless. Unknown types and versions newer than
        this code still go the full way, to the dead letters."""
        if peeked is None:
            return False
        event_type, _, version = peeked
        payload_type = PAYLOAD_TYPES.get(event_type)
        return payload_type is not None and event_type not in self.handlers and (
            version <= payload_type.schema_version)

    def _prefetch_seen(self, peeked: Peeked) -> set[str] | None:
        """Ids of this poll's events with a handler already handled, asked in one query
        when the store can (None: ask the store event by event)."""
        seen_many = getattr(self.processed, "seen_many", None)
        if seen_many is None:
            return None
        ids = [event_id for event_type, event_id, _ in peeked.values()
               if event_type in self.handlers]
        return set(seen_many(ids)) if ids else set()


def decode_poll(batches: Batches) -> Decoded:
    """Every record's bytes decoded as JSON, once (those that are not JSON are left out:
    validation names what is wrong with them)."""
    decoded = {}
    for records in batches.values():
        for record in records:
            with contextlib.suppress(EventRejected):
                decoded[id(record)] = decode_json(record.value)
    return decoded


def peek_types(decoded: Decoded) -> Peeked:
    """Each readable record's event_type, event_id and schema_version, by id(record),
    read off its JSON values (a fraction of full validation)."""
    types = {}
    for key, event in decoded.items():
        with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError):
            types[key] = (str(event["event_type"]), str(event["event_id"]),
                          int(event["schema_version"]))
    return types


def parse_record(record: ConsumerRecord, decoded: Decoded) -> tuple[Envelope, Any]:
    """The typed event of a record, from its JSON values when the poll decoded them, or
    :class:`EventRejected`."""
    values = decoded.get(id(record))
    return parse_event(record.value) if values is None else typed_event(values)


def parse_or_none(record: ConsumerRecord, decoded: Decoded) -> tuple[Envelope, Any] | None:
    """The typed event; None for one that does not parse (the one-by-one path parses it
    again and dead-letters it with the reason)."""
    try:
        return parse_record(record, decoded)
    except EventRejected:
        return None


# A run of consecutive events of one type for a batch handler.
Run = list[tuple[ConsumerRecord, Envelope, Any]]


@dataclass
class _Poll:
    """One poll's work in progress, created per poll: the ids handled, the events sent
    but not yet acknowledged and when the handled events occurred (for the age
    histogram)."""

    handlers: HandlerMap
    context: PollContext
    seen: set[str] | None  # prefetched handled ids; None: ask the store each time
    decoded: Decoded
    handled_ids: set[str] = field(default_factory=set)
    out: Outgoing = field(default_factory=list)
    acks: list[asyncio.Future[Any]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)

    async def run(self, batches: Batches, peeked: Peeked) -> None:
        batching = bool(self.handlers.batch_handlers)
        for records in batches.values():
            run: Run = []
            for record in records:
                if self.handlers.passed_over(peeked.get(id(record))):
                    self.context.progressed(record)
                    continue
                # Parsed once here when batches are possible, and reused on either path.
                parsed = parse_or_none(record, self.decoded) if batching else None
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
        await self._flush()

    async def _flush(self) -> None:
        """Wait for the poll's acks (re-sending everything while Kafka is down), then mark."""
        context, acks = self.context, self.acks
        backoff = context.backoff()
        while True:
            try:
                await context.publisher.wait_acks(acks)
                break
            except KafkaUnavailable:
                # Re-sending is safe: derived events have deterministic ids and every
                # consumer skips an id it already handled.
                context.stats.retries += 1
                log.warning("publish not acknowledged; re-sending the poll's events")
                await backoff.wait()
                with contextlib.suppress(KafkaUnavailable):
                    acks = await context.publisher.send_many(self.out)
        if self.handled_ids:
            await context.until_stored(self.handlers.processed.mark, self.handled_ids)
        context.stats.age.observe(self.times, time.time())

    def _batchable(self, envelope: Envelope) -> bool:
        """A batch handler takes it (duplicates go one by one, to be counted and skipped)."""
        return envelope.event_type in self.handlers.batch_handlers and not (
            self._is_duplicate(str(envelope.event_id)))

    def _is_duplicate(self, event_id: str) -> bool:
        return event_id in self.handled_ids or (
            self.handlers.processed.seen(event_id) if self.seen is None
            else event_id in self.seen
        )

    def _sent(self, outgoing: Outgoing, acks: Sequence[asyncio.Future[Any]],
              envelopes: Sequence[Envelope]) -> None:
        self.out.extend(outgoing)
        self.acks.extend(acks)
        self.context.stats.handled += len(envelopes)
        self.times.extend(envelope.occurred_at.timestamp() for envelope in envelopes)

    async def _process_run(self, run: Run) -> None:
        """Consecutive events of one type through its batch handler; if that fails, each
        event through the plain handler, with its own retries and dead letter."""
        handler = self.handlers.batch_handlers[run[0][1].event_type]
        try:
            outgoing = await handler([(envelope, payload) for _, envelope, payload in run])
            acks = await self.context.publisher.send_many(outgoing) if outgoing else []
        except Exception:
            log.warning("batch handler failed; handling its events one by one",
                        extra={"events": len(run)}, exc_info=True)
            for record, envelope, payload in run:
                await self._process_one(record, (envelope, payload))
            return
        self._sent(outgoing, acks, [envelope for _, envelope, _ in run])
        for record, envelope, _ in run:
            self.handled_ids.add(str(envelope.event_id))
            self.context.progressed(record)

    async def _process_one(self, record: ConsumerRecord,
                           parsed: tuple[Envelope, Any] | None = None) -> None:
        event_id = await self._process_with_retry(record, parsed)
        if event_id is not None:
            self.handled_ids.add(event_id)
        self.context.progressed(record)

    async def _process_with_retry(self, record: ConsumerRecord,
                                  parsed: tuple[Envelope, Any] | None) -> str | None:
        context, attempts = self.context, self.handlers.max_attempts
        try:
            return await context.with_retries(
                lambda: self._process(record, parsed), attempts=attempts,
                extra={"topic": record.topic, "offset": record.offset},
                passes_through=(EventRejected,))
        except EventRejected as rejected:
            await context.dead_letter(record, rejected.reason)
        except Exception as err:
            log.exception("handler failed; dead-lettering",
                          extra={"topic": record.topic, "offset": record.offset})
            await context.dead_letter(
                record, f"handler failed {attempts} times: {type(err).__name__}")
        return None

    async def _process(self, record: ConsumerRecord,
                       parsed: tuple[Envelope, Any] | None) -> str | None:
        envelope, payload = parsed if parsed is not None else parse_record(record,
                                                                           self.decoded)
        handler = self.handlers.handlers.get(envelope.event_type)
        if handler is None:
            return None  # nothing to do, so nothing to remember (see passed_over)
        event_id = str(envelope.event_id)
        if self._is_duplicate(event_id):
            self.context.stats.skipped_duplicates += 1
            return None
        outgoing = await handler(envelope, payload)
        try:
            acks = await self.context.publisher.send_many(outgoing) if outgoing else []
        except KafkaUnavailable as err:
            raise TransientError(str(err)) from err
        self._sent(outgoing, acks, [envelope])
        return event_id

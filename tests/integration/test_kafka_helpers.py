"""The Kafka helpers against the real broker: ordering, commits, duplicates, dead letters."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from shared.events import CallReceived, Envelope, Location, make_event, serialize
from shared.kafka import (
    EventConsumer,
    EventPublisher,
    MemoryProcessedEvents,
    Outgoing,
    connection_options,
)
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED, DEAD_LETTER, topic_name
from tests.conftest import read_topic, wait_for

pytestmark = pytest.mark.kafka


def call_event(n: int, call_id: str | None = None) -> Envelope:
    payload = CallReceived(
        agency="t", cad_incident_id=f"C-{n}", call_type="THEFT", narrative="",
        received_at=datetime.now(UTC), location=Location(address=f"{n} Main St"),
    )
    return make_event(payload, producer="test", call_id=call_id or f"call-{n}")


class Recorder:
    def __init__(self, fail_first: int = 0) -> None:
        self.seen: list[str] = []
        self.fail_first = fail_first

    async def __call__(self, envelope: Envelope, payload: Any) -> Outgoing:
        if self.fail_first > 0:
            self.fail_first -= 1
            raise RuntimeError("boom")
        self.seen.append(envelope.payload["cad_incident_id"])
        return []


async def committed(settings: ServiceSettings, group: str) -> int:
    consumer = AIOKafkaConsumer(**connection_options(settings),
                                group_id=f"{settings.group_prefix}{group}",
                                enable_auto_commit=False)
    await consumer.start()
    try:
        total = 0
        for p in range(6):
            offset = await consumer.committed(
                TopicPartition(topic_name(settings.topic_prefix, CALLS_RECEIVED), p))
            total += offset or 0
        return total
    finally:
        await consumer.stop()


async def test_events_are_handled_in_order_per_call_and_committed_after_handling(
    kafka_settings: ServiceSettings,
) -> None:
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    events = [call_event(n) for n in range(20)]
    await publisher.publish_many([(CALLS_RECEIVED, e) for e in events])
    recorder = Recorder()
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="g",
                             handlers={"CallReceived": recorder}, publisher=publisher)
    await consumer.start()
    try:
        await wait_for(lambda: _true(len(recorder.seen) == 20), what="20 events handled")
        assert sorted(recorder.seen) == sorted(f"C-{n}" for n in range(20))
        await wait_for(lambda: _eq(committed(kafka_settings, "g"), 20), what="offsets committed")
    finally:
        await consumer.stop()
        await publisher.stop()


async def test_commits_are_coalesced_while_running_and_flushed_on_a_clean_stop(
    kafka_settings: ServiceSettings,
) -> None:
    """Offsets wait up to the commit interval (one commit for many polls), and a clean
    shutdown commits what was handled, so a restart re-reads nothing."""
    settings = kafka_settings.model_copy(update={"kafka_commit_interval_s": 3600.0})
    publisher = EventPublisher(settings)
    await publisher.start()
    recorder = Recorder()
    consumer = EventConsumer(settings, topics=[CALLS_RECEIVED], group="g",
                             handlers={"CallReceived": recorder}, publisher=publisher)
    await consumer.start()
    try:
        await wait_for(lambda: _true(consumer.assigned.is_set()), what="partitions assigned")
        for n in range(5):
            # One poll each: every event is handled before the next is sent.
            await publisher.publish(CALLS_RECEIVED, call_event(n))
            await wait_for(lambda n=n: _true(len(recorder.seen) == n + 1),  # type: ignore[misc]
                           what=f"event {n} handled")
        # The first poll's offsets went at once (nothing committed before); the rest wait.
        assert await committed(settings, "g") < 5
    finally:
        await consumer.stop()
    assert await committed(settings, "g") == 5
    restarted = EventConsumer(settings, topics=[CALLS_RECEIVED], group="g",
                              handlers={"CallReceived": recorder}, publisher=publisher)
    await restarted.start()
    try:
        await publisher.publish(CALLS_RECEIVED, call_event(5))
        await wait_for(lambda: _true(len(recorder.seen) == 6), what="the new event")
        assert recorder.seen == [f"C-{n}" for n in range(6)]
    finally:
        await restarted.stop()
        await publisher.stop()


async def test_a_restarted_consumer_resumes_after_its_last_commit_and_skips_duplicates(
    kafka_settings: ServiceSettings,
) -> None:
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    first = call_event(1)
    await publisher.publish(CALLS_RECEIVED, first)
    processed = MemoryProcessedEvents()
    recorder = Recorder()
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="g",
                             handlers={"CallReceived": recorder}, publisher=publisher,
                             processed=processed)
    await consumer.start()
    await wait_for(lambda: _true(recorder.seen == ["C-1"]), what="first event")
    await consumer.stop()
    # The same event delivered again (a producer retry, a replayed offset) and a new one.
    await publisher.publish_many([(CALLS_RECEIVED, first), (CALLS_RECEIVED, call_event(2))])
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="g",
                             handlers={"CallReceived": recorder}, publisher=publisher,
                             processed=processed)
    await consumer.start()
    try:
        await wait_for(lambda: _true(len(recorder.seen) == 2), what="second event")
        await wait_for(lambda: _true(consumer.stats.skipped_duplicates == 1), what="dup skipped")
        assert recorder.seen == ["C-1", "C-2"]
    finally:
        await consumer.stop()
        await publisher.stop()


async def test_poison_events_go_to_the_dead_letter_topic_and_the_consumer_goes_on(
    kafka_settings: ServiceSettings,
) -> None:
    raw = AIOKafkaProducer(**connection_options(kafka_settings),
                           enable_idempotence=True, acks="all")
    await raw.start()
    topic = topic_name(kafka_settings.topic_prefix, CALLS_RECEIVED)
    future = json.loads(serialize(call_event(3)))
    future["schema_version"] = 7
    for value in (b"{not json", json.dumps(future).encode(), serialize(call_event(4))):
        await raw.send_and_wait(topic, value, key=b"same-key")
    await raw.stop()

    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    recorder = Recorder(fail_first=0)
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="g",
                             handlers={"CallReceived": recorder}, publisher=publisher)
    await consumer.start()
    try:
        await wait_for(lambda: _true(recorder.seen == ["C-4"]), what="good event after poison")
        letters = await read_topic(kafka_settings, DEAD_LETTER, 2)
        reasons = [json.loads(r.value)["payload"]["reason"] for r in letters]
        assert reasons[0].startswith("invalid envelope")
        assert "unsupported schema_version 7" in reasons[1]
        assert json.loads(letters[0].value)["payload"]["raw_value"] == "{not json"
    finally:
        await consumer.stop()
        await publisher.stop()


async def test_a_handler_that_keeps_failing_is_dead_lettered_but_a_flaky_one_is_retried(
    kafka_settings: ServiceSettings,
) -> None:
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    await publisher.publish(CALLS_RECEIVED, call_event(5))
    flaky = Recorder(fail_first=2)
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="g",
                             handlers={"CallReceived": flaky}, publisher=publisher)
    await consumer.start()
    try:
        await wait_for(lambda: _true(flaky.seen == ["C-5"]), what="retried event")
    finally:
        await consumer.stop()
    broken = Recorder(fail_first=10**6)
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="other",
                             handlers={"CallReceived": broken}, publisher=publisher)
    await consumer.start()
    try:
        letters = await read_topic(kafka_settings, DEAD_LETTER, 1)
        assert "handler failed 3 times: RuntimeError" in json.loads(letters[0].value)["payload"][
            "reason"]
    finally:
        await consumer.stop()
        await publisher.stop()


async def test_publishing_without_a_broker_fails_fast_instead_of_claiming_success() -> None:
    from shared.kafka import KafkaUnavailable

    settings = ServiceSettings(kafka_bootstrap="127.0.0.1:1", publish_timeout_s=1.0,
                               topic_prefix=f"t{uuid.uuid4().hex[:8]}.")
    publisher = EventPublisher(settings)
    await publisher.start()
    try:
        assert not await publisher.ready()
        with pytest.raises(KafkaUnavailable):
            await publisher.publish(CALLS_RECEIVED, call_event(6))
    finally:
        await publisher.stop()


async def _true(value: bool) -> bool:
    return value


async def _eq(awaitable: Any, expected: int) -> bool:
    return bool(await awaitable == expected)


async def test_a_batch_handler_takes_a_poll_at_once_and_a_failing_batch_goes_one_by_one(
    kafka_settings: ServiceSettings,
) -> None:
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    # Published before the consumer starts, so its first polls return many at once.
    await publisher.publish_many([(CALLS_RECEIVED, call_event(n)) for n in range(40)])
    batches: list[list[str]] = []

    async def batch(items: list[tuple[Envelope, Any]]) -> Outgoing:
        ids = [envelope.payload["cad_incident_id"] for envelope, _ in items]
        if "C-13" in ids:
            raise RuntimeError("one bad event spoils the batch")
        batches.append(ids)
        return []

    class RejectsThirteen(Recorder):
        async def __call__(self, envelope: Envelope, payload: Any) -> Outgoing:
            if envelope.payload["cad_incident_id"] == "C-13":
                raise RuntimeError("bad event")
            return await super().__call__(envelope, payload)

    one_by_one = RejectsThirteen()
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="g",
                             handlers={"CallReceived": one_by_one}, publisher=publisher,
                             batch_handlers={"CallReceived": batch})
    await consumer.start()
    try:
        await wait_for(lambda: _eq(committed(kafka_settings, "g"), 40), what="40 committed")
        handled = [i for ids in batches for i in ids] + one_by_one.seen
        # Every good event handled exactly once; the bad one dead-lettered with its reason.
        assert sorted(handled) == sorted(f"C-{n}" for n in range(40) if n != 13)
        assert max(len(ids) for ids in batches) > 1  # batches, not one call per event
        assert "C-13" not in one_by_one.seen
        letters = await read_topic(kafka_settings, DEAD_LETTER, 1)
        letter = json.loads(letters[0].value)["payload"]
        assert "handler failed 3 times: RuntimeError" in letter["reason"]
        assert json.loads(letter["raw_value"])["payload"]["cad_incident_id"] == "C-13"
    finally:
        await consumer.stop()
        await publisher.stop()


def test_a_batch_handler_needs_a_plain_handler_for_its_fallback(
    kafka_settings: ServiceSettings,
) -> None:
    async def batch(items: list[tuple[Envelope, Any]]) -> Outgoing:
        return []

    with pytest.raises(ValueError, match="CallReceived"):
        EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="g", handlers={},
                      publisher=EventPublisher(kafka_settings),
                      batch_handlers={"CallReceived": batch})


async def test_a_lingering_consumer_takes_events_sent_one_at_a_time_in_few_polls(
    kafka_settings: ServiceSettings,
) -> None:
    """Off the dispatch path (audit), the broker gathers events into larger polls."""
    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    polls: list[int] = []

    async def batch(items: list[tuple[Envelope, Any]]) -> Outgoing:
        polls.append(len(items))
        return []

    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="g",
                             handlers={"CallReceived": Recorder()}, publisher=publisher,
                             batch_handlers={"CallReceived": batch}, fetch_linger_ms=400)
    await consumer.start()
    try:
        await wait_for(lambda: _true(consumer.assigned.is_set()), what="partitions assigned")
        for n in range(20):
            # One call's events: one partition, each acknowledged before the next is sent.
            await publisher.publish(CALLS_RECEIVED, call_event(n, call_id="one-call"))
        await wait_for(lambda: _true(sum(polls) == 20), what="20 events handled")
        assert len(polls) <= 4, polls
    finally:
        await consumer.stop()
        await publisher.stop()

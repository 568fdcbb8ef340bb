"""The broker's floor: one produce→consume hop with the services' own client settings."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import UnknownTopicOrPartitionError

from benchmarks.e2e.stats import summary_ms
from shared.kafka import connection_options, consumer_options, producer_options
from shared.settings import ServiceSettings
from shared.topics import topic_name


async def measure_floor(settings: ServiceSettings, samples: int, timeout_s: float = 60.0,
                        rate: float | None = None) -> dict[str, Any]:
    """Single-hop produce→consume on the same broker with the services' settings.

    ``rate`` None: back to back, each send as soon as the last one arrived. A rate spaces
    the sends as the load of a step does. That is not the same floor: between sends the
    processes sleep, and a hop then pays for waking every thread it crosses. On this
    2-core VM the hop's p50 was 1.3 ms back to back and 2.7-2.8 ms at 10 or 100 ms apart.
    """
    topic = topic_name(settings.topic_prefix,
                       "floor" if rate is None else f"floor-{rate:g}-per-s")
    admin = AIOKafkaAdminClient(**connection_options(settings))
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 1, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(**producer_options(settings))
    options = consumer_options(settings, "unused")
    options.update(group_id=None, client_id="bench-floor")
    consumer = AIOKafkaConsumer(**options)
    await producer.start()
    await consumer.start()
    # A busy broker can take a while to show a new topic in its metadata.
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            await producer.partitions_for(topic)
            break
        except UnknownTopicOrPartitionError:
            if time.monotonic() > deadline:
                await consumer.stop()
                await producer.stop()
                raise
            await asyncio.sleep(0.2)
    tp = TopicPartition(topic, 0)
    consumer.assign([tp])
    await consumer.seek_to_end(tp)
    hop: list[float] = []
    ack: list[float] = []
    payload = json.dumps({"event_type": "Floor", "payload": {"x": "y" * 300}}).encode()
    deadline = time.monotonic() + timeout_s
    warmup = 50 if rate is None else min(50, max(5, samples // 4))
    gap = 0.0 if rate is None else 1.0 / rate
    due = time.perf_counter()
    try:
        for _ in range(samples + warmup):  # the first ones warm up and are dropped
            if time.monotonic() > deadline:
                break
            if gap:
                due += gap
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
            start = time.perf_counter()
            future = await producer.send(topic, payload, key=b"floor")
            got = None
            acked_at = None
            while got is None and time.monotonic() < deadline:
                batch = await consumer.getmany(tp, timeout_ms=1000)
                if batch.get(tp):
                    got = time.perf_counter()
                if future.done() and acked_at is None:
                    acked_at = time.perf_counter()
            await asyncio.wait_for(future, timeout=10)
            if acked_at is None:
                acked_at = time.perf_counter()
            if got is not None:
                hop.append(got - start)
                ack.append(acked_at - start)
    finally:
        await consumer.stop()
        await producer.stop()
    hop, ack = hop[warmup:], ack[warmup:]
    return {"single_hop_ms": summary_ms(hop), "produce_ack_ms": summary_ms(ack),
            "samples": len(hop), "rate": rate}


async def warm_up_broker(settings: ServiceSettings, duration_s: float,
                         round_trips: int = 500) -> list[float]:
    """Back-to-back round trips for ``duration_s``, unreported but for each round's p50.

    A broker just started runs its request path in the JVM's interpreter until the JIT
    has compiled it. Here a fresh broker's hop p50 fell from 4.9 ms to about 1 ms over
    its first 25 s of round trips; measured cold, the floor came out 3.5-4.5 ms instead
    of 0.9-1.1 ms and flattered every ratio to it (and the first step's latencies).
    """
    p50s: list[float] = []
    deadline = time.monotonic() + duration_s
    while time.monotonic() < deadline:
        rounds = ServiceSettings(kafka_bootstrap=settings.kafka_bootstrap,
                                 topic_prefix=f"{settings.topic_prefix}warm{len(p50s)}.")
        # Each round's topic goes with the run's others, under its prefix.
        result = await measure_floor(rounds, round_trips,
                                     timeout_s=max(5.0, deadline - time.monotonic()))
        if result["single_hop_ms"]["p50"] is None:
            break
        p50s.append(round(result["single_hop_ms"]["p50"], 3))
    return p50s

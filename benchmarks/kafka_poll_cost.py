"""CPU of a bare aiokafka consumer per record when records come one at a time.

The floor under every service's per-event cost: a consumer with the services' own
settings (shared.kafka.consumer_options, uvloop as uvicorn runs it) on a fresh topic of
``--partitions`` partitions, fed ``--rate`` records a second by a producer in another
process (the services' producer settings), so this process's CPU is the consumer's alone.
Prints CPU per record and polls per record, the consumer's and the broker's JVM's.
Needs the broker on RR_KAFKA_BOOTSTRAP.

``--work-ms W`` spends W ms of CPU on each record, as a service's handler does, so that
records queue while it works; ``--adaptive-linger-ms L`` then lets the broker hold
fetches as the dispatch consumers do (shared.kafka.linger.AdaptiveLinger). The consumer's
figure is its CPU less the work.

Run: .venv/bin/python benchmarks/kafka_poll_cost.py [--partitions 6] [--records 1000]
     [--rate 100] [--work-ms 1] [--adaptive-linger-ms 5]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from pathlib import Path

import psutil
import uvloop
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.process_cpu import broker_pid
from shared.kafka import connection_options, consumer_options, producer_options
from shared.kafka.client_internals import set_fetch_wait
from shared.kafka.linger import AdaptiveLinger
from shared.settings import ServiceSettings

RECORD = b"x" * 600  # about one event envelope


async def produce(topic: str, records: int, rate: float) -> None:
    producer = AIOKafkaProducer(**producer_options(ServiceSettings()))
    await producer.start()
    try:
        start = time.monotonic()
        for n in range(records):
            await asyncio.sleep(max(0.0, start + n / rate - time.monotonic()))
            await producer.send_and_wait(topic, RECORD, key=str(n).encode())
    finally:
        await producer.stop()


def busy(ms: float) -> None:
    end = time.process_time() + ms / 1000
    while time.process_time() < end:
        pass


def broker_cpu(settings: ServiceSettings) -> float:
    pid = broker_pid(settings.kafka_bootstrap_port())
    if pid is None:
        return float("nan")
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


async def consume(partitions: int, records: int, rate: float, work_ms: float = 0.0,
                  linger_ms: int = 0) -> None:
    settings = ServiceSettings()
    linger = AdaptiveLinger(linger_ms) if linger_ms > 0 else None
    topic = f"bench-poll-{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(**connection_options(settings))
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, partitions, 1)])
        consumer = AIOKafkaConsumer(topic, **consumer_options(settings, topic))
        await consumer.start()
        try:
            await consumer.getmany(timeout_ms=2000)  # joined and assigned
            feeder = await asyncio.create_subprocess_exec(
                sys.executable, __file__, "--produce-to", topic, "--records", str(records),
                "--rate", str(rate))
            got = polls = 0
            cpu_start = wall_start = None
            deadline = time.monotonic() + records / rate + 60
            broker_start = 0.0
            while got < records and time.monotonic() < deadline:
                batches = await consumer.getmany(timeout_ms=1000)
                if batches and cpu_start is None:
                    cpu_start, wall_start = time.process_time(), time.monotonic()
                    broker_start = broker_cpu(settings)
                count = sum(len(b) for b in batches.values())
                if linger is not None:
                    wait = linger.after_poll(count)
                    set_fetch_wait(consumer, wait.max_wait_ms, wait.min_bytes)
                if batches:
                    polls += 1
                    got += count
                    busy(work_ms * count)
            await asyncio.wait_for(feeder.wait(), timeout=60)
        finally:
            await consumer.stop()
        if cpu_start is None or wall_start is None or not got:
            raise SystemExit("no records arrived")
        cpu = time.process_time() - cpu_start - work_ms * got / 1000
        wall = time.monotonic() - wall_start
        broker = broker_cpu(settings) - broker_start
        print(f"partitions {partitions}: {got} records in {polls} polls; "
              f"{1000 * cpu / got:.3f} ms of CPU per record (broker {1000 * broker / got:.3f}), "
              f"{polls / got:.2f} polls per record, consumer at {100 * cpu / wall:.1f}% "
              f"of a core; {got / wall:.0f} records/s arrived")
    finally:
        await admin.delete_topics([topic])
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--work-ms", type=float, default=0.0)
    parser.add_argument("--adaptive-linger-ms", type=int, default=0)
    parser.add_argument("--produce-to", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.produce_to:
        uvloop.run(produce(args.produce_to, args.records, args.rate))
    else:
        uvloop.run(consume(args.partitions, args.records, args.rate, args.work_ms,
                           args.adaptive_linger_ms))


if __name__ == "__main__":
    main()

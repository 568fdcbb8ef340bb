"""End-to-end benchmark against the broker's own floor.

The targets it measures against, on one 2-core machine with everything local: sustain 1,000 calls/s
for 60 s; at 100 calls/s an end-to-end p99 of at most 50 ms and a p50 of at most 4 x the
floor's p50; each service at most 200 MB resident. Latest figures: docs/PERFORMANCE.md.

    .venv/bin/python -m benchmarks.e2e_bench            # or: make bench
    .venv/bin/python -m benchmarks.e2e_bench --rates 50,100 --step-s 5 --sustain-s 10

What it does, in one run:

1. Reuses the broker on RR_KAFKA_BOOTSTRAP (127.0.0.1:19092) or starts it; creates its own
   topics under a fresh prefix (and its own group prefix), so nothing else is disturbed.
2. Measures the broker's floor: a bare produce-then-consume round trip of one small record
   at a time, with the services' own producer settings (idempotent, acks=all) and
   consumer settings (read_committed): single-hop p50/p95/p99, back to back (``xfloor``
   in the table), and again with the sends spaced at each step's rate (``xpaced``), since
   a hop between processes that sleep between events costs more.
3. Starts the four services as real processes (shared.stack), one or two instances of
   triage, assignment and audit (``--instances 1,2`` runs both, one after the other),
   with a roster of ``--roster-copies`` copies of the demo roster.
   With ``--crew-hold-s S`` the bench plays the crews too: S seconds after a unit is
   sent it reports on scene, then available, through assignment's API, so units come
   free again and calls keep getting UnitAssigned rather than CallQueued once the roster
   is dry. Off by default: those reports are then most of assignment's work
   (docs/SIZING.md).
4. Drives open-loop load at each rate (sends on a fixed schedule, never waiting for
   answers): POST /v1/calls with a cad key. A bench consumer on calls.assigned notes the
   first UnitAssigned or CallQueued of each call ("decided": once the roster's units are
   all dispatched every call is queued, which is still a decision) and the time it saw it.
5. After each step it reads audit's ``recorded_at`` of the decision for a sample of calls
   (wall clock, same machine), scrapes every service's /metrics for consumer lag, and
   samples CPU and peak RSS of every service process, of the broker's JVM and of itself
   (the load generator) throughout the step: a table of CPU seconds and ms of CPU per
   call for each (benchmarks/process_cpu.py).

``--preset crews-postgres`` runs the crews on PostgreSQL in one command; ``--preset
cpu-split`` the CPU per call at 250/s. The broker is the one on ``--bootstrap``
(RR_KAFKA_BOOTSTRAP, 127.0.0.1:19092 by default): give another port to run beside
someone else's.

Latencies are measured from the moment the 202 arrived ("accepted"), and also from the
moment the POST was sent. A rate counts as sustained when the calls were sent on time,
≥ 99 % were accepted, and the backlog (accepted but not yet decided) at the end of the
step, and the consumer lag, are below one second's worth of calls.

Writes benchmarks/out/e2e-<timestamp>.json and .png (latency against rate), and prints a
table. Every wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import re
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import psutil
import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import UnknownTopicOrPartitionError

from benchmarks.process_cpu import ProcessSampler, broker_pid, cpu_per_call, format_cpu_table
from shared.auth import generate_dev_credentials
from shared.kafka import (
    connection_options,
    consumer_options,
    create_topics,
    delete_topics,
    producer_options,
)
from shared.settings import REPO_ROOT, ServiceSettings
from shared.stack import (
    ServiceProcess,
    Stack,
    broker,
    broker_running,
    free_port,
    pin_kafka_credentials,
    port_open,
    start_service,
    wait_ready,
)
from shared.topics import CALLS_ASSIGNED, topic_name

OUT_DIR = REPO_ROOT / "benchmarks" / "out"
DEMO_ROSTER = REPO_ROOT / "deploy" / "roster" / "demo.yaml"
DECISIONS = {"UnitAssigned", "CallQueued"}

# A mix of calls that exercises every pathway (police, EMS, BCR, CSO, fire).
CALL_MIX = [
    ("EDP", "Man talking about hurting himself, no weapons, calm.", {}),
    ("THEFT", "Bike stolen from the rack overnight, no suspect.", {}),
    ("DAMAGE", "Car window broken while parked.", {}),
    ("ASSAULT", "Two men fighting outside the bar, one has a knife.", {"weapons": True}),
    ("MEDICAL", "Elderly woman fell, conscious, hip pain.", {"injuries": True}),
    ("WELFARE", "Neighbor has not been seen for two days.", {}),
    ("FIRE", "Smoke coming from a garage.", {}),
    ("NOISE", "Loud music from the apartment upstairs.", {}),
]


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(values_s: Sequence[float]) -> dict[str, float | int | None]:
    ms = [v * 1000 for v in values_s]
    return {
        "n": len(ms),
        "p50": percentile(ms, 0.50),
        "p95": percentile(ms, 0.95),
        "p99": percentile(ms, 0.99),
        "max": max(ms) if ms else None,
        "mean": statistics.fmean(ms) if ms else None,
    }


# ---------------------------------------------------------------------------- floor


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


# ---------------------------------------------------------------------------- stack


def make_roster(path: Path, copies: int) -> list[str]:
    """``copies`` copies of the demo roster (same stations and fields), unit ids suffixed,
    every unit on duty around the clock: with the demo's shifts the figures depended on
    the hour the bench ran."""
    data = yaml.safe_load(DEMO_ROSTER.read_text())
    units = []
    for i in range(copies):
        for unit in data["units"]:
            fields = {k: v for k, v in unit.items() if k != "shift"}
            units.append({**fields, "unit_id": f"{unit['unit_id']}-B{i}"})
    path.write_text(yaml.safe_dump({"units": units}, sort_keys=False))
    return [u["unit_id"] for u in units]


@dataclass
class BenchStack:
    stack: Stack
    env: dict[str, str]

    def processes(self) -> dict[str, ServiceProcess]:
        return self.stack.services


def postgres_url(schema: str) -> str | None:
    """A URL into a fresh schema of the project's local PostgreSQL (deploy/postgres/setup.sh),
    or None when there is none."""
    import subprocess

    try:
        done = subprocess.run(["bash", str(REPO_ROOT / "deploy" / "postgres" / "setup.sh")],
                              capture_output=True, text=True, timeout=300, check=True)
        url = done.stdout.strip().splitlines()[-1]
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    except Exception as err:  # no PostgreSQL here: the caller falls back to SQLite
        print(f"  (no PostgreSQL: {type(err).__name__}; using SQLite)", flush=True)
        return None
    return f"{url}?options=-csearch_path%3D{schema}"


async def start_bench_stack(settings: ServiceSettings, run_dir: Path, instances: int,
                            roster: Path, database_url: str | None) -> BenchStack:
    env = {
        "RR_KEY_FILE": str(run_dir / "keys.json"),
        "RR_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
        "RR_TOPIC_PREFIX": settings.topic_prefix,
        "RR_GROUP_PREFIX": settings.group_prefix,
        "RR_RUN_DIR": str(run_dir),
        "RR_ROSTER_FILE": str(roster),
        "RR_LOG_LEVEL": "WARNING",
        # Intake's per-key rate limit protects production from one runaway CAD; the bench
        # is one key on purpose, so it is off here.
        "RR_RATE_LIMIT_PER_S": "0",
    }
    stack = Stack()

    def start(name: str, instance: int) -> ServiceProcess:
        # Each process has its own run dir (triage keeps SQLite there); intake, assignment
        # and audit share PostgreSQL when there is one.
        label = name if instance == 1 else f"{name}-{instance}"
        own = {**env, "RR_RUN_DIR": str(run_dir / label)}
        if database_url and name != "triage":
            own["RR_DATABASE_URL"] = database_url
        svc = start_service(name, free_port(), own, run_dir / "logs" / label)
        svc.name = label
        stack.services[label] = svc
        return svc

    try:
        # One at a time: assignment seeds the roster into its store at first start.
        for name in ("audit", "assignment", "triage", "intake"):
            await wait_ready(start(name, 1), 120)
        for i in range(2, instances + 1):
            for name in ("triage", "assignment", "audit"):
                start(name, i)
        await asyncio.gather(*(wait_ready(s, 120) for s in stack.services.values()))
    except BaseException:
        stack.stop()
        raise
    return BenchStack(stack, env)


# ---------------------------------------------------------------------------- observing


@dataclass
class Observed:
    """What the bench consumer saw on calls.assigned: first decision per call."""

    decided_at: dict[str, float] = field(default_factory=dict)  # perf_counter
    assigned: int = 0
    queued: int = 0
    first_assigned: set[str] = field(default_factory=set)  # first decision: UnitAssigned
    # Called with (unit_id, call_id) for every UnitAssigned, first decision or not.
    on_assigned: Callable[[str, str], None] | None = None


async def watch_decisions(settings: ServiceSettings, observed: Observed,
                          ready: asyncio.Event, stop: asyncio.Event) -> None:
    topic = topic_name(settings.topic_prefix, CALLS_ASSIGNED)
    options = consumer_options(settings, "unused")
    options.update(group_id=None, client_id="bench-watch")
    consumer = AIOKafkaConsumer(**options)
    await consumer.start()
    try:
        partitions = sorted(consumer.partitions_for_topic(topic) or range(6))
        tps = [TopicPartition(topic, p) for p in partitions]
        consumer.assign(tps)
        await consumer.seek_to_end(*tps)
        ready.set()
        while not stop.is_set():
            batches = await consumer.getmany(timeout_ms=100, max_records=2000)
            now = time.perf_counter()
            for records in batches.values():
                for record in records:
                    call_id = record.key.decode() if record.key else ""
                    event = json.loads(record.value)
                    event_type = event.get("event_type")
                    if event_type == "UnitAssigned" and observed.on_assigned is not None:
                        observed.on_assigned(event["payload"]["unit_id"], call_id)
                    if call_id in observed.decided_at:
                        continue
                    if event_type in DECISIONS:
                        observed.decided_at[call_id] = now
                        if event_type == "UnitAssigned":
                            observed.assigned += 1
                            observed.first_assigned.add(call_id)
                        else:
                            observed.queued += 1
    finally:
        await consumer.stop()


LAG_LINE = re.compile(r'^rr_consumer_lag\{group="([^"]+)".*\} ([0-9.e+]+)$', re.M)


async def scrape_lag(client: httpx.AsyncClient, stack: Stack, admin: str) -> dict[str, float]:
    """Sum of rr_consumer_lag per consumer group across every instance's /metrics."""
    lag: dict[str, float] = {}
    for svc in stack.services.values():
        with contextlib.suppress(httpx.HTTPError):
            response = await client.get(f"{svc.url}/metrics",
                                        headers={"Authorization": f"Bearer {admin}"})
            if response.status_code != 200:
                continue
            for group, value in LAG_LINE.findall(response.text):
                lag[group] = lag.get(group, 0.0) + float(value)
    return lag


# ---------------------------------------------------------------------------- load


@dataclass
class Sent:
    call_id: str
    sent: float  # perf_counter
    sent_wall: float
    accepted: float | None = None
    accepted_wall: float | None = None
    status: int | None = None


def call_body(seq: str) -> dict[str, Any]:
    call_type, narrative, flags = random.choice(CALL_MIX)
    return {
        "cad_incident_id": f"BENCH-{seq}",
        "call_type": call_type,
        "narrative": narrative,
        "flags": flags,
        "received_at": datetime.now().astimezone().isoformat(),
        "location": {"address": "E. Lake St. & Bloomington Ave",
                     "lat": 44.90 + random.random() * 0.12,
                     "lon": -93.33 + random.random() * 0.13},
    }


KEEP_ALIVE_REUSE_S = 4.0


class _HttpClient:
    """Workers that each hold one keep-alive connection (KeepAliveConnection) to a service
    and send it POSTs with a bearer token."""

    def __init__(self, url: str, token: str, connections: int) -> None:
        parsed = httpx.URL(url)
        self.host, self.port = parsed.host, parsed.port or 80
        self.token = token
        self.connections = connections
        self.workers: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.workers = [asyncio.create_task(self._worker()) for _ in range(self.connections)]

    async def stop(self) -> None:
        """Cancel the workers, bounded: in Python 3.11 asyncio.wait_for can swallow a
        cancel that lands just as its read completes, and the worker then waits on its
        queue for ever (an overloaded run hung here, its stack left running). Such a
        worker is cancelled again."""
        for _ in range(5):
            pending = [worker for worker in self.workers if not worker.done()]
            if not pending:
                break
            for worker in pending:
                worker.cancel()
            await asyncio.wait(pending, timeout=2)
        for worker in self.workers:
            if worker.done() and not worker.cancelled():
                worker.exception()  # retrieved: a worker's error is not the run's

    async def _worker(self) -> None:
        raise NotImplementedError

    def _post(self, path: str, payload: bytes) -> bytes:
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"Authorization: Bearer {self.token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n")
        return head.encode() + payload


class LoadClient(_HttpClient):
    """POSTs over a pool of keep-alive HTTP/1.1 connections (plain asyncio streams).

    httpx was measured costing ~8 ms of client CPU per request with hundreds in flight
    on this 2-core machine (the bench measured itself); this costs a small fraction of
    that. Requests queue for a free connection; the queueing time counts in latency,
    since each call's clock starts at its scheduled send time (open loop).
    """

    def __init__(self, url: str, token: str, connections: int) -> None:
        super().__init__(url, token, connections)
        self.queue: asyncio.Queue[tuple[bytes, Sent]] = asyncio.Queue()
        self.in_flight = 0

    def discard_queued(self) -> int:
        """Drop requests still waiting for a connection (end of a step): they count as
        not accepted, and the next step starts with an empty queue."""
        dropped = 0
        while not self.queue.empty():
            self.queue.get_nowait()
            self.in_flight -= 1
            dropped += 1
        return dropped

    def submit(self, body: dict[str, Any], sent: Sent) -> None:
        self.in_flight += 1
        self.queue.put_nowait((json.dumps(body).encode(), sent))

    async def _worker(self) -> None:
        connection = KeepAliveConnection(self.host, self.port)
        while True:
            payload, sent = await self.queue.get()
            try:
                # A resend is safe: the same cad_incident_id gets the first call's id.
                status, body = await connection.exchange(self._post("/v1/calls", payload))
                sent.status = status
                if status in (200, 202):  # 200: a resend of a call already accepted
                    sent.accepted = time.perf_counter()
                    sent.accepted_wall = time.time()
                    sent.call_id = json.loads(body)["call_id"]
            except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError):
                sent.status = -1
            finally:
                self.in_flight -= 1


class KeepAliveConnection:
    """One HTTP/1.1 keep-alive connection, reopened when stale or closed."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def exchange(self, request: bytes, timeout_s: float = 10.0) -> tuple[int, bytes]:
        """Send one request and read its response; resent once when the server had
        closed the kept-alive connection as it was reused (so never read the request).
        Only for requests that are safe to repeat."""
        try:
            for attempt in (1, 2):
                # uvicorn closes a connection idle for 5 s; at low rates most of the
                # pool is older than that, so it is reopened before use.
                stale = (self.reader is None or self.reader.at_eof()
                         or time.monotonic() - self.last_used > KEEP_ALIVE_REUSE_S)
                if stale:
                    self.close()
                    self.reader, self.writer = await asyncio.open_connection(
                        self.host, self.port)
                assert self.reader is not None and self.writer is not None
                self.writer.write(request)
                try:
                    response = await asyncio.wait_for(read_response(self.reader), timeout_s)
                except (asyncio.IncompleteReadError, ConnectionResetError):
                    if stale or attempt == 2:
                        raise
                    self.close()
                    continue
                self.last_used = time.monotonic()
                return response
        except BaseException:
            self.close()
            raise
        raise AssertionError("unreachable")


class CrewClient(_HttpClient):
    """Plays the crews: ``hold_s`` after a unit is sent, it reports on scene and then
    available (cleared), as a crew's app would, through assignment's API. Without this
    the roster runs dry within seconds and nearly every decision is CallQueued, so the
    bench would not measure the path to UnitAssigned."""

    def __init__(self, url: str, token: str, hold_s: float, connections: int = 16) -> None:
        super().__init__(url, token, connections)
        self.hold_s = hold_s
        self.queue: asyncio.Queue[tuple[float, str, str]] = asyncio.Queue()
        self.cleared = 0
        self.refused = 0

    def unit_sent(self, unit_id: str, call_id: str) -> None:
        self.queue.put_nowait((time.monotonic() + self.hold_s, unit_id, call_id))

    async def start(self) -> None:
        if self.hold_s > 0:
            await super().start()

    async def _worker(self) -> None:
        connection = KeepAliveConnection(self.host, self.port)
        while True:
            due, unit_id, call_id = await self.queue.get()
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            try:
                # Both reports name the call, so a repeat is refused (409), never applied
                # to the unit's next call.
                for status in ("on_scene", "available"):
                    payload = json.dumps({"status": status, "call_id": call_id}).encode()
                    code, _ = await connection.exchange(
                        self._post(f"/v1/units/{unit_id}/status", payload))
                    if code != 200:
                        self.refused += 1
                        break
                else:
                    self.cleared += 1
            except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError):
                self.refused += 1


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


async def run_step(
    rate: float, duration_s: float, client: LoadClient,
    observed: Observed, sampler: ProcessSampler, drain_s: float,
) -> tuple[list[Sent], dict[str, Any]]:
    """Open loop: call i is sent at start + i/rate whether or not earlier ones answered."""
    total = int(rate * duration_s)
    sent: list[Sent] = []
    backlog_series: list[tuple[float, int]] = []
    late = 0.0
    sampler.begin()
    start = time.perf_counter()
    next_sample = start
    run = uuid.uuid4().hex[:8]
    for i in range(total):
        due = start + i / rate
        now = time.perf_counter()
        if due > now:
            await asyncio.sleep(due - now)
        else:
            late = max(late, now - due)
        body = call_body(f"{run}-{i}")
        # The clock starts at the scheduled time: a late send counts against us.
        item = Sent(call_id="", sent=due, sent_wall=time.time() - (time.perf_counter() - due))
        sent.append(item)
        client.submit(body, item)
        if time.perf_counter() >= next_sample:
            sampler.sample()
            accepted = sum(1 for s in sent if s.accepted is not None)
            decided = sum(1 for s in sent if s.call_id in observed.decided_at)
            backlog_series.append((round(time.perf_counter() - start, 2), accepted - decided))
            next_sample += 1.0
    send_end = time.perf_counter()
    # Bounded wait for answers and decisions.
    deadline = time.perf_counter() + drain_s
    backlog_at_end = None
    while time.perf_counter() < deadline:
        if backlog_at_end is None and client.in_flight == 0:
            backlog_at_end = sum(
                1 for s in sent if s.accepted is not None and s.call_id not in observed.decided_at)
        pending = [s for s in sent if s.status is None or (
            s.accepted is not None and s.call_id not in observed.decided_at)]
        if not pending:
            break
        sampler.sample()
        await asyncio.sleep(0.1)
    resources = sampler.end()
    never_sent = client.discard_queued()
    info = {
        "sent": total,
        "send_seconds": round(send_end - start, 2),
        "achieved_send_rate": round(total / max(send_end - start, 1e-9), 1),
        "max_send_lateness_ms": round(late * 1000, 1),
        "backlog_series": backlog_series,
        "backlog_after_send": backlog_at_end,
        "never_sent_queued_at_end": never_sent,
        "resources": resources,
    }
    return sent, info


HOPS = ("received_to_triaged", "triaged_to_decided", "decided_to_recorded")


def _when(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


async def audit_latencies(client: httpx.AsyncClient, audit: str, auditor: str,
                          sample: list[Sent]) -> tuple[list[float], dict[str, list[float]]]:
    """For each sampled call, from its timeline in audit: recorded_at of its decision minus
    its accepted wall time, and each hop by the events' own occurred_at (CallReceived →
    CallTriaged → first decision) and recorded_at (decision → stored in audit)."""
    out: list[float] = []
    hops: dict[str, list[float]] = {hop: [] for hop in HOPS}
    headers = {"Authorization": f"Bearer {auditor}"}
    for s in sample:
        try:
            response = await client.get(f"{audit}/v1/calls/{s.call_id}/timeline",
                                        headers=headers)
        except httpx.HTTPError:
            continue
        if response.status_code != 200 or s.accepted_wall is None:
            continue
        events = response.json().get("events", [])
        first: dict[str, dict[str, Any]] = {}
        for e in events:
            kind = "decision" if e.get("event_type") in DECISIONS else e.get("event_type")
            if kind and kind not in first and e.get("occurred_at"):
                first[kind] = e
        decision = first.get("decision")
        if decision is None or not decision.get("recorded_at"):
            continue
        out.append(_when(decision["recorded_at"]) - s.accepted_wall)
        received, triaged = first.get("CallReceived"), first.get("CallTriaged")
        hops["decided_to_recorded"].append(
            _when(decision["recorded_at"]) - _when(decision["occurred_at"]))
        if received and triaged:
            hops["received_to_triaged"].append(
                _when(triaged["occurred_at"]) - _when(received["occurred_at"]))
        if triaged:
            hops["triaged_to_decided"].append(
                _when(decision["occurred_at"]) - _when(triaged["occurred_at"]))
    return out, hops


# ---------------------------------------------------------------------------- main


async def bench_config(args: argparse.Namespace, instances: int, floor_p50: float | None,
                       paced_floor_p50: dict[float, float | None]) -> dict[str, Any]:
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    run_dir = Path(args.run_dir or OUT_DIR) / f"run-{prefix.rstrip('.')}"
    run_dir.mkdir(parents=True, exist_ok=True)
    settings = ServiceSettings(kafka_bootstrap=args.bootstrap, topic_prefix=prefix,
                               group_prefix=prefix, run_dir=run_dir)
    await create_topics(settings)
    roster = run_dir / "roster.yaml"
    unit_ids = make_roster(roster, args.roster_copies)
    creds = generate_dev_credentials(run_dir / "credentials.json", run_dir / "keys.json",
                                     unit_ids[:10])
    print(f"\n== {instances} instance(s) of triage/assignment/audit; prefix {prefix} "
          f"roster {len(unit_ids)} units; logs {run_dir / 'logs'}", flush=True)
    database_url = (postgres_url(prefix.rstrip(".").replace("-", "_"))
                    if args.db in ("auto", "postgres") else None)
    if args.db == "postgres" and database_url is None:
        raise RuntimeError("--db postgres: deploy/postgres/setup.sh gave no database")
    bstack = await start_bench_stack(settings, run_dir, instances, roster, database_url)
    stack = bstack.stack
    pids = {name: svc.process.pid for name, svc in stack.services.items()}
    bpid = broker_pid(settings.kafka_bootstrap_port())
    if bpid:
        pids["kafka-broker"] = bpid
    else:
        print("  (the broker's process was not found: its CPU is not in the table)", flush=True)
    # The bench's own process: the load generator, its observer consumer and the crews.
    pids["load-generator"] = psutil.Process().pid
    sampler = ProcessSampler(pids)
    observed = Observed()
    ready, stop = asyncio.Event(), asyncio.Event()
    watcher = asyncio.create_task(watch_decisions(settings, observed, ready, stop))
    steps: list[dict[str, Any]] = []
    load = LoadClient(stack.url("intake"), creds["cad"], args.connections)
    await load.start()
    crews = CrewClient(stack.url("assignment"), creds["admin"], args.crew_hold_s)
    observed.on_assigned = crews.unit_sent
    await crews.start()
    try:
        await asyncio.wait_for(ready.wait(), timeout=30)
        async with httpx.AsyncClient(timeout=10.0) as client:
            # Warm-up, not measured: a broker just started spends its first minute or so
            # compiling its hot paths (JFR showed C2 compiler threads taking more CPU
            # than the request handlers), and a long-running one has done that already.
            print(f"  warm-up {args.warmup_rate:.0f}/s for {args.warmup_s:.0f}s ...",
                  flush=True)
            await run_step(args.warmup_rate, max(args.warmup_s, 1.0), load, observed,
                           sampler, args.drain_s)
            plan = [(r, args.step_s) for r in args.rates]
            if args.sustain_s > 0:
                plan.append((args.target, args.sustain_s))
            for rate, duration in plan:
                print(f"  rate {rate:>6.0f}/s for {duration:.0f}s ...", end="", flush=True)
                sent, info = await run_step(rate, duration, load, observed, sampler,
                                            args.drain_s)
                lag = await scrape_lag(client, stack, creds["admin"])
                accepted = [s for s in sent if s.accepted is not None]
                decided = [s for s in accepted if s.call_id in observed.decided_at]
                from_accept = [observed.decided_at[s.call_id] - s.accepted for s in decided
                               if s.accepted is not None]
                from_send = [observed.decided_at[s.call_id] - s.sent for s in decided]
                to_unit = [observed.decided_at[s.call_id] - s.accepted for s in decided
                           if s.accepted is not None and s.call_id in observed.first_assigned]
                http = [s.accepted - s.sent for s in accepted if s.accepted is not None]
                sample = random.sample(accepted, min(args.audit_sample, len(accepted)))
                audit_lat, hops = await audit_latencies(client, stack.url("audit"),
                                                        creds["auditor"], sample)
                statuses: dict[str, int] = {}
                for s in sent:
                    statuses[str(s.status)] = statuses.get(str(s.status), 0) + 1
                backlog = info["backlog_after_send"]
                lag_total = sum(lag.values())
                sustained = (
                    info["achieved_send_rate"] >= 0.95 * rate
                    and len(accepted) >= 0.99 * len(sent)
                    and len(decided) >= 0.99 * len(accepted)
                    and backlog is not None and backlog <= rate
                    and lag_total <= rate
                )
                step = {
                    "rate": rate, "duration_s": duration, **info,
                    "accepted": len(accepted), "decided": len(decided), "statuses": statuses,
                    "e2e_accepted_to_decided_ms": summary_ms(from_accept),
                    "e2e_sent_to_decided_ms": summary_ms(from_send),
                    # The calls whose first decision was UnitAssigned (the rest were
                    # queued: no unit of the type free at that moment).
                    "e2e_accepted_to_unit_assigned_ms": summary_ms(to_unit),
                    "first_decision_unit_assigned": len(to_unit),
                    "http_post_ms": summary_ms(http),
                    "audit_accepted_to_recorded_ms": summary_ms(audit_lat),
                    # Of the same sample, by the events' timestamps (one clock: one machine).
                    "hops_ms": {hop: summary_ms(values) for hop, values in hops.items()},
                    "consumer_lag_after": lag,
                    "sustained": sustained,
                    "cpu_per_call": cpu_per_call(info["resources"], len(accepted)),
                }
                if floor_p50:
                    step["ratio_to_floor_p50"] = {
                        k: (round(step[k]["p50"] / floor_p50, 2) if step[k]["p50"] else None)
                        for k in ("e2e_accepted_to_decided_ms", "e2e_sent_to_decided_ms",
                                  "audit_accepted_to_recorded_ms")}
                paced = paced_floor_p50.get(rate)
                e2e_p50 = step["e2e_accepted_to_decided_ms"]["p50"]
                step["ratio_to_paced_floor_p50"] = (
                    round(e2e_p50 / paced, 2) if paced and e2e_p50 else None)
                steps.append(step)
                e2e = step["e2e_accepted_to_decided_ms"]
                # From the POST sent too: when intake's answers queue, a decision can be
                # seen before its 202 arrives (from the 202 it is then negative).
                e2e_sent = step["e2e_sent_to_decided_ms"]
                print(f" accepted {len(accepted)}/{len(sent)} decided {len(decided)}"
                      f" (UnitAssigned first {len(to_unit)})"
                      f" p50 {fmt(e2e['p50'])} p99 {fmt(e2e['p99'])} ms"
                      f" (from the POST sent: p50 {fmt(e2e_sent['p50'])}"
                      f" p99 {fmt(e2e_sent['p99'])})"
                      f" backlog {backlog} lag {lag_total:.0f}"
                      f" {'SUSTAINED' if sustained else 'not sustained'}", flush=True)
                print("      hops p50/p99 ms (audit sample): " + ", ".join(
                    f"{hop.replace('_to_', '→')} {fmt(v['p50'])}/{fmt(v['p99'])}"
                    for hop, v in step["hops_ms"].items()), flush=True)
                print(format_cpu_table(step["cpu_per_call"], "      CPU per call:"),
                      flush=True)
    finally:
        try:
            await load.stop()
            await crews.stop()
            stop.set()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(watcher, timeout=10)
        finally:
            stack.stop()
            await delete_topics(settings)
    return {
        "instances": instances, "prefix": prefix, "roster_units": len(unit_ids),
        "database": "postgresql" if database_url else "sqlite",
        "units_assigned": observed.assigned, "calls_queued": observed.queued,
        "crew_hold_s": args.crew_hold_s, "units_cleared_by_crews": crews.cleared,
        "crew_reports_refused": crews.refused,
        "steps": steps,
        "highest_sustained_rate": max(
            (s["rate"] for s in steps if s["sustained"] and s["duration_s"] >= 60),
            default=None),
        "highest_rate_keeping_up_in_a_step": max(
            (s["rate"] for s in steps if s["sustained"]), default=None),
    }


def fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def plot(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5))
    for config in report["configs"]:
        steps = [s for s in config["steps"] if s["duration_s"] < 60] or config["steps"]
        rates = [s["rate"] for s in steps]
        for q, style in (("p50", "-o"), ("p95", "--s"), ("p99", ":^")):
            ys = [s["e2e_accepted_to_decided_ms"][q] for s in steps]
            ax.plot(rates, ys, style, label=f"{config['instances']}x e2e {q}")
    floor = report["floor"]["single_hop_ms"]
    for q, style in (("p50", "-"), ("p99", ":")):
        if floor[q]:
            ax.axhline(floor[q], color="grey", linestyle=style, label=f"broker floor {q}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("offered load (calls/s)")
    ax.set_ylabel("latency, 202 accepted → decision on calls.assigned (ms)")
    ax.set_title("RightResponse end to end against the broker floor")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def print_table(report: dict[str, Any]) -> None:
    floor = report["floor"]["single_hop_ms"]
    print(f"\nbroker floor single hop: p50 {fmt(floor['p50'])} p95 {fmt(floor['p95'])} "
          f"p99 {fmt(floor['p99'])} ms back to back")
    for paced in report["floor_paced"]:
        hop = paced["single_hop_ms"]
        print(f"                         p50 {fmt(hop['p50'])} p95 {fmt(hop['p95'])} "
              f"p99 {fmt(hop['p99'])} ms at {paced['rate']:g}/s (xpaced: p50 over this)")
    header = (f"{'inst':>4} {'rate':>6} {'dur':>4} {'sent/s':>7} {'acc':>6} {'dec':>6} "
              f"{'p50':>7} {'p95':>7} {'p99':>7} {'xfloor':>6} {'xpaced':>6} {'aud p50':>8} "
              f"{'aud p99':>8} "
              f"{'http p99':>8} {'backlog':>7} {'unit%':>5} {'ok':>3}")
    print(header)
    for config in report["configs"]:
        for s in config["steps"]:
            e2e, aud, http = (s["e2e_accepted_to_decided_ms"], s["audit_accepted_to_recorded_ms"],
                              s["http_post_ms"])
            ratio = (s.get("ratio_to_floor_p50") or {}).get("e2e_accepted_to_decided_ms")
            print(f"{config['instances']:>4} {s['rate']:>6.0f} {s['duration_s']:>4.0f} "
                  f"{s['achieved_send_rate']:>7.0f} {s['accepted']:>6} {s['decided']:>6} "
                  f"{fmt(e2e['p50']):>7} {fmt(e2e['p95']):>7} {fmt(e2e['p99']):>7} "
                  f"{fmt(ratio):>6} {fmt(s.get('ratio_to_paced_floor_p50')):>6} "
                  f"{fmt(aud['p50']):>8} {fmt(aud['p99']):>8} "
                  f"{fmt(http['p99']):>8} {s['backlog_after_send']!s:>7} "
                  f"{100 * s['first_decision_unit_assigned'] / max(s['decided'], 1):>5.0f} "
                  f"{'yes' if s['sustained'] else 'no':>3}")
        print(f"     highest rate sustained 60 s: {config['highest_sustained_rate']}")
        print(f"     units cleared by the bench's crews {config['units_cleared_by_crews']}, "
              f"reports refused {config['crew_reports_refused']} "
              "(unit%: calls whose first decision was UnitAssigned)")
        for s in config["steps"]:
            print(format_cpu_table(s["cpu_per_call"], f"     CPU at {s['rate']:g}/s for "
                                   f"{s['duration_s']:g} s ({s['accepted']} calls accepted; "
                                   "the step's drain included)"))
        last = config["steps"][-1]["resources"] if config["steps"] else {}
        for name, r in last.items():
            print(f"     {name:<16} cpu {r['cpu_percent']:>6}%  peak rss {r['peak_rss_mb']:>7} MB")


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    pin_kafka_credentials()  # each service process gets a run dir of its own
    started_broker = False
    port = int(args.bootstrap.rsplit(":", 1)[1])
    if not broker_running(port) and not port_open(port):
        broker("start", port=port)
        started_broker = True
    try:
        floor_settings = ServiceSettings(kafka_bootstrap=args.bootstrap,
                                         topic_prefix=f"bench{uuid.uuid4().hex[:8]}.")
        warm_up: list[float] = []
        if args.broker_warmup_s > 0:
            print(f"warming the broker up ({args.broker_warmup_s:g} s of round trips)...",
                  flush=True)
            warm_up = await warm_up_broker(floor_settings, args.broker_warmup_s)
            if warm_up:
                print(f"  hop p50 {fmt(warm_up[0])} ms in the first round, "
                      f"{fmt(warm_up[-1])} ms in the last of {len(warm_up)}", flush=True)
        print(f"measuring the broker floor ({args.floor_samples} round trips)...", flush=True)
        floor = await measure_floor(floor_settings, args.floor_samples)
        print(f"  single hop p50 {fmt(floor['single_hop_ms']['p50'])} ms "
              f"p99 {fmt(floor['single_hop_ms']['p99'])} ms", flush=True)
        floor_paced = []
        for rate in sorted(set(args.rates) | ({args.target} if args.sustain_s > 0 else set())):
            samples = min(args.floor_samples, max(20, int(rate * args.paced_floor_s)))
            paced = await measure_floor(floor_settings, samples, rate=rate)
            print(f"  at {rate:g}/s: single hop p50 {fmt(paced['single_hop_ms']['p50'])} ms "
                  f"p99 {fmt(paced['single_hop_ms']['p99'])} ms", flush=True)
            floor_paced.append(paced)
        await delete_topics(floor_settings)
        load_before = psutil.getloadavg()
        configs = []
        for instances in args.instances:
            configs.append(await bench_config(
                args, instances, floor["single_hop_ms"]["p50"],
                {p["rate"]: p["single_hop_ms"]["p50"] for p in floor_paced}))
        return {
            "started_at": datetime.now().astimezone().isoformat(),
            "machine": {"cpus": psutil.cpu_count(), "loadavg_before": load_before,
                        "loadavg_after": psutil.getloadavg(),
                        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1)},
            "args": {k: v for k, v in vars(args).items()},
            "broker_warmup_p50_ms": warm_up,
            "floor": floor,
            "floor_paced": floor_paced,
            "configs": configs,
            "measured": "latency from the 202 (and from the send) to the first UnitAssigned "
                        "or CallQueued of the call seen on calls.assigned by a bench consumer; "
                        "audit: recorded_at of that event minus the 202's wall time",
        }
    finally:
        if started_broker:
            broker("stop", port=port)


# Named sets of defaults (``--preset NAME``); options given beside one still win.
PRESETS: dict[str, dict[str, Any]] = {
    # Crews on PostgreSQL: units come free again, so decisions are mostly UnitAssigned,
    # and assignment's and audit's stores are PostgreSQL's (deploy/postgres/setup.sh).
    "crews-postgres": {"rates": [20, 40], "step_s": 20.0, "sustain_s": 0.0, "instances": [1],
                       "crew_hold_s": 1.0, "roster_copies": 20, "db": "postgres",
                       "warmup_rate": 10.0, "warmup_s": 10.0},
    # Where the CPU of a call goes, at a rate two shared cores keep up with.
    "cpu-split": {"rates": [250], "step_s": 30.0, "sustain_s": 0.0, "instances": [1],
                  "db": "sqlite", "broker_warmup_s": 10.0, "warmup_s": 10.0},
}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--preset", choices=sorted(PRESETS), default=None,
                   help="a named set of defaults: crews-postgres (crews, PostgreSQL stores), "
                        "cpu-split (CPU per call of each process at 250/s); options given "
                        "beside it override it")
    floats = lambda s: [float(x) for x in s.split(",") if x]  # noqa: E731
    p.add_argument("--rates", type=floats, default=[50, 100, 250, 500, 1000])
    p.add_argument("--step-s", type=float, default=20.0)
    p.add_argument("--target", type=float, default=1000.0, help="rate of the sustain check")
    p.add_argument("--sustain-s", type=float, default=60.0, help="0 skips the sustain check")
    p.add_argument("--instances", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2])
    p.add_argument("--roster-copies", type=int, default=5)
    p.add_argument("--crew-hold-s", type=float, default=0.0,
                   help="how long after a unit is sent the bench, as its crew, reports it on "
                        "scene and then available; 0 (default): never, and once the roster "
                        "is dry the decisions measured are CallQueued")
    p.add_argument("--db", choices=["auto", "sqlite", "postgres"], default="auto",
                   help="assignment's and audit's store: PostgreSQL (deploy/postgres/setup.sh)"
                   " when it can be had, else SQLite")
    p.add_argument("--floor-samples", type=int, default=1000)
    p.add_argument("--broker-warmup-s", type=float, default=20.0,
                   help="round trips before the floor, so that it is measured on a broker "
                        "whose JIT has compiled its request path (0 skips)")
    p.add_argument("--paced-floor-s", type=float, default=4.0,
                   help="seconds of the floor measured again at each step's rate")
    p.add_argument("--audit-sample", type=int, default=200)
    p.add_argument("--connections", type=int, default=64,
                   help="keep-alive connections to intake")
    p.add_argument("--drain-s", type=float, default=15.0)
    p.add_argument("--warmup-s", type=float, default=20.0,
                   help="unmeasured load before the first step (JIT, caches)")
    p.add_argument("--warmup-rate", type=float, default=50.0)
    p.add_argument("--bootstrap", default=ServiceSettings().kafka_bootstrap)
    p.add_argument("--run-dir", default=None, help="where service logs and stores go")
    preset = p.parse_known_args(argv)[0].preset
    if preset:
        p.set_defaults(**PRESETS[preset])
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    report = asyncio.run(main_async(args))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = OUT_DIR / f"e2e-{stamp}.json"
    png_path = OUT_DIR / f"e2e-{stamp}.png"
    json_path.write_text(json.dumps(report, indent=2, default=str))
    plot(report, png_path)
    (OUT_DIR / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    print_table(report)
    print(f"\nload average before {report['machine']['loadavg_before']} "
          f"after {report['machine']['loadavg_after']}")
    print(f"report {json_path}\nplot   {png_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

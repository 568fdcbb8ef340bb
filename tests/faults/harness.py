"""Fault injection on the real stack: real broker, each service a real process.

Used by the fault tests (which assert zero lost and zero duplicated calls) and by
``make faults`` (``python -m tests.faults.harness``), which prints the figures.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from services.intake.replay import problem_reason, send_call
from shared.auth import generate_dev_credentials
from shared.kafka import connection_options, create_topics, delete_topics
from shared.settings import ServiceSettings
from shared.stack import ServiceProcess, Stack, start_service, start_stack, wait_ready

SERVICES = ("intake", "triage", "assignment", "audit")
# Resends of one call before the harness's CAD gives up (replay's default too).
CAD_RETRIES = 5

# A spread of real-looking calls, so every pathway is exercised under faults.
SAMPLE_CALLS = (
    ("EDP", "Adult son in crisis, yelling, no weapons, not violent"),
    ("THEFT RPT", "Bike stolen from garage overnight, suspect gone"),
    ("ASLT I/P", "Two men fighting outside the bar, one has a knife"),
    ("WELFARE CHECK", "Neighbor has not been seen for three days"),
    ("SUICIDAL", "Caller says she took pills and wants to die"),
    ("DAMAGE TO PROP", "Graffiti on the garage door, happened last night"),
    ("MED", "Elderly man fell and cannot get up, conscious and breathing"),
    ("UNKNOWN", ""),
)


@dataclass
class Figures:
    """What a fault run measured; printed by ``make faults``."""

    calls_sent: int = 0
    accepted: int = 0
    refused_while_down: int = 0
    accepted_while_down: int = 0
    # Why a CAD had to send a call again ("503 Service Unavailable", "connection error:
    # ReadTimeout", ...), and why a call was never accepted.
    resent: Counter[str] = field(default_factory=Counter)
    not_accepted: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    bad_inputs: Counter[str] = field(default_factory=Counter)
    dead_lettered: int = 0
    store_retries: int = 0
    lost: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def merge(self, other: Figures) -> None:
        self.calls_sent += other.calls_sent
        self.accepted += other.accepted
        self.refused_while_down += other.refused_while_down
        self.accepted_while_down += other.accepted_while_down
        self.resent.update(other.resent)
        self.not_accepted.update(other.not_accepted)
        self.faults.update(other.faults)
        self.bad_inputs.update(other.bad_inputs)
        self.dead_lettered += other.dead_lettered
        self.store_retries += other.store_retries
        self.lost += other.lost
        self.duplicates += other.duplicates
        self.seconds += other.seconds

    def report(self) -> str:
        lines = [
            f"calls sent            {self.calls_sent}",
            f"calls accepted        {self.accepted} (202, or 200 for a resent call)",
            f"503/504 while Kafka down  {self.refused_while_down} (202 while down: "
            f"{self.accepted_while_down})",
            "sent again, why       " + (", ".join(
                f"{k}={v}" for k, v in sorted(self.resent.items())) or "0"),
            "not accepted, why     " + (", ".join(
                f"{k}={v}" for k, v in sorted(self.not_accepted.items())) or "0"),
            "faults injected       "
            + ", ".join(f"{k}={v}" for k, v in sorted(self.faults.items())),
            "bad inputs tried      " + (", ".join(
                f"{k}={v}" for k, v in sorted(self.bad_inputs.items())) or "0"),
            f"bad records dead-lettered with a reason  {self.dead_lettered}",
            f"database retries      {self.store_retries}",
            f"calls lost            {len(self.lost)}",
            f"duplicates            {len(self.duplicates)}",
            f"seconds               {self.seconds:.1f}",
        ]
        return "\n".join(lines)


@dataclass
class FaultStack:
    """A stack of real processes on one topic prefix, with the keys to talk to it."""

    settings: ServiceSettings
    env: dict[str, str]
    ports: dict[str, int]
    log_dir: Path
    credentials: dict[str, Any]
    stack: Stack
    service_env: dict[str, dict[str, str]] = field(default_factory=dict)

    def env_of(self, name: str) -> dict[str, str]:
        """The environment service ``name`` runs with."""
        return {**self.env, **self.service_env.get(name, {})}

    @property
    def cad(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credentials['cad']}"}

    @property
    def auditor(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credentials['admin']}"}

    def url(self, name: str) -> str:
        return self.stack.url(name)

    def kill9(self, name: str) -> None:
        process = self.stack.services[name].process
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    async def restart(self, name: str, timeout_s: float = 60.0) -> ServiceProcess:
        svc = start_service(name, self.ports[name], self.env_of(name), self.log_dir)
        self.stack.services[name] = svc
        await wait_ready(svc, timeout_s)
        return svc

    def stop(self) -> None:
        self.stack.stop()

    async def close(self) -> None:
        """Stop the services and delete this run's topics."""
        self.stop()
        await delete_topics(self.settings)


async def start_fault_stack(
    bootstrap: str, run_dir: Path, ports: Mapping[str, int], extra_env: Mapping[str, str] = {},
    service_env: Mapping[str, Mapping[str, str]] = {},
) -> FaultStack:
    prefix = f"faults{uuid.uuid4().hex[:8]}."
    settings = ServiceSettings(kafka_bootstrap=bootstrap, topic_prefix=prefix,
                               group_prefix=prefix, run_dir=run_dir)
    await create_topics(settings)
    credentials = generate_dev_credentials(run_dir / "credentials.json", run_dir / "keys.json",
                                           ["BCR-1"])
    env = {
        "RR_KAFKA_BOOTSTRAP": bootstrap, "RR_TOPIC_PREFIX": prefix, "RR_GROUP_PREFIX": prefix,
        "RR_RUN_DIR": str(run_dir), "RR_KEY_FILE": str(run_dir / "keys.json"),
        "RR_KAFKA_RETRY_BACKOFF_S": "0.5", "RR_PUBLISH_TIMEOUT_S": "3",
        # One CAD key sends every call here; its rate limit is tested elsewhere.
        "RR_RATE_LIMIT_PER_S": "0",
        **extra_env,
    }
    log_dir = run_dir / "logs"
    own_env = {name: dict(each) for name, each in service_env.items()}
    stack = await start_stack(env, log_dir, dict(ports), service_env=own_env)
    return FaultStack(settings, env, dict(ports), log_dir, credentials, stack, own_env)


async def sent_at_least(figures: Figures, count: int, timeout_s: float) -> None:
    """Fault timing follows the flow: wait until ``count`` calls have been sent."""
    deadline = time.monotonic() + timeout_s
    while figures.calls_sent < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"only {figures.calls_sent} of {count} calls sent in time")
        await asyncio.sleep(0.02)


def call_body(n: int, run: str) -> dict[str, Any]:
    call_type, narrative = SAMPLE_CALLS[n % len(SAMPLE_CALLS)]
    return {
        "cad_incident_id": f"F-{run}-{n}",
        "call_type": call_type,
        "narrative": narrative,
        "received_at": "2026-11-25T14:03:00-06:00",
        "location": {"address": f"{n} E Lake St", "lat": 44.9485 + (n % 50) * 0.0005,
                     "lon": -93.247 - (n % 37) * 0.0005},
    }


async def post_calls(
    fs: FaultStack, count: int, rate: float, figures: Figures, *, run: str,
    start_at: int = 0, concurrency: int = 50,
) -> list[str]:
    """Post ``count`` calls at ``rate`` per second (open loop) as a CAD does, the same call
    again on no answer, 429 or 503; returns accepted call ids."""
    accepted: list[str] = []
    gate = asyncio.Semaphore(concurrency)
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=10.0, headers=fs.cad) as client:

        async def one(n: int) -> None:
            await asyncio.sleep(max(0.0, started + (n - start_at) / rate - time.monotonic()))
            async with gate:
                figures.calls_sent += 1
                status, body, error = await send_call(
                    client, f"{fs.url('intake')}/v1/calls", call_body(n, run),
                    retries=CAD_RETRIES, retried=figures.resent)
                if status in (200, 202) and body is not None:
                    accepted.append(body["call_id"])
                else:
                    figures.not_accepted[error or problem_reason(status, body)] += 1

        await asyncio.gather(*(one(n) for n in range(start_at, start_at + count)))
    figures.accepted += len(accepted)
    return accepted


DECIDED = ("UnitAssigned", "CallQueued", "AssignmentFallback")
RELEASED = ("UnitReleased", "AssignmentTimedOut")


def call_outcome(events: list[dict[str, Any]]) -> str:
    """``done``, ``pending`` or ``duplicate:<what>`` for one accepted call's recorded events
    (in record order). Done: received once, triaged once, and every unit type triage asked
    for assigned, queued or openly fallen back; a type never holds two units at once."""
    kinds = Counter(e["event_type"] for e in events)
    ids = Counter(e["event_id"] for e in events)
    if any(n > 1 for n in ids.values()):
        return "duplicate:event_id"
    for once in ("CallReceived", "CallTriaged"):
        if kinds[once] > 1:
            return f"duplicate:{once}"
    if kinds["CallReceived"] == 0 or kinds["CallTriaged"] == 0:
        return "pending"
    holding: Counter[str] = Counter()
    for e in events:
        unit_type = e["payload"].get("unit_type")
        if e["event_type"] == "UnitAssigned":
            holding[unit_type] += 1
            if holding[unit_type] > 1:
                return "duplicate:UnitAssigned"
        elif e["event_type"] in RELEASED:
            holding[unit_type] = max(0, holding[unit_type] - 1)
    triaged = next(e["payload"] for e in events if e["event_type"] == "CallTriaged")
    decided = {e["payload"].get("unit_type") for e in events if e["event_type"] in DECIDED}
    if any(u not in decided for u in triaged["units"]):
        return "pending"
    return "done"


def audit_url(fs: FaultStack) -> str:
    return (fs.env_of("audit").get("RR_DATABASE_URL")
            or f"sqlite:///{fs.settings.run_dir / 'audit.db'}")


def audit_rows(fs: FaultStack, sql: str) -> list[Any]:
    """Rows read straight from audit's database (SQLite or PostgreSQL), read-only.

    Reading through the audit API would itself be recorded (every audit API call is), so
    thousands of polls would load the very service under test.
    """
    from sqlalchemy import text

    from shared.db import make_engine

    url = audit_url(fs)
    if url.startswith("sqlite") and not (fs.settings.run_dir / "audit.db").exists():
        return []
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql)).all())
    finally:
        engine.dispose()


def recorded_events(fs: FaultStack, call_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    by_call: dict[str, list[dict[str, Any]]] = {c: [] for c in call_ids}
    rows = audit_rows(fs, "SELECT call_id, event_id, event_type, payload_json FROM audit_entry "
                          "WHERE call_id IS NOT NULL ORDER BY seq")
    for call_id, event_id, event_type, payload_json in rows:
        if call_id in by_call:
            by_call[call_id].append({"event_id": event_id, "event_type": event_type,
                                     "payload": json.loads(payload_json)})
    return by_call


async def settle(
    fs: FaultStack, call_ids: list[str], figures: Figures, timeout_s: float = 180.0,
) -> None:
    """Wait until every accepted call is fully recorded; count lost and duplicated calls."""
    deadline = time.monotonic() + timeout_s
    wanted = set(call_ids)
    while True:
        events = await asyncio.to_thread(recorded_events, fs, wanted)
        outcomes = {c: call_outcome(e) for c, e in events.items()}
        if all(o != "pending" for o in outcomes.values()) or time.monotonic() > deadline:
            break
        await asyncio.sleep(1.0)
    figures.lost += [c for c, o in outcomes.items() if o == "pending"]
    figures.duplicates += [f"{c} {o}" for c, o in outcomes.items() if o.startswith("duplicate")]


def double_bookings(fs: FaultStack) -> list[str]:
    """Units the record shows holding two calls at once (assigned again before release)."""
    rows = audit_rows(
        fs, "SELECT call_id, event_type, payload_json FROM audit_entry "
            "WHERE event_type IN ('UnitAssigned', 'UnitReleased', 'UnitStatusChanged') "
            "ORDER BY seq")
    holding: dict[str, str] = {}
    problems = []
    for call_id, event_type, payload_json in rows:
        payload = json.loads(payload_json)
        unit = payload.get("unit_id")
        if event_type == "UnitAssigned":
            if unit in holding and holding[unit] != call_id:
                problems.append(f"{unit} assigned to {call_id} while holding {holding[unit]}")
            holding[unit] = call_id
        elif event_type == "UnitReleased" or payload.get("status") == "available":
            holding.pop(unit, None)
    return problems


async def kill_services_mid_stream(
    bootstrap: str, run_dir: Path, ports: Mapping[str, int], calls: int = 2000,
    rate: float = 250.0,
) -> Figures:
    """kill -9 triage, assignment and audit one at a time while calls flow; restart each."""
    figures = Figures()
    started = time.monotonic()
    fs = await start_fault_stack(bootstrap, run_dir, ports)
    try:
        flow = asyncio.create_task(post_calls(fs, calls, rate, figures, run=run_dir.name))
        for n, name in enumerate(("triage", "assignment", "audit"), start=1):
            await sent_at_least(figures, calls * n // 4, timeout_s=calls / rate * 4)
            fs.kill9(name)
            figures.faults[f"kill -9 {name}"] += 1
            await fs.restart(name)
        accepted = await flow
        await settle(fs, accepted, figures)
        figures.duplicates += double_bookings(fs)
    finally:
        await fs.close()
    figures.seconds = time.monotonic() - started
    return figures


async def all_ready(fs: FaultStack, timeout_s: float) -> None:
    await asyncio.gather(*(wait_ready(svc, timeout_s) for svc in fs.stack.services.values()))


async def restart_broker_mid_stream(
    run_dir: Path, ports: Mapping[str, int], kafka_port: int, calls: int = 400,
    rate: float = 100.0,
) -> Figures:
    """Stop the broker under load: intake answers 503 (or 504, pending), never 202; all
    recover by themselves."""
    from shared.stack import broker

    figures = Figures()
    started = time.monotonic()
    broker_env = {"KAFKA_DATA_DIR": str(run_dir / "kafka"), "KAFKA_HEAP": "384m"}
    broker("start", port=kafka_port, env=broker_env)
    fs = None
    try:
        fs = await start_fault_stack(f"127.0.0.1:{kafka_port}", run_dir, ports,
                                     {"RR_PUBLISH_TIMEOUT_S": "2"})
        accepted = await post_calls(fs, calls // 2, rate, figures, run=f"{run_dir.name}-a")
        broker("stop", port=kafka_port, env=broker_env)
        figures.faults["broker stop/start"] += 1
        async with httpx.AsyncClient(timeout=15.0, headers=fs.cad) as client:
            for n in range(20):
                figures.calls_sent += 1
                response = await client.post(f"{fs.url('intake')}/v1/calls",
                                             json=call_body(10_000 + n, f"{run_dir.name}-down"))
                # 503: refused; 504: pending, never accepted while Kafka is down.
                if response.status_code in (503, 504):
                    figures.refused_while_down += 1
                elif response.status_code in (200, 202):
                    figures.accepted_while_down += 1
                    accepted.append(response.json()["call_id"])
            ready = await client.get(f"{fs.url('intake')}/readyz")
            assert ready.status_code == 503, "intake claimed ready with the broker down"
        broker("start", port=kafka_port, env=broker_env)
        await all_ready(fs, timeout_s=90)
        accepted += await post_calls(fs, calls // 2, rate, figures, run=f"{run_dir.name}-b",
                                     start_at=calls)
        await settle(fs, accepted, figures)
        figures.duplicates += double_bookings(fs)
    finally:
        if fs is not None:
            await fs.close()
        broker("stop", port=kafka_port, env=broker_env)
    figures.seconds = time.monotonic() - started
    return figures


async def poison_and_replay(
    bootstrap: str, run_dir: Path, ports: Mapping[str, int], calls: int = 200,
) -> Figures:
    """Poison events and future schema versions are dead-lettered and consumers go on;
    offsets replayed from the start create no duplicate decisions, assignments or entries."""
    from aiokafka import AIOKafkaProducer

    from shared.events import make_event, serialize
    from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED, topic_name

    figures = Figures()
    started = time.monotonic()
    fs = await start_fault_stack(bootstrap, run_dir, ports)
    try:
        accepted = await post_calls(fs, calls // 2, 100.0, figures, run=f"{run_dir.name}-a")
        producer = AIOKafkaProducer(**connection_options(fs.settings), enable_idempotence=True,
                                    acks="all")
        await producer.start()
        try:
            future = json.loads(serialize(make_event(
                _sample_received(), producer="faults", call_id="future-call")))
            future["schema_version"] = 99
            bad = {
                "not json": b"{{{",
                "empty value": b"",
                "wrong shape": b'{"event_id": 5}',
                "unknown type": json.dumps({**future, "schema_version": 1,
                                            "event_type": "CallTeleported"}).encode(),
                "future schema_version": json.dumps(future).encode(),
            }
            # numbers JSON cannot carry, in an otherwise valid envelope (json.dumps writes
            # NaN and Infinity as Python reads them; the broker carries the bytes as sent)
            for what, number in (("NaN", float("nan")), ("Infinity", float("inf")),
                                 ("oversized number", 10**30)):
                bad[what] = json.dumps({**future, "schema_version": 1, "payload": {
                    **future["payload"], "flags": {"x": number}}}).encode()
            for what, value in bad.items():
                for topic in (CALLS_RECEIVED, CALLS_TRIAGED):
                    await producer.send_and_wait(topic_name(fs.settings.topic_prefix, topic),
                                                 value, key=b"poison")
                    figures.bad_inputs[what] += 1
        finally:
            await producer.stop()
        accepted += await post_calls(fs, calls // 2, 100.0, figures, run=f"{run_dir.name}-b",
                                     start_at=calls)
        await settle(fs, accepted, figures)
        figures.dead_lettered = await wait_dead_letters(fs, sum(figures.bad_inputs.values()))
        before = await asyncio.to_thread(recorded_count, fs)
        # Replay: every consumer group back to the start of every topic, as after a bad
        # offset reset or a restore. Handled events must be recognised and skipped.
        for name in ("triage", "assignment", "audit"):
            fs.stack.services[name].process.terminate()
            fs.stack.services[name].process.wait(timeout=30)
        consumed = await rewind_groups(fs)
        figures.faults["offsets replayed from 0"] += 1
        for name in ("triage", "assignment", "audit"):
            await fs.restart(name)
        await wait_groups_caught_up(fs, consumed)
        after = await asyncio.to_thread(recorded_count, fs)
        if after != before:
            figures.duplicates.append(f"audit grew from {before} to {after} on replay")
        await settle(fs, accepted, figures)
        figures.duplicates += double_bookings(fs)
    finally:
        await fs.close()
    figures.seconds = time.monotonic() - started
    return figures


def _sample_received() -> Any:
    from datetime import UTC, datetime

    from shared.events import CallReceived, Location

    return CallReceived(agency="default", cad_incident_id="FUTURE-1", call_type="EDP",
                        narrative="", received_at=datetime.now(UTC),
                        location=Location(address="1 Main St"))


async def wait_dead_letters(fs: FaultStack, expected: int, timeout_s: float = 60.0) -> int:
    """Distinct bad records that reached the dead-letter topic with a reason (via audit)."""
    deadline = time.monotonic() + timeout_s
    while True:
        rows = await asyncio.to_thread(audit_rows, fs, (
            "SELECT payload_json FROM audit_entry WHERE event_type = 'EventDeadLettered'"))
        letters = {(p["source_topic"], p["source_offset"]) for p in
                   (json.loads(r[0]) for r in rows) if p.get("reason")}
        if len(letters) >= expected or time.monotonic() > deadline:
            return len(letters)
        await asyncio.sleep(0.5)


def recorded_count(fs: FaultStack) -> int:
    [row] = audit_rows(fs, "SELECT count(*) FROM audit_entry WHERE kind = 'event'")
    return int(row[0])


def pg_admin(sql: str) -> None:
    """Run SQL as the PostgreSQL superuser (the OS user postgres), as the setup script does."""
    import subprocess

    subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", "psql -q -v ON_ERROR_STOP=1"],
                   input=sql, text=True, check=True, capture_output=True, timeout=60)


async def database_outage(
    bootstrap: str, run_dir: Path, ports: Mapping[str, int], postgres_url: str,
    service: str = "audit", calls: int = 400,
) -> Figures:
    """``service``'s PostgreSQL database (audit's or assignment's) refuses connections for a
    while under load: the service stops committing, retries with backoff, never
    dead-letters a call for it, and catches up when the database returns."""
    from urllib.parse import urlsplit, urlunsplit

    figures = Figures()
    started = time.monotonic()
    db_name = f"rr_faults_{uuid.uuid4().hex[:8]}"
    owner = urlsplit(postgres_url).username or "rightresponse"
    pg_admin(f"CREATE DATABASE {db_name} OWNER {owner};")
    url = urlunsplit(urlsplit(postgres_url)._replace(path=f"/{db_name}"))
    # Only this service's database goes down; the others keep their own SQLite stores.
    fs = None
    try:
        fs = await start_fault_stack(bootstrap, run_dir, ports,
                                     service_env={service: {"RR_DATABASE_URL": url}})
        flow = asyncio.create_task(post_calls(fs, calls, 40.0, figures, run=run_dir.name))
        await sent_at_least(figures, calls // 4, timeout_s=60)
        pg_admin(f"ALTER DATABASE {db_name} ALLOW_CONNECTIONS false;\n"
                 f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 f"WHERE datname = '{db_name}';")
        figures.faults[f"{service} database outage"] += 1
        await sent_at_least(figures, calls * 3 // 4, timeout_s=60)
        pg_admin(f"ALTER DATABASE {db_name} ALLOW_CONNECTIONS true;")
        accepted = await flow
        await settle(fs, accepted, figures)
        figures.duplicates += double_bookings(fs)
        # Proof the outage was felt: the service said so and retried (without committing).
        log = fs.stack.services[service].log_path.read_text()
        figures.store_retries = log.count("unavailable; retrying") + log.count(
            "transient failure; retrying")
        figures.dead_lettered = log.count("dead-lettering")
    finally:
        if fs is not None:
            await fs.close()
        pg_admin(f"ALTER DATABASE {db_name} ALLOW_CONNECTIONS true;\n"
                 f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE);")
    figures.seconds = time.monotonic() - started
    return figures


GroupPartitions = dict[str, list[Any]]


async def rewind_groups(fs: FaultStack) -> GroupPartitions:
    """Commit offset 0 on every partition each consumer group of the stack has consumed."""
    from aiokafka import AIOKafkaConsumer, TopicPartition
    from aiokafka.structs import OffsetAndMetadata

    from shared.topics import TOPICS

    prefix = fs.settings.topic_prefix
    consumed: GroupPartitions = {}
    for service in ("triage", "assignment", "audit"):
        group = f"{prefix}{service}"
        consumer = AIOKafkaConsumer(**connection_options(fs.settings),
                                    group_id=group, enable_auto_commit=False)
        await consumer.start()
        try:
            await consumer.topics()
            parts = [TopicPartition(f"{prefix}{spec.name}", p) for spec in TOPICS
                     for p in consumer.partitions_for_topic(f"{prefix}{spec.name}") or set()]
            consumed[group] = [tp for tp in parts if await consumer.committed(tp) is not None]
            if consumed[group]:
                await consumer.commit({tp: OffsetAndMetadata(0, "") for tp in consumed[group]})
        finally:
            await consumer.stop()
    return consumed


async def wait_groups_caught_up(
    fs: FaultStack, consumed: GroupPartitions, timeout_s: float = 120.0
) -> None:
    """Until every group's committed offsets reach the end of the partitions it consumes."""
    from aiokafka import AIOKafkaConsumer

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        behind = 0
        for group, parts in consumed.items():
            consumer = AIOKafkaConsumer(**connection_options(fs.settings),
                                        group_id=group, enable_auto_commit=False)
            await consumer.start()
            try:
                ends = await consumer.end_offsets(parts)
                for tp in parts:
                    committed = await consumer.committed(tp) or 0
                    behind += max(0, ends[tp] - committed)
            finally:
                await consumer.stop()
        if behind == 0:
            return
        await asyncio.sleep(1.0)
    raise TimeoutError("consumer groups did not catch up after the replay")


def main() -> None:  # pragma: no cover - exercised by `make faults`
    import argparse
    import tempfile

    from shared.stack import broker, broker_running, free_port, pin_kafka_credentials, port_open

    parser = argparse.ArgumentParser(description="Inject faults into the real stack.")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=250.0)
    parser.add_argument("--kafka-port", type=int, default=19092)
    parser.add_argument("--postgres-url", default=os.environ.get("RR_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    pin_kafka_credentials()  # each scenario's services get a run dir of their own
    started_broker = not broker_running(args.kafka_port) and not port_open(args.kafka_port)
    if started_broker:
        broker("start", port=args.kafka_port)
    bootstrap = f"127.0.0.1:{args.kafka_port}"
    total = Figures()

    def ports() -> dict[str, int]:
        return {name: free_port() for name in SERVICES}

    try:
        with tempfile.TemporaryDirectory(prefix="rr-faults-") as tmp:
            root = Path(tmp)
            for name, scenario in (
                ("kill", lambda d: kill_services_mid_stream(bootstrap, d, ports(), args.calls,
                                                            args.rate)),
                ("broker", lambda d: restart_broker_mid_stream(
                    d, ports(), free_port(consecutive=2))),
                ("poison", lambda d: poison_and_replay(bootstrap, d, ports())),
                ("audit database", lambda d: database_outage(
                    bootstrap, d, ports(), args.postgres_url, "audit")),
                ("assignment database", lambda d: database_outage(
                    bootstrap, d, ports(), args.postgres_url, "assignment")),
            ):
                if name.endswith("database") and not args.postgres_url:
                    print("no PostgreSQL URL (deploy/postgres/setup.sh prints one): "
                          "the database outage was not injected")
                    continue
                (root / name.replace(" ", "-")).mkdir()
                figures = asyncio.run(scenario(root / name.replace(" ", "-")))
                print(f"--- {name}\n{figures.report()}", flush=True)
                total.merge(figures)
    finally:
        if started_broker:
            broker("stop", port=args.kafka_port)
    print(f"=== all scenarios\n{total.report()}")
    print(json.dumps({"lost": total.lost[:20], "duplicates": total.duplicates[:20]}))


if __name__ == "__main__":  # pragma: no cover
    main()

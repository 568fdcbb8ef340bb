"""Helpers for assignment's integration tests: the service as a real process on the real
broker, events in and out, and a test roster."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from sqlalchemy import Engine

from services.assignment.store import init_store, use_immediate_transactions
from shared.db import make_engine
from shared.events import (
    CallCancelled,
    CallTriaged,
    Envelope,
    Location,
    UnitType,
    make_event,
    serialize,
)
from shared.kafka import connection_options
from shared.kafka.client_internals import refresh_metadata
from shared.settings import ServiceSettings
from shared.stack import ServiceProcess, free_port, start_service, wait_ready
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED, topic_name
from tests.db_support import fresh_database

DEMO_AREAS = Path("deploy/roster/demo.geojson").resolve()
LAKE = (44.9485, -93.2470)  # E. Lake St. & Bloomington Ave, 3rd Precinct


def write_roster(path: Path, units: Iterable[Mapping[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump({"service_areas": str(DEMO_AREAS), "units": list(units)}))
    return path


def unit(unit_id: str, unit_type: str, lat: float, lon: float, **extra: Any) -> dict[str, Any]:
    return {"unit_id": unit_id, "unit_type": unit_type, "lat": lat, "lon": lon, **extra}


@contextmanager
def assignment_store(kind: str, tmp_path: Path, roster: Path, name: str) -> Iterator[Engine]:
    """A fresh database of ``kind`` set up as the service sets up its own, roster loaded."""
    with fresh_database(kind, tmp_path, name) as url:
        engine = make_engine(url)
        use_immediate_transactions(engine)
        init_store(engine, roster)
        try:
            yield engine
        finally:
            engine.dispose()


def service_env(settings: ServiceSettings, db_path: Path, roster: Path,
                **overrides: str) -> dict[str, str]:
    return {
        "RR_KEY_FILE": str(settings.key_file_path()),
        "RR_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
        "RR_TOPIC_PREFIX": settings.topic_prefix,
        "RR_GROUP_PREFIX": settings.group_prefix,
        "RR_RUN_DIR": str(settings.run_dir),
        "RR_DATABASE_URL": f"sqlite:///{db_path}",
        "RR_ROSTER_FILE": str(roster),
        "RR_TIMER_INTERVAL_S": "0.05",
        "RR_FEED_POLL_S": "0.05",
        "RR_KAFKA_RETRY_BACKOFF_S": "0.2",
        **overrides,
    }


@dataclass
class Running:
    svc: ServiceProcess
    env: dict[str, str]

    @property
    def url(self) -> str:
        return self.svc.url


async def start(env: Mapping[str, str], log_dir: Path, name: str = "assignment") -> Running:
    svc = start_service("assignment", free_port(), env, log_dir / name)
    try:
        await wait_ready(svc, timeout_s=90)
    except BaseException:
        stop(svc)
        raise
    return Running(svc, dict(env))


def stop(svc: ServiceProcess) -> None:
    if svc.process.poll() is None:
        svc.process.send_signal(signal.SIGTERM)
        try:
            svc.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            svc.process.kill()
            svc.process.wait(timeout=5)


async def running_service(settings: ServiceSettings, tmp_path: Path, roster: Path,
                          **overrides: str) -> AsyncIterator[Running]:
    running = await start(service_env(settings, tmp_path / "assignment.db", roster,
                                      **overrides), tmp_path / "logs")
    try:
        yield running
    finally:
        stop(running.svc)


def triaged(units: list[str], priority: int = 3, where: tuple[float, float] = LAKE, *,
            pathway: str = "behavioral_health", retriage: bool = False,
            safety_flags: list[str] | None = None, address: str = "E. Lake St. & Bloomington",
            district: str | None = None) -> CallTriaged:
    return CallTriaged(
        pathway=pathway, units=[UnitType(u) for u in units], priority=priority,
        confidence=0.9, policy_id="test", policy_version="1", retriage=retriage,
        tags=[pathway], safety_flags=safety_flags or [],
        location=Location(address=address, lat=where[0], lon=where[1], district=district))


async def send(settings: ServiceSettings, items: Iterable[tuple[str, Envelope]]) -> None:
    producer = AIOKafkaProducer(**connection_options(settings),
                                enable_idempotence=True, acks="all")
    await producer.start()
    try:
        for topic, envelope in items:
            await producer.send_and_wait(topic_name(settings.topic_prefix, topic),
                                         serialize(envelope), key=envelope.partition_key)
    finally:
        await producer.stop()


def triaged_event(call_id: str, payload: CallTriaged) -> tuple[str, Envelope]:
    return CALLS_TRIAGED, make_event(payload, producer="triage", call_id=call_id)


def cancelled_event(call_id: str) -> tuple[str, Envelope]:
    return CALLS_RECEIVED, make_event(CallCancelled(reason="caller hung up, duplicate"),
                                      producer="intake", call_id=call_id)


async def topic_events(settings: ServiceSettings, topic: str) -> list[Envelope]:
    """Every event on a topic right now, partition by partition, in order."""
    name = topic_name(settings.topic_prefix, topic)
    consumer = AIOKafkaConsumer(**connection_options(settings), group_id=None,
                                enable_auto_commit=False, auto_offset_reset="earliest",
                                isolation_level="read_committed")
    await consumer.start()
    try:
        partitions = [TopicPartition(name, p)
                      for p in sorted(consumer.partitions_for_topic(name) or [])]
        if not partitions:
            await refresh_metadata(consumer)
            partitions = [TopicPartition(name, p)
                          for p in sorted(consumer.partitions_for_topic(name) or [])]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        out: list[Envelope] = []
        deadline = time.monotonic() + 15
        for tp in partitions:
            while await consumer.position(tp) < ends[tp]:
                if time.monotonic() > deadline:
                    raise AssertionError(f"could not read {name} to its end")
                batch = await consumer.getmany(tp, timeout_ms=200)
                for record in batch.get(tp, []):
                    out.append(Envelope.model_validate_json(record.value))
        return out
    finally:
        await consumer.stop()


async def of_type(settings: ServiceSettings, topic: str, event_type: str,
                  call_id: str | None = None) -> list[Envelope]:
    return [e for e in await topic_events(settings, topic)
            if e.event_type == event_type and (call_id is None or e.call_id == call_id)]


async def units(client: httpx.AsyncClient, url: str, token: str) -> dict[str, dict[str, Any]]:
    response = await client.get(f"{url}/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return {u["unit_id"]: u for u in response.json()}


def problem_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """The RFC 9457 problem a response must be, with this status."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"]
    return body


def dumps(events: Iterable[Envelope]) -> str:
    return json.dumps([e.model_dump(mode="json") for e in events], indent=1)





async def wait_events(settings: ServiceSettings, topic: str, event_type: str, count: int = 1,
                      call_id: str | None = None, timeout_s: float = 20.0) -> list[Envelope]:
    """Wait until at least ``count`` events of a type (for a call) are on a topic."""
    from tests.conftest import wait_for

    async def check() -> list[Envelope] | None:
        found = await of_type(settings, topic, event_type, call_id)
        return found if len(found) >= count else None

    return await wait_for(check, timeout_s=timeout_s, interval_s=0.2,
                          what=f"{count} {event_type} on {topic} for {call_id}")

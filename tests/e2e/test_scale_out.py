"""Two triage processes in one consumer group share the partitions; each call is triaged once."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.auth import generate_dev_credentials
from shared.events import CallReceived, Location, make_event
from shared.kafka import EventPublisher, create_topics
from shared.settings import ServiceSettings
from shared.stack import Stack, free_port, start_service, wait_ready
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED
from tests.conftest import read_topic, wait_for

pytestmark = [pytest.mark.kafka, pytest.mark.e2e]

CALLS = 120


def gauge(text: str, name: str) -> float:
    return sum(float(v) for v in re.findall(rf"^{name}{{[^}}]*}} (\S+)$", text, re.M))


async def scrape(client: httpx.AsyncClient, url: str, admin: str) -> str:
    response = await client.get(f"{url}/metrics", headers={"Authorization": f"Bearer {admin}"})
    assert response.status_code == 200, response.text
    return response.text


async def test_two_triage_instances_share_partitions_and_triage_every_call_once(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    prefix = f"so{uuid.uuid4().hex[:8]}."
    settings = ServiceSettings(kafka_bootstrap=kafka_bootstrap, topic_prefix=prefix,
                               group_prefix=prefix, run_dir=tmp_path)
    await create_topics(settings)
    creds: dict[str, Any] = generate_dev_credentials(
        tmp_path / "credentials.json", tmp_path / "keys.json", [])
    env = {"RR_KEY_FILE": str(tmp_path / "keys.json"), "RR_KAFKA_BOOTSTRAP": kafka_bootstrap,
           "RR_TOPIC_PREFIX": prefix, "RR_GROUP_PREFIX": prefix, "RR_RUN_DIR": str(tmp_path)}
    stack = Stack()
    for i in (1, 2):
        svc = start_service("triage", free_port(), env, tmp_path / f"logs-{i}")
        stack.services[f"triage-{i}"] = svc
    publisher = EventPublisher(settings)
    try:
        await asyncio.gather(*(wait_ready(s, 60) for s in stack.services.values()))
        urls = [s.url for s in stack.services.values()]
        async with httpx.AsyncClient(timeout=5.0) as client:

            async def both_assigned() -> list[float] | None:
                counts = [gauge(await scrape(client, u, creds["admin"]),
                                "rr_consumer_assigned_partitions") for u in urls]
                return counts if all(c > 0 for c in counts) and sum(counts) == 6 else None

            counts = await wait_for(both_assigned, timeout_s=60,
                                    what="both instances to hold partitions of calls.received")
            assert sorted(counts) in ([3, 3], [2, 4], [1, 5])

            await publisher.start()
            calls = [make_event(
                CallReceived(agency="t", cad_incident_id=f"SO-{n}", call_type="THEFT",
                             narrative="Bike stolen from the rack, no suspect.",
                             received_at=datetime.now(UTC),
                             location=Location(address=f"{n} Lake St", lat=44.95, lon=-93.25)),
                producer="test", call_id=str(uuid.uuid4())) for n in range(CALLS)]
            await publisher.publish_many([(CALLS_RECEIVED, c) for c in calls])

            records = await read_topic(settings, CALLS_TRIAGED, CALLS, timeout_s=60)
            per_call: dict[str, int] = {}
            for record in records:
                per_call[record.key.decode()] = per_call.get(record.key.decode(), 0) + 1
            assert per_call == {c.call_id: 1 for c in calls}

            async def handled_by_each() -> list[float] | None:
                handled = [gauge(await scrape(client, u, creds["admin"]),
                                 "rr_events_handled_total") for u in urls]
                return handled if sum(handled) == CALLS else None

            handled = await wait_for(handled_by_each, timeout_s=30,
                                     what="the handled counters to add up to every call")
            # Both did part of the work: every call went to exactly one of them.
            assert all(h > 0 for h in handled), handled
    finally:
        await publisher.stop()
        stack.stop()

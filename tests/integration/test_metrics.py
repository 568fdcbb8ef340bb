"""/metrics on the real broker: admin only, request timing, handled counts, lag, queue depth."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from shared.auth import KeyStore
from shared.events import Envelope
from shared.http import health_router
from shared.kafka import EventConsumer, EventPublisher, Outgoing
from shared.metrics import instrument, set_queue_depth
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.conftest import bearer, wait_for
from tests.integration.test_kafka_helpers import call_event

pytestmark = pytest.mark.kafka


def metric(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def total(text: str, name: str) -> float:
    return sum(float(v) for v in re.findall(rf"^{name}{{[^}}]*}} (\S+)$", text, re.M))


def metrics_app(settings: ServiceSettings, consumers: list[EventConsumer]) -> FastAPI:
    """An app with the service's keys and /metrics over these consumers."""
    app = FastAPI()
    app.state.key_store = KeyStore(settings.key_file_path())
    instrument(app, consumers=consumers)
    return app


async def test_metrics_need_admin_and_show_handled_events_lag_and_queue_depth(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    release = asyncio.Event()
    handled: list[str] = []

    async def slow(envelope: Envelope, _payload: Any) -> Outgoing:
        await release.wait()
        handled.append(str(envelope.event_id))
        return []

    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="metrics",
                             handlers={"CallReceived": slow}, publisher=publisher)
    app = metrics_app(kafka_settings, [consumer])
    app.include_router(health_router(lambda: asyncio.sleep(0, {"ok": True})))
    set_queue_depth(app, lambda: 7)

    events = [call_event(n) for n in range(20)]
    await publisher.publish_many([(CALLS_RECEIVED, e) for e in events])
    await consumer.start()
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.get("/metrics")).status_code == 401
            cad = await client.get("/metrics", headers=bearer(credentials["cad"]))
            assert cad.status_code == 403
            admin = bearer(credentials["admin"])

            async def lag_seen() -> float | None:
                text = (await client.get("/metrics", headers=admin)).text
                return total(text, "rr_consumer_lag") or None

            # The handler is held: the lag shows the events not yet processed.
            lag = await wait_for(lag_seen, timeout_s=20, what="consumer lag above zero")
            assert 0 < lag <= 20
            release.set()
            await wait_for(lambda: asyncio.sleep(0, len(handled) == 20), timeout_s=20,
                           what="every event handled")

            async def caught_up() -> str | None:
                text = (await client.get("/metrics", headers=admin)).text
                handled_count = metric(text, "rr_events_handled_total",
                                       group=consumer.group_id)
                return text if handled_count == 20 and total(text, "rr_consumer_lag") == 0 \
                    else None

            text = await wait_for(caught_up, timeout_s=20, what="lag back to zero")
            assert metric(text, "rr_dead_letters_total", group=consumer.group_id) == 0
            assert metric(text, "rr_queue_depth") == 7
            assert metric(text, "rr_consumer_assigned_partitions", group=consumer.group_id) == 6
            # Requests are timed by route template, with their status.
            assert metric(text, "rr_http_request_duration_seconds_count",
                          route="/metrics", status="401") == 1
            assert metric(text, "rr_http_request_duration_seconds_count",
                          route="/metrics", status="403") == 1
    finally:
        await consumer.stop()
        await publisher.stop()


async def test_consumers_sharing_a_group_in_one_process_give_one_sample_per_group(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    # Assignment reads its two topics on two consumers of one group: a scrape with a
    # sample per consumer would carry the same label set twice, which Prometheus rejects.
    handled: list[str] = []

    async def record(envelope: Envelope, _payload: Any) -> Outgoing:
        handled.append(str(envelope.event_id))
        return []

    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    consumers = [EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="shared",
                               handlers={"CallReceived": record}, publisher=publisher)
                 for _ in range(2)]
    app = metrics_app(kafka_settings, consumers)
    await publisher.publish_many([(CALLS_RECEIVED, call_event(n)) for n in range(20)])
    for consumer in consumers:
        await consumer.start()
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            admin = bearer(credentials["admin"])

            async def all_counted() -> str | None:
                text = (await client.get("/metrics", headers=admin)).text
                group = consumers[0].group_id
                return text if metric(text, "rr_events_handled_total", group=group) == 20 \
                    and metric(text, "rr_consumer_assigned_partitions", group=group) == 6 \
                    else None

            text = await wait_for(all_counted, timeout_s=30, what="both consumers counted")
            assert len(re.findall(r"^rr_events_handled_total\{", text, re.M)) == 1
            assert len(re.findall(r"^rr_consumer_assigned_partitions\{", text, re.M)) == 1
            assert sorted(handled) == sorted(set(handled)) and len(handled) == 20
    finally:
        for consumer in consumers:
            await consumer.stop()
        await publisher.stop()


async def test_event_age_shows_how_old_each_event_was_when_its_work_was_done(
    kafka_settings: ServiceSettings, credentials: dict[str, Any]
) -> None:
    """An operator reads each hop's time from /metrics: fresh events in the low buckets,
    a backlog caught up after an outage in the top one."""
    async def triage_like(envelope: Envelope, _payload: Any) -> Outgoing:
        return []

    publisher = EventPublisher(kafka_settings)
    await publisher.start()
    consumer = EventConsumer(kafka_settings, topics=[CALLS_RECEIVED], group="ages",
                             handlers={"CallReceived": triage_like}, publisher=publisher)
    app = metrics_app(kafka_settings, [consumer])
    two_minutes_ago = datetime.now(UTC) - timedelta(minutes=2)
    stale = [call_event(n).model_copy(update={"occurred_at": two_minutes_ago})
             for n in range(3)]
    fresh = [call_event(n) for n in range(3, 8)]
    await publisher.publish_many([(CALLS_RECEIVED, e) for e in (*stale, *fresh)])
    await consumer.start()
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            admin = bearer(credentials["admin"])
            group = consumer.group_id

            async def all_done() -> str | None:
                text = (await client.get("/metrics", headers=admin)).text
                return text if metric(text, "rr_event_age_seconds_count", group=group) == 8 \
                    else None

            text = await wait_for(all_done, timeout_s=30, what="eight ages observed")
            assert metric(text, "rr_event_age_seconds_bucket", group=group, le="30.0") == 5
            assert metric(text, "rr_event_age_seconds_bucket", group=group, le="60.0") == 5
            assert metric(text, "rr_event_age_seconds_bucket", group=group, le="+Inf") == 8
            age_sum = metric(text, "rr_event_age_seconds_sum", group=group)
            assert age_sum is not None and 3 * 120 <= age_sum < 3 * 120 + 5 * 30 + 60
    finally:
        await consumer.stop()
        await publisher.stop()

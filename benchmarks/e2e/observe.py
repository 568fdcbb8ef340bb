"""What the bench observes: each call's first decision on calls.assigned, the consumer
lag every service reports, and each call's hops from its timeline in audit."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition

from benchmarks.e2e.load import Sent
from shared.kafka import consumer_options
from shared.settings import ServiceSettings
from shared.stack import Stack
from shared.topics import CALLS_ASSIGNED, topic_name

DECISIONS = {"UnitAssigned", "CallQueued"}


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


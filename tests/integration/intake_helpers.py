"""Helpers for intake's integration tests: an in-process app and a topic reader."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from fastapi import FastAPI

from services.intake.main import create_app
from services.intake.settings import IntakeSettings
from shared.auth import Role, key_entry, new_token, write_key_file
from shared.events import Contract, Envelope, parse_event
from shared.kafka import connection_options
from shared.settings import ServiceSettings
from shared.topics import TOPICS, topic_name


async def client_for(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake") as client:
            yield client


def intake_app(kafka_settings: ServiceSettings, **overrides: Any) -> FastAPI:
    return create_app(IntakeSettings(**{**kafka_settings.model_dump(), **overrides}))


async def events_on(settings: ServiceSettings, topic: str) -> list[tuple[Envelope, Contract]]:
    """Every event on a topic right now, read to the end of each partition."""
    name = topic_name(settings.topic_prefix, topic)
    partitions = next(t.partitions for t in TOPICS if t.name == topic)
    tps = [TopicPartition(name, p) for p in range(partitions)]
    consumer = AIOKafkaConsumer(**connection_options(settings), group_id=None,
                                enable_auto_commit=False, isolation_level="read_committed")
    await consumer.start()
    records: list[Any] = []
    try:
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        end = await consumer.end_offsets(tps)
        while [tp for tp in tps if await consumer.position(tp) < end[tp]]:
            batch = await consumer.getmany(*tps, timeout_ms=500)
            for recs in batch.values():
                records.extend(recs)
    finally:
        await consumer.stop()
    records.sort(key=lambda r: (r.timestamp, r.partition, r.offset))
    return [parse_event(r.value) for r in records]


def add_key(key_file: Path, role: Role, key_id: str, agency: str | None = None) -> str:
    """Add a key to the key file the running app reads; returns the token."""
    token = new_token(role)
    data = json.loads(key_file.read_text())
    entries = [*data["keys"], key_entry(token, key_id, role, agency=agency)]
    _rewrite(key_file, entries)
    return token


def remove_key(key_file: Path, key_id: str) -> None:
    data = json.loads(key_file.read_text())
    _rewrite(key_file, [e for e in data["keys"] if e["key_id"] != key_id])


def _rewrite(key_file: Path, entries: list[dict[str, Any]]) -> None:
    before = key_file.stat().st_mtime_ns
    write_key_file(key_file, entries)
    # The key store notices a change by mtime; make sure a coarse clock cannot hide one.
    if key_file.stat().st_mtime_ns == before:
        os.utime(key_file, ns=(before + 1_000_000, before + 1_000_000))

"""Audit's ASGI app: consumes every topic, keeps the hash chain, serves it back."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import FastAPI

from services.audit.anchor import AnchorLog
from services.audit.api import public_router, router
from services.audit.consumer import audit_consumer
from services.audit.districts import load_districts
from services.audit.handlers import CATCH_ALL, build_handlers
from services.audit.policy_api import policy_router
from services.audit.program_api import auditor_program_router, public_program_router
from services.audit.public_cache import PublicMetricsCache
from services.audit.rollups import init_rollups, refresh_rollups
from services.audit.settings import AuditSettings
from services.audit.signing import load_signing_key
from services.audit.store import checkpoint_now, init_store
from shared.db import make_engine, store_unavailable
from shared.kafka import EventPublisher
from shared.service import (
    BackgroundLoops,
    ServiceApp,
    build_service_app,
    kafka_readiness,
    process_app,
)
from shared.topics import TOPICS

log = logging.getLogger(__name__)


def create_app(settings: AuditSettings | None = None) -> FastAPI:
    settings = settings or AuditSettings()
    # Before anything else: production without its signing key refuses to start.
    signing_key = load_signing_key(settings)
    engine = make_engine(settings.store_url(), background_checkpoints=True)
    init_store(engine)
    init_rollups(engine)
    # A districts file that cannot be read stops the start, like a bad setting.
    districts = load_districts(settings.district_polygons_file)
    zone = settings.zone()
    anchor = AnchorLog(settings.anchor_path())
    anchor.directory.mkdir(parents=True, exist_ok=True)
    # Entries an earlier run appended but never signed (it stopped before its timer)
    # are signed before new ones arrive, so the unsigned tail stays within its limits.
    checkpoint_now(engine, signing_key, anchor)
    publisher = EventPublisher(settings)  # for dead letters
    handlers = build_handlers(engine, signing_key, settings.checkpoint_every, anchor)
    consumer = audit_consumer(
        settings, topics=[spec.name for spec in TOPICS], group="audit",
        publisher=publisher, sink=handlers[CATCH_ALL],
        fetch_linger_ms=settings.fetch_linger_ms,
    )

    async def checkpoint_timer() -> None:
        while True:
            await asyncio.sleep(settings.checkpoint_interval_s)
            try:
                seq = await asyncio.to_thread(checkpoint_now, engine, signing_key, anchor)
            except Exception as err:
                if not store_unavailable(err):
                    raise
                log.warning("checkpoint failed; store unavailable")
                continue
            if seq is not None:
                log.info("checkpoint signed", extra={"count": seq})

    async def rollup_timer() -> None:
        while True:
            try:
                days = await asyncio.to_thread(refresh_rollups, engine, zone, districts)
            except Exception as err:
                # The public figures wait; the record itself is unaffected.
                if store_unavailable(err):
                    log.warning("rollup refresh failed; store unavailable")
                else:
                    log.exception("rollup refresh failed")
                days = 0
            if days:
                log.info("daily rollups refreshed", extra={"count": days})
            await asyncio.sleep(settings.public_rollup_interval_s)

    timer = BackgroundLoops(checkpoint_timer, rollup_timer)
    return build_service_app(settings, ServiceApp(
        title="RightResponse audit", version="0.2.0",
        description="The tamper-evident record of every routing decision, served back to "
        "auditors, and public aggregates.",
        routers=[router, public_router, policy_router, auditor_program_router,
                 public_program_router],
        readiness=kafka_readiness(publisher, [consumer]),
        start=[publisher.start, consumer.start, timer.start],
        stop=[timer.stop, consumer.stop, publisher.stop, engine.dispose],
        consumers=[consumer],
        state={"engine": engine, "consumer": consumer, "signing_key": signing_key,
               "anchor": anchor, "districts": districts,
               "public_metrics": PublicMetricsCache[dict[str, Any]](
                   settings.public_metrics_ttl_s, settings.public_metrics_wait_s)},
    ))


def app() -> FastAPI:
    """uvicorn factory."""
    return process_app(AuditSettings(), create_app)

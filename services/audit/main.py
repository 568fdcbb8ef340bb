"""Audit's ASGI app: consumes every topic, keeps the hash chain, serves it back."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from services.audit.api import public_router, router
from services.audit.consumer import audit_consumer
from services.audit.handlers import CATCH_ALL, build_handlers
from services.audit.public_cache import PublicMetricsCache
from services.audit.settings import AuditSettings
from services.audit.signing import load_signing_key
from services.audit.store import checkpoint_now, init_store
from shared.auth import KeyStore
from shared.db import make_engine, store_unavailable
from shared.http import health_router, install_problem_handlers
from shared.kafka import EventPublisher
from shared.logging import configure_logging
from shared.metrics import instrument
from shared.runtime import prepare_process, startup_objects_frozen
from shared.topics import TOPICS

log = logging.getLogger(__name__)


def create_app(settings: AuditSettings | None = None) -> FastAPI:
    settings = settings or AuditSettings()
    # Before anything else: production without its signing key refuses to start.
    signing_key = load_signing_key(settings)
    engine = make_engine(settings.database_url or settings.database_url_for("audit"),
                         background_checkpoints=True)
    init_store(engine)
    publisher = EventPublisher(settings)  # for dead letters
    handlers = build_handlers(engine, signing_key, settings.audit_checkpoint_every)
    consumer = audit_consumer(
        settings, topics=[spec.name for spec in TOPICS], group="audit",
        publisher=publisher, sink=handlers[CATCH_ALL],
        fetch_linger_ms=settings.audit_fetch_linger_ms,
    )

    async def checkpoint_timer() -> None:
        while True:
            await asyncio.sleep(settings.audit_checkpoint_interval_s)
            try:
                seq = await asyncio.to_thread(checkpoint_now, engine, signing_key)
            except Exception as err:
                if not store_unavailable(err):
                    raise
                log.warning("checkpoint failed; store unavailable")
                continue
            if seq is not None:
                log.info("checkpoint signed", extra={"count": seq})

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await publisher.start()
        await consumer.start()
        timer = asyncio.create_task(checkpoint_timer())
        try:
            with startup_objects_frozen():
                yield
        finally:
            timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await timer
            await consumer.stop()
            await publisher.stop()
            engine.dispose()

    async def readiness() -> dict[str, bool]:
        return {"kafka": await publisher.ready(), "consumer": consumer.running}

    app = FastAPI(title="RightResponse audit", version="0.2.0", lifespan=lifespan,
                  description="The tamper-evident record of every routing decision, served "
                  "back to auditors, and public aggregates.")
    app.state.settings = settings
    app.state.key_store = KeyStore(settings.key_file_path())
    app.state.engine = engine
    app.state.consumer = consumer
    app.state.signing_key = signing_key
    app.state.public_metrics = PublicMetricsCache[dict[str, Any]](
        settings.audit_public_metrics_ttl_s, settings.audit_public_metrics_wait_s)
    install_problem_handlers(app)
    app.include_router(health_router(readiness))
    app.include_router(router)
    app.include_router(public_router)
    instrument(app, consumers=[consumer])  # /metrics (admin) and request timing
    return app


def app() -> FastAPI:
    """uvicorn factory."""
    settings = AuditSettings()
    prepare_process()
    configure_logging(settings.service_name, settings.log_level)
    return create_app(settings)

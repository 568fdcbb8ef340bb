"""Triage's ASGI app: consumes CallReceived, publishes CallTriaged."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.triage.api import router
from services.triage.engine import load_policy
from services.triage.handlers import build_batch_handlers, build_handlers
from services.triage.settings import TriageSettings
from services.triage.store import init_store
from shared.auth import KeyStore
from shared.db import DatabaseProcessedEvents, make_engine
from shared.http import health_router, install_problem_handlers
from shared.kafka import EventConsumer, EventPublisher
from shared.logging import configure_logging
from shared.metrics import instrument
from shared.runtime import prepare_process, startup_objects_frozen
from shared.topics import CALLS_RECEIVED

log = logging.getLogger(__name__)


def create_app(settings: TriageSettings | None = None) -> FastAPI:
    settings = settings or TriageSettings()
    # A policy that does not validate stops the service here, before it consumes anything.
    policy = load_policy(settings.policy_file)
    for warning in policy.warnings:
        log.warning("policy warning: %s", warning)
    publisher = EventPublisher(settings)
    engine = make_engine(settings.database_url_for("triage"), background_checkpoints=True)
    init_store(engine)
    consumer = EventConsumer(
        settings,
        topics=[CALLS_RECEIVED],
        group="triage",
        handlers=build_handlers(policy, engine, settings.service_name),
        batch_handlers=build_batch_handlers(policy, engine, settings.service_name),
        publisher=publisher,
        processed=DatabaseProcessedEvents(engine, "triage"),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await publisher.start()
        await consumer.start()
        try:
            with startup_objects_frozen():
                yield
        finally:
            await consumer.stop()
            await publisher.stop()
            engine.dispose()  # ends its WAL checkpointer thread

    async def readiness() -> dict[str, bool]:
        return {"kafka": await publisher.ready(), "consumer": consumer.running}

    app = FastAPI(title="RightResponse triage", version="0.1.0", lifespan=lifespan,
                  description="Tags behavioral-health and property calls and picks a response.")
    app.state.settings = settings
    app.state.key_store = KeyStore(settings.key_file_path())
    app.state.consumer = consumer
    app.state.policy = policy
    install_problem_handlers(app)
    app.include_router(health_router(readiness))
    app.include_router(router)
    instrument(app, consumers=[consumer])  # /metrics (admin) and request timing
    return app


def app() -> FastAPI:
    """uvicorn factory."""
    settings = TriageSettings()
    prepare_process()
    configure_logging(settings.service_name, settings.log_level)
    return create_app(settings)

"""Audit's ASGI app: consumes every topic and serves the record back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.audit.api import router
from services.audit.handlers import build_handlers
from services.audit.settings import AuditSettings
from services.audit.store import init_store
from shared.auth import KeyStore
from shared.db import make_engine
from shared.http import health_router, install_problem_handlers
from shared.kafka import EventConsumer, EventPublisher
from shared.logging import configure_logging
from shared.topics import TOPICS


def create_app(settings: AuditSettings | None = None) -> FastAPI:
    settings = settings or AuditSettings()
    engine = make_engine(settings.database_url or settings.database_url_for("audit"))
    init_store(engine)
    publisher = EventPublisher(settings)  # for dead letters
    consumer = EventConsumer(
        settings,
        topics=[spec.name for spec in TOPICS],
        group="audit",
        handlers=build_handlers(engine),
        publisher=publisher,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await publisher.start()
        await consumer.start()
        try:
            yield
        finally:
            await consumer.stop()
            await publisher.stop()
            engine.dispose()

    async def readiness() -> dict[str, bool]:
        return {"kafka": await publisher.ready(), "consumer": consumer.running}

    app = FastAPI(title="RightResponse audit", version="0.1.0", lifespan=lifespan,
                  description="The record of every routing decision, served back.")
    app.state.settings = settings
    app.state.key_store = KeyStore(settings.key_file_path())
    app.state.engine = engine
    app.state.consumer = consumer
    install_problem_handlers(app)
    app.include_router(health_router(readiness))
    app.include_router(router)
    return app


def app() -> FastAPI:
    """uvicorn factory."""
    settings = AuditSettings()
    configure_logging(settings.service_name, settings.log_level)
    return create_app(settings)

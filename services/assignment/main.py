"""Assignment's ASGI app: consumes CallTriaged, publishes UnitAssigned."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.assignment.api import router
from services.assignment.handlers import build_handlers
from services.assignment.settings import AssignmentSettings
from services.assignment.store import init_store
from shared.auth import KeyStore
from shared.db import DatabaseProcessedEvents, make_engine
from shared.http import health_router, install_problem_handlers
from shared.kafka import EventConsumer, EventPublisher
from shared.logging import configure_logging
from shared.topics import CALLS_TRIAGED


def create_app(settings: AssignmentSettings | None = None) -> FastAPI:
    settings = settings or AssignmentSettings()
    engine = make_engine(settings.database_url or settings.database_url_for("assignment"))
    init_store(engine, settings.roster_file)
    publisher = EventPublisher(settings)
    consumer = EventConsumer(
        settings,
        topics=[CALLS_TRIAGED],
        group="assignment",
        handlers=build_handlers(engine, settings.service_name, settings.travel_speed_kmh),
        publisher=publisher,
        processed=DatabaseProcessedEvents(engine, "assignment"),
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

    async def readiness() -> dict[str, bool]:
        return {"kafka": await publisher.ready(), "consumer": consumer.running}

    app = FastAPI(title="RightResponse assignment", version="0.1.0", lifespan=lifespan,
                  description="Matches triaged calls to the nearest available unit.")
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
    settings = AssignmentSettings()
    configure_logging(settings.service_name, settings.log_level)
    return create_app(settings)

"""Intake's ASGI app: `uvicorn services.intake.main:app` or `rightresponse serve intake`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.intake.api import router
from services.intake.settings import IntakeSettings
from shared.auth import KeyStore
from shared.http import health_router, install_problem_handlers
from shared.kafka import EventPublisher
from shared.logging import configure_logging


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    settings = settings or IntakeSettings()
    publisher = EventPublisher(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await publisher.start()
        try:
            yield
        finally:
            await publisher.stop()

    async def readiness() -> dict[str, bool]:
        return {"kafka": await publisher.ready()}

    app = FastAPI(
        title="RightResponse intake",
        description="CAD systems post 911 calls here; each is published to Kafka as CallReceived.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.key_store = KeyStore(settings.key_file_path())
    app.state.publisher = publisher
    install_problem_handlers(app)
    app.include_router(health_router(readiness))
    app.include_router(router)
    return app


def app() -> FastAPI:
    """uvicorn factory."""
    settings = IntakeSettings()
    configure_logging(settings.service_name, settings.log_level)
    return create_app(settings)

"""Intake's ASGI app: `uvicorn services.intake.main:app` or `rightresponse serve intake`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.intake.api import router
from services.intake.fastpath import FastCallPost
from services.intake.limits import BodySizeLimit, RateLimiter
from services.intake.problems import install_intake_problems
from services.intake.service import IntakeService
from services.intake.settings import IntakeSettings
from services.intake.store import IntakeStore
from shared.auth import KeyStore
from shared.http import health_router, install_problem_handlers
from shared.kafka import EventPublisher
from shared.logging import configure_logging
from shared.metrics import instrument
from shared.runtime import prepare_process, startup_objects_frozen

DESCRIPTION = """CAD systems post 911 calls here; each is published to Kafka
(`calls.received`) as CallReceived, then CallUpdated and CallCancelled.

* Every endpoint but the health probes needs `Authorization: Bearer <API key>` (role
  `cad` or `admin`). A `cad` key is bound to an agency and may only post or touch its own
  agency's calls.
* Posting the same agency + `cad_incident_id` again, or the same `Idempotency-Key`,
  returns the original `call_id` with 200; never a second call.
* 202 means Kafka has acknowledged the event (acks=all); 503 means nothing was accepted.
* Errors are `application/problem+json` and name the field or header at fault.
* Bodies are capped (413), and each key has a request rate (429 with `Retry-After`).
"""


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    settings = settings or IntakeSettings()
    publisher = EventPublisher(settings)
    store = IntakeStore(settings.intake_database_url())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await publisher.start()
        try:
            with startup_objects_frozen():
                yield
        finally:
            await publisher.stop()
            store.close()

    async def readiness() -> dict[str, bool]:
        return {"kafka": await publisher.ready()}

    app = FastAPI(
        title="RightResponse intake",
        description=DESCRIPTION,
        version="0.2.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.key_store = KeyStore(settings.key_file_path())
    app.state.publisher = publisher
    app.state.store = store
    app.state.service = IntakeService(store, publisher, settings.service_name)
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_s, settings.rate_limit_burst)
    install_problem_handlers(app)
    install_intake_problems(app)
    app.include_router(health_router(readiness))
    app.include_router(router)
    # Innermost: the everyday POST /v1/calls skips FastAPI's per-request machinery.
    app.add_middleware(FastCallPost, intake=app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    instrument(app)  # /metrics (admin) and request timing
    return app


def app() -> FastAPI:
    """uvicorn factory."""
    settings = IntakeSettings()
    prepare_process()
    configure_logging(settings.service_name, settings.log_level)
    return create_app(settings)

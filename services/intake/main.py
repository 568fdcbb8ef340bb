"""Intake's ASGI app: `uvicorn services.intake.main:app` or `rightresponse serve intake`."""

from __future__ import annotations

from fastapi import FastAPI

from services.intake.api import router
from services.intake.fastpath import FastCallPost
from services.intake.limits import RateLimiter
from services.intake.problems import install_intake_problems
from services.intake.service import IntakeService
from services.intake.settings import IntakeSettings
from services.intake.store import IntakeStore
from shared.kafka import EventPublisher
from shared.service import ServiceApp, build_service_app, kafka_readiness, process_app

DESCRIPTION = """CAD systems post 911 calls here; each is published to Kafka
(`calls.received`) as CallReceived, then CallUpdated and CallCancelled.

* Every endpoint but the health probes needs `Authorization: Bearer <API key>` (role
  `cad` or `admin`). A `cad` key is bound to an agency and may only post or touch its own
  agency's calls.
* Posting the same agency + `cad_incident_id` again, or the same `Idempotency-Key`,
  returns the original `call_id` with 200; never a second call.
* 202 means Kafka has acknowledged the event (acks=all); 503 means nothing was accepted.
  504 means Kafka had the event but did not acknowledge it in time: the call is pending
  (it may still be delivered). Send the same request again: it publishes the same event
  (consumers skip a second copy) and answers 202 once Kafka has it.
* Errors are `application/problem+json` and name the field or header at fault.
* Bodies are capped (413), and each key has a request rate (429 with `Retry-After`).
"""


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    settings = settings or IntakeSettings()
    publisher = EventPublisher(settings)
    store = IntakeStore(settings.store_url())

    def customize(app: FastAPI) -> None:
        install_intake_problems(app)
        # Innermost, inside the shared limits (body size, concurrency, valid text): the
        # everyday POST /v1/calls skips FastAPI's per-request machinery.
        app.add_middleware(FastCallPost, intake=app)

    return build_service_app(settings, ServiceApp(
        title="RightResponse intake", version="0.2.0", description=DESCRIPTION,
        routers=[router],
        readiness=kafka_readiness(publisher),
        start=[publisher.start],
        stop=[publisher.stop, store.close],
        state={"publisher": publisher, "store": store,
               "service": IntakeService(store, publisher, settings.service_name),
               "rate_limiter": RateLimiter(settings.rate_limit_per_s,
                                           settings.rate_limit_burst)},
        customize=customize,
    ))


def app() -> FastAPI:
    """uvicorn factory."""
    return process_app(IntakeSettings(), create_app)

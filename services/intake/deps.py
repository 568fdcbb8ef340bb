"""Dependency aliases for intake's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from services.intake.calls import IntakeProblem
from services.intake.limits import RateLimiter
from services.intake.service import IntakeService
from services.intake.settings import IntakeSettings
from services.intake.store import IntakeStore
from shared.auth import Principal, Role, require
from shared.kafka import EventPublisher


async def get_settings(request: Request) -> IntakeSettings:
    settings: IntakeSettings = request.app.state.settings
    return settings


async def get_publisher(request: Request) -> EventPublisher:
    publisher: EventPublisher = request.app.state.publisher
    return publisher


async def get_store(request: Request) -> IntakeStore:
    store: IntakeStore = request.app.state.store
    return store


async def get_service(request: Request) -> IntakeService:
    service: IntakeService = request.app.state.service
    return service


async def rate_limited(
    request: Request, principal: Annotated[Principal, Depends(require(Role.cad, Role.admin))]
) -> Principal:
    """The caller (a cad or admin key), once its key's token bucket lets it through."""
    limiter: RateLimiter = request.app.state.rate_limiter
    wait_s = limiter.take(principal.key_id)
    if wait_s > 0:
        raise IntakeProblem(429, "Too Many Requests",
                            "This API key is over its request rate; retry after the delay.",
                            field="header.Authorization",
                            headers={"Retry-After": RateLimiter.retry_after(wait_s)})
    return principal


IDEMPOTENCY_KEY_DOC = (
    "Makes the request safe to retry: the same key with the same body returns the first "
    "answer; with a different body, 409. Scoped to the agency."
)


SettingsDep = Annotated[IntakeSettings, Depends(get_settings)]
PublisherDep = Annotated[EventPublisher, Depends(get_publisher)]
StoreDep = Annotated[IntakeStore, Depends(get_store)]
ServiceDep = Annotated[IntakeService, Depends(get_service)]
CallerDep = Annotated[Principal, Depends(rate_limited)]
IdempotencyKeyDep = Annotated[
    str | None,
    Header(alias="Idempotency-Key", min_length=1, max_length=200,
           pattern=r"^[\x21-\x7e]+$", description=IDEMPOTENCY_KEY_DOC),
]

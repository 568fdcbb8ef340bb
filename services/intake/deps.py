"""Dependency aliases for intake's routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.intake.limits import RateLimiter
from services.intake.problems import IntakeProblem
from services.intake.service import IntakeService
from services.intake.settings import IntakeSettings
from services.intake.store import IntakeStore
from shared.auth import Principal, Role, require
from shared.idempotency import idempotency_key_header
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


# Who may post, read and change calls (the fast path checks the same requirement).
CALL_KEEPERS = require(Role.cad, Role.admin)


async def rate_limited(
    request: Request, principal: Annotated[Principal, Depends(CALL_KEEPERS)]
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
IdempotencyKeyDep = Annotated[str | None, idempotency_key_header(IDEMPOTENCY_KEY_DOC)]

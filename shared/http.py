"""HTTP pieces every service shares: RFC 9457 problem responses and health probes."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.db import store_unavailable
from shared.errors import DomainError
from shared.kafka import KafkaUnavailable

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


def problem(
    status: int, title: str, detail: str | None = None, *, headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        # Input values are left out on purpose: they may hold a narrative.
        errors.append({"field": ".".join(loc), "message": str(err.get("msg", "invalid"))})
    return errors


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        fields = ", ".join(e["field"] for e in errors)
        return problem(422, "Invalid request", f"Invalid fields: {fields}", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, _title(exc.status_code), str(exc.detail),
                       headers=getattr(exc, "headers", None))

    @app.exception_handler(KafkaUnavailable)
    async def _kafka(_: Request, exc: KafkaUnavailable) -> JSONResponse:
        log.warning("Kafka unavailable; answering 503")
        return problem(503, "Service Unavailable",
                       "The event store (Kafka) is unavailable; nothing was accepted. Retry.",
                       headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        if store_unavailable(exc):
            # An outage, not a fault of the request: the client should come back.
            log.warning("database unavailable; answering 503",
                        extra={"reason": type(exc).__name__})
            return problem(503, "Service Unavailable",
                           "A database this service needs is unavailable. Retry.",
                           headers={"Retry-After": "5"})
        log.error("unexpected error", exc_info=exc)
        return problem(500, "Internal Server Error", "An unexpected error occurred.")


def domain_error_status(statuses: Mapping[type[DomainError], int], exc: DomainError) -> int:
    """The status of ``exc``: that of its nearest class in ``statuses``."""
    for cls in type(exc).__mro__:
        if cls in statuses:
            return statuses[cls]
    raise LookupError(f"no HTTP status for {type(exc).__name__}")


def domain_problem(statuses: Mapping[type[DomainError], int], exc: DomainError
                   ) -> JSONResponse:
    """``exc`` as problem+json: its status's title, its detail, its extra members and the
    field at fault."""
    status = domain_error_status(statuses, exc)
    extra = dict(exc.extra)
    if exc.field is not None:
        extra["field"] = exc.field
    return problem(status, _title(status), exc.detail, **extra)


def install_domain_error_statuses(app: FastAPI,
                                  statuses: Mapping[type[DomainError], int]) -> None:
    """Answer the domain errors a service raises with the status its edge gives them."""

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        return domain_problem(statuses, exc)


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


ReadinessCheck = Callable[[], Awaitable[dict[str, bool]]]


def health_router(readiness: ReadinessCheck) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        """Ready only when every dependency (Kafka first) answers."""
        checks = await readiness()
        if all(checks.values()):
            return JSONResponse({"status": "ready", "checks": checks})
        failing = ", ".join(name for name, ok in checks.items() if not ok)
        return problem(503, "Service Unavailable", f"Not ready: {failing}",
                       headers={"Retry-After": "5"}, status_text="not ready", checks=checks)

    return router

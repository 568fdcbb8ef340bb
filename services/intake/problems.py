"""Intake's errors as HTTP: the status of each domain error, and the problem raised at
the edge itself (rate limit, an EIDO that does not map)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.intake.errors import (
    AgencyNotAllowed,
    CallConflict,
    CallNotAcknowledged,
    CallNotFound,
    IntakeError,
)
from shared.errors import DomainError
from shared.http import (
    domain_error_status,
    domain_problem,
    install_domain_error_statuses,
    problem,
)

STATUSES: dict[type[DomainError], int] = {
    AgencyNotAllowed: 403,
    CallNotFound: 404,
    CallConflict: 409,
    # Not 503 ("nothing was accepted"): the event may still reach Kafka. The same
    # request again resolves it (202 once acknowledged).
    CallNotAcknowledged: 504,
}
# How soon a pending call is worth asking about again.
PENDING_RETRY_AFTER_S = "2"


def http_status(err: IntakeError) -> int:
    """The status intake answers ``err`` with."""
    return domain_error_status(STATUSES, err)


class IntakeProblem(Exception):
    """An error of the HTTP edge answered as problem+json; ``field`` names the input at fault."""

    def __init__(self, status: int, title: str, detail: str, *, field: str | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.field, self.headers, self.extra = field, headers, extra


def install_intake_problems(app: FastAPI) -> None:
    install_domain_error_statuses(app, STATUSES)

    @app.exception_handler(CallNotAcknowledged)
    async def _pending(_: Request, exc: CallNotAcknowledged) -> JSONResponse:
        answer = domain_problem(STATUSES, exc)
        answer.headers["Retry-After"] = PENDING_RETRY_AFTER_S
        return answer

    @app.exception_handler(IntakeProblem)
    async def _intake_problem(_: Request, exc: IntakeProblem) -> JSONResponse:
        extra = dict(exc.extra)
        if exc.field is not None:
            extra["field"] = exc.field
        return problem(exc.status, exc.title, exc.detail, headers=exc.headers, **extra)

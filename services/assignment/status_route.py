"""A crew's status report at the HTTP edge: the request body, the answer, and the route that
answers the common request without FastAPI's dependency solving.

Crews report two or three times a call, so this route is assignment's busiest. FastAPI
spent about 0.4 ms of CPU on each report before the report itself (solving the key,
role and body dependencies, then checking the answer against its model), as much as the
report's store work. :class:`StatusReportRoute` answers a report that needs none of
that: JSON from a bearer key allowed to report for the unit (its own crew, or an
admin), with a body the model accepts. Everything else (a page session's cookie, a
missing or refused key, a body to refuse) goes to the route as declared, whose
dependencies answer it as before; the route's OpenAPI description and dependencies stay
as declared, so the security tests read its roles as they read every other route's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field, ValidationError

from services.assignment.crews import StatusConflict, UnitNotFound, UnitReport
from services.assignment.deps import UNIT_CREW
from services.assignment.reports import StatusReports
from services.assignment.rules import IllegalTransition
from shared.auth import bearer_token, get_key_store
from shared.events import Location, UnitStatus

JSON = "application/json"


class StatusReport(BaseModel):
    status: UnitStatus = Field(description="The unit's new status.", examples=["en_route"])
    location: Location | None = Field(default=None, description="Where the unit is now.")
    call_id: str | None = Field(
        default=None, max_length=200,
        description="The call this report is about; refused (409) if the unit no longer "
                    "holds it, so a repeated tap cannot decline the next call.")


class StatusChanged(BaseModel):
    unit_id: str
    status: UnitStatus
    previous_status: UnitStatus


async def apply_report(reports: StatusReports, unit_id: str, body: StatusReport
                       ) -> dict[str, Any]:
    """The report applied (with those arriving beside it, in one transaction:
    services/assignment/reports.py), or its refusal as an HTTP error."""
    try:
        return await reports.report(
            UnitReport(unit_id, body.status, body.location, body.call_id))
    except UnitNotFound as err:
        raise HTTPException(404, f"No unit {unit_id!r} on the roster") from err
    except (IllegalTransition, StatusConflict) as err:
        raise HTTPException(409, str(err)) from err


async def answered_directly(request: Request) -> Response | None:
    """The answer to a well-formed report by a bearer key that may make it; None for
    every other request, left to the route's own dependencies."""
    if request.headers.get("content-type") != JSON:
        return None
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        return None  # a page session's cookie, or no key: 401
    principal = get_key_store(request).authenticate(token)
    unit_id = request.path_params["unit_id"]
    if principal is None or not UNIT_CREW.allows(principal, unit_id):
        return None  # 401, 403 or 503, said as the dependencies say it
    try:
        body = StatusReport.model_validate(json.loads(await request.body()))
    except (ValueError, ValidationError):
        return None  # 422 with the fields at fault
    request.state.principal = principal
    reports: StatusReports = request.app.state.status_reports
    changed = StatusChanged.model_validate(await apply_report(reports, unit_id, body))
    return Response(changed.model_dump_json(), media_type=JSON)


class StatusReportRoute(APIRoute):
    """The status report's route: :func:`answered_directly` first, else the route as
    declared."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        declared = super().get_route_handler()

        async def handler(request: Request) -> Response:
            answer = await answered_directly(request)
            return answer if answer is not None else await declared(request)

        return handler

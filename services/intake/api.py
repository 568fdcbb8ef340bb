"""Intake's routes: calls (create, read, update, cancel) and EIDO documents."""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request, Response, status

from services.intake.calls import may_touch, resolve_agency, to_payload
from services.intake.deps import (
    CallerDep,
    IdempotencyKeyDep,
    ServiceDep,
    SettingsDep,
    StoreDep,
)
from services.intake.eido import EidoDocument, EidoInvalid, eido_to_call
from services.intake.errors import CallNotFound
from services.intake.models import (
    AGENCY_PATTERN,
    CallAccepted,
    CallCancel,
    CallCreate,
    CallPatch,
    CallPublic,
)
from services.intake.problems import IntakeProblem
from services.intake.service import IntakeService, Result
from services.intake.settings import IntakeSettings
from shared.auth import Principal

log = logging.getLogger(__name__)
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
router = APIRouter(prefix="/v1", tags=["calls"],
                   responses={401: PROBLEM, 403: PROBLEM, 413: PROBLEM, 422: PROBLEM,
                              429: PROBLEM, 503: PROBLEM,
                              504: {**PROBLEM, "description": "Kafka has not acknowledged "
                                    "the call yet; it is pending. Retry the same request."}})

CallIdPath = Annotated[str, Path(
    pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
    description="The call_id intake answered with.",
)]


def answer(result: Result) -> tuple[int, CallAccepted]:
    """The status (202 when something was published, else 200) and body of an answer."""
    code = status.HTTP_202_ACCEPTED if result.published else status.HTTP_200_OK
    return code, CallAccepted(call_id=result.call_id, duplicate=not result.published,
                              version=result.version, status=result.status,
                              changed_fields=result.changed_fields)


def _answer(result: Result, response: Response) -> CallAccepted:
    response.status_code, accepted = answer(result)
    return accepted


async def accept_call(call: CallCreate, principal: Principal, settings: IntakeSettings,
                      service: IntakeService, idempotency_key: str | None) -> Result:
    """POST /v1/calls once the caller and the body are checked (also run by
    :class:`services.intake.fastpath.FastCallPost`)."""
    agency = resolve_agency(principal, call.agency, settings.default_agency)
    return await service.submit(to_payload(call, agency), idempotency_key=idempotency_key)


@router.post(
    "/calls",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CallAccepted,
    responses={200: {"model": CallAccepted, "description": "Accepted before (a retry)."},
               409: PROBLEM},
)
async def post_call(
    call: CallCreate, response: Response, principal: CallerDep, settings: SettingsDep,
    service: ServiceDep, idempotency_key: IdempotencyKeyDep = None,
) -> CallAccepted:
    """Accept a call; 202 only once Kafka has durably stored it, 200 for a retry."""
    result = await accept_call(call, principal, settings, service, idempotency_key)
    return _answer(result, response)


def _owned(store: StoreDep, call_id: str, principal: CallerDep, settings: SettingsDep) -> Any:
    row = store.get(call_id)
    # Another agency's call is answered as if it did not exist: no probing for ids.
    if row is None or not may_touch(principal, row.agency, settings.default_agency):
        raise CallNotFound("No such call for this API key.", field="call_id")
    return row


@router.get("/calls/{call_id}", response_model=CallPublic, responses={404: PROBLEM})
async def get_call(
    call_id: CallIdPath, principal: CallerDep, settings: SettingsDep, store: StoreDep
) -> CallPublic:
    """The call as it now stands, for the agency that owns it."""
    row = _owned(store, call_id, principal, settings)
    return CallPublic(call_id=row.call_id, agency=row.agency,
                      cad_incident_id=row.cad_incident_id, status=row.status,
                      version=row.version, created_at=row.created_at,
                      updated_at=row.updated_at, call=json.loads(row.state),
                      pending=row.outbox is not None)


@router.patch(
    "/calls/{call_id}",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CallAccepted,
    responses={200: {"model": CallAccepted, "description": "Nothing changed (or a retry)."},
               404: PROBLEM, 409: PROBLEM},
)
async def patch_call(
    call_id: CallIdPath, patch: CallPatch, response: Response, principal: CallerDep,
    settings: SettingsDep, store: StoreDep, service: ServiceDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> CallAccepted:
    """Update a call; publishes CallUpdated (the whole call + changed_fields)."""
    _owned(store, call_id, principal, settings)
    result = await service.update(call_id, patch, idempotency_key=idempotency_key)
    return _answer(result, response)


@router.post(
    "/calls/{call_id}/cancel",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CallAccepted,
    responses={200: {"model": CallAccepted, "description": "Cancelled before."},
               404: PROBLEM},
)
async def cancel_call(
    call_id: CallIdPath, response: Response, principal: CallerDep, settings: SettingsDep,
    store: StoreDep, service: ServiceDep,
    cancel: Annotated[CallCancel | None, Body()] = None,
) -> CallAccepted:
    """Cancel a call; publishes CallCancelled."""
    _owned(store, call_id, principal, settings)
    result = await service.cancel(call_id, cancel.reason if cancel else None)
    return _answer(result, response)


@router.post(
    "/eido",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CallAccepted,
    tags=["eido"],
    responses={200: {"model": CallAccepted, "description": "Nothing new (a retry)."},
               409: PROBLEM},
)
async def post_eido(
    eido: EidoDocument, request: Request, response: Response, principal: CallerDep,
    settings: SettingsDep, service: ServiceDep,
    agency: Annotated[str | None, Query(
        max_length=64, pattern=AGENCY_PATTERN,
        description="Agency of the call; a CAD key's own agency when left out.")] = None,
    idempotency_key: IdempotencyKeyDep = None,
) -> CallAccepted:
    """Accept an EIDO (NENA-STA-021); the same incident sent again updates the call."""
    resolved = resolve_agency(principal, agency, settings.default_agency)
    raw = await request.json()
    try:
        call, unmapped = eido_to_call(eido, raw if isinstance(raw, dict) else {})
    except EidoInvalid as err:
        fields = ", ".join(e["field"] for e in err.errors)
        raise IntakeProblem(422, "Invalid EIDO", f"Invalid fields: {fields}",
                            field=err.errors[0]["field"], errors=err.errors) from err
    payload = to_payload(call, resolved, eido_unmapped=unmapped or None)
    result = await service.submit(payload, idempotency_key=idempotency_key,
                                  update_on_change=True)
    return _answer(result, response)

"""Intake's routes."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, status

from services.intake.deps import PublisherDep, SettingsDep
from services.intake.models import CallAccepted, CallCreate
from shared.auth import Role, require
from shared.events import CallReceived, Location, derive_id, make_event
from shared.topics import CALLS_RECEIVED

log = logging.getLogger(__name__)
PROBLEM = {"content": {"application/problem+json": {}}}
router = APIRouter(prefix="/v1", tags=["calls"],
                   dependencies=[Depends(require(Role.cad, Role.admin))],
                   responses={401: PROBLEM, 403: PROBLEM})


@router.post(
    "/calls",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CallAccepted,
    responses={422: PROBLEM, 503: PROBLEM},
)
async def post_call(
    call: CallCreate, settings: SettingsDep, publisher: PublisherDep
) -> CallAccepted:
    """Accept a call; answers 202 only once Kafka has durably stored it."""
    agency = call.agency or settings.default_agency
    # The same agency + CAD incident id always maps to the same call and event ids, so a
    # CAD that retries after a timeout cannot create a second call downstream.
    call_id = str(derive_id("call", agency, call.cad_incident_id))
    payload = CallReceived(
        agency=agency,
        cad_incident_id=call.cad_incident_id,
        call_type=call.call_type,
        narrative=call.narrative,
        received_at=call.received_at,
        location=Location.model_validate(call.location.model_dump()),
    )
    event = make_event(
        payload, producer=settings.service_name, call_id=call_id,
        event_id=derive_id(call_id, "CallReceived"),
    )
    await publisher.publish(CALLS_RECEIVED, event)
    log.info("call accepted", extra={"call_id": call_id, "event_id": str(event.event_id)})
    return CallAccepted(call_id=call_id)

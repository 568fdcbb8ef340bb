"""Assignment's event handlers: plain functions of (event, dependencies), in one map."""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlmodel import Session, select

from services.assignment.matching import RosterUnit, match_unit
from services.assignment.store import Assignment, Unit
from shared.events import (
    CallQueued,
    CallTriaged,
    Envelope,
    Location,
    UnitAssigned,
    UnitStatus,
    UnitStatusChanged,
)
from shared.kafka import Handler, Outgoing, event_for
from shared.topics import CALLS_ASSIGNED, UNITS_STATUS

log = logging.getLogger(__name__)


def assign_call(
    session: Session, envelope: Envelope, triaged: CallTriaged, *, producer: str, speed_kmh: float
) -> Outgoing:
    """Send one unit of every needed type, or queue the call for the types with none free."""
    call_id = envelope.call_id
    out: Outgoing = []
    for unit_type in triaged.units:
        existing = session.exec(
            select(Assignment).where(Assignment.call_id == call_id,
                                     Assignment.unit_type == unit_type)
        ).first()
        if existing is not None:
            # Redelivered after a crash: the unit was already chosen; republishing the same
            # deterministic events is harmless, choosing again would double-book.
            continue
        units = session.exec(select(Unit).where(Unit.unit_type == unit_type)).all()
        match = match_unit(
            [RosterUnit(u.unit_id, u.unit_type, u.status, u.lat, u.lon) for u in units],
            unit_type, triaged.location, speed_kmh,
        )
        if match.chosen is None:
            out.append(event_for(
                CALLS_ASSIGNED,
                CallQueued(unit_type=unit_type, priority=triaged.priority,
                           reason=f"no available {unit_type} unit"),
                producer=producer, call_id=call_id, cause=envelope, discriminator=unit_type,
            ))
            continue
        unit = next(u for u in units if u.unit_id == match.chosen.unit_id)
        previous = unit.status
        unit.status = UnitStatus.dispatched
        unit.current_call_id = call_id
        session.add(unit)
        session.add(Assignment(call_id=call_id, unit_type=unit_type, unit_id=unit.unit_id))
        out.append(event_for(
            CALLS_ASSIGNED,
            UnitAssigned(unit_id=unit.unit_id, unit_type=unit_type,
                         distance_km=match.chosen.distance_km, eta_s=match.chosen.eta_s,
                         rule=match.rule, candidates=match.candidates),
            producer=producer, call_id=call_id, cause=envelope, discriminator=unit_type,
        ))
        out.append(event_for(
            UNITS_STATUS,
            UnitStatusChanged(unit_id=unit.unit_id, unit_type=unit.unit_type,
                              status=UnitStatus.dispatched, previous_status=previous,
                              location=Location(lat=unit.lat, lon=unit.lon)),
            producer=producer, call_id=call_id, cause=envelope, key=unit.unit_id,
        ))
        log.info("unit assigned", extra={"call_id": call_id, "unit_id": unit.unit_id})
    return out


def build_handlers(engine: Engine, producer: str, speed_kmh: float) -> dict[str, Handler]:
    async def triaged(envelope: Envelope, payload: CallTriaged) -> Outgoing:
        with Session(engine) as session:
            out = assign_call(session, envelope, payload, producer=producer,
                              speed_kmh=speed_kmh)
            session.commit()
        return out

    return {"CallTriaged": triaged}

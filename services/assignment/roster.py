"""Admins' changes to the roster: a new unit, or a unit's station, area, shift or position.
Either may free a unit for the queue, which is served in the same decision."""

from __future__ import annotations

from services.assignment.crews import UnitNotFound
from services.assignment.decisions import Decision, drain, forget_roster, status_event
from services.assignment.store import Unit, UnitCreate, UnitUpdate
from shared.events import UnitStatus


class UnitExists(ValueError):
    pass


def unit_created(d: Decision, data: UnitCreate) -> Unit:
    """Add a unit to the roster (available); raises UnitExists."""
    if d.uow.units.get(data.unit_id) is not None:
        raise UnitExists(data.unit_id)
    unit = Unit.model_validate(data.model_dump())
    unit.updated_at = d.now
    d.uow.units.add(unit)
    forget_roster(d, unit.unit_type)
    status_event(d, unit.unit_id, unit.unit_type, unit.status, None, None, unit.lat, unit.lon)
    drain(d, {unit.unit_type})
    # As it stands now: dispatched already if a call was waiting for it.
    now = d.uow.units.get_for_update(unit.unit_id)
    assert now is not None
    return now


def unit_updated(d: Decision, unit_id: str, data: UnitUpdate) -> Unit:
    """Change a unit's station, area, shift or position; a wider area may serve the queue.
    Returns the unit as changed (before the queue was served)."""
    unit = d.uow.units.get_for_update(unit_id)
    if unit is None:
        raise UnitNotFound(unit_id)
    for name, value in data.model_dump(exclude_unset=True).items():
        setattr(unit, name, value)
    unit.updated_at = d.now
    forget_roster(d, unit.unit_type)
    edited = Unit.model_validate(unit.model_dump())
    if unit.status == UnitStatus.available:
        drain(d, {unit.unit_type})
    return edited

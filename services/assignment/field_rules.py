"""The field's rules, pure: who stages until police secure the scene, what a crew is shown
of its call (minimum necessary), how urgent a backup request is, and when a crew may clear.

What a crew is shown (:func:`crew_view`), by allow-list:

* every unit type: the call's id, priority, location (address, point, district), the
  safety warnings in plain words, whether to stage, and its co-responders;
* the unit types that act on what the call is about (police, EMS, fire, the crisis team,
  community service officers): also the pathway, triage's tags and the rules that fired;
* ambassadors, animal and traffic control: the pathway only, no tags or triage reasons.

Assignment holds neither the caller's narrative nor their callback number (they reach a
crew by radio from the call-taker), so no crew reads them here. Everything about a call is
shown only while the unit holds it: a feed entry about a call the unit no longer holds is
reduced to its kind, call id and reason (:func:`redacted_entry`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, Field

from shared.contracts import UnitStatus, UnitType
from shared.field_contracts import BackupReason

U = UnitType

# --- staging ---------------------------------------------------------------------------


class StagingPolicy(BaseModel):
    """Who waits nearby until police report the scene secure.

    A unit stages when its type is in ``unit_types``, the call's plan (triage's units)
    includes one of ``secured_by``, and the call carries one of ``safety_flags``.
    """

    unit_types: list[UnitType] = Field(
        default_factory=lambda: [U.bcr, U.ems, U.cso, U.ambassador],
        description="Unit types that stage on a dangerous call.")
    safety_flags: list[str] = Field(
        default_factory=lambda: ["weapon", "weapons", "firearm", "violence",
                                 "violence_in_progress", "hostile_person",
                                 "suspect_on_scene"],
        description="Safety flags that make a call dangerous to walk into.")
    secured_by: list[UnitType] = Field(default_factory=lambda: [U.police],
                                       description="Unit types that secure a scene.")


def must_stage(policy: StagingPolicy, unit_type: UnitType, planned: Iterable[str],
               safety_flags: Iterable[str], secured: bool) -> bool:
    """Whether a unit of this type waits nearby for the scene to be secured."""
    if secured or unit_type not in policy.unit_types:
        return False
    if not {str(u) for u in policy.secured_by} & set(planned):
        return False
    flags = {f.lower() for f in safety_flags}
    return bool(flags & {f.lower() for f in policy.safety_flags})


def may_secure(policy: StagingPolicy, unit_type: UnitType, status: UnitStatus) -> bool:
    """Only a unit of a securing type, on scene, reports a scene secure."""
    return unit_type in policy.secured_by and status == UnitStatus.on_scene


# --- what a crew sees ------------------------------------------------------------------

COMMON_DETAILS = ("kind", "call_id", "unit_type", "priority", "address", "lat", "lon",
                  "district", "safety", "safety_flags", "stage", "reason", "at", "outcome")
CALL_NATURE = ("pathway", "tags", "triage_reasons")
DETAILS_BY_TYPE: dict[UnitType, tuple[str, ...]] = {
    **{t: (*COMMON_DETAILS, *CALL_NATURE) for t in (U.police, U.ems, U.fire, U.bcr, U.cso)},
    **{t: (*COMMON_DETAILS, "pathway")
       for t in (U.ambassador, U.animal_control, U.traffic_control)},
}
REDACTED_DETAILS = ("kind", "call_id", "unit_type", "reason", "at", "outcome")


def crew_view(unit_type: UnitType, details: Mapping[str, Any]) -> dict[str, Any]:
    """What a crew of this type is shown of its call: the allow-listed fields only."""
    allowed = DETAILS_BY_TYPE.get(unit_type, COMMON_DETAILS)
    return {k: v for k, v in details.items() if k in allowed}


def redacted_entry(details: Mapping[str, Any]) -> dict[str, Any]:
    """A feed entry about a call the unit no longer holds: what happened, not where."""
    return {k: v for k, v in details.items() if k in REDACTED_DETAILS}


# --- backup and clearing ---------------------------------------------------------------

BACKUP_RULE = "backup_request"


def backup_priority(reason: BackupReason, call_priority: int) -> int:
    """A request for safety or a medical emergency goes first in the queue; any other is
    as urgent as the call."""
    if reason in (BackupReason.safety, BackupReason.medical, BackupReason.fire):
        return 1
    return call_priority


CLEARABLE = frozenset({UnitStatus.dispatched, UnitStatus.en_route, UnitStatus.staged,
                       UnitStatus.on_scene})


def may_clear(status: UnitStatus) -> bool:
    """A unit clears the call it holds from any status short of being free or out of
    service (a crew cancelled on the way codes ``cancelled``)."""
    return status in CLEARABLE

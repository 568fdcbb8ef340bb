"""What an auditor sees of a payload without a stated reason: an allow-list.

Every field shown is named here, per event type, with the shape its value must have.
Anything else is withheld: narratives, caller details, addresses, triage evidence, a
cancellation's reason, the EIDO's unmapped remainder (names, dates of birth, medical
conditions), a responder's free-text reasons, and any field or event type added later,
until someone decides here that it may be shown. With a stated (and recorded) reason the
whole payload is shown.
"""

from __future__ import annotations

from typing import Any

REDACTED = "[redacted]"

# The shapes a shown value may have; any other value in an allowed field is withheld.
SCALAR = "scalar"  # a string, number, boolean or null
SCALARS = "scalars"  # a list of those
Shape = str | dict[str, Any] | list[dict[str, Any]]  # a list of one object shape

_SCALAR_TYPES = (str, int, float, bool, type(None))

# A position and its district, never the street address.
LOCATION: dict[str, Shape] = {"lat": SCALAR, "lon": SCALAR, "district": SCALAR}
UNIT: dict[str, Shape] = {"unit_id": SCALAR, "unit_type": SCALAR}
# The 911 floor's actions: who acted, when, and the coded reason; the note is free text.
FLOOR_ACTION: dict[str, Shape] = {"by_key": SCALAR, "by_role": SCALAR, "acted_at": SCALAR,
                                  "reason_code": SCALAR}

# CallReceived and CallUpdated: the call's classification, not who called or what they
# said (narrative, caller, screening answers, CAD flags, EIDO remainder are withheld).
CALL: dict[str, Shape] = {
    "agency": SCALAR, "cad_incident_id": SCALAR, "call_type": SCALAR,
    "call_type_description": SCALAR, "received_at": SCALAR, "cad_priority": SCALAR,
    "location": LOCATION,
}

SHOWN: dict[str, dict[str, Shape]] = {
    "CallReceived": CALL,
    "CallUpdated": {**CALL, "changed_fields": SCALARS},
    "CallCancelled": {},  # its reason is the CAD's free text
    "CallTriaged": {
        "tags": SCALARS, "safety_flags": SCALARS, "pathway": SCALAR, "units": SCALARS,
        "priority": SCALAR, "reasons": [{"rule_id": SCALAR}], "confidence": SCALAR,
        "review": SCALAR, "review_reason": SCALAR, "policy_id": SCALAR,
        "policy_version": SCALAR, "policy_hash": SCALAR, "location": LOCATION,
        "retriage": SCALAR, "changes": SCALARS, "agency": SCALAR,
    },
    "UnitAssigned": {
        **UNIT, "distance_km": SCALAR, "eta_s": SCALAR, "rule": SCALAR,
        "candidates": [{**UNIT, "distance_km": SCALAR, "eta_s": SCALAR,
                        "passed_over": SCALAR}],
        "candidates_total": SCALAR, "priority": SCALAR, "waited_s": SCALAR,
    },
    "CallQueued": {"unit_type": SCALAR, "priority": SCALAR, "reason": SCALAR,
                   "fallback_due_s": SCALAR},
    "UnitStatusChanged": {**UNIT, "status": SCALAR, "previous_status": SCALAR,
                          "location": LOCATION},
    "AssignmentFallback": {"unit_type": SCALAR, "fallback_units": SCALARS,
                           "keep_waiting": SCALAR, "rule_id": SCALAR, "reason": SCALAR,
                           "waited_s": SCALAR, "priority": SCALAR},
    "UnitReleased": {**UNIT},  # its reason may be a crew's free text
    "AssignmentTimedOut": {**UNIT, "waited_s": SCALAR, "reason": SCALAR},
    "AssignmentAccepted": {**UNIT},
    "FloorPrompted": {"state": SCALAR, "reason": SCALAR, "units": SCALARS,
                      "deadline": SCALAR, "on_timeout": SCALAR},
    "DecisionConfirmed": {**FLOOR_ACTION, "units": SCALARS},
    "DecisionOverridden": {**FLOOR_ACTION, "units": SCALARS, "recommended": SCALARS},
    "CallResolvedByPhone": {**FLOOR_ACTION, "outcome_code": SCALAR},
    "CallTransferred": {**FLOOR_ACTION, "to": SCALAR, "agency": SCALAR},
    "CallHeld": {**FLOOR_ACTION, "callback_at": SCALAR},
    "PoliceSentByFloor": {**FLOOR_ACTION, "keep_waiting": SCALAR},
    "FloorTimedOut": {"state": SCALAR, "applied": SCALAR, "units": SCALARS,
                      "waited_s": SCALAR},
    # A crew's backup request and its clearing: coded fields; the clearing's note is free
    # text and withheld.
    "BackupRequested": {**UNIT, "requested": SCALARS, "reason_code": SCALAR},
    "UnitCleared": {**UNIT, "outcome": SCALAR},
    # A police unit's word that the scene is secure, and the staged units it sends in.
    "SceneSecured": {**UNIT, "staged_units": SCALARS},
    "EventDeadLettered": {"reason": SCALAR, "source_topic": SCALAR,
                          "source_partition": SCALAR, "source_offset": SCALAR,
                          "consumer_group": SCALAR},
    "AuditAccessed": {"key_id": SCALAR, "role": SCALAR, "method": SCALAR, "path": SCALAR,
                      "revealed": SCALAR},
}


def _empty(value: Any) -> bool:
    return value is None or value in ("", [], {})


def _shown(value: Any, shape: Shape) -> Any:
    """The value if it has the shape, with nested objects filtered the same way."""
    if value is None:
        return None
    if shape == SCALAR:
        return value if isinstance(value, _SCALAR_TYPES) else REDACTED
    if shape == SCALARS:
        ok = isinstance(value, list) and all(isinstance(v, _SCALAR_TYPES) for v in value)
        return value if ok else REDACTED
    if isinstance(shape, dict):
        return _object(value, shape) if isinstance(value, dict) else REDACTED
    if isinstance(shape, list) and isinstance(value, list):
        return [_object(v, shape[0]) if isinstance(v, dict) else REDACTED for v in value]
    return REDACTED


def _object(value: dict[str, Any], shape: dict[str, Shape]) -> dict[str, Any]:
    # A withheld field keeps its name (the auditor learns something is there and may ask
    # with a reason); an empty one is shown as it is, which tells nothing.
    return {k: (_shown(v, shape[k]) if k in shape else v if _empty(v) else REDACTED)
            for k, v in value.items()}


def redacted(payload: Any, event_type: str) -> Any:
    """The payload as shown without a reason: allowed fields only, for known types."""
    if not isinstance(payload, dict):
        return REDACTED
    return _object(payload, SHOWN.get(event_type, {}))

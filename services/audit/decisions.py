"""Pure extraction of the searchable facts of a decision from an event's payload.

At insert time each call event becomes one row of ``audit_decision`` (plus its tags, rule
ids and unit types as rows of ``audit_decision_attr``), so that search is a plain indexed
query. An assignment carries the triage context of its call (pathway, policy version,
tags, rules, district), so "every police assignment under policy 3 for behavioral health"
is one query.

A *fallback* is a decision where what the triage asked for did not go: a unit of another
type was sent (or the payload says ``fallback``), or no unit of the wanted type was free
and the call was queued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = {
    "CallReceived": "received",
    "CallUpdated": "updated",
    "CallCancelled": "cancelled",
    "CallTriaged": "triaged",
    "UnitAssigned": "assigned",
    "CallQueued": "queued",
}
# The 911 floor's say in a decision (services/assignment/floor.py): searchable by kind and
# by the action's reason code (kinds fit the index's 16 characters).
FLOOR_KINDS = {
    "FloorPrompted": "floor_prompted",
    "DecisionConfirmed": "confirmed",
    "DecisionOverridden": "overridden",
    "CallResolvedByPhone": "phone_resolved",
    "CallTransferred": "transferred",
    "CallHeld": "held",
    "PoliceSentByFloor": "police_now",
    "FloorTimedOut": "floor_timed_out",
}
KINDS.update(FLOOR_KINDS)
# The field's side of a call (shared/field_contracts.py): a crew asking for backup, a unit
# clearing with a coded outcome (searchable as ``outcome``), and the unit status reports
# that time the call (en route, on scene) when their envelope names it.
FIELD_KINDS = {
    "BackupRequested": "backup_requested",
    "UnitCleared": "cleared",
}
KINDS.update(FIELD_KINDS)
STATUS_KINDS = {"en_route": "en_route", "on_scene": "on_scene"}
POLICE = "police"

# The event types whose index row inherits the call's latest triage; the others (a call
# received, a triage) stand on their own payload.
INDEXED_LATE = frozenset({"UnitAssigned", "CallQueued", "CallUpdated", "CallCancelled",
                          "UnitStatusChanged", *FLOOR_KINDS, *FIELD_KINDS})


@dataclass
class TriageContext:
    """What the latest triage of a call decided; inherited by its assignments."""

    pathway: str | None = None
    policy_version: str | None = None
    district: str | None = None
    tags: list[str] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)


@dataclass
class Decision:
    kind: str
    call_id: str | None
    occurred_at: str
    pathway: str | None = None
    policy_version: str | None = None
    district: str | None = None
    unit_type: str | None = None
    unit_id: str | None = None
    priority: int | None = None
    police: bool = False
    fallback: bool = False
    tags: list[str] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    # A floor action's reason code, and where a transfer went ("988" or "agency").
    reason_code: str | None = None
    transferred_to: str | None = None
    # How a unit's part in the call ended (a clearing's coded outcome).
    outcome: str | None = None

    def attrs(self) -> list[tuple[str, str]]:
        return ([("tag", t) for t in self.tags] + [("rule", r) for r in self.rule_ids]
                + [("unit", u) for u in self.units]
                + [(name, v) for name, v in (("reason", self.reason_code),
                                             ("to", self.transferred_to),
                                             ("outcome", self.outcome)) if v is not None])


def _str(value: Any, limit: int = 200) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)[:limit]


def _strs(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return sorted({s for v in value if (s := _str(v)) is not None})


def _district(payload: dict[str, Any]) -> str | None:
    location = payload.get("location")
    return _str(location.get("district")) if isinstance(location, dict) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def triage_context(payload: dict[str, Any]) -> TriageContext:
    reasons = payload.get("reasons")
    rules = [r.get("rule_id") for r in reasons if isinstance(r, dict)] if isinstance(
        reasons, list) else []
    return TriageContext(
        pathway=_str(payload.get("pathway")), policy_version=_str(payload.get("policy_version")),
        district=_district(payload), tags=_strs(payload.get("tags")), rule_ids=_strs(rules),
        units=_strs(payload.get("units")),
    )


def context_of(triage: Decision) -> TriageContext:
    """What a triage decision hands on to the call's later decisions."""
    return TriageContext(pathway=triage.pathway, policy_version=triage.policy_version,
                         district=triage.district, tags=triage.tags,
                         rule_ids=triage.rule_ids, units=triage.units)


# A floor action may be recorded before its call's triage too (calls.assigned and
# calls.triaged are consumed in parallel).
ORPHAN_KINDS = ("assigned", "queued", *FLOOR_KINDS.values(), *FIELD_KINDS.values(),
                *STATUS_KINDS.values())


def is_orphan(decision: Decision) -> bool:
    """An assignment or queueing recorded before any triage of its call: the index row
    is completed by the call's next triage (see :func:`fills_orphans`)."""
    return (decision.kind in ORPHAN_KINDS and decision.pathway is None
            and decision.policy_version is None)


def fills_orphans(ctx: TriageContext) -> bool:
    return ctx.pathway is not None or ctx.policy_version is not None


def backfilled_fallback(kind: str, unit_type: str | None, fallback: bool,
                        ctx: TriageContext) -> bool:
    """An orphaned assignment of a type its triage did not ask for is a fallback."""
    return fallback or bool(kind == "assigned" and ctx.units and unit_type not in ctx.units)


def decision_for(
    event_type: str, call_id: str | None, occurred_at: str, payload: dict[str, Any],
    context: TriageContext | None,
) -> Decision | None:
    """The searchable row of one event, or None for events that are not about a call."""
    kind = KINDS.get(event_type)
    if event_type == "UnitStatusChanged":
        # Only the statuses that time a call, and only when the envelope names the call.
        kind = STATUS_KINDS.get(str(payload.get("status")))
    if kind is None or call_id is None:
        return None
    if kind == "triaged":
        ctx = triage_context(payload)
        return Decision(
            kind=kind, call_id=call_id, occurred_at=occurred_at, pathway=ctx.pathway,
            policy_version=ctx.policy_version, district=ctx.district,
            priority=_int(payload.get("priority")), police=POLICE in ctx.units,
            tags=ctx.tags, rule_ids=ctx.rule_ids, units=ctx.units,
        )
    ctx = context or TriageContext()
    decision = Decision(
        kind=kind, call_id=call_id, occurred_at=occurred_at, pathway=ctx.pathway,
        policy_version=ctx.policy_version, district=_district(payload) or ctx.district,
        tags=list(ctx.tags), rule_ids=list(ctx.rule_ids),
    )
    if kind in ("assigned", "queued"):
        unit_type = _str(payload.get("unit_type"))
        decision.unit_type = unit_type
        decision.unit_id = _str(payload.get("unit_id"))
        decision.priority = _int(payload.get("priority"))
        decision.units = [unit_type] if unit_type else []
        decision.police = kind == "assigned" and unit_type == POLICE
        if kind == "queued":
            decision.fallback = True
        else:
            asked_other = bool(context and context.units and unit_type not in context.units)
            decision.fallback = bool(payload.get("fallback")) or asked_other
    elif kind in FLOOR_KINDS.values():
        decision.reason_code = _str(payload.get("reason_code"), 64)
        decision.transferred_to = _str(payload.get("to"), 16) if kind == "transferred" else None
        decision.units = _strs(payload.get("units"))
        decision.police = kind == "police_now"
    elif kind in (*FIELD_KINDS.values(), *STATUS_KINDS.values()):
        field_action(decision, payload)
    return decision


def field_action(decision: Decision, payload: dict[str, Any]) -> None:
    """What a crew's report adds to its row: the unit, and for a backup request the types
    asked for and why, for a clearing its coded outcome."""
    decision.unit_type = _str(payload.get("unit_type"))
    decision.unit_id = _str(payload.get("unit_id"))
    if decision.kind == "backup_requested":
        decision.units = _strs(payload.get("requested"))
        decision.reason_code = _str(payload.get("reason_code"), 64)
    else:
        decision.units = [decision.unit_type] if decision.unit_type else []
        decision.police = decision.unit_type == POLICE
    if decision.kind == "cleared":
        decision.outcome = _str(payload.get("outcome"), 64)

"""The 911 floor's live queue, as the console shows it: the calls awaiting confirmation
(those triage flagged for review first), held for a call-back, or waiting for a free
crisis team, each with its deadline and reasons, and the policy's codes for the actions'
pickers."""

from __future__ import annotations

from typing import Any

from services.assignment.floor import PENDING, may_see, state_of, view, when
from services.assignment.floor_policy import FloorPolicy
from services.assignment.rules import safety_in_plain_words
from services.assignment.store import CallRecord, Need
from services.assignment.unit_of_work import AbstractUnitOfWork
from shared.auth import Principal
from shared.events import UnitType

# The longest queue one read returns: more calls than a floor can work at once.
QUEUE_LIMIT = 200


def _urgency(decision: dict[str, Any]) -> tuple[int, float]:
    deadline = decision["deadline"]
    return (decision["priority"], deadline.timestamp() if deadline else float("inf"))


def reason_in_plain_words(rule_id: str) -> str:
    """A triage rule's id as words ("bh.distress_no_risk": "bh: distress no risk")."""
    family, _, rest = rule_id.partition(".")
    return f"{family}: {rest.replace('_', ' ')}" if rest else family.replace("_", " ")


def queued(call: CallRecord, needs: list[Need]) -> dict[str, Any]:
    """A decision as the console lists it: its reasons (with what fired each) and safety
    flags in words too."""
    call_view = view(call, needs)
    evidence = call.evidence or []
    words = []
    for at, rule_id in enumerate(call_view["reasons"]):
        quoted = evidence[at] if at < len(evidence) else ""
        words.append(reason_in_plain_words(rule_id) + (f" (\u201c{quoted}\u201d)"
                                                       if quoted else ""))
    return {**call_view, "reason_words": words,
            "safety_words": safety_in_plain_words(call_view["safety_flags"])}


def floor_queue(uow: AbstractUnitOfWork, policy: FloorPolicy, principal: Principal,
                now: float) -> dict[str, Any]:
    """The calls the floor may act on now that the principal may see, most urgent first
    (priority, then the nearest deadline)."""
    calls = []
    for call in uow.calls.pending_floor(PENDING, QUEUE_LIMIT):
        if not may_see(principal, call):
            continue
        needs = uow.needs.for_call(call.call_id, lock=False)
        if state_of(call, needs) in PENDING:
            calls.append(queued(call, needs))
    return {"now": when(now), "calls": sorted(calls, key=_urgency),
            "reason_codes": policy.reason_codes, "outcome_codes": policy.outcome_codes,
            "max_hold_s": policy.max_hold_s, "unit_types": [u.value for u in UnitType]}

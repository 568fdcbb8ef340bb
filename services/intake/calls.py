"""Pure decisions of intake: no I/O here, so every rule is unit-tested on its own.

- which agency a call belongs to, given the key that posted it;
- what a repeated post means (a duplicate, a conflict, or a call to create);
- what an update changes.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from services.intake.errors import AgencyNotAllowed
from services.intake.models import CallCreate, CallPatch
from shared.auth import Principal, Role
from shared.events import CallReceived, Location, derive_id


def call_id_for(agency: str, cad_incident_id: str) -> str:
    """The same agency + CAD incident id always maps to the same call id."""
    return str(derive_id("call", agency, cad_incident_id))


def received_event_id(call_id: str, digest: str) -> str:
    """The CallReceived of a call posted with this content (``digest``: its body_hash).

    The same content always gets the same id, so a retry re-publishes the very event a
    timed-out attempt may still deliver and consumers skip the second copy; other content
    gets another id, so a changed post is never skipped as a duplicate of the first.
    """
    return str(derive_id(call_id, "CallReceived", digest))


def updated_event_id(call_id: str, version: int, digest: str) -> str:
    """The CallUpdated that made ``version`` of the call, with this content."""
    return str(derive_id(call_id, "CallUpdated", version, digest))


def effective_agency(principal: Principal, default_agency: str) -> str | None:
    """The agency a key is bound to (CAD keys); None for keys that may act for any agency."""
    if principal.role == Role.cad:
        return principal.agency or default_agency
    return None


def resolve_agency(principal: Principal, requested: str | None, default_agency: str) -> str:
    """The call's agency: a CAD key may only post for its own agency."""
    bound = effective_agency(principal, default_agency)
    if bound is not None:
        if requested is not None and requested != bound:
            raise AgencyNotAllowed("This API key may only post calls for its own agency.",
                                   field="body.agency")
        return bound
    return requested or default_agency


def may_touch(principal: Principal, call_agency: str, default_agency: str) -> bool:
    bound = effective_agency(principal, default_agency)
    return bound is None or bound == call_agency


def to_payload(call: CallCreate, agency: str,
               eido_unmapped: dict[str, Any] | None = None) -> CallReceived:
    """The native call → the CallReceived payload (the call as it stands)."""
    return CallReceived(
        agency=agency,
        cad_incident_id=call.cad_incident_id,
        call_type=call.call_type or call.call_type_description,
        call_type_description=call.call_type_description,
        narrative=call.narrative,
        received_at=call.received_at,
        location=Location.model_validate(call.location.model_dump()),
        cad_priority=call.cad_priority,
        flags=dict(call.flags),
        caller=call.caller.model_dump() if call.caller else None,
        screening=(call.screening.model_dump(exclude_none=True)
                   if call.screening and call.screening.answered() else None),
        eido_unmapped=eido_unmapped,
    )


def body_hash(data: Any) -> str:
    """SHA-256 of canonical JSON: the same content hashes the same however it was spelled."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Outcome(StrEnum):
    create = "create"              # new call: record, publish, 202
    republish = "republish"        # recorded but never acknowledged: publish again, 202
    replace_pending = "replace_pending"  # never acknowledged, body changed: replace, 202
    duplicate = "duplicate"        # accepted before with the same content: 200
    update = "update"              # accepted before, content changed, caller asked to update
    conflict_key = "conflict_key"  # Idempotency-Key reused for different content: 409
    conflict_body = "conflict_body"  # same CAD incident id, different content: 409


@dataclass(frozen=True)
class Seen:
    """What the store knows of a call, as far as deciding goes."""

    call_id: str
    body_hash: str
    version: int
    pending: bool  # an event is recorded but not yet acknowledged by Kafka


def decide_submit(*, call_id: str, digest: str, existing: Seen | None, keyed: Seen | None,
                  update_on_change: bool = False) -> Outcome:
    """What posting a call means, given what the store already holds.

    ``existing`` is the call with this agency + CAD incident id; ``keyed`` the call first
    posted under the same Idempotency-Key (if any).
    """
    if keyed is not None and (keyed.call_id != call_id or keyed.body_hash != digest):
        return Outcome.conflict_key
    if existing is None:
        return Outcome.create
    if existing.pending and existing.version == 0:
        return Outcome.republish if existing.body_hash == digest else Outcome.replace_pending
    if existing.body_hash == digest:
        return Outcome.duplicate
    return Outcome.update if update_on_change else Outcome.conflict_body


# Fields of the call an update may change, in the order changed_fields lists them.
UPDATABLE = ("call_type", "call_type_description", "cad_priority", "narrative", "location",
             "caller", "flags", "screening", "eido_unmapped")


def apply_patch(current: dict[str, Any], patch: CallPatch) -> tuple[dict[str, Any], list[str]]:
    """The call after ``patch`` (JSON form), and which fields actually changed.

    A field left out, or sent as null, is left as it is; flags and screening answers
    are merged; narrative_append
    adds a line to the narrative.
    """
    new = copy.deepcopy(current)
    given = {name: getattr(patch, name) for name in patch.model_fields_set
             if getattr(patch, name, None) is not None}
    given = {k: v.model_dump(mode="json") if isinstance(v, BaseModel) else v
             for k, v in given.items()}
    for name in ("call_type", "call_type_description", "cad_priority", "narrative",
                 "location", "caller"):
        if name in given:
            new[name] = given[name]
    if "call_type_description" in given and not new.get("call_type"):
        new["call_type"] = given["call_type_description"]
    if "narrative_append" in given:
        before = new.get("narrative") or ""
        new["narrative"] = f"{before}\n{given['narrative_append']}" if before else \
            given["narrative_append"]
    if "flags" in given:
        new["flags"] = {**(new.get("flags") or {}), **given["flags"]}
    if "screening" in given:
        answers = {k: v for k, v in given["screening"].items() if v is not None}
        if answers:
            merged = {**(new.get("screening") or {}), **answers}
            new["screening"] = {k: v for k, v in merged.items() if v is not None}
    return new, changed_fields(current, new)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [f for f in UPDATABLE if before.get(f) != after.get(f)]

"""Event contracts: one envelope, typed payloads, one serializer.

Every event on every topic is an :class:`Envelope` serialized as UTF-8 JSON. The Kafka
key is the envelope's ``call_id`` (or the unit id for unit events that belong to no call)
so that all events of one call land on one partition, in order.

Raw bytes become typed models only here, at the edge (:func:`parse_event`); a payload that
does not parse raises :class:`EventRejected` with a reason fit for the dead-letter topic.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

import pydantic_core
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from shared.contracts import FLOOR_PAYLOADS
from shared.contracts import SCREENING_QUESTIONS as SCREENING_QUESTIONS
from shared.contracts import AssignmentAccepted as AssignmentAccepted
from shared.contracts import AssignmentFallback as AssignmentFallback
from shared.contracts import AssignmentTimedOut as AssignmentTimedOut
from shared.contracts import Caller as Caller
from shared.contracts import Contract as Contract
from shared.contracts import Location as Location
from shared.contracts import Screening as Screening
from shared.contracts import UnitReleased as UnitReleased
from shared.contracts import UnitStatus as UnitStatus
from shared.contracts import UnitType as UnitType
from shared.field_contracts import FIELD_PAYLOADS
from shared.field_contracts import BackupRequested as BackupRequested
from shared.field_contracts import Outcome as Outcome
from shared.field_contracts import UnitCleared as UnitCleared
from shared.policy_contracts import POLICY_PAYLOADS

# Ids derived from other ids (a call's from its agency and CAD incident id, an event's
# from its cause) are an HMAC under a secret of the deployment's: re-processing an event
# after a crash yields the very same id, so downstream deduplication holds, while nobody
# without the secret can compute an id ahead of time and plant an event under it (the
# real one would then be skipped as its duplicate). Set once per process from settings
# (ServiceSettings.event_id_key).
_ID_SECRET: bytes | None = None


class EventIdSecretMissing(RuntimeError):
    """An id was to be derived before the process was given the deployment's secret."""


def use_event_id_secret(secret: bytes) -> None:
    """The deployment's secret every derived id is keyed with, from now on."""
    global _ID_SECRET
    if len(secret) < 16:
        raise ValueError("the event id secret must hold at least 16 bytes")
    _ID_SECRET = secret


def derive_id(*parts: object) -> uuid.UUID:
    """A deterministic UUID from the given parts: HMAC-SHA-256 under the deployment's
    secret, shaped as a UUID (version 8, custom)."""
    if _ID_SECRET is None:
        raise EventIdSecretMissing("no event id secret: call use_event_id_secret first")
    name = "|".join(str(p) for p in parts).encode()
    raw = bytearray(hmac.new(_ID_SECRET, name, hashlib.sha256).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x80  # version 8
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 9562 variant
    return uuid.UUID(bytes=bytes(raw))


def utcnow() -> datetime:
    return datetime.now(UTC)



class CallReceived(Contract):
    """A CAD system handed us a call."""

    event_type: ClassVar[str] = "CallReceived"
    schema_version: ClassVar[int] = 1

    agency: str = Field(description="Agency that owns the call.", examples=["mpls"])
    cad_incident_id: str = Field(
        description="The CAD's own incident id.", examples=["MP-2026-004211"]
    )
    call_type: str | None = Field(
        default=None, description="CAD call type code or description.", examples=["EDP"]
    )
    narrative: str | None = Field(
        default=None, description="Call-taker notes. Sensitive: never logged.",
        examples=["Caller's brother talking about hurting himself, no weapons."],
    )
    received_at: datetime = Field(description="When the PSAP received the call.",
                                  examples=["2026-11-25T14:03:00Z"])
    location: Location = Field(description="Where help is needed.",
                               examples=[{"address": "2633 Minnehaha Ave", "district": "3"}])
    cad_priority: str | None = Field(default=None, description="Priority the CAD assigned.",
                                     examples=["2"])
    flags: dict[str, bool] = Field(
        default_factory=dict,
        description="Facts the CAD already knows: weapons, injuries, in_progress.",
        examples=[{"weapons": False, "injuries": False, "in_progress": True}],
    )
    call_type_description: str | None = Field(
        default=None, description="CAD call type description, when sent beside a code.",
        examples=["EMOTIONALLY DISTURBED PERSON"],
    )
    caller: Caller | None = Field(default=None, description="Caller callback. Sensitive.",
                                  examples=[{"callback": "+16125550147"}])
    screening: Screening | None = Field(
        default=None, description="The call-taker's answers to the screening questions.",
        examples=[{"weapons": False, "violence": False, "injury": False}],
    )
    eido_unmapped: dict[str, Any] | None = Field(
        default=None, description="Parts of a posted EIDO intake could not map, verbatim.",
        examples=[{"agencyComponent": [{"agencyIdentifier": "urn:nena:agency:mpls"}]}],
    )


class CallUpdated(CallReceived):
    """The CAD updated a call (more narrative, a weapon now reported, a corrected location).

    Carries the whole call as it now stands, so a consumer never has to merge.
    """

    event_type: ClassVar[str] = "CallUpdated"
    schema_version: ClassVar[int] = 1

    changed_fields: list[str] = Field(
        default_factory=list, description="Fields this update changed.",
        examples=[["narrative", "flags"]],
    )


class CallCancelled(Contract):
    """The CAD cancelled the call: whatever was assigned is released."""

    event_type: ClassVar[str] = "CallCancelled"
    schema_version: ClassVar[int] = 1

    reason: str | None = Field(
        default=None, max_length=500, description="Why the CAD cancelled the call.",
        examples=["duplicate call"])


class TriageReason(Contract):
    rule_id: str = Field(description="Policy rule that fired.", examples=["bh.suicidal_no_means"])
    evidence: str = Field(default="", description="Text that fired it.", examples=["denies SI"])


class CallTriaged(Contract):
    """Triage decided what kind of response the call needs."""

    event_type: ClassVar[str] = "CallTriaged"
    schema_version: ClassVar[int] = 1

    tags: list[str] = Field(default_factory=list, description="What the call is about.",
                            examples=[["behavioral_health"]])
    safety_flags: list[str] = Field(
        default_factory=list, description="Dangers that keep or bring police in.",
        examples=[["weapon"]])
    pathway: str = Field(description="Response pathway chosen.", examples=["behavioral_health"])
    units: list[UnitType] = Field(
        default_factory=list, description="Unit types to send; empty for a report taken by phone.",
        examples=[["bcr"]],
    )
    priority: int = Field(ge=1, le=5, description="1 is the most urgent.", examples=[2])
    reasons: list[TriageReason] = Field(
        default_factory=list, description="The policy rules that fired, with their evidence.",
        examples=[[{"rule_id": "bh.suicidal_no_means", "evidence": "denies SI"}]])
    confidence: float = Field(ge=0, le=1, description="How sure the policy is of the pathway.",
                              examples=[0.9])
    review: bool = Field(
        default=False, description="True when a person should confirm the decision: it "
        "diverts from police on weak or conflicting evidence.", examples=[True])
    review_reason: str | None = Field(
        default=None, description="Why the decision needs a person's confirmation.",
        examples=["diversion rests on the narrative alone; no screening answers"])
    policy_id: str = Field(description="The policy that decided.",
                           examples=["rightresponse-default"])
    policy_version: str = Field(description="Its version.", examples=["1"])
    policy_hash: str = Field(default="", description="SHA-256 of the policy file.",
                             examples=["9f2c0d4e"])
    agency: str | None = Field(default=None, description="The agency that owns the call, "
                               "carried so the floor's keys act on their own calls only.",
                               examples=["mpls"])
    location: Location = Field(description="Carried from the call so assignment can match.",
                               examples=[{"address": "2633 Minnehaha Ave", "district": "3"}])
    retriage: bool = Field(
        default=False, description="True when this replaces an earlier decision.",
        examples=[False],
    )
    changes: list[str] = Field(
        default_factory=list,
        description="On a re-triage: what changed from the previous decision, and why.",
        examples=[["units: +police (weapon now reported)"]],
    )


class CandidateUnit(Contract):
    """A unit assignment weighed for the call."""

    unit_id: str = Field(description="The unit.", examples=["BCR-2"])
    unit_type: UnitType = Field(description="Its type.", examples=["bcr"])
    distance_km: float | None = Field(default=None, description="Straight-line distance.",
                                      examples=[2.4])
    eta_s: float | None = Field(default=None, description="Estimated travel time.",
                                examples=[216.0])
    passed_over: str | None = Field(default=None, description="Why it was not chosen.",
                                    examples=["out of its district"])


class UnitAssigned(Contract):
    """Assignment sent a unit to the call."""

    event_type: ClassVar[str] = "UnitAssigned"
    schema_version: ClassVar[int] = 1

    unit_id: str = Field(description="The unit sent.", examples=["BCR-1"])
    unit_type: UnitType = Field(description="Its type.", examples=["bcr"])
    distance_km: float | None = Field(default=None, description="Straight-line distance.",
                                      examples=[1.2])
    eta_s: float | None = Field(default=None, description="Estimated travel time.",
                                examples=[108.0])
    rule: str = Field(description="Matching rule applied.", examples=["nearest_available"])
    candidates: list[CandidateUnit] = Field(
        default_factory=list, description="The nearest units weighed, chosen or not.",
        examples=[[{"unit_id": "BCR-2", "unit_type": "bcr", "passed_over": "farther"}]])
    candidates_total: int | None = Field(
        default=None, ge=0, description="How many units of the type were considered "
        "(``candidates`` keeps only the nearest).", examples=[7])
    priority: int | None = Field(default=None, description="The call's priority (1 most "
                                 "urgent).", examples=[2])
    waited_s: float | None = Field(default=None, ge=0, description="How long the call "
                                   "waited for this unit.", examples=[0.012])


class CallQueued(Contract):
    """No eligible unit was free: the call waits for one."""

    event_type: ClassVar[str] = "CallQueued"
    schema_version: ClassVar[int] = 1

    unit_type: UnitType = Field(description="The type no unit of was free.", examples=["bcr"])
    priority: int = Field(description="The call's priority (1 most urgent).", examples=[3])
    reason: str = Field(description="Why the call waits.", examples=["no available bcr unit"])
    fallback_due_s: float | None = Field(
        default=None, description="Seconds until a configured fallback applies; null when "
        "none applies.", examples=[120.0])


class UnitStatusChanged(Contract):
    """A unit's status changed (responder app, assignment, or admin)."""

    event_type: ClassVar[str] = "UnitStatusChanged"
    schema_version: ClassVar[int] = 1

    unit_id: str = Field(description="The unit.", examples=["BCR-1"])
    unit_type: UnitType = Field(description="Its type.", examples=["bcr"])
    status: UnitStatus = Field(description="Its status now.", examples=["dispatched"])
    previous_status: UnitStatus | None = Field(default=None, description="Its status before.",
                                               examples=["available"])
    location: Location | None = Field(default=None, description="Where the unit is, if known.",
                                      examples=[{"lat": 44.95, "lon": -93.24}])


class EventDeadLettered(Contract):
    """An event we could not process, kept whole with the reason."""

    event_type: ClassVar[str] = "EventDeadLettered"
    schema_version: ClassVar[int] = 1

    reason: str = Field(description="Why the event could not be processed.",
                        examples=["unknown event_type 'CallTeleported'"])
    source_topic: str = Field(description="Topic the event was read from.",
                              examples=["rr.calls.received"])
    source_partition: int = Field(description="Its partition.", examples=[3])
    source_offset: int = Field(description="Its offset.", examples=[1042])
    consumer_group: str = Field(description="The consumer group that gave up on it.",
                                examples=["rr.triage"])
    raw_value: str = Field(description="The original bytes, decoded as UTF-8 with replacement.",
                           examples=['{"event_type": "CallTeleported"}'])
    raw_key: str | None = Field(default=None, description="The original key, likewise.",
                                examples=["c0ffee00-0000-4000-8000-000000000000"])


PAYLOAD_TYPES: dict[str, type[Contract]] = {
    cls.event_type: cls
    for cls in (
        CallReceived,
        CallUpdated,
        CallCancelled,
        CallTriaged,
        UnitAssigned,
        CallQueued,
        UnitStatusChanged,
        EventDeadLettered,
    )
}


def register_payload(cls: type[Contract]) -> type[Contract]:
    """Register a payload type defined outside this module (later issues add their own)."""
    PAYLOAD_TYPES[cls.event_type] = cls
    return cls


_INT_LIMIT = 2**63


def _all_encodable(payload: Any) -> bool:
    """Whether every number in ``payload`` has a JSON form: the check every event takes on
    its way in and out, so it names no path and walks without a call per value (the
    recursive walk that named each path was two thirds of an envelope's validation);
    :func:`_unencodable_number` finds where, once it fails."""
    stack = [payload]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str or value is None or kind is bool:
            continue
        if kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind is int:
            if not -_INT_LIMIT <= value < _INT_LIMIT:
                return False
        elif kind is float:
            if not math.isfinite(value):
                return False
        elif _unencodable_number(value) is not None:  # subclasses, and anything else
            return False
    return True


def _unencodable_number(value: Any, at: str = "payload") -> str | None:
    """Where in ``value`` a non-finite float or an over-long integer sits, if anywhere."""
    if isinstance(value, float):
        return None if math.isfinite(value) else at
    if isinstance(value, int) and not isinstance(value, bool):
        return None if -_INT_LIMIT <= value < _INT_LIMIT else at
    if isinstance(value, dict):
        for key, item in value.items():
            found = _unencodable_number(item, f"{at}.{key}")
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _unencodable_number(item, f"{at}[{i}]")
            if found is not None:
                return found
    return None


class Envelope(BaseModel):
    """The one envelope every event travels in."""

    model_config = ConfigDict(extra="forbid")

    event_id: uuid.UUID = Field(description="Unique id; consumers deduplicate on it.")
    event_type: str = Field(examples=["CallReceived"])
    schema_version: int = Field(ge=1, examples=[1])
    occurred_at: datetime
    call_id: str | None = Field(description="The call this event belongs to; the Kafka key.")
    causation_id: uuid.UUID | None = Field(
        default=None, description="The event that caused this one."
    )
    producer: str = Field(examples=["intake"])
    key: str | None = Field(
        default=None,
        description="Kafka key when it is not the call id (unit-scoped topics: the unit id).",
    )
    payload: dict[str, Any]

    @field_validator("payload")
    @classmethod
    def _json_numbers_only(cls, payload: dict[str, Any]) -> dict[str, Any]:
        """NaN, an infinity or an integer past 64 bits has no canonical JSON form: the
        audit chain could not record it, so no service takes it in (or sends it)."""
        if _all_encodable(payload):
            return payload
        bad = _unencodable_number(payload)
        if bad is not None:
            raise ValueError(f"a number JSON cannot carry at {bad}")
        return payload

    @property
    def partition_key(self) -> bytes:
        # Unit-scoped topics key by unit id so one unit's status stays in order; every
        # other event is keyed by its call.
        return (self.key or self.call_id or str(self.event_id)).encode()

    def typed_payload(self) -> Contract:
        return PAYLOAD_TYPES[self.event_type].from_wire(self.payload)


def make_event(
    payload: Contract,
    *,
    producer: str,
    call_id: str | None,
    causation: Envelope | None = None,
    event_id: uuid.UUID | None = None,
    key: str | None = None,
    discriminator: str = "",
    occurred_at: datetime | None = None,
) -> Envelope:
    """Wrap a payload; derived events get a deterministic id from their cause by default."""
    event_type = payload.event_type
    if event_id is None:
        event_id = (
            derive_id(causation.event_id, event_type, key or "", discriminator)
            if causation is not None
            else uuid.uuid4()
        )
    return Envelope(
        event_id=event_id,
        event_type=event_type,
        schema_version=payload.schema_version,
        occurred_at=occurred_at or utcnow(),
        call_id=call_id,
        causation_id=causation.event_id if causation else None,
        producer=producer,
        key=key,
        payload=payload.model_dump(mode="json", exclude_none=False),
    )


def serialize(event: Envelope) -> bytes:
    return event.model_dump_json().encode()


class EventRejected(ValueError):
    """Raised for bytes that cannot become a typed event; ``reason`` goes to the dead letter."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _validation_reason(err: ValidationError) -> str:
    parts = []
    for e in err.errors()[:5]:
        loc = ".".join(str(p) for p in e["loc"]) or "(root)"
        parts.append(f"{loc}: {e['msg']}")
    return "; ".join(parts)


def decode_json(raw: bytes | None) -> Any:
    """A record's bytes as JSON values (pydantic's own parser, which keeps NaN and long
    integers for the envelope's check to name), or :class:`EventRejected`."""
    if raw is None:
        raise EventRejected("empty message value")
    try:
        return pydantic_core.from_json(raw)
    except ValueError as err:
        raise EventRejected(f"invalid envelope: (root): Invalid JSON: {err}") from err


def parse_event(raw: bytes | None) -> tuple[Envelope, Contract]:
    """Bytes from Kafka → (envelope, typed payload), or :class:`EventRejected`."""
    return typed_event(decode_json(raw))


def typed_event(data: Any) -> tuple[Envelope, Contract]:
    """A record already decoded (:func:`decode_json`) → (envelope, typed payload), or
    :class:`EventRejected`: a consumer that read the poll's types from the same values
    does not parse the bytes a second time."""
    try:
        envelope = Envelope.model_validate(data)
    except ValidationError as err:
        raise EventRejected(f"invalid envelope: {_validation_reason(err)}") from err
    payload_type = PAYLOAD_TYPES.get(envelope.event_type)
    if payload_type is None:
        raise EventRejected(f"unknown event_type {envelope.event_type!r}")
    supported = payload_type.schema_version
    if envelope.schema_version > supported:
        raise EventRejected(
            f"unsupported schema_version {envelope.schema_version} for {envelope.event_type}"
            f" (this consumer understands up to {supported})"
        )
    try:
        payload = payload_type.from_wire(envelope.payload)
    except ValidationError as err:
        raise EventRejected(
            f"invalid {envelope.event_type} payload: {_validation_reason(err)}"
        ) from err
    return envelope, payload


_LATER: tuple[type[Contract], ...] = (AssignmentFallback, UnitReleased, AssignmentTimedOut,
                                      AssignmentAccepted, *FLOOR_PAYLOADS, *FIELD_PAYLOADS,
                                      *POLICY_PAYLOADS)
for _assignment_payload in _LATER:
    register_payload(_assignment_payload)

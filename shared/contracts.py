"""The value objects event payloads are made of, :class:`Contract`, their base, and the
payloads of assignment's timers and of the 911 floor.

Re-exported by :mod:`shared.events`, where the call and triage payloads are declared and
every payload type is registered.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field


class UnitType(StrEnum):
    police = "police"
    ems = "ems"
    fire = "fire"
    bcr = "bcr"
    cso = "cso"
    ambassador = "ambassador"
    animal_control = "animal_control"
    traffic_control = "traffic_control"


class UnitStatus(StrEnum):
    available = "available"
    dispatched = "dispatched"
    en_route = "en_route"
    on_scene = "on_scene"
    # Near the call, waiting for police to report the scene secure before going in.
    staged = "staged"
    out_of_service = "out_of_service"


class Contract(BaseModel):
    """Base of every payload and of the value objects inside one.

    A producer may only send what is declared here: building a payload with a field this
    module does not declare fails, so every field on the wire has a description. A
    consumer stays tolerant: :func:`parse_event` keeps the fields a newer producer added
    (``extra="allow"`` at validation), so a rolling upgrade does not dead-letter events.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    # Set by every event payload (value objects such as Location leave them unset).
    event_type: ClassVar[str]
    schema_version: ClassVar[int]

    @classmethod
    def from_wire(cls, data: Any) -> Self:
        """Validate a payload read from Kafka, keeping fields a newer producer added."""
        return cls.model_validate(data, extra="allow")


class Location(Contract):
    address: str | None = Field(
        default=None, max_length=500, description="Street address or intersection.",
        examples=["2633 Minnehaha Ave, Minneapolis, MN"],
    )
    lat: float | None = Field(
        default=None, ge=-90, le=90, description="WGS84 latitude.", examples=[44.9537]
    )
    lon: float | None = Field(
        default=None, ge=-180, le=180, description="WGS84 longitude.", examples=[-93.2471]
    )
    district: str | None = Field(
        default=None, max_length=100, description="District, precinct or beat.", examples=["3"]
    )


class Caller(Contract):
    """Who called and how to reach them. Sensitive: never logged, never shown publicly."""

    callback: str | None = Field(
        default=None, max_length=100, description="Callback number or URI. Sensitive.",
        examples=["+16125550147"],
    )
    name: str | None = Field(
        default=None, max_length=200, description="Caller's name. Sensitive.",
        examples=["J. Doe"],
    )


class Screening(Contract):
    """A call-taker's answers to the standard screening questions.

    ``true`` is authoritative and escalates (police, EMS) whatever the narrative says;
    ``false`` is the evidence that lets a thinly described crisis or report be diverted
    from police; ``null`` (or left out) means not asked or unknown, which keeps police
    where the rest of the call leaves doubt.
    """

    weapons: bool | None = Field(
        default=None, description="Is there a weapon, or has one been mentioned?",
        examples=[False])
    violence: bool | None = Field(
        default=None, description="Is anyone being hurt or threatened right now?",
        examples=[False])
    injury: bool | None = Field(
        default=None, description="Is anyone injured or medically unwell?", examples=[False])
    suicidal_with_means: bool | None = Field(
        default=None, description="Is the person suicidal with the means at hand?",
        examples=[False])
    suspect_on_scene: bool | None = Field(
        default=None, description="Is the suspect still there?", examples=[False])
    in_progress: bool | None = Field(
        default=None, description="Is it happening now?", examples=[False])

    def answered(self) -> dict[str, bool]:
        """The questions answered, by name."""
        return {name: value for name in SCREENING_QUESTIONS
                if (value := getattr(self, name)) is not None}


SCREENING_QUESTIONS = ("weapons", "violence", "injury", "suicidal_with_means",
                       "suspect_on_scene", "in_progress")


# --- The 911 floor: decisions people confirm, change or resolve ------------------------
# Payloads (each an event on calls.assigned, written by assignment); registered with the
# other payload types in shared.events. Who acted is the API key's name and role, when is
# ``acted_at``, why is a coded reason from the policy's list; ``note`` is free text,
# withheld from an auditor who states no reason.

FLOOR_STATES = ("awaiting_confirmation", "awaiting_floor", "confirmed", "overridden",
                "resolved_by_phone", "transferred", "held", "dispatched")


class FloorPrompted(Contract):
    """The 911 floor is asked to decide: a recommendation waits for confirmation, or no
    crisis team is free. Nobody answering by ``deadline`` applies ``on_timeout``."""

    event_type: ClassVar[str] = "FloorPrompted"
    schema_version: ClassVar[int] = 1

    state: str = Field(description="awaiting_confirmation or awaiting_floor.",
                       examples=["awaiting_confirmation"])
    reason: str = Field(description="Why the floor is asked, in words.",
                        examples=["policy: behavioral_health waits for confirmation"])
    units: list[UnitType] = Field(description="The units that wait for the floor.",
                                  examples=[["bcr"]])
    deadline: datetime | None = Field(
        default=None, description="When the default applies; null: none runs.",
        examples=["2026-12-06T16:02:00Z"])
    on_timeout: str | None = Field(
        default=None, description="What happens then: 'recommendation' (the units go) or "
        "the id of a fallback rule.", examples=["recommendation"])


class FloorAction(Contract):
    """What every action of the floor records: who, when, and why (coded)."""

    by_key: str = Field(description="The name of the API key that acted.",
                        examples=["dev-dispatcher"])
    by_role: str = Field(description="Its role.", examples=["dispatcher"])
    acted_at: datetime = Field(description="When.", examples=["2026-12-06T16:01:12Z"])
    reason_code: str = Field(description="Why, from the policy's list of reason codes.",
                             examples=["agrees_with_recommendation"])
    note: str | None = Field(default=None, max_length=1000,
                             description="Free text. Sensitive: withheld from auditors "
                                         "without a stated reason.",
                             examples=["spoke with the caller's sister"])


class DecisionConfirmed(FloorAction):
    """A person confirmed the recommendation: its units go."""

    event_type: ClassVar[str] = "DecisionConfirmed"
    schema_version: ClassVar[int] = 1

    units: list[UnitType] = Field(description="The units sent.", examples=[["bcr"]])


class DecisionOverridden(FloorAction):
    """A person chose other units than recommended (units sent for safety stay)."""

    event_type: ClassVar[str] = "DecisionOverridden"
    schema_version: ClassVar[int] = 1

    units: list[UnitType] = Field(description="The units chosen.", examples=[["bcr", "ems"]])
    recommended: list[UnitType] = Field(description="What triage recommended.",
                                        examples=[["bcr"]])


class CallResolvedByPhone(FloorAction):
    """A clinician resolved the call by phone: no unit is sent."""

    event_type: ClassVar[str] = "CallResolvedByPhone"
    schema_version: ClassVar[int] = 1

    outcome_code: str = Field(description="The outcome, from the policy's list.",
                              examples=["safety_plan_made"])


class CallTransferred(FloorAction):
    """The call was handed to 988 or another agency: no unit is sent."""

    event_type: ClassVar[str] = "CallTransferred"
    schema_version: ClassVar[int] = 1

    to: str = Field(description="'988' or 'agency'.", examples=["988"])
    agency: str | None = Field(default=None, description="The agency, when to is 'agency'.",
                               examples=["hennepin-cmhc"])


class CallHeld(FloorAction):
    """The floor holds the call and calls back at a time; then it is asked again."""

    event_type: ClassVar[str] = "CallHeld"
    schema_version: ClassVar[int] = 1

    callback_at: datetime = Field(description="When the floor calls back.",
                                  examples=["2026-12-06T16:30:00Z"])


class PoliceSentByFloor(FloorAction):
    """The floor sent police now (with or without the crisis team still waiting)."""

    event_type: ClassVar[str] = "PoliceSentByFloor"
    schema_version: ClassVar[int] = 1

    keep_waiting: bool = Field(description="True: the units that waited still go when "
                                           "free (co-response).", examples=[False])


class FloorTimedOut(Contract):
    """Nobody on the floor answered in time: the policy's default was applied."""

    event_type: ClassVar[str] = "FloorTimedOut"
    schema_version: ClassVar[int] = 1

    state: str = Field(description="The state that timed out.",
                       examples=["awaiting_confirmation"])
    applied: str = Field(description="'recommendation' or the fallback rule applied.",
                         examples=["recommendation"])
    units: list[UnitType] = Field(description="The units sent.", examples=[["bcr"]])
    waited_s: float = Field(description="How long the floor had.", examples=[60.0])


FLOOR_PAYLOADS: tuple[type[Contract], ...] = (
    FloorPrompted, DecisionConfirmed, DecisionOverridden, CallResolvedByPhone,
    CallTransferred, CallHeld, PoliceSentByFloor, FloorTimedOut)


# --- Assignment: fallbacks, releases, acknowledgements ---------------------------------


class AssignmentFallback(Contract):
    """No unit of the needed type came free in time: a configured fallback was applied."""

    event_type: ClassVar[str] = "AssignmentFallback"
    schema_version: ClassVar[int] = 1

    unit_type: UnitType = Field(description="The type that could not be sent in time.",
                                examples=["bcr"])
    fallback_units: list[UnitType] = Field(description="Types requested instead or as well.",
                                           examples=[["police"]])
    keep_waiting: bool = Field(description="True: co-response, the original type still waits.",
                               examples=[False])
    rule_id: str = Field(description="The fallback rule applied.",
                         examples=["bcr_high_priority_police_alone"])
    reason: str = Field(description="Why, in words.",
                        examples=["no bcr team within 120 s; priority 1: police alone"])
    waited_s: float = Field(description="How long the call waited.", examples=[120.0])
    priority: int = Field(description="The call's priority (1 most urgent).", examples=[1])


class UnitReleased(Contract):
    """A unit no longer holds the call (cleared, declined, cancelled, re-triaged, timed out)."""

    event_type: ClassVar[str] = "UnitReleased"
    schema_version: ClassVar[int] = 1

    unit_id: str = Field(description="The unit released.", examples=["BCR-1"])
    unit_type: UnitType = Field(description="Its type.", examples=["bcr"])
    reason: str = Field(description="Why it was released.", examples=["call cancelled"])


class AssignmentTimedOut(Contract):
    """A crew did not acknowledge in time; the call goes to the next candidate."""

    event_type: ClassVar[str] = "AssignmentTimedOut"
    schema_version: ClassVar[int] = 1

    unit_id: str = Field(description="The unit that did not answer.", examples=["BCR-1"])
    unit_type: UnitType = Field(description="Its type.", examples=["bcr"])
    waited_s: float = Field(description="How long the crew had.", examples=[90.0])
    reason: str = Field(description="Why, in words.", examples=["not acknowledged within 90 s"])


class AssignmentAccepted(Contract):
    """The crew acknowledged the assignment."""

    event_type: ClassVar[str] = "AssignmentAccepted"
    schema_version: ClassVar[int] = 1

    unit_id: str = Field(description="The unit whose crew acknowledged.", examples=["BCR-1"])
    unit_type: UnitType = Field(description="Its type.", examples=["bcr"])

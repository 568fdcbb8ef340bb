"""The payloads of the field's side of a call: crews asking for backup, police reporting a
scene secure for the units staged nearby, and crews clearing with an outcome. All travel
on ``calls.assigned`` keyed by the call, so the call's timeline and the audit log hold
them in order with its assignments.

The intervals the field measures (NFPA 1225 / NERIS) come from events that already exist:
received (``CallReceived.received_at``, the CAD's own clock), dispatched (``UnitAssigned``),
en route and on scene (``UnitStatusChanged`` whose envelope names the call), and clear
(:class:`UnitCleared`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from shared.contracts import Contract, UnitType


class Outcome(StrEnum):
    """How a unit's part in a call ended, as the crew codes it when it clears."""

    resolved_on_scene = "resolved_on_scene"
    referred_to_services = "referred_to_services"
    transported_voluntary = "transported_voluntary"
    transported_involuntary = "transported_involuntary"
    arrest = "arrest"
    handed_to_police = "handed_to_police"
    no_contact = "no_contact"
    cancelled = "cancelled"


class BackupReason(StrEnum):
    """Why a crew asked for another unit."""

    safety = "safety"
    medical = "medical"
    fire = "fire"
    transport = "transport"
    other = "other"


class BackupRequested(Contract):
    """A crew on the call asked for more units; assignment answers with new assignments
    (``UnitAssigned`` caused by this event) or queues them."""

    event_type: ClassVar[str] = "BackupRequested"
    schema_version: ClassVar[int] = 1

    unit_id: str = Field(description="The unit that asked.", examples=["BCR-1"])
    unit_type: UnitType = Field(description="Its type.", examples=["bcr"])
    requested: list[UnitType] = Field(min_length=1, max_length=3,
                                      description="The unit types asked for.",
                                      examples=[["police"]])
    reason_code: BackupReason = Field(description="Why, coded.", examples=["safety"])


class UnitCleared(Contract):
    """A unit cleared the call with a coded outcome (it is available again)."""

    event_type: ClassVar[str] = "UnitCleared"
    schema_version: ClassVar[int] = 1

    unit_id: str = Field(description="The unit that cleared.", examples=["BCR-1"])
    unit_type: UnitType = Field(description="Its type.", examples=["bcr"])
    outcome: Outcome = Field(description="How its part ended.",
                             examples=["referred_to_services"])
    note: str | None = Field(default=None, max_length=280,
                             description="The crew's short note. Sensitive: never logged, "
                                         "never public, withheld from auditors without a "
                                         "stated reason.",
                             examples=["connected with county case manager"])


class SceneSecured(Contract):
    """A police unit on scene reported the scene secure: units staged nearby go in."""

    event_type: ClassVar[str] = "SceneSecured"
    schema_version: ClassVar[int] = 1

    unit_id: str = Field(description="The police unit that reported it.", examples=["P3-31"])
    unit_type: UnitType = Field(description="Its type.", examples=["police"])
    staged_units: list[str] = Field(default_factory=list,
                                    description="The units that were told to stage and are "
                                                "now told to go in.",
                                    examples=[["BCR-1"]])


FIELD_PAYLOADS: tuple[type[Contract], ...] = (BackupRequested, UnitCleared, SceneSecured)

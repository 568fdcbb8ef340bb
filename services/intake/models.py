"""The call contract CAD systems post, and intake's durable record of each call.

Request and response models are plain pydantic; the stored record is the SQLModel family
``CallBase`` / ``CallPublic`` / ``Call(table=True)`` (``CallCreate`` is the request body).
Unknown fields in a request are ignored, never an error, so a CAD that sends more than we
know does not break.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import UniqueConstraint
from sqlmodel import Column, SQLModel, Text
from sqlmodel import Field as SQLField

from shared.events import Caller, Location, Screening, utcnow

AGENCY_PATTERN = r"^[A-Za-z0-9_.-]+$"
MAX_FLAGS = 32
FLAG_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"

CALL_EXAMPLE: dict[str, Any] = {
    "agency": "default",
    "cad_incident_id": "MP-2026-004211",
    "received_at": "2026-11-25T14:03:00-06:00",
    "call_type": "EDP",
    "call_type_description": "EMOTIONALLY DISTURBED PERSON",
    "cad_priority": "2",
    "narrative": "Caller's brother talking about hurting himself, no weapons in the home.",
    "location": {"address": "2633 Minnehaha Ave, Minneapolis, MN", "lat": 44.9537,
                 "lon": -93.2471, "district": "3"},
    "caller": {"callback": "+16125550147"},
    "flags": {"weapons": False, "injuries": False, "in_progress": True},
    "screening": {"weapons": False, "violence": False, "injury": False,
                  "suicidal_with_means": False, "in_progress": True},
}
MINIMAL_EXAMPLE: dict[str, Any] = {
    "cad_incident_id": "MP-2026-004212",
    "call_type": "THEFT",
    "received_at": "2026-11-25T14:05:00-06:00",
    "location": {"address": "3000 E Lake St"},
}


class LocationIn(Location):
    model_config = ConfigDict(extra="ignore")

    @model_validator(mode="after")
    def _at_least_one(self) -> LocationIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        if not (self.address or self.lat is not None or self.district):
            raise ValueError("give at least one of address, lat/lon or district")
        return self


class CallerIn(Caller):
    model_config = ConfigDict(extra="ignore")


def _check_flags(flags: dict[str, bool]) -> dict[str, bool]:
    import re

    if len(flags) > MAX_FLAGS:
        raise ValueError(f"at most {MAX_FLAGS} flags")
    for name in flags:
        if not re.match(FLAG_PATTERN, name):
            raise ValueError("flag names are lower-case words of at most 40 characters")
    return flags


class ScreeningIn(Screening):
    """Screening answers as a CAD posts them: true, false, or null / left out (not asked)."""

    model_config = ConfigDict(extra="ignore")


SCREENING_DESCRIPTION = (
    "The call-taker's answers to the standard screening questions (weapons; anyone hurt "
    "or threatened; injury or medical distress; suicidal with means; suspect still there; "
    "happening now). A true answer escalates and is never overridden; a false answer lets "
    "a thinly described crisis or report go to a crisis team or report taker; null or "
    "left out means not asked.")


class CallCreate(BaseModel):
    """A call as a CAD system posts it. Only cad_incident_id, received_at, a call type
    (code or description) and a location are required."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={
        "examples": [CALL_EXAMPLE, MINIMAL_EXAMPLE]})

    agency: str | None = Field(
        default=None, max_length=64, pattern=AGENCY_PATTERN,
        description="Agency that owns the call. A CAD key may only post for its own "
        "agency; left out, it is the key's agency (or the intake default).",
        examples=["mpls"],
    )
    cad_incident_id: str = Field(
        min_length=1, max_length=128, description="The CAD's own incident id. With the agency "
        "it identifies the call: posting it again returns the same call_id.",
        examples=["MP-2026-004211"],
    )
    received_at: datetime = Field(
        description="When the PSAP received the call (ISO 8601 with offset).",
        examples=["2026-11-25T14:03:00-06:00"],
    )
    call_type: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="CAD call type code (or description). This or call_type_description "
        "is required.", examples=["EDP"],
    )
    call_type_description: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="CAD call type description.", examples=["EMOTIONALLY DISTURBED PERSON"],
    )
    cad_priority: str | None = Field(
        default=None, min_length=1, max_length=32, description="Priority the CAD assigned.",
        examples=["2"],
    )
    narrative: str = Field(
        default="", max_length=10_000, description="Call-taker notes. Sensitive: never logged.",
        examples=["Caller's brother talking about hurting himself, no weapons."],
    )
    location: LocationIn = Field(
        description="Where help is needed: address, lat/lon, district or beat (at least one)."
    )
    caller: CallerIn | None = Field(
        default=None, description="Caller callback number and name. Sensitive: never logged."
    )
    flags: dict[str, bool] = Field(
        default_factory=dict,
        description="Facts the CAD already knows, e.g. weapons, injuries, in_progress.",
        examples=[{"weapons": False, "injuries": False, "in_progress": True}],
    )

    screening: ScreeningIn | None = Field(
        default=None, description=SCREENING_DESCRIPTION,
        examples=[{"weapons": False, "violence": False, "suicidal_with_means": False}],
    )

    @field_validator("flags")
    @classmethod
    def _flags(cls, flags: dict[str, bool]) -> dict[str, bool]:
        return _check_flags(flags)

    @model_validator(mode="after")
    def _a_call_type(self) -> CallCreate:
        if not (self.call_type or self.call_type_description):
            raise ValueError("give call_type or call_type_description")
        return self


class CallPatch(BaseModel):
    """Changes to a call: only the fields given change."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [
        {"narrative_append": "Caller now says brother has a knife.", "flags": {"weapons": True}},
        {"location": {"address": "2701 Minnehaha Ave, Minneapolis, MN"}},
    ]})

    call_type: str | None = Field(default=None, min_length=1, max_length=200)
    call_type_description: str | None = Field(default=None, min_length=1, max_length=200)
    cad_priority: str | None = Field(default=None, min_length=1, max_length=32)
    narrative: str | None = Field(
        default=None, max_length=10_000, description="Replaces the narrative. Sensitive."
    )
    narrative_append: str | None = Field(
        default=None, min_length=1, max_length=10_000,
        description="Appended to the narrative on a new line. Sensitive.",
    )
    location: LocationIn | None = Field(default=None, description="Replaces the location.")
    caller: CallerIn | None = Field(default=None, description="Replaces the caller. Sensitive.")
    flags: dict[str, bool] | None = Field(
        default=None, description="Merged into the call's flags.",
        examples=[{"weapons": True}],
    )

    screening: ScreeningIn | None = Field(
        default=None, description="Answers merged into the call's screening answers: only "
        "the questions given change. " + SCREENING_DESCRIPTION,
        examples=[{"weapons": True}],
    )

    @field_validator("flags")
    @classmethod
    def _flags(cls, flags: dict[str, bool] | None) -> dict[str, bool] | None:
        return None if flags is None else _check_flags(flags)


class CallCancel(BaseModel):
    model_config = ConfigDict(extra="ignore")

    reason: str | None = Field(default=None, max_length=500, examples=["duplicate call"])


class CallAccepted(BaseModel):
    """Intake's answer to a call, an update or a cancellation."""

    call_id: str = Field(description="RightResponse's id for the call.",
                         examples=["5b0c3f7e-5d1e-5b8a-9d0e-0f3c1c9f2a11"])
    duplicate: bool = Field(
        default=False, description="True when nothing new was published: a retry of an "
        "earlier request, or an update that changed nothing (answered 200, not 202).",
    )
    version: int = Field(default=0, description="0 as received, +1 for each update.")
    status: str = Field(default="active", examples=["active", "cancelled"])
    changed_fields: list[str] = Field(default_factory=list, examples=[["narrative", "flags"]])


# --- the durable record -------------------------------------------------------------


class CallBase(SQLModel):
    call_id: str = SQLField(primary_key=True, max_length=36)
    agency: str = SQLField(max_length=64, index=True)
    cad_incident_id: str = SQLField(max_length=128)
    status: str = SQLField(default="active", max_length=16)
    version: int = 0
    created_at: datetime = SQLField(default_factory=utcnow)
    updated_at: datetime = SQLField(default_factory=utcnow)


class CallPublic(CallBase):
    """What intake knows of a call, for the CAD that owns it."""

    call: dict[str, Any] = Field(description="The call as it now stands (CallReceived fields).")
    pending: bool = Field(
        default=False, description="True while Kafka has not acknowledged the call's latest "
        "change (the answer was 504): it may still be delivered. Send the same request "
        "again to resolve it.")


class Call(CallBase, table=True):
    """Intake's record of a call: its identity, its current state and its outbox.

    ``outbox`` holds the serialized event not yet acknowledged by Kafka; it is cleared
    only after the ack, so a crash or an outage in between never leaves a call recorded
    as published when it is not.
    """

    __tablename__ = "intake_call"
    __table_args__ = (
        UniqueConstraint("agency", "cad_incident_id", name="uq_intake_call_cad"),
        UniqueConstraint("agency", "idempotency_key", name="uq_intake_call_idem"),
    )

    idempotency_key: str | None = SQLField(default=None, max_length=200)
    body_hash: str = SQLField(max_length=64)
    state: str = SQLField(sa_column=Column(Text, nullable=False))
    outbox: str | None = SQLField(default=None, sa_column=Column(Text, nullable=True))
    last_patch_key: str | None = SQLField(default=None, max_length=200)
    last_patch_hash: str | None = SQLField(default=None, max_length=64)

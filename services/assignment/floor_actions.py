"""The actions the 911 floor takes on a decision, as typed request bodies (one per kind,
told apart by ``action``), and who may take each."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from shared.auth import Role
from shared.events import UnitType

CODE = r"^[a-z0-9_]{1,64}$"


class ActionBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason_code: str = Field(pattern=CODE, description="Why, from the policy's list "
                             "(RR_FLOOR reason_codes).",
                             examples=["agrees_with_recommendation"])
    note: str | None = Field(default=None, max_length=1000,
                             description="Free text; withheld from auditors without a "
                                         "stated reason.", examples=["caller calmer now"])


class Confirm(ActionBase):
    """The recommendation goes as it is."""

    action: Literal["confirm"]


class Override(ActionBase):
    """Other units go instead of those recommended (units sent for safety stay)."""

    action: Literal["override"]
    units: list[UnitType] = Field(min_length=1, max_length=8,
                                  description="The units to send.", examples=[["bcr", "ems"]])

    @field_validator("units")
    @classmethod
    def _distinct(cls, units: list[UnitType]) -> list[UnitType]:
        return list(dict.fromkeys(units))


class ResolveByPhone(ActionBase):
    """A clinician resolved the call on the phone: no unit goes (clinicians only)."""

    action: Literal["resolve_by_phone"]
    outcome_code: str = Field(pattern=CODE, description="The outcome, from the policy's "
                              "list.", examples=["safety_plan_made"])


class Transfer(ActionBase):
    """The call is handed to 988 or another agency: no unit goes."""

    action: Literal["transfer"]
    to: Literal["988", "agency"] = Field(examples=["988"])
    agency: str | None = Field(default=None, min_length=1, max_length=200,
                               description="Required when to is 'agency'.",
                               examples=["hennepin-cmhc"])

    @model_validator(mode="after")
    def _agency_named(self) -> Transfer:
        if (self.to == "agency") != (self.agency is not None):
            raise ValueError("agency is required when to is 'agency', and only then")
        return self


class Hold(ActionBase):
    """Hold the call and call back at a time; the floor is asked again then."""

    action: Literal["hold"]
    callback_at: datetime = Field(description="When to call back (with a time zone).",
                                  examples=["2026-12-06T16:30:00Z"])

    @field_validator("callback_at")
    @classmethod
    def _zoned(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("callback_at needs a time zone")
        return value


class SendPolice(ActionBase):
    """Police go now; with keep_waiting the units that waited still go when free."""

    action: Literal["send_police"]
    keep_waiting: bool = Field(default=False, examples=[False])


FloorActionBody = Annotated[Confirm | Override | ResolveByPhone | Transfer | Hold | SendPolice,
                            Field(discriminator="action")]

FLOOR = frozenset({Role.cad, Role.dispatcher, Role.clinician})
PEOPLE = frozenset({Role.dispatcher, Role.clinician})
# Who may take each action. A CAD key relays what its dispatchers decide in the CAD, but
# choosing other units than recommended, or no unit at all, needs a person's key.
ACTION_ROLES: dict[str, frozenset[Role]] = {
    "confirm": FLOOR,
    "override": PEOPLE,
    "resolve_by_phone": frozenset({Role.clinician}),
    "transfer": PEOPLE,
    "hold": FLOOR,
    "send_police": FLOOR,
}

EXAMPLES = {
    "confirm": {"summary": "Confirm the recommendation", "value": {
        "action": "confirm", "reason_code": "agrees_with_recommendation"}},
    "override": {"summary": "Send other units", "value": {
        "action": "override", "units": ["bcr", "ems"], "reason_code": "clinical_judgement",
        "note": "caller mentions a fall"}},
    "resolve_by_phone": {"summary": "Resolved by phone (clinician)", "value": {
        "action": "resolve_by_phone", "reason_code": "clinical_judgement",
        "outcome_code": "safety_plan_made"}},
    "transfer": {"summary": "Hand the call to 988", "value": {
        "action": "transfer", "to": "988", "reason_code": "caller_request"}},
    "hold": {"summary": "Hold and call back", "value": {
        "action": "hold", "callback_at": "2026-12-06T16:30:00Z",
        "reason_code": "no_team_free"}},
    "send_police": {"summary": "Send police now", "value": {
        "action": "send_police", "reason_code": "safety_concern"}},
}

"""The call contract CAD systems post."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.events import Location


class LocationIn(Location):
    @model_validator(mode="after")
    def _at_least_one(self) -> LocationIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        if not (self.address or self.lat is not None or self.district):
            raise ValueError("give at least one of address, lat/lon or district")
        return self


class CallCreate(BaseModel):
    """A call as a CAD system posts it."""

    model_config = ConfigDict(extra="ignore")

    agency: str | None = Field(
        default=None, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$",
        description="Agency that owns the call; the intake default when left out.",
        examples=["mpls"],
    )
    cad_incident_id: str = Field(
        min_length=1, max_length=64, description="The CAD's own incident id.",
        examples=["MP-2026-004211"],
    )
    call_type: str = Field(
        min_length=1, max_length=200, description="CAD call type code or description.",
        examples=["EDP"],
    )
    narrative: str = Field(
        default="", max_length=10_000, description="Call-taker notes. Sensitive: never logged.",
        examples=["Caller's brother talking about hurting himself, no weapons."],
    )
    received_at: datetime = Field(
        description="When the PSAP received the call (ISO 8601 with offset).",
        examples=["2026-11-25T14:03:00-06:00"],
    )
    location: LocationIn = Field(description="Where help is needed.")


class CallAccepted(BaseModel):
    call_id: str = Field(description="RightResponse's id for the call.",
                         examples=["5b0c3f7e-5d1e-5b8a-9d0e-0f3c1c9f2a11"])

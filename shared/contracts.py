"""The value objects event payloads are made of, and :class:`Contract`, their base.

Re-exported by :mod:`shared.events`, where the payloads themselves are declared.
"""

from __future__ import annotations

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

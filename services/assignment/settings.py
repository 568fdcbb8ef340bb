from __future__ import annotations

import uuid
from pathlib import Path
from typing import ClassVar

from pydantic import Field, model_validator

from services.assignment.field_rules import StagingPolicy
from services.assignment.floor_policy import FloorPolicy, unknown_timeouts
from services.assignment.rules import DEFAULT_FALLBACKS, FallbackRule
from shared.settings import REPO_ROOT, ServiceSettings


class AssignmentSettings(ServiceSettings):
    store_name: ClassVar[str] = "assignment"
    service_name: str = "assignment"
    kafka_username: str = "assignment"  # its own principal: the ACLs allow only its topics
    port: int = 8003
    roster_file: Path = Field(default=REPO_ROOT / "deploy" / "roster" / "demo.yaml",
                              description="Roster seeded into the store at first start; "
                                          "its corridors are read at every start.")
    travel_speed_kmh: float = Field(default=40.0, gt=0,
                                    description="Speed that turns distance into an ETA.")
    timezone: str = Field(default="America/Chicago", description="Zone the shifts are in.")
    ack_timeout_s: float = Field(default=90.0, gt=0,
                                 description="A crew that does not accept in this time is "
                                             "passed over.")
    fallbacks: list[FallbackRule] = Field(
        default_factory=lambda: list(DEFAULT_FALLBACKS),
        description="Per type and pathway: what to send when no unit is free in time (JSON).")
    floor: FloorPolicy = Field(
        default_factory=FloorPolicy,
        description="The 911 floor's policy (JSON): per pathway, automatic dispatch or "
                    "wait for confirmation, how long, and the default when nobody answers; "
                    "the reason and outcome codes of the floor's actions.")
    staging: StagingPolicy = Field(
        default_factory=StagingPolicy,
        description="Who stages nearby until police report the scene secure (JSON): the "
                    "unit types that stage, the safety flags that make them, and the "
                    "types that secure a scene.")
    timer_interval_s: float = Field(default=0.5, gt=0, description="How often deadlines are "
                                                                   "checked.")
    relay_interval_s: float = Field(default=0.05, gt=0,
                                    description="How often the outbox is published.")
    relay_lease_s: float = Field(default=3.0, gt=0,
                                 description="How long one instance holds the outbox relay.")
    cancellation_fetch_linger_ms: int = Field(
        default=100, ge=0, le=500,
        description="How long the broker may hold the fetch of calls.received, read only "
                    "for CallCancelled, to gather more events. Every call's CallReceived "
                    "lands there too and was a fetch of its own (~1 ms of CPU here, more "
                    "in the broker); a cancellation may wait this long while calls flow.")
    feed_poll_s: float = Field(default=0.25, gt=0,
                               description="How often a responder stream checks for news.")
    max_candidates: int = Field(default=10, ge=1,
                                description="Candidates recorded on each decision.")
    session_max_age_s: int = Field(default=12 * 3600, gt=0,
                                   description="Longest a responder page session lasts "
                                               "after signing in (its cookie too).")
    session_idle_timeout_s: int = Field(default=2 * 3600, gt=0,
                                        description="A responder page session unused this "
                                                    "long ends (an open live feed uses it).")
    stream_recheck_s: float = Field(default=5.0, gt=0,
                                    description="Longest a quiet live feed goes without "
                                                "checking that its key or session still "
                                                "holds (it checks before every event too).")
    max_streams_per_unit: int = Field(default=4, ge=1,
                                      description="Live feeds one instance serves one unit "
                                                  "at once; one more gets 429.")
    max_console_streams_per_key: int = Field(
        default=8, ge=1, description="Live queues one instance serves one floor key (or "
                                     "its console sessions) at once; one more gets 429.")
    instance_id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])

    @model_validator(mode="after")
    def _floor_defaults_name_fallbacks(self) -> AssignmentSettings:
        unknown = unknown_timeouts(self.floor, (r.rule_id for r in self.fallbacks))
        if unknown:
            raise ValueError(f"floor on_timeout names no fallback rule: {unknown}")
        return self

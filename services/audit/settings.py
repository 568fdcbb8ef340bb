from __future__ import annotations

from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from services.audit.chain import FreshnessPolicy
from shared.settings import ServiceSettings


class AuditSettings(ServiceSettings):
    store_name: ClassVar[str] = "audit"
    deprecated_env: ClassVar[dict[str, str]] = {
        "RR_AUDIT_DATABASE_URL": "database_url", "DATABASE_URL": "database_url",
        **{f"RR_AUDIT_{name.upper()}": name for name in (
            "signing_key", "checkpoint_every", "checkpoint_interval_s", "fetch_linger_ms",
            "reason_min_length", "min_public_count", "public_metrics_ttl_s",
            "public_metrics_wait_s")},
    }

    service_name: str = "audit"
    kafka_username: str = "audit"  # its own principal: the ACLs allow only its topics
    port: int = 8004
    signing_key: str | None = Field(
        default=None,
        description="Ed25519 private key that signs chain checkpoints: base64 of the 32 raw "
        "bytes, or PEM (PKCS#8). Required in production; development generates one into "
        "<run_dir>/audit_signing_key.pem.",
    )
    checkpoint_every: int = Field(
        default=1000, ge=1, description="Sign a checkpoint at least every N entries."
    )
    checkpoint_interval_s: float = Field(
        default=60.0, gt=0, description="...and at least every T seconds while entries arrive."
    )
    fetch_linger_ms: int = Field(
        default=20, ge=0, le=500,
        description="How long the broker may hold audit's fetch to gather more events. "
        "Audit is off the dispatch path; one poll per event cost it ~2 ms of CPU each "
        "(a fetch of all 31 partitions, a transaction) at 50 calls/s.",
    )
    reason_min_length: int = Field(
        default=10, ge=1, description="Shortest reason an auditor must give to see narratives."
    )
    min_public_count: int = Field(
        default=10, ge=1, description="Public aggregates with smaller counts are suppressed."
    )
    public_metrics_ttl_s: float = Field(
        default=60.0, ge=0, description="How long a public metrics answer is reused for the "
        "same range (it reads every decision of the range and needs no login).",
    )
    public_metrics_wait_s: float = Field(
        default=10.0, gt=0, description="How long a public metrics request waits for the "
        "one computation that runs at a time before it gets 503.",
    )

    agency_timezone: str = Field(
        default="America/Chicago", description="The agency's time zone (IANA name): public "
        "figures count days, weeks and hours of day in it.",
    )
    district_polygons_file: Path | None = Field(
        default=None, description="The agency's districts, a GeoJSON FeatureCollection "
        "(each feature named by a 'district', 'name' or 'id' property): a call the CAD sent "
        "without a district is placed by its position, and the public map draws them.",
    )
    public_max_weeks: int = Field(
        default=53, ge=1, le=530, description="The longest public range, in weeks: a "
        "public request reads at most this many weeks of daily rollups.",
    )
    public_settle_days: int = Field(
        default=2, ge=0, le=60, description="Days after a week ends before its public "
        "figures are shown (late reports, such as a unit clearing, still change it).",
    )
    public_include_open_week: bool = Field(
        default=False, description="Development and demos only: also publish the week in "
        "progress, so a replayed day shows at once. Its cells change as calls arrive, so "
        "comparing answers over time could single out a call: refused in production.",
    )
    public_rollup_interval_s: float = Field(
        default=60.0, gt=0, description="How often the daily rollups behind the public "
        "figures take in new decisions.",
    )

    audit_public_key_file: Path | None = Field(
        default=None, description="The pinned Ed25519 public key (PEM, or base64 of the 32 "
        "raw bytes) that verification checks checkpoints with; never derived from the "
        "private key. Default <run_dir>/audit_signing_key.pub, written beside a generated key.",
    )
    audit_anchor_dir: Path | None = Field(
        default=None, description="Append-only directory that every signed checkpoint is "
        "also written to, outside the database, for auditors to copy. Default "
        "<run_dir>/audit_anchor.",
    )

    @field_validator("agency_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"unknown time zone {value!r}") from err
        return value

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if self.public_include_open_week:
            problems.append("RR_PUBLIC_INCLUDE_OPEN_WEEK publishes a week while its calls "
                            "arrive (comparing answers could single out a call)")
        return problems

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.agency_timezone)

    def signing_key_path(self) -> Path:
        return self.run_dir / "audit_signing_key.pem"

    def public_key_path(self) -> Path:
        return self.audit_public_key_file or self.signing_key_path().with_suffix(".pub")

    def anchor_path(self) -> Path:
        return self.audit_anchor_dir or self.run_dir / "audit_anchor"

    def freshness(self) -> FreshnessPolicy:
        """How much of the head may be unsigned: the service signs every N entries and
        every T seconds; twice T leaves room for the timer's phase and clock skew."""
        return FreshnessPolicy(max_entries=self.checkpoint_every,
                               max_seconds=2 * self.checkpoint_interval_s)

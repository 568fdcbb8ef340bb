from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field

from shared.settings import ServiceSettings


class AuditSettings(ServiceSettings):
    service_name: str = "audit"
    port: int = 8004
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("RR_AUDIT_DATABASE_URL", "RR_DATABASE_URL", "DATABASE_URL"),
        description="postgresql://... for PostgreSQL; a SQLite file under run_dir when unset.",
    )
    audit_signing_key: str | None = Field(
        default=None,
        description="Ed25519 private key that signs chain checkpoints: base64 of the 32 raw "
        "bytes, or PEM (PKCS#8). Required in production; development generates one into "
        "<run_dir>/audit_signing_key.pem.",
    )
    audit_checkpoint_every: int = Field(
        default=1000, ge=1, description="Sign a checkpoint at least every N entries."
    )
    audit_checkpoint_interval_s: float = Field(
        default=60.0, gt=0, description="...and at least every T seconds while entries arrive."
    )
    audit_fetch_linger_ms: int = Field(
        default=20, ge=0, le=500,
        description="How long the broker may hold audit's fetch to gather more events. "
        "Audit is off the dispatch path; one poll per event cost it ~2 ms of CPU each "
        "(a fetch of all 31 partitions, a transaction) at 50 calls/s.",
    )
    audit_reason_min_length: int = Field(
        default=10, ge=1, description="Shortest reason an auditor must give to see narratives."
    )
    audit_min_public_count: int = Field(
        default=10, ge=1, description="Public aggregates with smaller counts are suppressed."
    )
    audit_public_metrics_ttl_s: float = Field(
        default=60.0, ge=0, description="How long a public metrics answer is reused for the "
        "same range (it reads every decision of the range and needs no login).",
    )
    audit_public_metrics_wait_s: float = Field(
        default=10.0, gt=0, description="How long a public metrics request waits for the "
        "one computation that runs at a time before it gets 503.",
    )

    def signing_key_path(self) -> Path:
        return self.run_dir / "audit_signing_key.pem"

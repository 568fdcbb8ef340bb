from __future__ import annotations

from pydantic import AliasChoices, Field

from shared.settings import ServiceSettings


class AuditSettings(ServiceSettings):
    service_name: str = "audit"
    port: int = 8004
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("RR_DATABASE_URL", "DATABASE_URL"),
        description="postgresql://... for PostgreSQL; a SQLite file under run_dir when unset.",
    )

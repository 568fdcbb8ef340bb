from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    store_name: ClassVar[str] = "intake"
    deprecated_env: ClassVar[dict[str, str]] = {
        "RR_INTAKE_DATABASE_URL": "database_url", "DATABASE_URL": "database_url"}

    service_name: str = "intake"
    kafka_username: str = "intake"  # its own principal: the ACLs allow only its topics
    port: int = 8001
    default_agency: str = Field(
        default="default", description="Agency of a call posted by a key bound to none."
    )
    rate_limit_per_s: float = Field(
        default=100.0, description="Requests a second per API key (0 turns limiting off)."
    )
    rate_limit_burst: float = Field(default=200.0, ge=1, description="Burst per API key.")

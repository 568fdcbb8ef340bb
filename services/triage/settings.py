from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field

from shared.settings import ServiceSettings


class TriageSettings(ServiceSettings):
    store_name: ClassVar[str] = "triage"
    service_name: str = "triage"
    kafka_username: str = "triage"  # its own principal: the ACLs allow only its topics
    port: int = 8002
    policy_file: Path | None = Field(
        default=None, description="Triage policy YAML; the repository's default when unset."
    )

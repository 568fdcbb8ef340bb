from __future__ import annotations

from pathlib import Path

from pydantic import Field

from shared.settings import REPO_ROOT, ServiceSettings


class AssignmentSettings(ServiceSettings):
    service_name: str = "assignment"
    port: int = 8003
    roster_file: Path = Field(default=REPO_ROOT / "deploy" / "roster" / "demo.yaml",
                              description="Roster seeded into the store at first start.")
    database_url: str | None = Field(default=None, description="SQLite file by default.")
    travel_speed_kmh: float = Field(default=40.0, gt=0,
                                    description="Speed that turns distance into an ETA.")

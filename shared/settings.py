"""The settings base every service extends (environment variables, prefix ``RR_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class ServiceSettings(BaseSettings):
    """What every service needs: where Kafka is, how its topics are named, how to log."""

    model_config = SettingsConfigDict(env_prefix="RR_", extra="ignore")

    service_name: str = "rightresponse"
    environment: str = Field(default="development", description="development or production")
    kafka_bootstrap: str = Field(default="127.0.0.1:19092", description="Kafka bootstrap servers")
    topic_prefix: str = Field(
        default="rr.", description="Prefix of every topic name; tests use their own prefix."
    )
    group_prefix: str = Field(default="rr.", description="Prefix of every consumer group id.")
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    run_dir: Path = Field(default=REPO_ROOT / ".run", description="Where local state lives.")
    key_file: Path | None = Field(
        default=None,
        description="JSON file of API key digests; <run_dir>/keys.json when unset.",
    )
    publish_timeout_s: float = Field(
        default=5.0, description="Longest wait for Kafka to acknowledge one event."
    )
    kafka_retry_backoff_s: float = Field(
        default=1.0, description="Wait between attempts to reach Kafka while it is down."
    )

    def key_file_path(self) -> Path:
        return self.key_file or self.run_dir / "keys.json"

    def database_url_for(self, name: str) -> str:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.run_dir / name}.db"

    def kafka_bootstrap_port(self) -> int:
        """Port of the first bootstrap server (the local broker's port)."""
        return int(self.kafka_bootstrap.split(",")[0].rsplit(":", 1)[1])

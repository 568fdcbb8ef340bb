"""The settings base every service extends (environment variables, prefix ``RR_``).

Every setting is read from ``RR_<FIELD NAME>``; docs/CONFIGURATION.md lists them all. A
name a setting had before is still read, as a deprecated alias that logs a warning
(:attr:`ServiceSettings.deprecated_env`), below the current name.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any, ClassVar, Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger(__name__)

# The Kafka super user: creates topics and ACLs; the services each log in as themselves.
KAFKA_ADMIN_USER = "admin"


def generated_secret(path: Path) -> bytes:
    """The secret in ``path``, made (random, readable by its owner alone) if there is none.

    Services starting together race to make it: each writes its own candidate and links
    it into place, which only the first manages; every one then reads the winner's.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass  # another service made it first: theirs is the one
        finally:
            candidate.unlink()
    return path.read_text().strip().encode()


class DeprecatedEnvSource(PydanticBaseSettingsSource):
    """Settings from the environment variables a setting was named before (the current
    name wins when both are set)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # everything is read in __call__

    def __call__(self) -> dict[str, Any]:
        aliases: dict[str, str] = getattr(self.settings_cls, "deprecated_env", {})
        found: dict[str, Any] = {}
        for old_name, field_name in aliases.items():
            value = os.environ.get(old_name)
            if value is None or field_name in found:
                continue
            new_name = f"RR_{field_name.upper()}"
            log.warning("%s is deprecated; set %s instead", old_name, new_name)
            found[field_name] = value
        return found


class ServiceSettings(BaseSettings):
    """What every service needs: where Kafka is, how its topics are named, how to log."""

    model_config = SettingsConfigDict(env_prefix="RR_", extra="ignore")

    # Environment variables a setting was named before -> the setting, in the order they
    # are tried. Still read; the current name (RR_<FIELD>) wins.
    deprecated_env: ClassVar[dict[str, str]] = {}
    # The SQLite file <run_dir>/<store_name>.db a service keeps its state in when
    # database_url is unset (each service sets its own; service_name may be overridden).
    store_name: ClassVar[str] = "rightresponse"

    service_name: str = "rightresponse"
    environment: Literal["development", "production"] = Field(
        default="development",
        description="In production a service refuses to start with missing or default secrets.",
    )
    kafka_bootstrap: str = Field(default="127.0.0.1:19092", description="Kafka bootstrap servers")
    kafka_security_protocol: Literal["SASL_PLAINTEXT", "SASL_SSL", "PLAINTEXT"] = Field(
        default="SASL_PLAINTEXT",
        description="How clients reach Kafka: SASL/SCRAM-SHA-512 logins, over TLS with "
        "SASL_SSL. PLAINTEXT (no login) is refused in production.",
    )
    kafka_username: str = Field(
        default=KAFKA_ADMIN_USER,
        description="The SCRAM user this process logs in to Kafka as: each service's own "
        "name by default (its ACLs allow only its topics and group); the project's commands "
        "(topics, tests) use the super user, admin.",
    )
    kafka_password: SecretStr | None = Field(
        default=None,
        description="The SCRAM password of kafka_username; read from kafka_credentials_file "
        "when unset.",
    )
    kafka_credentials_file: Path | None = Field(
        default=None,
        description="File of user=password lines (mode 600) the local broker writes at "
        "first start; <run_dir>/kafka-credentials when unset.",
    )
    kafka_ssl_cafile: Path | None = Field(
        default=None,
        description="CA certificate(s) that signed the brokers' TLS certificates, for "
        "SASL_SSL; the system's trusted CAs when unset.",
    )
    topic_prefix: str = Field(
        default="rr.", description="Prefix of every topic name; tests use their own prefix."
    )
    group_prefix: str = Field(default="rr.", description="Prefix of every consumer group id.")
    topic_replication: int = Field(
        default=1, ge=1, description="Replication factor of the topics the project creates "
        "(1 for the local broker; 3 on a three-broker cluster)."
    )
    host: str = Field(default="127.0.0.1", description="Address the service listens on.")
    port: int = Field(default=8000, description="Port the service listens on.")
    log_level: str = Field(default="INFO", description="Level of the JSON logs.")
    run_dir: Path = Field(default=REPO_ROOT / ".run", description="Where local state lives.")
    database_url: str | None = Field(
        default=None,
        description="The service's database: postgresql://... or sqlite:///...; a SQLite "
        "file <run_dir>/<service>.db when unset. Each service needs its own (or its own "
        "schema).",
    )
    event_id_secret: str | None = Field(
        default=None, min_length=32, repr=False,
        description="The deployment's secret that derived event and call ids are keyed "
        "with (HMAC): every instance of every service must share it. Required in "
        "production; development generates one into <run_dir>/event_id_secret.",
    )
    key_file: Path | None = Field(
        default=None,
        description="JSON file of API key digests; <run_dir>/keys.json when unset.",
    )
    http_keep_alive_s: int = Field(
        default=75, gt=0,
        description="How long an idle HTTP connection stays open. Longer than the idle "
        "timeout of the clients and load balancers in front (60 s on an AWS load "
        "balancer, 60 s in .NET, 5 s in httpx), so the client always closes it first: a "
        "server closing first races a request sent on it at that moment, which is lost "
        "on the wire.",
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1024,
        description="Largest request body accepted (413 above), checked before the API key: "
        "a declared Content-Length over it is refused unread, a chunked body is cut off.",
    )
    max_concurrent_requests: int = Field(
        default=256, ge=0,
        description="Requests one instance handles at once; one more gets 503 with "
        "Retry-After, before the API key is checked (0: no limit; the probes are never "
        "refused).",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks (JSON list, e.g. [\"10.0.0.0/8\"]) of the proxies "
        "in front whose X-Forwarded-Proto and X-Forwarded-For are believed: a request "
        "through one that arrived over TLS counts as TLS (Secure cookies). Nobody else's "
        "are; empty: none.",
    )
    api_docs: bool | None = Field(
        default=None,
        description="Serve /docs, /redoc and /openapi.json. Unset: on in development, off "
        "in production.",
    )
    publish_timeout_s: float = Field(
        default=5.0, description="Longest wait for Kafka to acknowledge one event."
    )
    kafka_retry_backoff_s: float = Field(
        default=1.0, description="Wait between attempts to reach Kafka while it is down."
    )
    kafka_commit_interval_s: float = Field(
        default=0.5, ge=0.0,
        description="Longest a consumer holds offsets of finished events before committing "
        "them; commits in between are coalesced into one. A crash re-reads at most this "
        "much, and every event re-read is skipped by its id.",
    )
    kafka_dispatch_fetch_linger_ms: int = Field(
        default=5, ge=0, le=50,
        description="Longest the broker may hold a fetch of triage's and assignment's "
        "consumers, and only while their polls keep bringing several records (records "
        "queue behind their work already) and arrive fast enough for one linger to gather "
        "four (800 a second for 5 ms): fewer fetch round trips per record at high rates. "
        "A poll of one record lifts it, so a lone call is never held; below that rate it "
        "never holds a fetch. 0: never (docs/PERFORMANCE.md).",
    )

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, DeprecatedEnvSource(settings_cls),
                dotenv_settings, file_secret_settings)

    @model_validator(mode="after")
    def _production_needs_real_secrets(self) -> Self:
        if self.environment == "production":
            for problem in self.production_problems():
                raise ValueError(f"refusing to start in production: {problem}")
        return self

    def production_problems(self) -> list[str]:
        """What makes these settings unsafe for production (services extend this)."""
        if self.kafka_security_protocol == "PLAINTEXT":
            return ["RR_KAFKA_SECURITY_PROTOCOL=PLAINTEXT: Kafka without logins or ACLs"]
        path = self.key_file_path()
        if not path.is_file():
            return [f"no API key file at {path} (set RR_KEY_FILE)"]
        try:
            keys = json.loads(path.read_text()).get("keys", [])
        except (OSError, ValueError):
            return [f"the API key file {path} is not valid JSON"]
        if not keys:
            return [f"the API key file {path} holds no keys"]
        if any(str(k.get("key_id", "")).startswith("dev-") for k in keys):
            return ["development API keys (key_id dev-*) are present; issue real ones"]
        if not self.event_id_secret:
            return ["RR_EVENT_ID_SECRET is not set (the secret derived ids are keyed with; "
                    "every instance of every service shares it)"]
        return []

    def api_docs_enabled(self) -> bool:
        """Whether the API documentation is served: as set, else only in development."""
        if self.api_docs is not None:
            return self.api_docs
        return self.environment != "production"

    def event_id_key(self) -> bytes:
        """The secret derived ids are keyed with: the setting, else (development only)
        the one in <run_dir>/event_id_secret, generated by the first service to start."""
        if self.event_id_secret:
            return self.event_id_secret.encode()
        if self.environment == "production":
            raise ValueError("RR_EVENT_ID_SECRET is required in production")
        return generated_secret(self.run_dir / "event_id_secret")

    def key_file_path(self) -> Path:
        return self.key_file or self.run_dir / "keys.json"

    def kafka_credentials_path(self) -> Path:
        return self.kafka_credentials_file or self.run_dir / "kafka-credentials"

    def kafka_password_value(self) -> str:
        """The SCRAM password of :attr:`kafka_username`: as set, else its line in the
        credentials file; ValueError naming the file and user (never a password) if
        there is none."""
        if self.kafka_password is not None:
            return self.kafka_password.get_secret_value()
        path = self.kafka_credentials_path()
        try:
            lines = path.read_text().splitlines()
        except OSError as exc:
            raise ValueError(f"no Kafka credentials file at {path} (start the broker with "
                             "deploy/kafka/broker.sh, or set RR_KAFKA_PASSWORD)") from exc
        for line in lines:
            user, sep, password = line.strip().partition("=")
            if sep and user == self.kafka_username and password:
                return password
        raise ValueError(f"no password for Kafka user {self.kafka_username!r} in {path}")

    def database_url_for(self, name: str) -> str:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.run_dir / name}.db"

    def store_url(self) -> str:
        """The service's database: ``database_url``, else its SQLite file in run_dir."""
        return self.database_url or self.database_url_for(self.store_name)

    def kafka_bootstrap_port(self) -> int:
        """Port of the first bootstrap server (the local broker's port)."""
        return int(self.kafka_bootstrap.split(",")[0].rsplit(":", 1)[1])

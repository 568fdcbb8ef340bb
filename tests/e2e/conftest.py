"""The four services as real processes on the real broker, once for the e2e tests."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.auth import generate_dev_credentials
from shared.kafka import create_topics, delete_topics
from shared.settings import ServiceSettings
from shared.stack import Stack, development_env, free_port, start_stack


@pytest.fixture(scope="session")
def e2e_settings(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> ServiceSettings:
    prefix = f"e2e{uuid.uuid4().hex[:8]}."
    return ServiceSettings(kafka_bootstrap=kafka_bootstrap, topic_prefix=prefix,
                           group_prefix=prefix, run_dir=tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="session")
def stack(e2e_settings: ServiceSettings, e2e_credentials: dict[str, Any]) -> Iterator[Stack]:
    asyncio.run(create_topics(e2e_settings))
    env = {
        "RR_KEY_FILE": str(Path(e2e_settings.run_dir) / "keys.json"),
        "RR_KAFKA_BOOTSTRAP": e2e_settings.kafka_bootstrap,
        "RR_TOPIC_PREFIX": e2e_settings.topic_prefix,
        "RR_GROUP_PREFIX": e2e_settings.group_prefix,
        "RR_RUN_DIR": str(e2e_settings.run_dir),
        # as `make run` starts them (the demo city's districts), with the public figures
        # taking in new calls at once rather than once a minute
        **development_env("development", {}),
        "RR_PUBLIC_ROLLUP_INTERVAL_S": "0.5", "RR_PUBLIC_METRICS_TTL_S": "0",
    }
    ports = {name: free_port() for name in ("intake", "triage", "assignment", "audit")}
    running = asyncio.run(start_stack(env, Path(e2e_settings.run_dir) / "logs", ports))
    yield running
    running.stop()
    asyncio.run(delete_topics(e2e_settings))


@pytest.fixture(scope="session")
def e2e_credentials(e2e_settings: ServiceSettings) -> dict[str, Any]:
    run_dir = Path(e2e_settings.run_dir)
    return generate_dev_credentials(run_dir / "credentials.json", run_dir / "keys.json",
                                    ["BCR-1", "P3-31"])


@pytest.fixture
async def http(e2e_credentials: dict[str, Any]) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client holding the admin key (every read and write the tests make)."""
    headers = {"Authorization": f"Bearer {e2e_credentials['admin']}"}
    async with httpx.AsyncClient(timeout=5.0, headers=headers) as client:
        yield client

"""Faults on the real stack (real broker, each service a real process): nothing accepted
is lost, nothing is duplicated, and every service recovers by itself."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from shared.settings import REPO_ROOT
from shared.stack import free_port
from tests.faults.harness import (
    SERVICES,
    Figures,
    database_outage,
    kill_services_mid_stream,
    poison_and_replay,
    restart_broker_mid_stream,
)

pytestmark = [pytest.mark.kafka, pytest.mark.e2e, pytest.mark.timeout(600)]


def ports() -> dict[str, int]:
    return {name: free_port() for name in SERVICES}


def show(figures: Figures, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n" + figures.report())


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL the project's own script installs and starts (CI exports its URL)."""
    url = os.environ.get("RR_TEST_POSTGRES_URL")
    if url:
        return url
    result = subprocess.run(["bash", str(REPO_ROOT / "deploy" / "postgres" / "setup.sh")],
                            capture_output=True, text=True, check=True, timeout=600)
    return result.stdout.strip().splitlines()[-1]


async def test_killing_each_consumer_mid_stream_loses_and_duplicates_nothing(
    kafka_bootstrap: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = await kill_services_mid_stream(kafka_bootstrap, tmp_path, ports(), calls=2000,
                                             rate=250.0)
    show(figures, capsys)
    assert figures.not_accepted == {}
    assert figures.accepted == figures.calls_sent == 2000
    assert sum(figures.faults.values()) == 3
    assert figures.lost == []
    assert figures.duplicates == []


async def test_a_broker_restart_gets_503s_never_202s_and_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = await restart_broker_mid_stream(tmp_path, ports(),
                                              kafka_port=free_port(consecutive=2))
    show(figures, capsys)
    assert figures.accepted_while_down == 0
    assert figures.refused_while_down == 20
    assert figures.not_accepted == {}
    assert figures.accepted == 400
    assert figures.lost == []
    assert figures.duplicates == []


async def test_poison_is_dead_lettered_and_replayed_offsets_duplicate_nothing(
    kafka_bootstrap: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = await poison_and_replay(kafka_bootstrap, tmp_path, ports())
    show(figures, capsys)
    # eight kinds of bad record (NaN, an infinity and a 30-digit integer among them), each
    # on two topics: every one dead-lettered with a reason
    assert sum(figures.bad_inputs.values()) == 16
    assert figures.dead_lettered == 16
    assert figures.not_accepted == {}
    assert figures.accepted == 200
    assert figures.lost == []
    assert figures.duplicates == []


@pytest.mark.parametrize("service", ["audit", "assignment"])
async def test_a_service_catches_up_after_its_database_comes_back(
    kafka_bootstrap: str, tmp_path: Path, postgres_url: str, service: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    figures = await database_outage(kafka_bootstrap, tmp_path, ports(), postgres_url, service)
    show(figures, capsys)
    assert figures.faults[f"{service} database outage"] == 1
    assert figures.store_retries > 0
    assert figures.dead_lettered == 0
    assert figures.not_accepted == {}
    assert figures.accepted == 400
    assert figures.lost == []
    assert figures.duplicates == []

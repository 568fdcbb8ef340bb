"""Faults on the real stack: nothing accepted is lost, nothing is duplicated."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.faults.harness import SERVICES, kill_services_mid_stream

pytestmark = [pytest.mark.kafka, pytest.mark.e2e]


async def test_killing_each_consumer_mid_stream_loses_and_duplicates_nothing(
    kafka_bootstrap: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ports = {name: free_port() for name in SERVICES}
    figures = await kill_services_mid_stream(kafka_bootstrap, tmp_path, ports, calls=2000,
                                             rate=250.0)
    with capsys.disabled():
        print("\n" + figures.report())
    assert figures.accepted == figures.calls_sent == 2000
    assert sum(figures.faults.values()) == 3
    assert figures.lost == []
    assert figures.duplicates == []

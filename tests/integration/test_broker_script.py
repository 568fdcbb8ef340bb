"""deploy/kafka/broker.sh formats and starts a new broker whatever its cluster id."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from shared.kafka import connection_options
from shared.settings import ServiceSettings
from shared.stack import broker, free_port

pytestmark = pytest.mark.kafka


async def test_a_new_broker_whose_cluster_id_begins_with_a_dash_starts(tmp_path: Path) -> None:
    # Cluster ids are base64url: one random id in 64 begins with "-", and the storage
    # tool once read such an id as an option, so a new broker failed to format.
    cluster_id = "-" + "Ab3_x" * 4 + "Q"
    port = free_port(consecutive=2)
    env = {"KAFKA_DATA_DIR": str(tmp_path / "kafka"), "KAFKA_HEAP": "256m",
           "KAFKA_CLUSTER_ID": cluster_id}
    broker("start", port=port, env=env)
    try:
        settings = ServiceSettings(kafka_bootstrap=f"127.0.0.1:{port}")
        admin = AIOKafkaAdminClient(**connection_options(settings), request_timeout_ms=10_000)
        await admin.start()
        try:
            described = await admin.describe_cluster()
        finally:
            await admin.close()
        assert described["cluster_id"] == cluster_id
    finally:
        broker("stop", port=port, env=env)

"""Topic administration: create the project's topics with their ACLs, delete a test
run's. Both log in as ``settings.kafka_username``, which must be the super user."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from shared.kafka.acls import AclError, grant, revoke
from shared.kafka.options import connection_options
from shared.settings import ServiceSettings
from shared.topics import TOPICS, topic_name

log = logging.getLogger(__name__)


def _all_led(descriptions: list[dict[str, Any]]) -> bool:
    return all(
        d["error_code"] == 0 and d["partitions"]
        and all(p["error_code"] == 0 and p["leader"] >= 0 for p in d["partitions"])
        for d in descriptions
    )


async def create_topics(settings: ServiceSettings, timeout_s: float = 60.0) -> list[str]:
    """Create the project's topics and every service's ACLs on them (idempotent); returns
    the names of the topics that were created."""
    admin = AIOKafkaAdminClient(**connection_options(settings), request_timeout_ms=10_000)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            await admin.start()
            break
        except (KafkaError, OSError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(topic_name(settings.topic_prefix, spec.name), spec.partitions,
                     settings.topic_replication)
            for spec in TOPICS
            if topic_name(settings.topic_prefix, spec.name) not in existing
        ]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(wanted)
            # Creation is acknowledged by the controller before every partition has a
            # leader; publishing before then fails with UnknownTopicOrPartition.
            names = [t.name for t in wanted]
            while not _all_led(await admin.describe_topics(names)):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"topics not ready within {timeout_s}s: {names}")
                await asyncio.sleep(0.1)
        await grant(admin, settings)
        return [t.name for t in wanted]
    finally:
        await admin.close()


async def delete_topics(settings: ServiceSettings, timeout_s: float = 30.0) -> None:
    """Delete every topic under ``settings.topic_prefix`` and the ACLs granted on them
    (test and bench runs clean up: a shared broker pays memory and start-up time for
    every partition it keeps)."""
    admin = AIOKafkaAdminClient(**connection_options(settings))
    try:
        await asyncio.wait_for(admin.start(), timeout=timeout_s)
        await asyncio.wait_for(revoke(admin, settings), timeout=timeout_s)
        names = [t for t in await admin.list_topics() if t.startswith(settings.topic_prefix)]
        if names:
            await asyncio.wait_for(admin.delete_topics(names), timeout=timeout_s)
    except (KafkaError, OSError, TimeoutError, AclError):
        log.warning("could not delete topics", extra={"topic": settings.topic_prefix})
    finally:
        with contextlib.suppress(Exception):
            await admin.close()

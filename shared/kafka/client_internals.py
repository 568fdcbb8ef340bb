"""Every use of aiokafka's private attributes, in one place.

aiokafka (pinned at 0.14) has no public way to ask the broker about one topic, to change
a consumer's fetch wait after construction, to refresh a consumer's metadata, or to send
an admin request it has no method for (ACLs). These
helpers reach into its internals; :func:`missing_internals` lists what they rely on, and
a unit test fails, naming the attribute, when a client upgrade moves one of them.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.client import AIOKafkaClient
from aiokafka.cluster import ClusterMetadata
from aiokafka.protocol.api import Request, Response

log = logging.getLogger(__name__)

# Fetcher attributes read for every fetch request it builds (not only at construction).
FETCH_WAIT_ATTRIBUTES = ("_fetch_max_wait_ms", "_fetch_min_bytes")
_warned_fetcher = False


async def metadata_answers(producer: AIOKafkaProducer, topics: list[str]) -> bool:
    """Whether the broker answers a metadata request about ``topics`` now (a cheap
    readiness probe: unlike the public calls, it neither asks about every topic of the
    cluster nor changes the client's own view of it)."""
    return bool(await producer.client._metadata_update(ClusterMetadata(), topics))


def set_fetch_wait(consumer: AIOKafkaConsumer, max_wait_ms: int, min_bytes: int) -> None:
    """How long the broker may hold this consumer's next fetches, and for how many bytes.

    aiokafka fixes both at construction; its fetcher reads them for each request it
    builds, so they are set on it. Before the consumer started there is no fetcher yet.
    """
    global _warned_fetcher
    fetcher = getattr(consumer, "_fetcher", None)
    if fetcher is None:
        return
    if not all(hasattr(fetcher, name) for name in FETCH_WAIT_ATTRIBUTES):
        if not _warned_fetcher:  # once: this runs at every poll
            _warned_fetcher = True
            log.error("aiokafka's fetcher has no %s; fetch linger disabled",
                      " or ".join(FETCH_WAIT_ATTRIBUTES))
        return
    fetcher._fetch_max_wait_ms = max_wait_ms
    fetcher._fetch_min_bytes = min_bytes


async def refresh_metadata(consumer: AIOKafkaConsumer) -> None:
    """Make the consumer learn about topics created since it started."""
    await consumer._client.force_metadata_update()


async def admin_request(admin: AIOKafkaAdminClient, request: Request[Any]) -> Response:
    """Send ``request`` through a started admin client to any broker, at the newest
    version both sides support."""
    response: Response = await admin._send_request(request)
    return response


def missing_internals(producer: AIOKafkaProducer, consumer: AIOKafkaConsumer,
                      fetcher: Any) -> list[str]:
    """The private attributes used above that this aiokafka does not have (empty when all
    are there). ``producer`` and ``consumer`` need not be started; ``fetcher`` is one of
    aiokafka's consumer fetchers."""
    missing = []
    client = getattr(producer, "client", None)
    if not isinstance(client, AIOKafkaClient):
        missing.append("AIOKafkaProducer.client")
    update = getattr(AIOKafkaClient, "_metadata_update", None)
    if update is None or not inspect.iscoroutinefunction(update):
        missing.append("AIOKafkaClient._metadata_update (a coroutine)")
    elif list(inspect.signature(update).parameters) != ["self", "cluster_metadata", "topics"]:
        missing.append("AIOKafkaClient._metadata_update(cluster_metadata, topics)")
    if not hasattr(consumer, "_fetcher"):
        missing.append("AIOKafkaConsumer._fetcher")
    if not isinstance(getattr(consumer, "_client", None), AIOKafkaClient):
        missing.append("AIOKafkaConsumer._client")
    if not callable(getattr(AIOKafkaClient, "force_metadata_update", None)):
        missing.append("AIOKafkaClient.force_metadata_update")
    if not inspect.iscoroutinefunction(getattr(AIOKafkaAdminClient, "_send_request", None)):
        missing.append("AIOKafkaAdminClient._send_request (a coroutine)")
    for name in FETCH_WAIT_ATTRIBUTES:
        if not isinstance(getattr(fetcher, name, None), int):
            missing.append(f"Fetcher.{name}")
    return missing

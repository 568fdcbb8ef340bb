"""A send that is not acknowledged is a KafkaUnavailable the caller retries, whatever
became of its future: failed, timed out, or cancelled by a producer being replaced."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka.errors import KafkaTimeoutError

from shared.kafka import EventPublisher, KafkaUnacknowledged
from shared.settings import ServiceSettings


class _Producer:
    """Stands in for a connected producer; only identity matters here."""

    async def stop(self) -> None:
        return None


def _publisher(replaced: list[Any] | None = None) -> EventPublisher:
    publisher = EventPublisher(ServiceSettings(publish_timeout_s=0.2))
    publisher._producer = _Producer()
    # what would reconnect in the background, recorded instead
    sink = replaced if replaced is not None else []
    publisher._replace = sink.append  # type: ignore[method-assign,assignment]
    return publisher


def _future(outcome: str) -> asyncio.Future[Any]:
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    if outcome == "acked":
        future.set_result(None)
    elif outcome == "failed":
        future.set_exception(KafkaTimeoutError())
    elif outcome == "cancelled":
        future.cancel()
    return future


async def test_acknowledged_sends_return() -> None:
    await _publisher().wait_acks([_future("acked"), _future("acked")])


@pytest.mark.parametrize("outcome, reason", [
    ("failed", "KafkaTimeoutError"), ("cancelled", "CancelledError"),
    ("never answered", "TimeoutError"),
])
async def test_an_unacknowledged_send_is_unavailable_never_a_cancellation(
    outcome: str, reason: str,
) -> None:
    replaced: list[Any] = []
    publisher = _publisher(replaced)
    with pytest.raises(KafkaUnacknowledged, match=reason):
        await publisher.wait_acks([_future("acked"), _future(outcome)])
    # the producer that lost the send is replaced by a fresh one
    assert replaced == [publisher._producer]

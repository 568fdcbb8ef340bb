"""The aiokafka internals shared.kafka.client_internals relies on are still there.

aiokafka has no public way to do what that module does; a client upgrade that moves one
of these attributes fails here, by name, instead of silently turning off the readiness
probe or the audit consumer's fetch linger.
"""

from __future__ import annotations

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.client import AIOKafkaClient
from aiokafka.consumer.fetcher import Fetcher
from aiokafka.consumer.subscription_state import SubscriptionState

from shared.kafka.client_internals import missing_internals, set_fetch_wait

NOWHERE = "127.0.0.1:9"  # never contacted: nothing here is started


async def test_every_private_attribute_used_is_still_there() -> None:
    producer = AIOKafkaProducer(bootstrap_servers=NOWHERE)
    consumer = AIOKafkaConsumer(bootstrap_servers=NOWHERE)
    fetcher = Fetcher(AIOKafkaClient(bootstrap_servers=NOWHERE), SubscriptionState())
    try:
        missing = missing_internals(producer, consumer, fetcher)
        assert not missing, (
            "aiokafka moved attributes that shared/kafka/client_internals.py uses: "
            + ", ".join(missing) + "; adapt that module to the new client")
    finally:
        await fetcher.close()
        await producer.stop()
        await consumer.stop()


async def test_the_fetch_wait_is_set_on_a_started_consumers_fetcher() -> None:
    consumer = AIOKafkaConsumer(bootstrap_servers=NOWHERE)
    set_fetch_wait(consumer, 250, 4096)  # not started: no fetcher yet, nothing to do
    fetcher = Fetcher(AIOKafkaClient(bootstrap_servers=NOWHERE), SubscriptionState())
    consumer._fetcher = fetcher  # what start() does
    try:
        set_fetch_wait(consumer, 250, 4096)
        assert (fetcher._fetch_max_wait_ms, fetcher._fetch_min_bytes) == (250, 4096)
    finally:
        consumer._fetcher = None
        await fetcher.close()
        await consumer.stop()

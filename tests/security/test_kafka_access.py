"""Nobody reads or forges calls on the bus: the broker refuses clients that do not log in,
and each service's user may write only its own topics (so no service, and no stolen
service password, can forge another's decisions)."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    KafkaError,
    TopicAuthorizationFailedError,
)
from pydantic import SecretStr

from shared.kafka import connection_options, producer_options
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED, CALLS_RECEIVED, CALLS_TRIAGED, DEAD_LETTER, TOPICS
from shared.topics import topic_name as named

pytestmark = pytest.mark.kafka

REFUSED_WITHIN_S = 10.0


def as_user(settings: ServiceSettings, user: str) -> ServiceSettings:
    """The test's settings, logged in as ``user`` (with that user's own password)."""
    return settings.model_copy(update={"kafka_username": user, "publish_timeout_s": 3.0})


async def write(settings: ServiceSettings, topic: str) -> None:
    """Send one record to ``topic`` as ``settings``' user; raises what the broker answers."""
    producer = AIOKafkaProducer(**producer_options(settings))
    await asyncio.wait_for(producer.start(), REFUSED_WITHIN_S)
    try:
        await asyncio.wait_for(
            producer.send_and_wait(named(settings.topic_prefix, topic), b"{}", key=b"forged"),
            REFUSED_WITHIN_S)
    finally:
        await producer.stop()


async def test_a_client_that_does_not_log_in_is_refused(kafka_settings: ServiceSettings) -> None:
    anonymous = kafka_settings.model_copy(update={"kafka_security_protocol": "PLAINTEXT"})
    consumer = AIOKafkaConsumer(named(anonymous.topic_prefix, CALLS_RECEIVED),
                                **connection_options(anonymous), group_id=None,
                                auto_offset_reset="earliest", request_timeout_ms=3_000)
    try:
        with pytest.raises(KafkaConnectionError):
            await asyncio.wait_for(consumer.start(), REFUSED_WITHIN_S)
    finally:
        await consumer.stop()


async def test_a_wrong_password_is_refused(kafka_settings: ServiceSettings) -> None:
    impostor = kafka_settings.model_copy(update={"kafka_username": "triage",
                                                 "kafka_password": SecretStr("not-the-password")})
    with pytest.raises(KafkaError):
        await write(impostor, CALLS_TRIAGED)


async def test_triage_writes_its_decisions_but_cannot_forge_an_assignment(
    kafka_settings: ServiceSettings,
) -> None:
    triage = as_user(kafka_settings, "triage")
    await write(triage, CALLS_TRIAGED)
    with pytest.raises(TopicAuthorizationFailedError):
        await write(triage, CALLS_ASSIGNED)


@pytest.mark.parametrize("topic", [t.name for t in TOPICS if t.name != DEAD_LETTER])
async def test_audit_cannot_write_any_topic_but_the_dead_letters(
    kafka_settings: ServiceSettings, topic: str,
) -> None:
    audit = as_user(kafka_settings, "audit")
    with pytest.raises(TopicAuthorizationFailedError):
        await write(audit, topic)


async def test_audit_may_dead_letter_what_it_cannot_record(
    kafka_settings: ServiceSettings,
) -> None:
    await write(as_user(kafka_settings, "audit"), DEAD_LETTER)


async def read(settings: ServiceSettings, topic: str, group: str | None) -> None:
    """Read from ``topic`` as ``settings``' user (in ``group``, if given); raises what the
    broker answers."""
    consumer = AIOKafkaConsumer(named(settings.topic_prefix, topic),
                                **connection_options(settings),
                                group_id=group and f"{settings.group_prefix}{group}",
                                auto_offset_reset="earliest", enable_auto_commit=False)
    try:
        await asyncio.wait_for(consumer.start(), REFUSED_WITHIN_S)
        await asyncio.wait_for(consumer.getmany(timeout_ms=2_000), REFUSED_WITHIN_S)
    finally:
        await consumer.stop()


async def test_a_service_cannot_read_a_topic_not_its_own(kafka_settings: ServiceSettings) -> None:
    # Intake writes the calls but has no reason to read them back.
    with pytest.raises(TopicAuthorizationFailedError):
        await read(as_user(kafka_settings, "intake"), CALLS_RECEIVED, group=None)


async def test_a_service_cannot_join_another_services_group(
    kafka_settings: ServiceSettings,
) -> None:
    # Joining triage's group would take some of triage's partitions away from it.
    with pytest.raises(GroupAuthorizationFailedError):
        await read(as_user(kafka_settings, "assignment"), CALLS_RECEIVED, group="triage")

"""Kafka helpers with safe settings, set on purpose.

Producers are idempotent with acks=all (:mod:`.publisher`); consumers start from the
earliest offset for a new group, commit only after the work is done and skip events they
already handled by ``event_id`` (:mod:`.consumer`, with the work of a poll done by a
processor: :mod:`.handler_map` or one of a service's own). Topic creation is in
:mod:`.admin`, with the ACLs of :mod:`.acls`; every client logs in with
:func:`.options.security_options`; every use of aiokafka's private attributes is in
:mod:`.client_internals`.
"""

from shared.kafka.admin import create_topics, delete_topics
from shared.kafka.consumer import EventConsumer
from shared.kafka.handler_map import BatchHandler, Handler, HandlerMap, Outgoing, event_for
from shared.kafka.options import (
    connection_options,
    consumer_options,
    producer_options,
    security_options,
)
from shared.kafka.processed import MemoryProcessedEvents, ProcessedEvents
from shared.kafka.processing import Batches, PollContext, PollProcessor, Publisher
from shared.kafka.publisher import WEDGED_AFTER_S, EventPublisher
from shared.kafka.retry import (
    MAX_BACKOFF_S,
    Backoff,
    KafkaUnacknowledged,
    KafkaUnavailable,
    TransientError,
)
from shared.kafka.stats import EVENT_AGE_BUCKETS, AgeHistogram, ConsumerStats

__all__ = [
    "EVENT_AGE_BUCKETS", "MAX_BACKOFF_S", "WEDGED_AFTER_S", "AgeHistogram", "Backoff",
    "BatchHandler", "Batches", "ConsumerStats", "EventConsumer", "EventPublisher", "Handler",
    "HandlerMap", "KafkaUnacknowledged", "KafkaUnavailable", "MemoryProcessedEvents",
    "Outgoing", "PollContext", "PollProcessor", "ProcessedEvents", "Publisher", "TransientError",
    "connection_options", "consumer_options", "create_topics", "delete_topics", "event_for",
    "producer_options", "security_options",
]

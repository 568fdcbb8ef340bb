"""Triage's ASGI app: consumes CallReceived, publishes CallTriaged."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from services.triage.api import router
from services.triage.engine import load_policy
from services.triage.handlers import build_batch_handlers, build_handlers
from services.triage.policy_archive import PolicyAnnouncer
from services.triage.settings import TriageSettings
from services.triage.store import consumer_stores, init_store
from shared.db import make_engine
from shared.kafka import EventConsumer, EventPublisher
from shared.service import ServiceApp, build_service_app, kafka_readiness, process_app
from shared.topics import CALLS_RECEIVED

log = logging.getLogger(__name__)


def create_app(settings: TriageSettings | None = None) -> FastAPI:
    settings = settings or TriageSettings()
    # A policy that does not validate stops the service here, before it consumes anything.
    policy = load_policy(settings.policy_file)
    for warning in policy.warnings:
        log.warning("policy warning: %s", warning)
    # Likewise one whose text cannot be published with its first decision.
    announcer = PolicyAnnouncer(policy, settings.service_name)
    publisher = EventPublisher(settings)
    engine = make_engine(settings.store_url(), background_checkpoints=True)
    init_store(engine)
    decisions, processed = consumer_stores(engine, "triage")
    consumer = EventConsumer(
        settings,
        topics=[CALLS_RECEIVED],
        group="triage",
        handlers=build_handlers(policy, decisions, settings.service_name, announcer),
        batch_handlers=build_batch_handlers(policy, decisions, settings.service_name,
                                            announcer),
        publisher=publisher,
        processed=processed,
        adaptive_linger_ms=settings.kafka_dispatch_fetch_linger_ms,
    )
    return build_service_app(settings, ServiceApp(
        title="RightResponse triage", version="0.1.0",
        description="Tags behavioral-health and property calls and picks a response.",
        routers=[router],
        readiness=kafka_readiness(publisher, [consumer]),
        start=[publisher.start, consumer.start],
        # engine.dispose ends its WAL checkpointer thread
        stop=[consumer.stop, publisher.stop, engine.dispose],
        consumers=[consumer],
        state={"consumer": consumer, "policy": policy},
    ))


def app() -> FastAPI:
    """uvicorn factory."""
    return process_app(TriageSettings(), create_app)

"""Assignment's ASGI app: consumes CallTriaged and CallCancelled, publishes decisions
through the outbox, runs deadlines, and serves the roster, crews' feed and page."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable

from fastapi import FastAPI

from services.assignment.api import router
from services.assignment.console import router as console_router
from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.feed import StreamSlots
from services.assignment.field_api import router as field_router
from services.assignment.floor_api import router as floor_router
from services.assignment.handlers import (
    build_batch_handlers,
    build_cancellation_handlers,
    build_handlers,
)
from services.assignment.matching import GreatCircleEta
from services.assignment.outbox import OutboxRelay
from services.assignment.page_sessions import PageSessions
from services.assignment.reports import StatusReports
from services.assignment.responder import router as responder_router
from services.assignment.roster_file import roster_rules
from services.assignment.session_store import SqlSessionRepository
from services.assignment.sessions import ResponderSessions, SessionPolicy, console_binding
from services.assignment.settings import AssignmentSettings
from services.assignment.store import (
    init_store,
    load_corridors,
    use_immediate_transactions,
    write_transaction,
)
from services.assignment.timer_loop import run_timers
from shared.auth import KeyStore
from shared.db import DatabaseProcessedEvents, make_engine
from shared.kafka import EventConsumer, EventPublisher
from shared.service import (
    BackgroundLoops,
    ServiceApp,
    build_service_app,
    kafka_readiness,
    process_app,
)
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED

log = logging.getLogger(__name__)


def create_app(settings: AssignmentSettings | None = None,
               clock: Callable[[], float] = time.time) -> FastAPI:
    """``clock``: the time of responder sessions and of the live feeds' checks of them."""
    settings = settings or AssignmentSettings()
    url = settings.store_url()
    engine = make_engine(url, background_checkpoints=True)
    use_immediate_transactions(engine)
    reader = make_engine(url)
    init_store(engine, settings.roster_file)
    processed = DatabaseProcessedEvents(engine, "assignment",
                                        write_transaction=write_transaction)
    dispatcher = Dispatcher(engine, DispatchConfig(
        producer=settings.service_name, estimator=GreatCircleEta(settings.travel_speed_kmh),
        corridors=load_corridors(settings.roster_file), fallbacks=settings.fallbacks,
        ack_timeout_s=settings.ack_timeout_s, timezone=settings.timezone,
        max_candidates=settings.max_candidates, floor=settings.floor,
        staging=settings.staging, roster_rules=roster_rules(settings.roster_file)),
        reader=reader,
        processed=processed)
    publisher = EventPublisher(settings)
    relay = OutboxRelay(engine, publisher, settings.instance_id, settings.relay_lease_s)
    consumer = EventConsumer(
        settings,
        topics=[CALLS_TRIAGED],
        group="assignment",
        handlers=build_handlers(dispatcher),
        batch_handlers=build_batch_handlers(dispatcher),
        publisher=publisher,
        processed=processed,
        adaptive_linger_ms=settings.kafka_dispatch_fetch_linger_ms,
    )
    # calls.received on a consumer of its own, in the same group (the committed offsets
    # stay where they were): every call's CallReceived lands there, and in one consumer
    # with calls.triaged each was a fetch of its own, only to be passed over.
    cancellations = EventConsumer(
        settings,
        topics=[CALLS_RECEIVED],
        group="assignment",
        handlers=build_cancellation_handlers(dispatcher),
        publisher=publisher,
        processed=processed,
        fetch_linger_ms=settings.cancellation_fetch_linger_ms,
    )
    consumers = [consumer, cancellations]

    loops = BackgroundLoops(lambda: relay.run_forever(settings.relay_interval_s),
                            lambda: run_timers(dispatcher, settings.timer_interval_s))

    def wake_relay_after_commits() -> None:
        """Runs on the event loop at start: each committed decision wakes the relay."""
        loop = asyncio.get_running_loop()
        loop_thread = threading.get_ident()

        def wake_relay() -> None:
            if threading.get_ident() == loop_thread:  # a SQLite decision, run on the loop
                relay.wake()
            else:
                loop.call_soon_threadsafe(relay.wake)

        dispatcher.after_commit = wake_relay

    async def flush_relay() -> None:
        # Publish what is decided but not yet sent (another instance, or the next
        # start, publishes whatever is left).
        with contextlib.suppress(Exception):
            await asyncio.wait_for(relay.flush(), timeout=5)

    # One key store for bearer keys and the sessions made with them (it takes the place
    # of the one the app builder would make), so both see a revocation at once.
    key_store = KeyStore(settings.key_file_path())
    sessions = ResponderSessions(
        SqlSessionRepository(engine, reader), key_store,
        SessionPolicy(max_age_s=settings.session_max_age_s,
                      idle_timeout_s=settings.session_idle_timeout_s), clock)
    # The console's sessions: the same store and lifetimes, for floor keys.
    console_sessions = ResponderSessions(sessions.repository, key_store, sessions.policy,
                                         clock, binding=console_binding)

    return build_service_app(settings, ServiceApp(
        title="RightResponse assignment", version="0.2.0",
        description="Sends the nearest right unit, never double-booked; live feed and a "
                    "page for responders.",
        routers=[router, field_router, responder_router, floor_router, console_router],
        readiness=kafka_readiness(publisher, consumers),
        start=[publisher.start, wake_relay_after_commits,
               *(each.start for each in consumers), loops.start],
        # engine.dispose ends its WAL checkpointer thread
        stop=[*(each.stop for each in consumers), loops.stop, flush_relay, publisher.stop,
              engine.dispose],
        consumers=consumers,
        state={"engine": reader, "dispatcher": dispatcher,
               "status_reports": StatusReports(dispatcher), "consumer": consumer,
               "cancellations": cancellations, "relay": relay, "key_store": key_store,
               "responder_sessions": sessions, "cookie_sessions": PageSessions(sessions),
               "stream_slots": StreamSlots(settings.max_streams_per_unit),
               "console_sessions_store": console_sessions,
               "console_sessions": PageSessions(console_sessions),
               "console_stream_slots": StreamSlots(settings.max_console_streams_per_key),
               "clock": clock},
    ))


def app() -> FastAPI:
    """uvicorn factory."""
    return process_app(AssignmentSettings(), create_app)

"""One builder for the four services' ASGI apps.

Every service is the same shape around its own parts: a FastAPI app whose lifespan starts
what the service runs (the publisher, consumers, background loops) in order and stops it
in the order given, health and readiness probes, RFC 9457 problem answers, the API key
store, ``/metrics``, request timing, and the limits every request meets before its key
is checked (requests in flight, body size, valid JSON text). A service's ``main.py``
builds its parts (store, publisher, consumers) and hands them to :func:`build_service_app`
in a :class:`ServiceApp`.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import APIRouter, FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from shared.auth import KeyStore
from shared.events import use_event_id_secret
from shared.http import ReadinessCheck, health_router, install_problem_handlers
from shared.kafka import EventConsumer, EventPublisher
from shared.limits import BodySizeLimit, ConcurrencyLimit, ValidJsonText
from shared.logging import configure_logging
from shared.metrics import instrument
from shared.runtime import prepare_process, startup_objects_frozen
from shared.settings import ServiceSettings

# One step of starting or stopping a service: a coroutine function or a plain function.
Step = Callable[[], Awaitable[None] | None]


async def _run(step: Step) -> None:
    result = step()
    if inspect.isawaitable(result):
        await result


class BackgroundLoops:
    """Coroutines that run as tasks while the service runs (timers, relays): ``start``
    creates the tasks, ``stop`` cancels them and waits until each has ended."""

    def __init__(self, *loops: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self.loops = loops
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self._tasks = [asyncio.create_task(loop()) for loop in self.loops]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []


def kafka_readiness(publisher: EventPublisher,
                    consumers: Sequence[EventConsumer] = ()) -> ReadinessCheck:
    """Ready while the publisher reaches Kafka and, for a consuming service, while every
    consumer runs."""

    async def readiness() -> dict[str, bool]:
        checks = {"kafka": await publisher.ready()}
        if consumers:
            checks["consumer"] = all(each.running for each in consumers)
        return checks

    return readiness


@dataclass(frozen=True)
class ServiceApp:
    """What makes one service: its description, its parts and how they start and stop."""

    title: str
    version: str
    description: str
    routers: Sequence[APIRouter]
    readiness: ReadinessCheck
    start: Sequence[Step] = ()  # run in this order before the app serves
    stop: Sequence[Step] = ()  # run in this order once it has stopped serving
    consumers: Sequence[EventConsumer] = ()  # their figures go to /metrics
    state: Mapping[str, Any] = field(default_factory=dict)  # set on app.state
    # Anything else the app needs (exception handlers, middleware), before the metrics'
    # timing middleware is added outermost.
    customize: Callable[[FastAPI], None] | None = None


def build_service_app(settings: ServiceSettings, service: ServiceApp) -> FastAPI:
    """The service's ASGI app: lifespan, probes, problem answers, key store, metrics, and
    the limits every request meets before its API key is checked (:mod:`shared.limits`)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for step in service.start:
            await _run(step)
        try:
            with startup_objects_frozen():
                yield
        finally:
            for step in service.stop:
                await _run(step)

    # Before any event is handled: every id this process derives is keyed with it.
    use_event_id_secret(settings.event_id_key())
    docs = settings.api_docs_enabled()
    app = FastAPI(title=service.title, version=service.version,
                  description=service.description, lifespan=lifespan,
                  openapi_url="/openapi.json" if docs else None,
                  docs_url="/docs" if docs else None, redoc_url="/redoc" if docs else None)
    app.state.settings = settings
    app.state.key_store = KeyStore(settings.key_file_path())
    for name, value in service.state.items():
        setattr(app.state, name, value)
    install_problem_handlers(app)
    app.include_router(health_router(service.readiness))
    for router in service.routers:
        app.include_router(router)
    if service.customize is not None:
        service.customize(app)
    # Outside every route and the service's own middleware, so before any API key is
    # checked: (outermost first) requests in flight, body size, valid text.
    app.add_middleware(ValidJsonText)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ConcurrencyLimit, max_in_flight=settings.max_concurrent_requests)
    instrument(app, consumers=service.consumers)  # /metrics (admin) and request timing
    if settings.trusted_proxies:
        # Outermost: the scheme and client every part sees are those the proxy forwarded.
        # Only here: the server itself believes no proxy (shared/cli.py).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    return app


SettingsT = TypeVar("SettingsT", bound=ServiceSettings)


def process_app(settings: SettingsT,
                create_app: Callable[[SettingsT], FastAPI]) -> FastAPI:
    """The app of a service process (uvicorn's factory): the interpreter prepared and
    logging configured first."""
    prepare_process()
    configure_logging(settings.service_name, settings.log_level)
    return create_app(settings)

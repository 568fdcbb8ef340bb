"""Prometheus metrics for every service: one call, ``instrument(app, consumers=[...])``.

It adds a pure-ASGI middleware timing each request (a histogram labelled by method, route
template and status) and ``GET /metrics``, which needs the ``metrics`` role (a key that can read
nothing else, for the scraper) or ``admin`` (Prometheus scrapes with
``authorization: {credentials: <token>}``).

Consumers are read at scrape time, never on the hot path: events handled, duplicates
skipped, dead letters, retries, restarts after a failure, the lag of every assigned
partition (highwater minus position) and how old events were when the group's work on
them was done
(``rr_event_age_seconds``: per hop, where a call's time goes). A service with a queue
of waiting calls registers its depth with :func:`set_queue_depth` (a callable read at
scrape time).

Each app has its own registry, so several apps in one process (tests) do not collide.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
)
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import Role, require
from shared.kafka import EVENT_AGE_BUCKETS, EventConsumer

# Buckets in seconds, dense where a healthy service answers (a few milliseconds).
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class _ConsumerCollector(Collector):
    def __init__(self, service: str, consumers: Sequence[EventConsumer],
                 queue_depth: list[Callable[[], float]]) -> None:
        self.service = service
        self.consumers = consumers
        self.queue_depth = queue_depth

    def collect(self) -> Iterable[Any]:
        handled = CounterMetricFamily(
            "rr_events_handled", "Events handled by a consumer group.", labels=["group"])
        skipped = CounterMetricFamily(
            "rr_events_skipped_duplicates", "Redelivered events skipped by event_id.",
            labels=["group"])
        dead = CounterMetricFamily(
            "rr_dead_letters", "Events sent to the dead-letter topic.", labels=["group"])
        retries = CounterMetricFamily(
            "rr_handler_retries", "Handler attempts that failed and were retried.",
            labels=["group"])
        restarts = CounterMetricFamily(
            "rr_consumer_restarts", "Times a consumer failed outside its handlers and "
            "reconnected to re-read from its committed offsets.", labels=["group"])
        lag = GaugeMetricFamily(
            "rr_consumer_lag", "Records not yet processed (highwater minus position).",
            labels=["group", "topic", "partition"])
        partitions = GaugeMetricFamily(
            "rr_consumer_assigned_partitions", "Partitions assigned to this instance.",
            labels=["group"])
        age = HistogramMetricFamily(
            "rr_event_age_seconds", "Time from an event's occurred_at until this group's "
            "work on it was done (handled, published, acknowledged): the hop into this "
            "service and its work, as a dispatcher lives it.", labels=["group"])
        # A group may have several consumers in one process (assignment reads its two
        # topics on two): one sample per group, summed.
        totals: dict[str, list[int]] = {}
        lags: dict[str, dict[tuple[str, int], int]] = {}
        ages: dict[str, tuple[list[int], float]] = {}
        for consumer in self.consumers:
            stats = consumer.stats
            counts = [stats.handled, stats.skipped_duplicates, stats.dead_lettered,
                      stats.retries, stats.restarts]
            so_far = totals.setdefault(consumer.group_id, [0, 0, 0, 0, 0])
            totals[consumer.group_id] = [a + b for a, b in zip(so_far, counts, strict=True)]
            lags.setdefault(consumer.group_id, {}).update(consumer.lag())
            buckets, sum_s = ages.get(consumer.group_id, ([0] * len(stats.age.counts), 0.0))
            ages[consumer.group_id] = (
                [a + b for a, b in zip(buckets, stats.age.counts, strict=True)],
                sum_s + stats.age.sum_s)
        for group_id, (n_handled, n_skipped, n_dead, n_retries, n_restarts) in (
                totals.items()):
            handled.add_metric([group_id], n_handled)
            skipped.add_metric([group_id], n_skipped)
            dead.add_metric([group_id], n_dead)
            retries.add_metric([group_id], n_retries)
            restarts.add_metric([group_id], n_restarts)
            partitions.add_metric([group_id], len(lags[group_id]))
            for (topic, partition), value in sorted(lags[group_id].items()):
                lag.add_metric([group_id, topic, str(partition)], value)
            per_bucket, sum_s = ages[group_id]
            cumulative, running = [], 0
            for bound, count in zip((*EVENT_AGE_BUCKETS, float("inf")), per_bucket,
                                    strict=True):
                running += count
                cumulative.append(("+Inf" if bound == float("inf") else str(bound), running))
            age.add_metric([group_id], cumulative, sum_s)
        yield from (handled, skipped, dead, retries, restarts, lag, partitions, age)
        if self.queue_depth:
            depth = GaugeMetricFamily("rr_queue_depth", "Calls waiting for a unit.")
            depth.add_metric([], sum(float(fn()) for fn in self.queue_depth))
            yield depth


class _TimingMiddleware:
    def __init__(self, app: ASGIApp, histogram: Histogram) -> None:
        self.app = app
        self.histogram = histogram

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            # The route template, never the raw path: ids must not explode the label set.
            path = getattr(route, "path", None) or "unmatched"
            self.histogram.labels(scope.get("method", ""), path, str(status)).observe(
                time.perf_counter() - start)


def instrument(app: FastAPI, consumers: Sequence[EventConsumer] = ()) -> CollectorRegistry:
    """Add request timing and ``GET /metrics`` (metrics or admin role) to ``app``; returns
    its registry."""
    registry = CollectorRegistry(auto_describe=False)
    histogram = Histogram(
        "rr_http_request_duration_seconds", "HTTP request latency.",
        ["method", "route", "status"], buckets=LATENCY_BUCKETS, registry=registry)
    queue_depth: list[Callable[[], float]] = []
    service = getattr(getattr(app.state, "settings", None), "service_name", app.title)
    registry.register(_ConsumerCollector(service, list(consumers), queue_depth))
    app.state.metrics_registry = registry
    app.state.metrics_queue_depth = queue_depth
    app.add_middleware(_TimingMiddleware, histogram=histogram)

    router = APIRouter(tags=["metrics"])

    @router.get("/metrics", dependencies=[Depends(require(Role.metrics, Role.admin))],
                response_class=Response)
    def metrics() -> Response:
        """Prometheus text format; needs a metrics (the scraper's) or admin bearer token."""
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    app.include_router(router)
    return registry


def set_queue_depth(app: FastAPI, depth: Callable[[], float]) -> None:
    """Register how many calls wait for a unit (read at scrape time) as ``rr_queue_depth``."""
    app.state.metrics_queue_depth.append(depth)

"""Round trips to PostgreSQL per decision and per crew's status report, and their cost.

Runs ``--calls`` CallTriaged decisions on assignment's Dispatcher (the demo roster, mixed
unit types, one call per transaction as a poll of one record brings it, the record of
handled events on), and after each decision every unit it sent reports ``on_scene``, then
``available``, naming its call, as the bench's crews do. Units therefore cycle and most
decisions claim a unit.

Two passes, each on a fresh schema of RR_TEST_POSTGRES_URL (deploy/postgres/setup.sh):

1. through a counting TCP proxy (benchmarks/pg_proxy.py): the round trips each decision
   and each report waited for, whatever the driver does (pool checks, BEGIN, every
   statement, pipelines, COMMIT, the look at the queue after it);
2. straight to the server: wall time (p50, p99) and CPU time per decision
   and per report (CPU: the deciding thread's own).

``--contended``: in pass 2 a thread runs Python code throughout, as the service's event
loop does while a decision runs in a worker thread, so every answer from the server also
waits for the interpreter lock (the cost of a round trip in the service).

``--trace`` prints the statements of each round trip of one typical decision and report,
and of the decision and the report with the most round trips.

Run: .venv/bin/python benchmarks/pg_round_trips.py [--calls 300] [--contended] [--trace]
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.db_support

from benchmarks.assignment_queue import DEMO, MIX
from benchmarks.pg_proxy import CountingProxy
from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.rules import DEFAULT_FALLBACKS
from services.assignment.store import init_store, load_corridors
from shared.db import DatabaseProcessedEvents, make_engine
from shared.events import (
    CallTriaged,
    Location,
    UnitStatus,
    make_event,
    use_event_id_secret,
)
from shared.runtime import prepare_process
from tests.db_support import POSTGRES_URL, fresh_database

WARM_UP = 10  # decisions first, not measured: the pools connect, statements are prepared


@dataclass
class Figures:
    """Per kind of work ("decision", "report"): round trips, wall and CPU seconds."""

    trips: dict[str, list[int]] = field(default_factory=lambda: {"decision": [], "report": []})
    wall: dict[str, list[float]] = field(default_factory=lambda: {"decision": [], "report": []})
    cpu: dict[str, list[float]] = field(default_factory=lambda: {"decision": [], "report": []})
    traces: dict[str, list[list[str]]] = field(default_factory=dict)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--contended", action="store_true")
    args = parser.parse_args()
    if not POSTGRES_URL:
        sys.exit("RR_TEST_POSTGRES_URL is not set: export it from deploy/postgres/setup.sh")
    prepare_process()
    use_event_id_secret(secrets.token_bytes(32))  # the run's own: its ids outlive nothing
    figures = Figures()
    with tempfile.TemporaryDirectory() as tmp:
        with fresh_database("postgresql", Path(tmp), "trips") as url:
            upstream = sa.make_url(url)
            with CountingProxy((upstream.host or "127.0.0.1", upstream.port or 5432),
                               trace=args.trace) as proxy:
                run(proxy.url(url), args.calls, figures, proxy)
        with fresh_database("postgresql", Path(tmp), "timing") as url:
            stop = threading.Event()
            if args.contended:
                threading.Thread(target=_busy_loop, args=(stop,), daemon=True).start()
            try:
                run(url, args.calls, figures, None)
            finally:
                stop.set()
    report(figures, args.calls)


def run(url: str, calls: int, figures: Figures, proxy: CountingProxy | None) -> None:
    rng = random.Random(2026)
    engine, reader = make_engine(url), make_engine(url)
    init_store(engine, DEMO)
    dispatcher = Dispatcher(
        engine, DispatchConfig(producer="bench", estimator=GreatCircleEta(40),
                               corridors=load_corridors(DEMO),
                               fallbacks=list(DEFAULT_FALLBACKS)),
        clock=lambda: 1_750_000_000.0, reader=reader,
        processed=DatabaseProcessedEvents(engine, "assignment"))

    def measured(kind: str, work: Callable[[], object], index: int) -> None:
        counting: AbstractContextManager[list[int]] = (
            proxy.counting() if proxy is not None else nullcontext([0]))
        wall, cpu = time.perf_counter(), time.thread_time()
        with counting as trips:
            work()
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        if index < WARM_UP:
            return
        if proxy is not None:
            figures.trips[kind].append(trips[0])
            most = f"{kind} with the most"
            if proxy.trace and index >= 2 * WARM_UP:
                if kind not in figures.traces:
                    figures.traces[kind] = [list(b) for b in proxy.bursts]
                elif trips[0] > len(figures.traces.get(most, figures.traces[kind])):
                    figures.traces[most] = [list(b) for b in proxy.bursts]
        else:
            figures.wall[kind].append(wall)
            figures.cpu[kind].append(cpu)

    try:
        for n in range(calls + WARM_UP):
            envelope, triaged = _call(rng, n)
            with _tracing(proxy):
                measured("decision", lambda e=envelope, t=triaged:  # type: ignore[misc]
                         dispatcher.on_triaged_many([(e, t)]), n)
            with engine.connect() as conn:
                sent = conn.execute(sa.text(
                    "SELECT unit_id, current_call_id FROM unit WHERE status = 'dispatched' "
                    "ORDER BY unit_id")).all()
            for unit_id, call_id in sent:
                for status in (UnitStatus.on_scene, UnitStatus.available):
                    with _tracing(proxy):
                        measured("report", lambda u=unit_id, s=status, c=call_id:  # type: ignore[misc]
                                 dispatcher.report_status(u, s, call_id=c), n)
    finally:
        engine.dispose()
        reader.dispose()


def _busy_loop(stop: threading.Event) -> None:
    """Pure Python work until stopped: it holds the interpreter lock as a busy event loop
    does."""
    while not stop.is_set():
        sum(i * i for i in range(2000))


@contextmanager
def _tracing(proxy: CountingProxy | None) -> Iterator[None]:
    if proxy is not None:
        proxy.bursts.clear()
    yield


def _call(rng: random.Random, n: int) -> tuple[object, CallTriaged]:
    lat, lon = 44.89 + rng.random() * 0.16, -93.33 + rng.random() * 0.14
    triaged = CallTriaged(pathway="bench", units=rng.choice(MIX), priority=rng.randint(1, 5),
                          confidence=1, policy_id="bench", policy_version="1",
                          location=Location(lat=lat, lon=lon, address="bench"))
    return make_event(triaged, producer="triage", call_id=f"c-{n}"), triaged


def _ms(values: list[float], q: int) -> float:
    if len(values) < 2:
        return 1000 * (values[0] if values else 0.0)
    return 1000 * statistics.quantiles(values, n=100)[q - 1]


def report(figures: Figures, calls: int) -> None:
    print(f"{calls} decisions on PostgreSQL, crews reporting on scene then available")
    print(f"{'work':<9} {'n':>5} {'trips mean':>10} {'min':>4} {'max':>4} "
          f"{'wall p50 ms':>11} {'wall p99 ms':>11} {'CPU ms':>7}  round trips: count")
    for kind in ("decision", "report"):
        trips, wall, cpu = figures.trips[kind], figures.wall[kind], figures.cpu[kind]
        if not trips:
            continue
        spread = ", ".join(f"{k}: {v}" for k, v in sorted(Counter(trips).items()))
        print(f"{kind:<9} {len(trips):>5} {statistics.fmean(trips):>10.2f} {min(trips):>4} "
              f"{max(trips):>4} {_ms(wall, 50):>11.2f} {_ms(wall, 99):>11.2f} "
              f"{1000 * statistics.fmean(cpu) if cpu else 0.0:>7.2f}  {spread}")
    for kind, bursts in figures.traces.items():
        print(f"\none {kind}'s round trips:")
        for i, statements in enumerate(bursts, 1):
            shown = " | ".join(" ".join(s.split())[:70] for s in statements) or "(sync)"
            print(f"  {i:>2}. {shown}")


if __name__ == "__main__":
    main()

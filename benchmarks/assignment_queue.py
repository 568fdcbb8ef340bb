"""Throughput of CallTriaged decisions while the queue grows (demo roster, SQLite file).

Feeds N triaged calls straight into ``Dispatcher.on_triaged`` (mixed unit types, points
around the city, some in the ambassador corridors) and, every ``--free-every`` calls, has a
busy unit report itself available (which serves the queue). With the small demo roster the
queue grows to hundreds of waiting needs, the shape of the 250 calls/s fault test.

``--crews``: after each decision, every unit it sent reports on scene and then
available (cleared), as crews do through the API; prints the CPU per status report.

``--batch N`` hands the calls over N at a time to ``on_triaged_many`` (as the service
does with each poll's CallTriaged events; up to 50 decisions to a transaction); 1 decides
each call in a transaction of its own. Prints calls per second of wall clock and per
CPU-second of this process (less sensitive to other load on the machine).

``--lapse S``: afterwards, move the clock S seconds on and act on every deadline then due
(with no crew acknowledging, ``--lapse 91`` lets every assignment's acknowledgement lapse at
once, as in ``make bench``'s no-crews runs); prints how many and the time each took.

``--contended``: a thread runs Python code throughout, as the service's event loop does
while a decision runs in a thread of its own (PostgreSQL), so every round trip of the
decision also waits for the interpreter lock. Prints each transaction's wall time (p50,
p99) too.

Run: .venv/bin/python benchmarks/assignment_queue.py [--calls 2000] [--free-every 10]
     [--batch 1] [--postgres] [--contended]
     (--postgres: a fresh schema on RR_TEST_POSTGRES_URL; default SQLite)
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
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.db_support

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.rules import DEFAULT_FALLBACKS
from services.assignment.store import init_store, load_corridors, use_immediate_transactions
from shared.db import make_engine
from shared.events import (
    CallTriaged,
    Envelope,
    Location,
    UnitStatus,
    UnitType,
    make_event,
    use_event_id_secret,
)
from shared.runtime import prepare_process
from tests.db_support import fresh_database

DEMO = Path(__file__).resolve().parent.parent / "deploy" / "roster" / "demo.yaml"
MIX = [[UnitType.police], [UnitType.police, UnitType.ems], [UnitType.ems], [UnitType.fire],
       [UnitType.bcr], [UnitType.cso], [UnitType.ambassador], [UnitType.police]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--free-every", type=int, default=10)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--crews", action="store_true")
    parser.add_argument("--contended", action="store_true")
    parser.add_argument("--lapse", type=float, default=0.0)
    args = parser.parse_args()
    prepare_process()  # the interpreter settings of a service (its GIL switch interval)
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            with fresh_database("postgresql", Path(tmp), "bench") as url:
                run(url, args)
        else:
            run(f"sqlite:///{Path(tmp) / 'bench.db'}", args)


def run(url: str, args: argparse.Namespace) -> None:
    rng = random.Random(2026)
    now = [1_750_000_000.0]
    # A secret of the run's own: the ids it derives outlive nothing.
    use_event_id_secret(secrets.token_bytes(32))
    engine = make_engine(url)
    use_immediate_transactions(engine)
    init_store(engine, DEMO)
    dispatcher = Dispatcher(engine, DispatchConfig(
        producer="bench", estimator=GreatCircleEta(40), corridors=load_corridors(DEMO),
        fallbacks=list(DEFAULT_FALLBACKS)), clock=lambda: now[0])
    freed = reports = 0
    report_cpu = 0.0
    pending: list[tuple[Envelope, CallTriaged]] = []
    walls: list[float] = []
    stop_loop = threading.Event()
    if args.contended:
        threading.Thread(target=_busy_loop, args=(stop_loop,), daemon=True).start()
    start, cpu = time.perf_counter(), time.process_time()
    for n in range(args.calls):
        if rng.random() < 0.2:  # on E. Lake St.
            lat, lon = 44.9485, -93.27 + rng.random() * 0.07
        else:
            lat, lon = 44.89 + rng.random() * 0.16, -93.33 + rng.random() * 0.14
        triaged = CallTriaged(pathway="bench", units=rng.choice(MIX),
                              priority=rng.randint(1, 5), confidence=1, policy_id="bench",
                              policy_version="1",
                              location=Location(lat=lat, lon=lon, address="bench"))
        pending.append((make_event(triaged, producer="triage", call_id=f"c-{n}"),
                        triaged))
        if len(pending) >= args.batch or n == args.calls - 1:
            began = time.perf_counter()
            dispatcher.on_triaged_many(pending)
            walls.append(time.perf_counter() - began)
            pending = []
        if args.crews:
            with engine.connect() as conn:
                sent = conn.execute(sa.text(
                    "SELECT unit_id, current_call_id FROM unit WHERE status='dispatched'"
                )).all()
            began = time.process_time()
            for unit_id, call_id in sent:
                for status in (UnitStatus.on_scene, UnitStatus.available):
                    dispatcher.report_status(unit_id, status, call_id=call_id)
                    reports += 1
            report_cpu += time.process_time() - began
        if args.free_every and n % args.free_every == 0:
            with engine.connect() as conn:
                busy = conn.execute(sa.text(
                    "SELECT unit_id FROM unit WHERE status='dispatched' ORDER BY unit_id"
                )).scalars().all()
            if busy:
                dispatcher.report_status(rng.choice(busy), UnitStatus.available)
                freed += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    stop_loop.set()
    if args.lapse:
        now[0] += args.lapse
        due = dispatcher.due_needs()
        took = []
        for need_id in due:
            began = time.perf_counter()
            dispatcher.run_timer(need_id)
            took.append(time.perf_counter() - began)
        if took:
            print(f"{len(due)} deadlines due {args.lapse:g} s later: median "
                  f"{1000 * statistics.median(took):.2f} ms each, {sum(took):.2f} s in all")
    with engine.connect() as conn:
        states: dict[str, int] = dict(conn.execute(sa.text(
            "SELECT state, count(*) FROM call_need GROUP BY state")).all())
    engine.dispose()
    print(f"{args.calls} calls ({freed} units freed) in {elapsed:.2f} s: "
          f"{args.calls / elapsed:.0f} calls/s, {args.calls / cpu:.0f} per CPU-second "
          f"(batch {args.batch}); needs {states}")
    cuts = statistics.quantiles(walls, n=100) if len(walls) > 1 else walls * 99
    print(f"wall time of a transaction of {args.batch} decision(s): p50 {1000 * cuts[49]:.2f} "
          f"ms, p99 {1000 * cuts[98]:.2f} ms" + (" (contended)" if args.contended else ""))
    if reports:
        print(f"{reports} status reports: {1000 * report_cpu / reports:.2f} ms of CPU each")


def _busy_loop(stop: threading.Event) -> None:
    """Pure Python work until stopped: it holds the interpreter lock as a busy event loop
    does, handing it over only when another thread has waited the switch interval."""
    while not stop.is_set():
        sum(i * i for i in range(2000))


if __name__ == "__main__":
    main()

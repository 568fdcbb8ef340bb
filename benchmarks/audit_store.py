"""Audit store benchmark: events stored per second (batched) on SQLite and PostgreSQL, and
the time to verify a chain of one million entries.

    .venv/bin/python benchmarks/audit_store.py [--events 50000] [--batch 2000]
        [--postgres-url URL] [--verify-entries 1000000] [--sign] [--repeat 1]

Small batches are what the consumer sees at ordinary load (1-5 events a poll at 50-100
calls/s), where the fixed cost of each append dominates: for that figure run e.g.
``--events 5000 --batch 1 --sign --repeat 3 --verify-entries 0`` and read the per
CPU-second rate (wall-clock rates move with whatever else the machine runs).

PostgreSQL: --postgres-url, else RR_TEST_POSTGRES_URL, else RR_DATABASE_URL from
.run/postgres.env (written by deploy/postgres/setup.sh). Each run uses a schema of its own
and drops it afterwards.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.audit.chain import GENESIS, canonical_payload, link, verify_chain
from services.audit.store import append_entries, entry_from_envelope, init_store
from services.audit.tables import ENTRY
from services.audit.verification import verify_store
from shared.db import make_engine
from shared.events import use_event_id_secret
from shared.settings import REPO_ROOT
from tests.audit_support import T0, call_flow


def events(n: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    i = 0
    while len(out) < n:
        flow = call_flow(f"bench-{i}", T0 + timedelta(seconds=i))
        out += [entry_from_envelope(e, "bench") for e in flow]
        i += 1
    return out[:n]


def store_rate(
    engine: sa.Engine, entries: list[dict[str, Any]], batch: int,
    key: Ed25519PrivateKey | None = None,
) -> tuple[float, float]:
    """Events stored per second of wall-clock time, and per second of this process's CPU
    (the second is less sensitive to other load on the machine). With a key, appends
    sign checkpoints as the service does (every 1000 entries, its default)."""
    init_store(engine)
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(entries), batch):
        append_entries(engine, entries[i:i + batch], signing_key=key, checkpoint_every=1000)
    elapsed, cpu_used = time.perf_counter() - start, time.process_time() - cpu
    assert verify_store(engine, None).ok
    return len(entries) / elapsed, len(entries) / cpu_used


def _rates(runs: list[tuple[float, float]], who: str = "") -> str:
    """The median run's rates, and every run's CPU rate (runs differ with machine load)."""
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    each = ", ".join(f"{r[1]:,.0f}" for r in runs)
    return (f"{wall:,.0f} events/s stored; {cpu:,.0f} per {who}CPU-second"
            + (f" (runs: {each})" if len(runs) > 1 else ""))


def postgres_url(arg: str | None) -> str | None:
    if arg:
        return arg
    if os.environ.get("RR_TEST_POSTGRES_URL"):
        return os.environ["RR_TEST_POSTGRES_URL"]
    env = REPO_ROOT / ".run" / "postgres.env"
    if env.exists():
        for line in env.read_text().splitlines():
            # RR_DATABASE_URL; DATABASE_URL in a file written by an older setup.sh
            if line.startswith(("RR_DATABASE_URL=", "DATABASE_URL=")):
                return line.split("=", 1)[1]
    return None


def million(n: int, tmp: Path) -> None:
    print(f"building a chain of {n:,} entries in memory...", flush=True)
    start = time.perf_counter()
    entries = []
    for i in range(n):
        entries.append({
            "kind": "event", "event_id": str(uuid.UUID(int=i)), "event_type": "CallTriaged",
            "schema_version": 1, "call_id": f"c{i // 4}", "causation_id": None,
            "producer": "triage", "unit_id": None, "topic": "calls.triaged",
            "occurred_at": "2026-11-25T14:00:00.000000Z",
            "recorded_at": "2026-11-25T14:00:00.000000Z",
            "payload_json": canonical_payload({"pathway": "behavioral_health", "n": i,
                                               "units": ["bcr"], "policy_version": "1"}),
        })
    link(entries, GENESIS, 1)
    print(f"  built and hashed in {time.perf_counter() - start:.1f} s")
    start, cpu = time.perf_counter(), time.process_time()
    result = verify_chain(entries)
    assert result.ok and result.entries == n
    print(f"verify {n:,} entries (in memory): {time.perf_counter() - start:.1f} s "
          f"({time.process_time() - cpu:.1f} CPU-s)")

    engine = make_engine(f"sqlite:///{tmp / 'million.db'}")
    init_store(engine)
    start = time.perf_counter()
    with engine.begin() as conn:
        for i in range(0, n, 20_000):
            conn.execute(sa.insert(ENTRY), entries[i:i + 20_000])
    print(f"  loaded into SQLite in {time.perf_counter() - start:.1f} s")
    del entries
    start, cpu = time.perf_counter(), time.process_time()
    # The chain alone: these rows were loaded without the decision index the service
    # writes beside them (test_audit_store times the index check on real appends).
    result = verify_store(engine, None, check_index=False)
    assert result.ok and result.entries == n
    print(f"verify {n:,} entries (SQLite, streamed from the database, chain only): "
          f"{time.perf_counter() - start:.1f} s ({time.process_time() - cpu:.1f} CPU-s)")
    engine.dispose()


def main() -> int:
    # A secret of the run's own for the flows' derived ids: they outlive nothing.
    use_event_id_secret(secrets.token_bytes(32))
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=2000,
                        help="events per append (the audit consumer polls up to 2000)")
    parser.add_argument("--postgres-url")
    parser.add_argument("--verify-entries", type=int, default=1_000_000)
    parser.add_argument("--sign", action="store_true",
                        help="sign checkpoints as the service does")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per store (each on a fresh database); the median is shown")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    entries = events(args.events)
    key = Ed25519PrivateKey.generate() if args.sign else None
    what = f"{args.events:,} events, batches of {args.batch}" + (", signed" if key else "")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        runs = []
        for n in range(args.repeat):
            engine = make_engine(f"sqlite:///{tmp / f'audit{n}.db'}")
            runs.append(store_rate(engine, [dict(e) for e in entries], args.batch, key))
            engine.dispose()
        print(f"SQLite:     {_rates(runs)} ({what}; chained, indexed, "
              f"idempotency-checked)", flush=True)

        url = postgres_url(args.postgres_url)
        if url is None:
            print("PostgreSQL: skipped (no URL; run deploy/postgres/setup.sh)")
        else:
            admin = make_engine(url)
            runs = []
            for _ in range(args.repeat):
                schema = f"bench_{uuid.uuid4().hex[:8]}"
                with admin.begin() as conn:
                    conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
                sep = "&" if "?" in url else "?"
                engine = make_engine(f"{url}{sep}options=-csearch_path%3D{schema}")
                try:
                    runs.append(store_rate(engine, [dict(e) for e in entries], args.batch, key))
                finally:
                    engine.dispose()
                    with admin.begin() as conn:
                        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
            print(f"PostgreSQL: {_rates(runs, 'client ')} ({what})", flush=True)

        if args.verify_entries:
            million(args.verify_entries, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

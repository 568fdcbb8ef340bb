"""CPU of audit's SQLite store with its write-ahead log checkpointed at different intervals.

    .venv/bin/python -m benchmarks.wal_checkpoints [--polls-per-s 50] [--batch 5]
        [--seconds 10] [--intervals 0.1,0.5,1,2]

Appends ``--batch`` events per poll, ``--polls-per-s`` polls a second (as audit's consumer
does at 250 calls/s, its fetch lingering 20 ms), with the background checkpointer of
:func:`shared.db.make_engine` at each interval, and prints the process's CPU (every
thread: the checkpointer's too) per event stored, and the log's size at the end.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.audit_store import events
from services.audit.store import append_entries, init_store
from shared.db import make_engine
from shared.events import use_event_id_secret


def cpu_per_event(path: Path, every_s: float, polls_per_s: float, batch: int,
                  seconds: float) -> tuple[float, int]:
    """µs of CPU per event stored, and the write-ahead log's bytes at the end."""
    engine = make_engine(f"sqlite:///{path}", background_checkpoints=True,
                         checkpoint_every_s=every_s)
    init_store(engine)
    polls = int(polls_per_s * seconds)
    entries = events(polls * batch)
    start_cpu, start = time.process_time(), time.perf_counter()
    for i in range(polls):
        due = start + i / polls_per_s
        time.sleep(max(0.0, due - time.perf_counter()))
        append_entries(engine, entries[i * batch:(i + 1) * batch])
    used = time.process_time() - start_cpu
    wal = Path(f"{path}-wal")
    size = wal.stat().st_size if wal.exists() else 0
    engine.dispose()
    return 1e6 * used / len(entries), size


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--polls-per-s", type=float, default=50.0)
    p.add_argument("--batch", type=int, default=5)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--intervals", default="0.1,0.5,1,2")
    args = p.parse_args(argv)
    use_event_id_secret(b"bench-only-secret-bench-only-secret")
    with tempfile.TemporaryDirectory() as tmp:
        for n, every in enumerate(float(x) for x in args.intervals.split(",")):
            us, wal = cpu_per_event(Path(tmp) / f"audit{n}.db", every, args.polls_per_s,
                                    args.batch, args.seconds)
            print(f"checkpoint every {every:>4g} s: {us:6.0f} µs CPU per event, "
                  f"log {wal / 2**20:.1f} MiB at the end", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

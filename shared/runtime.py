"""Interpreter settings every service process starts with."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator

# How long a thread may hold the GIL while another waits for it. Services hand database
# work to threads (asyncio.to_thread); each return from a database call needs the GIL
# back, and at CPython's default (5 ms) a busy event loop made a decision wait that long
# many times over: at 100 calls/s the median end-to-end latency fell from ~1.3 s to
# ~0.2 s with 0.5 ms (benchmarks/e2e_bench.py).
GIL_SWITCH_INTERVAL_S = 0.0005


def prepare_process() -> None:
    """Call once per service process, before the app starts."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)


@contextlib.contextmanager
def startup_objects_frozen() -> Iterator[None]:
    """While a service runs, leave what it built at start-up out of the collector's
    full passes: they walked ~100,000 long-lived objects (settings, models, SQLAlchemy,
    triage's lexicons) and stopped the event loop for 47-69 ms in triage, assignment and
    audit, and 20-90 ms in intake, every few thousand calls. Wrap a lifespan's ``yield``;
    afterwards the objects are collectable again (tests start and stop many apps)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

"""SQLite write-ahead logs are copied back by a thread of the engine's own, not by commits."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from shared.db import dbapi_transaction, make_engine


def _checkpointer_threads() -> int:
    return sum(1 for t in threading.enumerate()
               if t.name == "sqlite-wal-checkpoint" and t.is_alive())


def test_the_log_is_checkpointed_in_the_background_and_the_thread_ends_with_the_engine(
    tmp_path: Path,
) -> None:
    before = _checkpointer_threads()
    path = tmp_path / "store.db"
    engine = make_engine(f"sqlite:///{path}", background_checkpoints=True)
    with dbapi_transaction(engine) as cursor:
        cursor.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, body TEXT)")
    # ~2 MB: well under the 10,000 pages at which a commit would checkpoint itself.
    for start in range(0, 2000, 100):
        with dbapi_transaction(engine) as cursor:
            cursor.executemany("INSERT INTO t VALUES (?, ?)",
                               [(n, "x" * 1000) for n in range(start, start + 100)])
    deadline = time.monotonic() + 10
    while path.stat().st_size < 1_000_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_size >= 1_000_000, "the rows never left the write-ahead log"
    assert _checkpointer_threads() == before + 1
    engine.dispose()
    assert _checkpointer_threads() == before


def test_without_background_checkpoints_no_thread_is_started(tmp_path: Path) -> None:
    before = _checkpointer_threads()
    engine = make_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    with dbapi_transaction(engine) as cursor:
        cursor.execute("CREATE TABLE t (n INTEGER)")
    assert _checkpointer_threads() == before
    engine.dispose()

"""SQLite write-ahead logs are copied back by a thread of the engine's own, not by commits."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from shared import db
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


@pytest.mark.parametrize("service", ["intake", "triage", "assignment", "audit"])
def test_every_service_store_checkpoints_off_its_commits(
    service: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each service's SQLite store hands its checkpoints to a thread of its own, and its
    commits checkpoint only past the bound (a log the thread could not keep short)."""
    stores: list[tuple[str, int]] = []

    class Recorded:
        def __init__(self, connection: Any, every_s: float) -> None:
            [(_, _, path)] = connection.execute("PRAGMA database_list").fetchall()
            pages = connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
            stores.append((Path(path).name, pages))
            connection.close()

        def stop(self) -> None:
            pass

    monkeypatch.setattr(db, "WalCheckpointer", Recorded)
    module = __import__(f"services.{service}.main", fromlist=["create_app"])
    settings_module = __import__(f"services.{service}.settings", fromlist=["x"])
    settings_cls = next(v for k, v in vars(settings_module).items()
                        if k.endswith("Settings") and k != "ServiceSettings")
    module.create_app(settings_cls(run_dir=tmp_path))
    assert stores, f"{service} has no background checkpoints"
    assert all(pages == db.AUTOCHECKPOINT_PAGES for _, pages in stores)

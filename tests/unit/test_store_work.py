"""Where a consumer's database work runs: on the event loop for SQLite (a thread hand-off
costs more than the transaction), in a thread for PostgreSQL (round trips would stall the
loop and the consumer's heartbeats)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from shared.db import make_engine, run_store_work
from tests.db_support import STORES, fresh_database


@pytest.mark.parametrize("kind", STORES)
async def test_store_work_runs_on_the_loop_only_for_sqlite(kind: str, tmp_path: Path) -> None:
    with fresh_database(kind, tmp_path, "work") as url:
        engine = make_engine(url)
        try:
            def count_in_transaction(extra: int) -> tuple[int, int]:
                with engine.begin() as connection:
                    value = connection.execute(sa.text("SELECT 41")).scalar_one()
                return threading.get_ident(), value + extra

            thread, value = await run_store_work(engine, count_in_transaction, extra=1)
        finally:
            engine.dispose()
    assert value == 42
    on_loop = thread == threading.get_ident()
    assert on_loop is (kind == "sqlite")

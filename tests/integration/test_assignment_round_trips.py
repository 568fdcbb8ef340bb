"""Assignment on PostgreSQL waits for few round trips: a decision's statements go to the
server in a handful of batches (the BEGIN with the first), counted by a proxy between
the engine and the server. What a batch must not change: every statement runs inside
the unit of work's transaction, a lock wait inside a batch is still cut off by
lock_timeout, a key another instance inserted first still runs the decision again, and
connections go back to the pool as they came."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from benchmarks.pg_proxy import CountingProxy
from services.assignment.dispatcher import Dispatcher
from services.assignment.sql_unit_of_work import SqlUnitOfWork
from services.assignment.store import init_store
from shared.db import DatabaseProcessedEvents, make_engine, store_unavailable
from shared.events import UnitStatus
from tests.db_support import STORES, fresh_database
from tests.integration.assignment_support import unit, write_roster
from tests.integration.test_assignment_row_locks import (
    WAIT_S,
    BeforeCommit,
    HeldOpen,
    config,
    police_call,
    rows,
)

POSTGRES = [s for s in STORES if s == "postgresql"]
pytestmark = pytest.mark.parametrize("kind", POSTGRES)
LOCK_TIMEOUT_S = 0.3


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "roster.yaml", [unit("P-1", "police", 44.95, -93.25),
                                                   unit("P-2", "police", 44.99, -93.30)])


@pytest.fixture
def url(kind: str, tmp_path: Path) -> Iterator[str]:
    with fresh_database(kind, tmp_path, "trips") as found:
        yield found


def store(url: str, roster: Path, **session: str) -> Engine:
    engine = make_engine(url, postgres_session=session or None)
    init_store(engine, roster)
    return engine


def dispatcher(engine: Engine, roster: Path) -> Dispatcher:
    return Dispatcher(engine, config(roster),
                      processed=DatabaseProcessedEvents(engine, "assignment"))


def test_a_decision_and_a_crews_report_wait_for_a_few_round_trips(
    kind: str, url: str, roster: Path,
) -> None:
    upstream = sa.make_url(url)
    with CountingProxy((upstream.host or "127.0.0.1", upstream.port or 5432)) as proxy:
        engine = store(proxy.url(url), roster)
        try:
            deciding = dispatcher(engine, roster)
            deciding.on_triaged(*police_call("c0"))  # the pool connects
            with proxy.counting() as decision:
                deciding.on_triaged(*police_call("c1"))
            with proxy.counting() as report:
                deciding.report_status("P-2", UnitStatus.en_route, call_id="c1")
        finally:
            engine.dispose()
    # BEGIN with the call's lock, the record of handled events and the roster; the
    # claim with the call's team; the rows added with the COMMIT. It was 8.
    assert decision[0] == 3
    # BEGIN with the lock of the unit's call and the unit; its update with the call's
    # team; its needs; their update; the event with the COMMIT. It was 10.
    assert report[0] <= 5
    assert rows(make_engine(url), "SELECT unit_id, status, current_call_id FROM unit "
                                  "ORDER BY unit_id") == [("P-1", "dispatched", "c0"),
                                                          ("P-2", "en_route", "c1")]


def test_a_unit_of_work_whose_first_statement_is_the_orms_holds_its_lock_to_the_end(
    kind: str, url: str, roster: Path,
) -> None:
    engine = store(url, roster)
    try:
        dispatcher(engine, roster).on_triaged(*police_call("c1"))
        with SqlUnitOfWork(engine) as uow:
            assert uow.calls.get("c1", lock=True) is not None  # an ORM statement, first
            with engine.connect() as other, pytest.raises(sa.exc.OperationalError):
                other.execute(sa.text("SELECT call_id FROM call_record "
                                      "WHERE call_id = 'c1' FOR UPDATE NOWAIT"))
        assert_pool_out_of_autocommit(engine)
    finally:
        engine.dispose()


def test_a_lock_wait_inside_a_batch_is_cut_off_by_lock_timeout(
    kind: str, url: str, roster: Path,
) -> None:
    engine = store(url, roster, lock_timeout=f"{int(LOCK_TIMEOUT_S * 1000)}ms")
    try:
        deciding = dispatcher(engine, roster)
        deciding.on_triaged(*police_call("c1"))
        with engine.connect() as holder:
            holder.execute(sa.text("SELECT call_id FROM call_record WHERE call_id = 'c1' "
                                   "FOR UPDATE"))
            # A crew's report (its unit's call locked with the unit read) and a re-triage
            # (the call locked with the handled events and the roster) wait in a batch.
            for work in (lambda: deciding.report_status("P-1", UnitStatus.en_route),
                         lambda: deciding.on_triaged(*police_call("c1"))):
                began = time.monotonic()
                with pytest.raises(Exception) as waited:
                    work()
                assert time.monotonic() - began < WAIT_S
                driver_error = getattr(waited.value, "orig", None) or waited.value
                assert getattr(driver_error, "sqlstate", None) == "55P03"  # lock_timeout
                # An outage to wait out: a consumer retries, an API answers 503.
                assert store_unavailable(waited.value)
            holder.rollback()
        assert_pool_out_of_autocommit(engine)
        # The connections that timed out inside a batch serve the next decisions.
        deciding.report_status("P-1", UnitStatus.en_route)
        assert rows(engine, "SELECT status FROM unit WHERE unit_id = 'P-1'") == [
            ("en_route",)]
    finally:
        engine.dispose()


def test_a_call_another_instance_inserted_first_runs_the_decision_again(
    kind: str, url: str, roster: Path,
) -> None:
    first, second = store(url, roster), store(url, roster)
    try:
        held = HeldOpen()
        commits: list[SqlUnitOfWork] = []

        def hold_the_first(uow: SqlUnitOfWork) -> None:
            commits.append(uow)
            held(uow)

        holding = Dispatcher(first, config(roster),
                             unit_of_work=BeforeCommit(first, hold_the_first))
        call = police_call("c1")
        with ThreadPoolExecutor(1) as pool:
            # The first has claimed P-1 and waits before its commit; the second decides
            # the same new call meanwhile (P-1 is locked: it takes P-2) and commits.
            decided_first = pool.submit(holding.on_triaged, *call)
            try:
                assert held.reached.wait(WAIT_S)
                dispatcher(second, roster).on_triaged(*call)
            finally:
                held.release.set()
            # The first's insert of the call fails on the key inside its commit's
            # batch: it runs again, finds the call decided, and returns.
            decided_first.result(WAIT_S)
        assert len(commits) == 2
        assert rows(second, "SELECT call_id FROM call_record") == [("c1",)]
        assert rows(second, "SELECT unit_id, status, current_call_id FROM unit "
                            "ORDER BY unit_id") == [("P-1", "available", None),
                                                    ("P-2", "dispatched", "c1")]
        assert_pool_out_of_autocommit(first)
    finally:
        first.dispose()
        second.dispose()


def assert_pool_out_of_autocommit(engine: Engine) -> None:
    """Every idle pooled connection is as the pool hands it out: the driver begins a
    transaction before a statement (a plain ``engine.begin()`` relies on it)."""
    idle = engine.pool.checkedin()  # type: ignore[attr-defined]
    connections = [engine.raw_connection() for _ in range(idle)]
    try:
        assert [c.driver_connection.autocommit for c in connections] == [False] * idle
    finally:
        for connection in connections:
            connection.close()

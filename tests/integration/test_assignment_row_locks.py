"""Assignment's decisions lock rows, not the store (PostgreSQL): work on other units goes on
while a crew's report holds its transaction open, a unit freed while another instance
queues a call still serves it, a decision that loses to another runs again, and the
timers' sweep serves a call left waiting beside a free unit. Two instances deciding
calls while crews report on both never double-book a unit and leave no call waiting
(SQLite too)."""

from __future__ import annotations

import json
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from services.assignment.crews import UnitReport
from services.assignment.dispatcher import MAX_ATTEMPTS, DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.sql_unit_of_work import SqlUnitOfWork
from services.assignment.store import init_store, load_corridors, use_immediate_transactions
from services.assignment.unit_of_work import WriteConflict
from shared.db import DatabaseProcessedEvents, make_engine, store_unavailable
from shared.events import CallTriaged, Envelope, UnitStatus, make_event
from shared.topics import UNITS_ASSIGNMENTS
from tests.db_support import STORES, fresh_database
from tests.integration.assignment_support import assignment_store, triaged, unit, write_roster

POSTGRES = [s for s in STORES if s == "postgresql"]
# How long work beside a transaction held open may take: the old global lock made it
# wait for that transaction (and the lock's timeout, 10 s).
WAIT_S = 5.0


def config(roster: Path) -> DispatchConfig:
    return DispatchConfig(producer="test", estimator=GreatCircleEta(40),
                          corridors=load_corridors(roster))


def police_call(call_id: str, where: tuple[float, float] = (44.9485, -93.2470)
                ) -> tuple[Envelope, CallTriaged]:
    payload = triaged(["police"], where=where)
    return make_event(payload, producer="triage", call_id=call_id), payload


def rows(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql)).all()]


def need_of(engine: Engine, call_id: str) -> tuple[str, str | None]:
    [found] = rows(engine, "SELECT state, unit_id FROM call_need "  # noqa: S608
                           f"WHERE call_id = '{call_id}'")
    return found


class BeforeCommit:
    """Units of work (of another instance) that call ``hook`` before each commit."""

    def __init__(self, engine: Engine, hook: Callable[[SqlUnitOfWork], None]) -> None:
        self.engine = engine
        self.hook = hook

    def __call__(self) -> SqlUnitOfWork:
        return _HookedCommit(self.engine, self.hook)


class _HookedCommit(SqlUnitOfWork):
    def __init__(self, engine: Engine, hook: Callable[[SqlUnitOfWork], None]) -> None:
        super().__init__(engine)
        self.hook = hook

    def commit(self) -> None:
        self.hook(self)
        super().commit()


class HeldOpen:
    """A commit that waits until released: a transaction held open (a slow round trip,
    a paused instance)."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, _: SqlUnitOfWork) -> None:
        self.reached.set()
        assert self.release.wait(WAIT_S * 4)


@pytest.fixture
def two_police(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "roster.yaml", [unit("P-1", "police", 44.95, -93.25),
                                                   unit("P-2", "police", 44.99, -93.30)])


@pytest.mark.parametrize("kind", POSTGRES)
def test_work_on_other_units_goes_on_while_a_report_holds_its_transaction_open(
    kind: str, tmp_path: Path, two_police: Path,
) -> None:
    with assignment_store(kind, tmp_path, two_police, "rows") as engine:
        dispatcher = Dispatcher(engine, config(two_police))
        dispatcher.on_triaged(*police_call("c1"))
        held = HeldOpen()
        other = Dispatcher(engine, config(two_police),
                           unit_of_work=BeforeCommit(engine, held))
        with ThreadPoolExecutor(2) as pool:
            report = pool.submit(other.report_status, "P-1", UnitStatus.en_route)
            assert held.reached.wait(WAIT_S)
            try:
                # A new call and another unit's crew, while P-1's report is uncommitted.
                pool.submit(dispatcher.on_triaged, *police_call("c2")).result(WAIT_S)
                pool.submit(dispatcher.report_status, "P-2", UnitStatus.en_route
                            ).result(WAIT_S)
            finally:
                held.release.set()
            report.result(WAIT_S)
        assert rows(engine, "SELECT unit_id, status, current_call_id FROM unit "
                            "ORDER BY unit_id") == [("P-1", "en_route", "c1"),
                                                    ("P-2", "en_route", "c2")]


@pytest.mark.parametrize("kind", POSTGRES)
def test_a_unit_freed_while_another_instance_queues_a_call_serves_that_call(
    kind: str, tmp_path: Path,
) -> None:
    roster = write_roster(tmp_path / "roster.yaml", [unit("P-1", "police", 44.95, -93.25)])
    with assignment_store(kind, tmp_path, roster, "race") as engine:
        dispatcher = Dispatcher(engine, config(roster))
        dispatcher.on_triaged(*police_call("c0"))
        for status in (UnitStatus.en_route, UnitStatus.on_scene):
            dispatcher.report_status("P-1", status)
        held = HeldOpen()
        other = Dispatcher(engine, config(roster), unit_of_work=BeforeCommit(engine, held))
        with ThreadPoolExecutor(2) as pool:
            # P-1 clears on one instance: its queue is empty, and it has not committed.
            freeing = pool.submit(other.report_status, "P-1", UnitStatus.available)
            assert held.reached.wait(WAIT_S)
            try:
                # The other instance still sees P-1 on scene: c1 waits.
                pool.submit(dispatcher.on_triaged, *police_call("c1")).result(WAIT_S)
                assert need_of(engine, "c1") == ("waiting", None)
            finally:
                held.release.set()
            freeing.result(WAIT_S)
        # Neither saw the other; the one that committed last served the queue again.
        assert need_of(engine, "c1") == ("assigned", "P-1")


@pytest.mark.parametrize("kind", STORES)
def test_the_sweep_serves_a_call_left_waiting_beside_a_free_unit(
    kind: str, tmp_path: Path, two_police: Path,
) -> None:
    with assignment_store(kind, tmp_path, two_police, "sweep") as engine:
        dispatcher = Dispatcher(engine, config(two_police))
        dispatcher.on_triaged(*police_call("c1"))
        # As a race no decision settled would leave it (a crash between commit and the
        # second pass over the queue).
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE unit SET status = 'available', "
                                 "current_call_id = NULL"))
            conn.execute(sa.text("UPDATE call_need SET state = 'waiting', unit_id = NULL"))
        dispatcher.sweep_queue()
        assert need_of(engine, "c1") == ("assigned", "P-1")


class DeadlockDetected(Exception):
    """As the driver raises it when the server broke a deadlock."""

    sqlstate = "40P01"


class LosesToAnother:
    """Commits that fail, as if they lost to another instance, ``losses`` times."""

    def __init__(self) -> None:
        self.losses = 0
        self.attempts = 0

    def __call__(self, uow: SqlUnitOfWork) -> None:
        self.attempts += 1
        if self.losses > 0:
            self.losses -= 1
            uow.session.flush()  # what it wrote is rolled back with it
            raise DeadlockDetected("deadlock detected")


@pytest.mark.parametrize("kind", STORES)
def test_a_decision_that_lost_to_another_runs_again_a_bounded_number_of_times(
    kind: str, tmp_path: Path, two_police: Path,
) -> None:
    with assignment_store(kind, tmp_path, two_police, "retry") as engine:
        losing = LosesToAnother()
        dispatcher = Dispatcher(engine, config(two_police),
                                unit_of_work=BeforeCommit(engine, losing))
        losing.losses = 1
        dispatcher.on_triaged(*police_call("c1"))
        assert losing.attempts == 2
        assert need_of(engine, "c1") == ("assigned", "P-1")
        assert rows(engine, "SELECT status FROM unit WHERE unit_id = 'P-1'") == [
            ("dispatched",)]
        assigned = [r for (r,) in rows(engine, "SELECT envelope FROM outbox")
                    if json.loads(r)["event_type"] == "UnitAssigned"]
        assert len(assigned) == 2  # calls.assigned and the unit's topic, once each

        losing.losses, losing.attempts = 10, 0
        with pytest.raises(DeadlockDetected) as lost:
            dispatcher.on_triaged(*police_call("c2"))
        assert losing.attempts == MAX_ATTEMPTS
        # An outage to wait out (a consumer retries; the API answers 503), and nothing of
        # it was kept.
        assert store_unavailable(lost.value)
        assert store_unavailable(WriteConflict("call c2 locked out of order"))
        assert rows(engine, "SELECT call_id FROM call_record ORDER BY call_id") == [("c1",)]
        assert rows(engine, "SELECT status FROM unit WHERE unit_id = 'P-2'") == [
            ("available",)]


# --- two instances, calls and crews' reports side by side --------------------------------

CALLS = 40
NEXT = {"dispatched": UnitStatus.en_route, "en_route": UnitStatus.on_scene,
        "on_scene": UnitStatus.available}
DEADLINE_S = 120.0


def instances(url: str, roster: Path, count: int) -> Iterator[tuple[Engine, Dispatcher]]:
    """Service instances on one database, each with its engine (its own pool, and on
    SQLite its own writer lock, as a process of its own has)."""
    for _ in range(count):
        engine = make_engine(url)
        use_immediate_transactions(engine)
        init_store(engine, roster)
        yield engine, Dispatcher(engine, config(roster),
                                 processed=DatabaseProcessedEvents(engine, "assignment"))


def double_bookings(engine: Engine) -> list[Any]:
    return [*rows(engine, "SELECT unit_id, count(*) FROM call_need WHERE state IN "
                          "('assigned', 'accepted') GROUP BY unit_id HAVING count(*) > 1"),
            *rows(engine, "SELECT current_call_id, count(*) FROM unit WHERE current_call_id "
                          "IS NOT NULL GROUP BY current_call_id HAVING count(*) > 1")]


def in_threads(work: list[Callable[[], None]], stop: threading.Event
               ) -> list[BaseException]:
    """Run each in a thread of its own until all end (``stop`` is set when one fails);
    the errors they raised."""
    errors: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as error:
            errors.append(error)
            stop.set()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE_S + 30)
    return errors


@pytest.mark.parametrize("kind", STORES)
def test_two_instances_deciding_beside_crews_reports_never_double_book_nor_strand_a_call(
    kind: str, tmp_path: Path,
) -> None:
    roster = write_roster(tmp_path / "roster.yaml", [
        unit(f"P{n}", "police", 44.94 + n * 0.01, -93.26 + n * 0.005) for n in range(4)])
    rng = random.Random(7)
    calls = [police_call(f"c{n:02}", (44.93 + rng.random() * 0.06,
                                      -93.28 + rng.random() * 0.06)) for n in range(CALLS)]
    with fresh_database(kind, tmp_path, "shared") as url:
        pairs = list(instances(url, roster, 2))
        engine = pairs[0][0]
        dispatchers = [d for _, d in pairs]
        finished = threading.Event()
        deadline = time.monotonic() + DEADLINE_S
        seen_double: list[Any] = []

        def decide(first: int) -> Callable[[], None]:
            own = random.Random(first)

            def run() -> None:
                # Each instance takes every other call, one to three at a time.
                mine = calls[first::2]
                while mine:
                    take = own.randint(1, 3)
                    dispatchers[first].on_triaged_many(mine[:take])
                    mine = mine[take:]
            return run

        def crew(seed: int) -> Callable[[], None]:
            own = random.Random(seed)

            def run() -> None:
                while not finished.is_set():
                    assert time.monotonic() < deadline, rows(
                        engine, "SELECT call_id, state, unit_id FROM call_need WHERE "
                                "state <> 'done'")  # left waiting
                    units = rows(engine, "SELECT unit_id, status, current_call_id FROM unit")
                    reports = [UnitReport(u, NEXT[status], call_id=call)
                               for u, status, call in units if status in NEXT]
                    if reports:
                        # A random instance each; a third of the time both, one after the
                        # other (a crew's retry landing on the other instance).
                        for target in (dispatchers if own.random() < 0.33
                                       else [own.choice(dispatchers)]):
                            target.report_statuses(own.sample(reports, len(reports)))
                    seen_double.extend(double_bookings(engine))
                    done = rows(engine, "SELECT count(*) FROM call_need WHERE state = 'done'")
                    if done[0][0] == CALLS:
                        finished.set()
            return run

        try:
            errors = in_threads([decide(0), decide(1), crew(1), crew(2)], finished)
            assert errors == []
            assert seen_double == []
            # Every call was decided once: one assignment each, and each unit's story on
            # its topic goes assigned, released, assigned... in the order written.
            story = [(json.loads(raw), topic) for raw, topic in rows(
                engine, "SELECT envelope, topic FROM outbox ORDER BY id")]
            assigned = [e["call_id"] for e, topic in story
                        if topic == UNITS_ASSIGNMENTS and e["event_type"] == "UnitAssigned"]
            assert sorted(assigned) == sorted(e.call_id or "" for e, _ in calls)
            holding: dict[str, str | None] = defaultdict(lambda: None)
            for event, topic in story:
                if topic != UNITS_ASSIGNMENTS:
                    continue
                if event["event_type"] == "UnitAssigned":
                    assert holding[event["key"]] is None, event
                    holding[event["key"]] = event["call_id"]
                else:
                    assert holding[event["key"]] == event["call_id"], event
                    holding[event["key"]] = None
            assert rows(engine, "SELECT count(*) FROM call_need WHERE state = 'waiting'") == [
                (0,)]
        finally:
            for each, _ in pairs:
                each.dispose()

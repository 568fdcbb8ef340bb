"""Instances of a service started at the same moment on one new database all come up.

Two triage processes sharing a new SQLite file once saw one of them exit: the switch to
WAL mode answered "database is locked", or its CREATE TABLE found the other's table.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from services.assignment.store import Unit
from services.assignment.store import init_store as init_assignment_store
from services.audit.store import init_store as init_audit_store
from services.intake.store import IntakeStore
from services.triage.store import init_store as init_triage_store
from shared.db import DatabaseProcessedEvents, make_engine
from tests.db_support import STORES, fresh_database

ROSTER = Path("deploy/roster/demo.yaml")
INSTANCES = 4


def start_together(url: str, start: Callable[[str], object]) -> list[Exception]:
    """Runs ``start(url)`` on INSTANCES threads released at once; the errors they raised."""
    barrier = threading.Barrier(INSTANCES)
    errors: list[Exception] = []

    def instance() -> None:
        barrier.wait(timeout=30)
        try:
            start(url)
        except Exception as error:  # reported below, with every other instance's
            errors.append(error)

    threads = [threading.Thread(target=instance) for _ in range(INSTANCES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an instance hung starting"
    return errors


def start_every_store(url: str) -> None:
    """What each service does to its database on start-up, all on one database."""
    engine: Engine = make_engine(url, background_checkpoints=True)
    try:
        init_triage_store(engine)
        init_audit_store(engine)
        init_assignment_store(engine, ROSTER)
        DatabaseProcessedEvents(engine, "triage")
    finally:
        engine.dispose()
    IntakeStore(url).close()


@pytest.mark.parametrize("kind", STORES)
def test_instances_starting_together_on_a_new_database_all_start(
    kind: str, tmp_path: Path
) -> None:
    rounds = 6 if kind == "sqlite" else 2  # the SQLite race showed in ~1 start in 10
    for attempt in range(rounds):
        with fresh_database(kind, tmp_path, f"shared-{attempt}") as url:
            errors = start_together(url, start_every_store)
            assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
            engine = make_engine(url)
            try:
                with engine.connect() as connection:
                    units = connection.execute(select(func.count()).select_from(Unit)).scalar()
            finally:
                engine.dispose()
            # The roster was seeded once, not once per instance (nor half by each).
            assert units == len(yaml.safe_load(ROSTER.read_text())["units"])


def test_a_roster_that_repeats_a_unit_id_stops_start_up_instead_of_loading_nothing(
    tmp_path: Path,
) -> None:
    roster = yaml.safe_load(ROSTER.read_text())
    roster["units"].append(dict(roster["units"][0]))
    repeated = tmp_path / "roster.yaml"
    repeated.write_text(yaml.safe_dump(roster))
    engine = make_engine(f"sqlite:///{tmp_path / 'assignment.db'}")
    try:
        with pytest.raises(IntegrityError):
            init_assignment_store(engine, repeated)
    finally:
        engine.dispose()

"""Two assignment instances on one database (SQLite, and PostgreSQL when configured),
as around a consumer group rebalance: each holds a CallTriaged the other may have
decided, and an older one can arrive after a newer one. Neither is applied twice, and an
older decision never replaces a newer one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.floor_policy import FloorPolicy, FloorRule
from services.assignment.matching import GreatCircleEta
from services.assignment.store import add_missing_columns, load_corridors
from shared.auth import Principal, Role
from shared.db import DatabaseProcessedEvents
from tests.db_support import STORES
from tests.integration.assignment_support import assignment_store, unit, write_roster
from tests.unit.test_assignment_stale_triage import TRIAGED_AT, decision


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "roster.yaml", [unit("BCR-1", "bcr", 44.95, -93.25),
                                                   unit("P-1", "police", 44.95, -93.24)])


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path, roster: Path) -> Iterator[Engine]:
    with assignment_store(request.param, tmp_path, roster, "stale") as engine:
        yield engine


def instance(engine: Engine, roster: Path) -> Dispatcher:
    """One service instance: its own record of handled events (and its own cache)."""
    return Dispatcher(engine, DispatchConfig(
        producer="assignment", estimator=GreatCircleEta(40),
        corridors=load_corridors(roster)),
        processed=DatabaseProcessedEvents(engine, "assignment"))


def rows(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql)).all()]


def applied(engine: Engine) -> tuple[Any, ...]:
    """The call's decision as assignment holds it, its needs, and the units' holds."""
    return (rows(engine, "SELECT triaged_event_id, priority FROM call_record"),
            rows(engine, "SELECT unit_type, state, unit_id FROM call_need ORDER BY id"),
            rows(engine, "SELECT unit_id, status, current_call_id FROM unit ORDER BY unit_id"))


def test_a_triage_both_instances_hold_is_decided_once(engine: Engine, roster: Path) -> None:
    first, second = instance(engine, roster), instance(engine, roster)
    older, newer = decision(["police"], 3, 0), decision(["bcr"], 2, 5)
    # The instance that now holds the partition re-reads both and decides them.
    second.on_triaged_many([older, newer])
    decided = applied(engine)
    assert decided[0] == [(str(newer[0].event_id), 2)]
    # The one that held it before had polled the older one and looked it up before the
    # other recorded it; its decision comes last.
    first.on_triaged_many([older])
    assert applied(engine) == decided
    assert ("P-1", "available", None) in decided[2]


def test_an_older_triage_arriving_after_a_newer_one_is_not_applied(
    engine: Engine, roster: Path,
) -> None:
    first, second = instance(engine, roster), instance(engine, roster)
    older, newer = decision(["police"], 3, 0), decision(["bcr"], 2, 5)
    second.on_triaged_many([newer])
    decided = applied(engine)
    assert decided[1] == [("bcr", "assigned", "BCR-1")]
    first.on_triaged_many([older])
    assert applied(engine) == decided  # no police sent, the crisis team kept
    # Recorded as handled (stale): a redelivery is skipped at once.
    assert DatabaseProcessedEvents(engine, "assignment").seen_many(
        [str(older[0].event_id)]) == {str(older[0].event_id)}


def test_a_store_made_before_triage_times_were_kept_gets_the_column(
    engine: Engine, roster: Path,
) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE call_record DROP COLUMN triaged_at"))
    add_missing_columns(engine)
    add_missing_columns(engine)  # a second instance starting finds it there
    instance(engine, roster).on_triaged_many([decision(["bcr"], 2, 0)])
    assert rows(engine, "SELECT triaged_at FROM call_record") == [(TRIAGED_AT.timestamp(),)]


FLOOR_COLUMNS = ("agency", "units", "review", "review_reason", "floor_state",
                 "floor_due_at", "floor_on_timeout", "floor_action")


def test_a_store_made_before_the_floor_gets_its_columns_and_old_calls_read_dispatched(
    engine: Engine, roster: Path,
) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("DROP INDEX IF EXISTS ix_call_record_floor_due_at"))
        conn.execute(sa.text("DROP INDEX IF EXISTS ix_call_record_floor_state"))
        for column in FLOOR_COLUMNS:
            conn.execute(sa.text(f"ALTER TABLE call_record DROP COLUMN {column}"))
    add_missing_columns(engine)
    add_missing_columns(engine)  # a second instance starting finds them there
    # The console's queue reads by floor state: the old store gets that index too.
    assert "ix_call_record_floor_state" in {
        i["name"] for i in sa.inspect(engine).get_indexes("call_record")}
    dispatcher = instance(engine, roster)
    dispatcher.on_triaged_many([decision(["bcr"], 2, 0)])
    [(call_id,)] = rows(engine, "SELECT call_id FROM call_record")
    with engine.begin() as conn:  # as a row written before the columns were there
        nulls = ", ".join(f"{c} = NULL" for c in FLOOR_COLUMNS)  # names of our own
        conn.execute(sa.text(f"UPDATE call_record SET {nulls}"))  # noqa: S608
    seen = dispatcher.decision(call_id, Principal("auditor", Role.auditor))
    assert seen["state"] == "dispatched" and seen["units"] == [] and seen["review"] is False


def test_the_floor_queue_reads_the_waiting_calls_from_the_store(
    engine: Engine, roster: Path,
) -> None:
    dispatcher = Dispatcher(engine, DispatchConfig(
        producer="assignment", estimator=GreatCircleEta(40), corridors=load_corridors(roster),
        floor=FloorPolicy(rules=[FloorRule(dispatch="confirm", wait_s=600)])),
        processed=DatabaseProcessedEvents(engine, "assignment"))
    dispatcher.on_triaged_many([decision(["bcr"], 2, 0)])
    queue = dispatcher.floor_queue(Principal("dev-dispatcher", Role.dispatcher))
    [waiting] = queue["calls"]
    assert waiting["call_id"] == "call" and waiting["state"] == "awaiting_confirmation"
    assert rows(engine, "SELECT count(*) FROM call_need WHERE state = 'held'") == [(1,)]

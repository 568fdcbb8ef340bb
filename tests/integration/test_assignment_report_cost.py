"""What a crew's status report costs assignment (SQLite and PostgreSQL): a report that
accepts or ends what its unit holds reads and writes rows with plain statements, loading
no call or need record, and still tells the crew and the floor all it told them before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.rules import DEFAULT_FALLBACKS
from services.assignment.sql_crew_reports import settle_sql
from services.assignment.sql_unit_of_work import SqlUnitOfWork
from services.assignment.store import ACTIVE_STATES, load_corridors
from shared.events import UnitStatus
from tests.db_support import STORES
from tests.integration.assignment_support import assignment_store, unit, write_roster
from tests.integration.test_assignment_status_reports import as_json, call, events, rows


class LoadsRecorded(SqlUnitOfWork):
    """A unit of work that notes which records (ORM objects) it loaded by its commit."""

    loaded: list[set[str]] = []

    def commit(self) -> None:
        LoadsRecorded.loaded.append(
            {type(found).__name__ for found in self.session.identity_map.values()})
        super().commit()


@pytest.fixture(params=STORES)
def dispatcher(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Dispatcher]:
    roster = write_roster(tmp_path / "roster.yaml", [unit("BCR-1", "bcr", 44.95, -93.25)])
    with assignment_store(request.param, tmp_path, roster, "cost") as engine:
        LoadsRecorded.loaded = []
        yield Dispatcher(engine, DispatchConfig(
            producer="test", estimator=GreatCircleEta(40),
            corridors=load_corridors(roster), fallbacks=list(DEFAULT_FALLBACKS)),
            clock=lambda: 1_750_000_000.0, unit_of_work=lambda: LoadsRecorded(engine))


def test_on_scene_and_clear_load_no_call_or_need_record(dispatcher: Dispatcher) -> None:
    call(dispatcher, "first", ["weapon_mentioned"])
    LoadsRecorded.loaded.clear()

    dispatcher.report_status("BCR-1", UnitStatus.on_scene, call_id="first")
    dispatcher.report_status("BCR-1", UnitStatus.available, call_id="first")

    assert LoadsRecorded.loaded == [set(), set()]
    # ...and did all a report does: the need accepted then done, the events, the feed.
    assert rows(dispatcher.engine, "SELECT state, ack_due_at FROM call_need") == [
        ("done", None)]
    assert [t for t, _, _ in events(dispatcher.engine)][-2:] == [
        "AssignmentAccepted", "UnitReleased"]
    [(sent,), (left,)] = rows(dispatcher.engine,
                              "SELECT data FROM unit_feed WHERE kind != 'team' ORDER BY id")
    sent, left = as_json(sent), as_json(left)
    assert (left["kind"], left["reason"]) == ("released", "cleared by the crew")
    for field in ("address", "lat", "lon", "priority", "pathway", "tags", "safety", "stage"):
        assert left[field] == sent[field], field


def test_a_report_finds_its_units_needs_by_the_unit_not_among_every_active_need(
    tmp_path: Path,
) -> None:
    """With hundreds of units on calls, walking every active need to find one unit's was
    a report's largest statement."""
    roster = write_roster(tmp_path / "roster.yaml", [unit("BCR-1", "bcr", 44.95, -93.25)])
    with assignment_store("sqlite", tmp_path, roster, "plan") as engine:
        with engine.connect() as conn:
            cursor = conn.connection.cursor()
            for from_count in (1, 2):
                plan = cursor.execute(
                    "EXPLAIN QUERY PLAN " + settle_sql(from_count),
                    ("done", "BCR-1", *ACTIVE_STATES[:from_count])).fetchall()
                assert "USING INDEX one_active_call_per_unit (unit_id=?)" in str(plan)


def test_a_unit_cleared_and_sent_to_a_waiting_call_loads_no_call_record(
    dispatcher: Dispatcher,
) -> None:
    call(dispatcher, "first", [])
    call(dispatcher, "second", ["weapon_mentioned"])  # waits: the only unit is busy
    dispatcher.report_status("BCR-1", UnitStatus.on_scene, call_id="first")
    LoadsRecorded.loaded.clear()

    dispatcher.report_status("BCR-1", UnitStatus.available, call_id="first")

    [loaded] = LoadsRecorded.loaded
    assert "CallRecord" not in loaded
    assert rows(dispatcher.engine, "SELECT call_id, state FROM call_need ORDER BY id") == [
        ("first", "done"), ("second", "assigned")]
    [(sent,)] = rows(dispatcher.engine, "SELECT data FROM unit_feed WHERE call_id = 'second' "
                                        "AND kind = 'assigned'")
    assert as_json(sent)["safety_flags"] == ["weapon_mentioned"]

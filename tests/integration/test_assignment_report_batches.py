"""Crews' status reports that arrive together share one transaction (SQLite and
PostgreSQL): each is applied as if alone and answered with its own result or refusal."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from services.assignment import dispatcher as dispatcher_module
from services.assignment.crews import UnitNotFound, UnitReport, status_reported
from services.assignment.decisions import Decision
from services.assignment.dispatcher import Dispatcher
from services.assignment.reports import StatusReports
from services.assignment.rules import IllegalTransition
from shared.events import UnitStatus
from tests.db_support import STORES
from tests.integration.assignment_support import unit
from tests.integration.test_assignment_status_reports import call, dispatcher_with, rows


@pytest.fixture(params=STORES)
def dispatcher(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Dispatcher]:
    with dispatcher_with(request.param, tmp_path, [
            unit("BCR-1", "bcr", 44.95, -93.25), unit("BCR-2", "bcr", 44.96, -93.25)],
    ) as dispatcher:
        yield dispatcher


def four_calls_two_units(dispatcher: Dispatcher) -> None:
    for call_id in ("c1", "c2", "c3", "c4"):
        call(dispatcher, call_id, [])
    assert rows(dispatcher.engine, "SELECT call_id, state, unit_id FROM call_need "
                                   "ORDER BY id") == [
        ("c1", "assigned", "BCR-1"), ("c2", "assigned", "BCR-2"), ("c3", "waiting", None),
        ("c4", "waiting", None)]


def test_reports_in_one_transaction_are_each_applied_as_if_alone(
    dispatcher: Dispatcher,
) -> None:
    four_calls_two_units(dispatcher)
    outcomes = dispatcher.report_statuses([
        UnitReport("BCR-1", UnitStatus.on_scene, call_id="c1"),
        UnitReport("NOPE-9", UnitStatus.available),
        UnitReport("BCR-1", UnitStatus.available, call_id="c1"),
        UnitReport("BCR-2", UnitStatus.on_scene, call_id="c2"),
        UnitReport("BCR-2", UnitStatus.available, call_id="c2"),
    ])
    assert isinstance(outcomes[1], UnitNotFound)
    assert [o["previous_status"] for o in outcomes if isinstance(o, dict)] == [
        UnitStatus.dispatched, UnitStatus.on_scene, UnitStatus.dispatched,
        UnitStatus.on_scene]
    # Both waiting calls got a unit: the second one freed in the same transaction was
    # seen as free too.
    assert rows(dispatcher.engine, "SELECT call_id, state, unit_id FROM call_need "
                                   "ORDER BY id") == [
        ("c1", "done", "BCR-1"), ("c2", "done", "BCR-2"), ("c3", "assigned", "BCR-1"),
        ("c4", "assigned", "BCR-2")]


async def test_reports_waiting_together_share_one_transaction_and_each_gets_its_answer(
    dispatcher: Dispatcher,
) -> None:
    four_calls_two_units(dispatcher)
    reports = StatusReports(dispatcher)
    outcomes = await asyncio.gather(
        reports.report(UnitReport("BCR-1", UnitStatus.on_scene, call_id="c1")),
        # In order: by then BCR-1 is on scene, and only assignment dispatches.
        reports.report(UnitReport("BCR-1", UnitStatus.dispatched)),
        reports.report(UnitReport("BCR-1", UnitStatus.available, call_id="c1")),
        return_exceptions=True)
    assert reports.batches == 1
    first, refused, cleared = outcomes
    assert isinstance(first, dict) and first["status"] == UnitStatus.on_scene
    assert isinstance(refused, IllegalTransition)
    assert isinstance(cleared, dict) and cleared["previous_status"] == UnitStatus.on_scene
    assert rows(dispatcher.engine, "SELECT unit_id, status, current_call_id FROM unit "
                                   "ORDER BY unit_id") == [
        ("BCR-1", "dispatched", "c3"), ("BCR-2", "dispatched", "c2")]


async def test_a_report_that_breaks_its_batch_does_not_fail_the_others(
    dispatcher: Dispatcher, monkeypatch: pytest.MonkeyPatch,
) -> None:
    four_calls_two_units(dispatcher)

    def breaking(decision: Decision, report: UnitReport) -> dict[str, Any]:
        if report.unit_id == "BCR-2":
            raise RuntimeError("unexpected")
        return status_reported(decision, report)

    monkeypatch.setattr(dispatcher_module, "status_reported", breaking)
    reports = StatusReports(dispatcher)
    on_scene, broken = await asyncio.gather(
        reports.report(UnitReport("BCR-1", UnitStatus.on_scene, call_id="c1")),
        reports.report(UnitReport("BCR-2", UnitStatus.on_scene, call_id="c2")),
        return_exceptions=True)
    assert isinstance(on_scene, dict) and on_scene["status"] == UnitStatus.on_scene
    assert isinstance(broken, RuntimeError)
    # The batch, then each report alone.
    assert reports.batches == 3
    assert rows(dispatcher.engine, "SELECT unit_id, status FROM unit ORDER BY unit_id") == [
        ("BCR-1", "on_scene"), ("BCR-2", "dispatched")]


def test_a_report_sees_what_an_earlier_report_of_its_batch_assigned(
    dispatcher: Dispatcher,
) -> None:
    """A unit cleared, sent to the next call and on scene there, all in one batch."""
    four_calls_two_units(dispatcher)
    outcomes = dispatcher.report_statuses([
        UnitReport("BCR-1", UnitStatus.on_scene, call_id="c1"),
        UnitReport("BCR-1", UnitStatus.available, call_id="c1"),
        UnitReport("BCR-1", UnitStatus.on_scene, call_id="c3"),
    ])
    assert all(isinstance(o, dict) for o in outcomes), outcomes
    assert rows(dispatcher.engine, "SELECT call_id, state FROM call_need ORDER BY id") == [
        ("c1", "done"), ("c2", "assigned"), ("c3", "accepted"), ("c4", "waiting")]

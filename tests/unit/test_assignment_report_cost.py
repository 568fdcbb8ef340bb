"""What a crew's report reads, over the in-memory unit of work: a unit freed while nothing
waits for its type is left free without reading the type's roster (with a large roster
that read was most of a report's store work); with a call waiting, the unit freed is
sent to it as before."""

from __future__ import annotations

from typing import Any

import pytest

from services.assignment.unit_of_work import RosterRow
from shared.events import UnitStatus, UnitType
from tests.unit.assignment_fakes import Clock, FakeUnitOfWork, fake_dispatcher, roster_unit
from tests.unit.test_assignment_deadlines import triage, unit_ids


def roster_reads(uow: FakeUnitOfWork, monkeypatch: pytest.MonkeyPatch) -> list[UnitType]:
    """The unit types whose roster the decisions read from now on."""
    read: list[UnitType] = []
    roster = uow.units.roster

    def counted(unit_type: UnitType, *args: Any) -> list[RosterRow]:
        read.append(unit_type)
        return roster(unit_type, *args)

    monkeypatch.setattr(uow.units, "roster", counted)
    return read


def test_a_unit_cleared_with_nothing_waiting_reads_no_roster(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dispatcher, uow = fake_dispatcher([roster_unit("BCR-1", "bcr", 45.0, -93.28)], Clock())
    triage(dispatcher, "first", ["bcr"])
    read = roster_reads(uow, monkeypatch)

    dispatcher.report_status("BCR-1", UnitStatus.on_scene, call_id="first")
    dispatcher.report_status("BCR-1", UnitStatus.available, call_id="first")

    assert read == []
    unit = uow.units.get("BCR-1")
    assert unit is not None and (unit.status, unit.current_call_id) == (
        UnitStatus.available, None)
    assert [n.state for n in uow.needs.rows] == ["done"]


def test_a_unit_cleared_while_a_call_waits_is_sent_to_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dispatcher, uow = fake_dispatcher([roster_unit("BCR-1", "bcr", 45.0, -93.28)], Clock())
    triage(dispatcher, "first", ["bcr"])
    triage(dispatcher, "second", ["bcr"])  # waits: the only unit is busy
    dispatcher.report_status("BCR-1", UnitStatus.on_scene, call_id="first")
    read = roster_reads(uow, monkeypatch)

    dispatcher.report_status("BCR-1", UnitStatus.available, call_id="first")

    assert read == [UnitType.bcr]
    assert unit_ids(uow, "UnitAssigned", "second") == ["BCR-1"]
    assert [(n.call_id, n.state) for n in uow.needs.rows] == [
        ("first", "done"), ("second", "assigned")]

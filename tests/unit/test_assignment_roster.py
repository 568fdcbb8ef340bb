"""The roster as the agency configures it: weekday shifts, kinds of unit with their
capabilities, a preferred capability per call tag, and companions sent beside police."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from services.assignment.dispatcher import Dispatcher
from services.assignment.matching import RESERVED, RosterUnit, match_unit
from services.assignment.roster_file import (
    CapabilityPreference,
    roster_rules,
    roster_units,
    wanted_capabilities,
)
from services.assignment.rules import on_shift, parse_weekly_shift
from services.assignment.store import UnitCreate
from shared.events import CallTriaged, Location, UnitStatus, UnitType, make_event
from shared.settings import REPO_ROOT
from tests.unit.assignment_fakes import Clock, FakeUnitOfWork, fake_dispatcher, roster_unit

DEMO = REPO_ROOT / "deploy" / "roster" / "demo.yaml"
MON, FRI, SAT, SUN = 0, 4, 5, 6
LAKE = Location(address="E. Lake St.", lat=44.9485, lon=-93.2470)

times = st.integers(0, 23).flatmap(lambda h: st.integers(0, 59).map(lambda m: (h, m)))


def hhmm(t: tuple[int, int]) -> str:
    return f"{t[0]:02d}:{t[1]:02d}"


@given(times, times, st.integers(0, 6), st.integers(0, 1439))
def test_a_daily_shift_reads_the_same_written_for_every_weekday(
    start: tuple[int, int], end: tuple[int, int], weekday: int, minute: int,
) -> None:
    daily = f"{hhmm(start)}-{hhmm(end)}"
    assert on_shift(daily, minute, weekday) == on_shift(f"mon-sun {daily}", minute, weekday)
    assert on_shift(daily, minute, weekday) == on_shift(daily, minute)


@pytest.mark.parametrize(("weekday", "minute", "expected"), [
    (FRI, 19 * 60, True), (SAT, 6 * 60 + 59, True),  # Friday night runs into Saturday
    (SAT, 7 * 60, False), (SAT, 12 * 60, True),  # Saturday's own day window
    (SUN, 6 * 60, False),  # no Saturday night
    (MON, 6 * 60, False), (MON, 20 * 60, False), (FRI, 12 * 60, False),
])
def test_weekday_windows_and_a_night_that_runs_into_the_next_day(
    weekday: int, minute: int, expected: bool,
) -> None:
    assert on_shift("fri 19:00-07:00; sat,sun 09:00-17:00", minute, weekday) is expected


def test_day_ranges_wrap_the_week() -> None:
    [window] = parse_weekly_shift("fri-mon 08:00-16:00") or ()
    assert window.days == {FRI, SAT, SUN, MON}


@pytest.mark.parametrize("shift", ["7am-7pm", "monday 07:00-19:00", "mon-fri",
                                   "mon-fri 07:00-19:00;; sat 09:00", "xyz 07:00-19:00"])
def test_a_malformed_shift_is_refused_with_the_forms_it_may_take(shift: str) -> None:
    with pytest.raises(ValueError, match=r"07:00-19:00|days are"):
        UnitCreate(unit_id="U-1", unit_type=UnitType.bcr, shift=shift)


def test_the_demo_roster_gives_units_their_kind_s_capabilities() -> None:
    units = {u["unit_id"]: u for u in roster_units(DEMO)}
    assert units["BCR-3"]["capabilities"] == ["mental_health", "medic"]
    assert units["COPE-1"]["unit_type"] == "bcr" and "county" in units["COPE-1"]["capabilities"]
    assert units["ADV-1"]["capabilities"] == ["domestic_abuse_advocate", RESERVED]
    for unit in units.values():
        UnitCreate.model_validate(unit)  # every shift and field is valid
    rules = roster_rules(DEMO)
    assert wanted_capabilities(rules.preferences, UnitType.bcr, ["behavioral_health",
                                                                 "medical"]) == {"medic"}
    assert wanted_capabilities(rules.preferences, UnitType.bcr, ["behavioral_health"]) == set()


def test_a_unit_naming_an_unknown_kind_or_another_type_is_refused(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(yaml.safe_dump({"units": [{"unit_id": "X-1", "kind": "nope"}]}))
    with pytest.raises(ValueError, match="no kind 'nope'"):
        roster_units(roster)
    roster.write_text(yaml.safe_dump({"kinds": {"medic": {"unit_type": "bcr"}}, "units": [
        {"unit_id": "X-1", "unit_type": "police", "kind": "medic"}]}))
    with pytest.raises(ValueError, match="its kind 'medic' is a bcr"):
        roster_units(roster)


def bcr(unit_id: str, lat: float, *capabilities: str) -> RosterUnit:
    return RosterUnit(unit_id, UnitType.bcr, UnitStatus.available, lat, -93.2470,
                      capabilities=frozenset(capabilities))


def test_a_preferred_capability_beats_distance_only_when_a_unit_has_it() -> None:
    near, medic = bcr("BCR-2", 44.95), bcr("BCR-3", 44.99, "medic")
    match = match_unit([near, medic], UnitType.bcr, LAKE, prefer=frozenset({"medic"}))
    assert match.chosen is not None and match.chosen.unit_id == "BCR-3"
    assert match.rule == "nearest_with_capabilities"
    assert {c.unit_id: c.passed_over for c in match.candidates}["BCR-2"] == "without medic"
    alone = match_unit([near], UnitType.bcr, LAKE, prefer=frozenset({"medic"}))
    assert alone.chosen is not None and alone.chosen.unit_id == "BCR-2"
    assert alone.rule == "nearest_available"


def test_a_reserved_unit_goes_only_where_its_capability_is_required() -> None:
    advocate = RosterUnit("ADV-1", UnitType.cso, UnitStatus.available, 44.95, -93.247,
                          capabilities=frozenset({"domestic_abuse_advocate", RESERVED}))
    assert match_unit([advocate], UnitType.cso, LAKE).chosen is None
    wanted = match_unit([advocate], UnitType.cso, LAKE,
                        requires=frozenset({"domestic_abuse_advocate"}))
    assert wanted.chosen is not None and wanted.chosen.unit_id == "ADV-1"


@given(st.lists(st.sampled_from(["medical", "overdose", "domestic", "theft", "noise"]),
                max_size=4))
def test_a_capability_is_wanted_exactly_when_a_tag_asks_for_it(tags: list[str]) -> None:
    preferences = [CapabilityPreference(unit_type=UnitType.bcr,
                                        when_tags=["medical", "overdose"], prefer=["medic"])]
    wanted = wanted_capabilities(preferences, UnitType.bcr, tags)
    assert wanted == ({"medic"} if {"medical", "overdose"} & set(tags) else set())
    assert wanted_capabilities(preferences, UnitType.police, tags) == set()


def triage(dispatcher: Dispatcher, call_id: str, units: list[str], tags: list[str]) -> None:
    payload = CallTriaged(pathway=tags[0], units=[UnitType(u) for u in units], priority=3,
                          confidence=0.9, policy_id="test", policy_version="1", tags=tags,
                          location=LAKE)
    dispatcher.on_triaged(make_event(payload, producer="triage", call_id=call_id), payload)


def demo_dispatcher() -> tuple[Dispatcher, FakeUnitOfWork]:
    units = [roster_unit("BCR-2", "bcr", 44.9500, -93.2600, capabilities=["mental_health"]),
             roster_unit("BCR-3", "bcr", 44.9700, -93.2650,
                         capabilities=["mental_health", "medic"]),
             roster_unit("P3-31", "police", 44.9480, -93.2330),
             roster_unit("CSO-3", "cso", 44.9480, -93.2330),
             roster_unit("ADV-1", "cso", 44.9560, -93.2770,
                         capabilities=["domestic_abuse_advocate", RESERVED])]
    dispatcher, uow = fake_dispatcher(units, Clock())
    dispatcher.config.roster_rules = roster_rules(DEMO)
    return dispatcher, uow


def test_a_medical_crisis_call_gets_the_crisis_team_with_a_medic() -> None:
    dispatcher, uow = demo_dispatcher()
    triage(dispatcher, "plain", ["bcr"], ["behavioral_health"])
    triage(dispatcher, "medical", ["bcr"], ["behavioral_health", "medical"])
    sent = {e.envelope["call_id"]: e.payload for e in uow.events("UnitAssigned")}
    assert sent["plain"]["unit_id"] == "BCR-2"  # nearest; the medic kept free
    assert sent["medical"]["unit_id"] == "BCR-3"
    assert sent["medical"]["rule"] == "nearest_with_capabilities"


def test_a_domestic_call_gets_an_advocate_beside_police_and_a_theft_report_does_not() -> None:
    dispatcher, uow = demo_dispatcher()
    triage(dispatcher, "domestic", ["police"], ["domestic"])
    triage(dispatcher, "theft", ["cso"], ["property_report"])
    sent = [(e.envelope["call_id"], e.payload["unit_id"])
            for e in uow.events("UnitAssigned")]
    assert sorted(sent) == [("domestic", "ADV-1"), ("domestic", "P3-31"), ("theft", "CSO-3")]

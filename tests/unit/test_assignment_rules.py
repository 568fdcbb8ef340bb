"""Assignment's pure rules: corridors, shifts, transitions, queue order, fallbacks, words."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.assignment.rules import (
    DEFAULT_FALLBACKS,
    IllegalTransition,
    Waiting,
    call_areas,
    check_reported_transition,
    choose_fallback,
    on_shift,
    parse_shift,
    point_in_polygon,
    queue_order,
    release_reason,
    safety_in_plain_words,
)
from services.assignment.store import load_corridors
from shared.events import Location, UnitStatus, UnitType
from shared.settings import REPO_ROOT

S = UnitStatus
CORRIDORS = load_corridors(Path(REPO_ROOT / "deploy" / "roster" / "demo.yaml"))


def test_demo_corridors_hold_lake_street_and_franklin_avenue_and_not_elsewhere() -> None:
    assert {c.name for c in CORRIDORS} == {"corridor:lake", "corridor:franklin",
                                           "county:north-and-south"}
    lake = Location(lat=44.9485, lon=-93.2470)  # E. Lake St. & Bloomington Ave
    franklin = Location(lat=44.9627, lon=-93.2550)  # E. Franklin Ave. & Chicago Ave
    downtown = Location(lat=44.9778, lon=-93.2650)
    assert call_areas(lake, CORRIDORS) == {"corridor:lake"}
    assert call_areas(franklin, CORRIDORS) == {"corridor:franklin"}
    assert call_areas(downtown, CORRIDORS) == frozenset()
    # A district given by the CAD counts as well.
    assert call_areas(Location(district="corridor:lake"), CORRIDORS) == {"corridor:lake"}


def test_the_county_crisis_team_area_is_the_north_side_and_the_far_south() -> None:
    north = Location(lat=45.0180, lon=-93.2900)  # North Station
    far_south = Location(lat=44.9100, lon=-93.2500)
    assert call_areas(north, CORRIDORS) == {"county:north-and-south"}
    assert call_areas(far_south, CORRIDORS) == {"county:north-and-south"}


def test_point_in_polygon_on_a_concave_shape() -> None:
    ell = [(0, 0), (0, 2), (1, 2), (1, 1), (2, 1), (2, 0)]
    assert point_in_polygon(0.5, 1.5, ell)
    assert point_in_polygon(1.5, 0.5, ell)
    assert not point_in_polygon(1.5, 1.5, ell)


@pytest.mark.parametrize(("shift", "minute", "expected"), [
    (None, 0, True), ("07:00-19:00", 7 * 60, True), ("07:00-19:00", 19 * 60, False),
    ("19:00-07:00", 23 * 60, True), ("19:00-07:00", 6 * 60 + 59, True),
    ("19:00-07:00", 12 * 60, False), ("00:00-24:00", 1439, True),
])
def test_shifts_wrap_midnight(shift: str | None, minute: int, expected: bool) -> None:
    assert on_shift(shift, minute) is expected


def test_a_malformed_shift_is_refused() -> None:
    with pytest.raises(ValueError, match="07:00-19:00"):
        parse_shift("7am-7pm")


@pytest.mark.parametrize(("current", "new"), [
    (S.dispatched, S.en_route), (S.dispatched, S.on_scene), (S.en_route, S.on_scene),
    (S.on_scene, S.available), (S.available, S.out_of_service),
    (S.out_of_service, S.available), (S.en_route, S.en_route),
])
def test_allowed_transitions(current: UnitStatus, new: UnitStatus) -> None:
    check_reported_transition(current, new)


@pytest.mark.parametrize(("current", "new"), [
    (S.available, S.en_route), (S.available, S.on_scene), (S.available, S.dispatched),
    (S.out_of_service, S.en_route), (S.on_scene, S.en_route), (S.out_of_service, S.on_scene),
])
def test_illegal_transitions(current: UnitStatus, new: UnitStatus) -> None:
    with pytest.raises(IllegalTransition):
        check_reported_transition(current, new)


def test_what_a_reported_status_means_for_the_call_held() -> None:
    assert release_reason(S.dispatched, S.available) == ("declined by the crew", True)
    assert release_reason(S.on_scene, S.available) == ("cleared by the crew", False)
    assert release_reason(S.en_route, S.out_of_service) == ("unit went out of service", True)
    assert release_reason(S.on_scene, S.out_of_service) == ("unit went out of service", False)
    assert release_reason(S.dispatched, S.en_route) is None


def test_queue_serves_the_most_urgent_then_the_longest_waiting() -> None:
    items = [Waiting(1, "c-late-p1", UnitType.bcr, 1, 50.0),
             Waiting(2, "c-p3", UnitType.bcr, 3, 1.0),
             Waiting(3, "c-early-p1", UnitType.bcr, 1, 10.0)]
    assert [w.call_id for w in queue_order(items)] == ["c-early-p1", "c-late-p1", "c-p3"]


def test_fallback_choice_by_type_and_priority() -> None:
    urgent = choose_fallback(DEFAULT_FALLBACKS, UnitType.bcr, "behavioral_health", 1)
    assert urgent is not None and urgent.send == [UnitType.police] and not urgent.keep_waiting
    calm = choose_fallback(DEFAULT_FALLBACKS, UnitType.bcr, "behavioral_health", 4)
    assert calm is not None and calm.keep_waiting and calm.after_s == 120
    assert choose_fallback(DEFAULT_FALLBACKS, UnitType.cso, "property", 4) is None


def test_a_pathway_specific_rule_only_applies_to_its_pathway() -> None:
    rule = DEFAULT_FALLBACKS[1].model_copy(update={"pathway": "welfare", "rule_id": "w"})
    assert choose_fallback([rule], UnitType.bcr, "welfare", 4) is rule
    assert choose_fallback([rule], UnitType.bcr, "behavioral_health", 4) is None


def test_safety_flags_in_plain_words() -> None:
    assert safety_in_plain_words(["weapon", "suspect_on_scene", "odd_flag", "weapons"]) == [
        "A weapon was mentioned", "The suspect may still be there", "Odd flag"]

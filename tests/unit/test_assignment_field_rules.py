"""The field's pure rules: who stages, what a crew is shown, how urgent a backup is, and
from which statuses a crew clears."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from services.assignment.field_rules import (
    COMMON_DETAILS,
    REDACTED_DETAILS,
    StagingPolicy,
    backup_priority,
    crew_view,
    may_clear,
    may_secure,
    must_stage,
    redacted_entry,
)
from shared.contracts import UnitStatus, UnitType
from shared.field_contracts import BackupReason

POLICY = StagingPolicy()
FLAGS = ["weapon", "firearm", "violence", "suspect_on_scene", "injury", "overdose", "fire"]
DANGER = {"weapon", "firearm", "violence", "suspect_on_scene"}
types = st.sampled_from(list(UnitType))


@given(types, st.lists(types, max_size=4), st.lists(st.sampled_from(FLAGS), max_size=3),
       st.booleans())
def test_a_unit_stages_exactly_when_it_is_a_staging_type_police_come_and_danger_is_flagged(
    unit_type: UnitType, planned: list[UnitType], flags: list[str], secured: bool,
) -> None:
    expected = (unit_type in POLICY.unit_types and UnitType.police in planned
                and bool(DANGER & set(flags)) and not secured)
    assert must_stage(POLICY, unit_type, [p.value for p in planned], flags, secured) is expected


def test_police_never_stage_and_only_police_on_scene_secure_a_scene() -> None:
    assert not must_stage(POLICY, UnitType.police, ["police", "bcr"], ["weapon"], False)
    assert may_secure(POLICY, UnitType.police, UnitStatus.on_scene)
    assert not may_secure(POLICY, UnitType.police, UnitStatus.en_route)
    assert not may_secure(POLICY, UnitType.bcr, UnitStatus.on_scene)


details = st.dictionaries(st.sampled_from([*COMMON_DETAILS, "pathway", "tags",
                                           "triage_reasons", "narrative", "callback",
                                           "caller"]),
                          st.text(max_size=5), max_size=12)


@given(types, details)
def test_a_crew_is_shown_its_allow_list_and_never_the_caller(unit_type: UnitType,
                                                             data: dict[str, str]) -> None:
    shown = crew_view(unit_type, data)
    assert not {"narrative", "callback", "caller"} & set(shown)
    assert {k: data[k] for k in COMMON_DETAILS if k in data}.items() <= shown.items()
    if unit_type in (UnitType.ambassador, UnitType.animal_control, UnitType.traffic_control):
        assert not {"tags", "triage_reasons"} & set(shown)
    assert set(redacted_entry(data)) <= set(REDACTED_DETAILS)


@given(st.sampled_from(list(BackupReason)), st.integers(1, 5))
def test_backup_for_safety_medical_or_fire_goes_first(reason: BackupReason,
                                                      priority: int) -> None:
    urgent = reason in (BackupReason.safety, BackupReason.medical, BackupReason.fire)
    assert backup_priority(reason, priority) == (1 if urgent else priority)


def test_a_crew_clears_only_a_call_it_is_working() -> None:
    assert {s for s in UnitStatus if may_clear(s)} == {
        UnitStatus.dispatched, UnitStatus.en_route, UnitStatus.staged, UnitStatus.on_scene}

"""Decision extraction, redaction, cursors and CSV cells: pure functions of audit."""

from __future__ import annotations

import base64

import pytest
from fastapi import HTTPException

from services.audit.api import _csv_cell, decode_cursor, encode_cursor
from services.audit.decisions import TriageContext, decision_for, triage_context
from services.audit.redaction import redacted

TRIAGE = {"tags": ["bh", "bh"], "pathway": "behavioral_health", "units": ["bcr"],
          "priority": 2, "policy_version": "3",
          "reasons": [{"rule_id": "bh.si", "evidence": "wants to die"}, "junk"],
          "location": {"district": "5"}}


def test_a_triage_decision_carries_its_searchable_fields() -> None:
    d = decision_for("CallTriaged", "c1", "t", TRIAGE, None)
    assert d is not None and d.kind == "triaged" and d.pathway == "behavioral_health"
    assert d.tags == ["bh"] and d.rule_ids == ["bh.si"] and d.units == ["bcr"]
    assert d.policy_version == "3" and d.district == "5" and not d.police
    assert sorted(d.attrs()) == [("rule", "bh.si"), ("tag", "bh"), ("unit", "bcr")]


def test_an_assignment_inherits_the_triage_and_flags_fallbacks() -> None:
    ctx = triage_context(TRIAGE)
    same = decision_for("UnitAssigned", "c1", "t", {"unit_type": "bcr", "unit_id": "B1"}, ctx)
    other = decision_for("UnitAssigned", "c1", "t", {"unit_type": "police", "unit_id": "P1"},
                         ctx)
    said = decision_for("UnitAssigned", "c1", "t",
                        {"unit_type": "bcr", "unit_id": "B1", "fallback": True}, ctx)
    queued = decision_for("CallQueued", "c1", "t", {"unit_type": "bcr"}, ctx)
    assert same and other and said and queued
    assert not same.fallback and other.fallback and said.fallback and queued.fallback
    assert other.police and other.pathway == "behavioral_health" and other.rule_ids == ["bh.si"]
    assert queued.unit_id is None and not queued.police


def test_events_outside_a_call_or_of_other_types_are_not_decisions() -> None:
    assert decision_for("UnitStatusChanged", "c1", "t", {}, None) is None
    assert decision_for("CallTriaged", None, "t", TRIAGE, None) is None
    assert decision_for("SomethingNew", "c1", "t", {}, TriageContext()) is None


def test_hostile_payload_shapes_do_not_break_extraction() -> None:
    d = decision_for("CallTriaged", "c1", "t",
                     {"tags": "notalist", "pathway": {"x": 1}, "reasons": None,
                      "units": [None, 3], "priority": True}, None)
    assert d is not None and d.tags == [] and d.pathway is None and d.units == ["3"]
    assert d.priority is None


def test_redaction_reaches_nested_fields_and_keeps_the_rest() -> None:
    payload = {"narrative": "secret", "call_type": "EDP", "location": {"address": "1 Main",
               "district": "3"}, "caller_phone": None}
    out = redacted(payload, "CallReceived")
    triage = redacted({"reasons": [{"rule_id": "r", "evidence": "secret"}],
                       "location": {"address": "1 Main", "district": "3"}}, "CallTriaged")
    assert "secret" not in repr([out, triage]) and "1 Main" not in repr([out, triage])
    assert out["call_type"] == "EDP" and out["location"]["district"] == "3"
    assert triage["reasons"][0]["rule_id"] == "r" and out["caller_phone"] is None


def test_cursors_round_trip_and_garbage_is_refused() -> None:
    assert decode_cursor(encode_cursor(42)) == 42
    negative = base64.urlsafe_b64encode(b'{"v": 1, "after": -1}').decode()
    for bad in ("nope", "e30=", negative, "W10=", "!!!!"):
        with pytest.raises(HTTPException) as err:
            decode_cursor(bad)
        assert err.value.status_code == 400


def test_csv_cells_cannot_become_formulas() -> None:
    assert _csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _csv_cell(["a", "b"]) == "a;b" and _csv_cell(None) == "" and _csv_cell(3) == "3"


def test_only_allowed_fields_are_shown_without_a_reason() -> None:
    # Anything not on the allow-list is withheld: the EIDO remainder, a cancellation's
    # reason, a field or an event type added later, an allowed field of the wrong shape.
    out = redacted({"call_type": "EDP", "eido_unmapped": {"personName": "Jane Doe"},
                    "caller": {"name": "Jane Doe"}, "screening": {"suicidal_with_means": True},
                    "flags": {"Jane Doe": True}, "new_field": "Jane Doe",
                    "cad_priority": {"nested": "Jane Doe"}, "empty": None}, "CallReceived")
    assert "Jane Doe" not in repr(out) and "suicidal" not in repr(out)
    assert out["call_type"] == "EDP" and out["eido_unmapped"] == "[redacted]"
    assert out["cad_priority"] == "[redacted]" and out["empty"] is None
    cancelled = redacted({"reason": "caller Jane Doe, DOB 1990-01-02, called back"},
                         "CallCancelled")
    assert cancelled == {"reason": "[redacted]"}
    assert redacted({"anything": "Jane Doe"}, "SomethingNew") == {"anything": "[redacted]"}
    queued = redacted({"unit_type": "bcr", "reason": "no available bcr unit"}, "CallQueued")
    assert queued == {"unit_type": "bcr", "reason": "no available bcr unit"}


def test_a_floor_action_shows_who_when_and_the_coded_reason_but_not_the_note() -> None:
    action = {"by_key": "dev-clinician", "by_role": "clinician",
              "acted_at": "2026-12-06T16:01:12Z", "reason_code": "clinical_judgement",
              "note": "caller Jane Doe says her brother hears voices",
              "outcome_code": "safety_plan_made"}
    shown = redacted(action, "CallResolvedByPhone")
    assert shown == {**action, "note": "[redacted]"}
    override = redacted({**action, "units": ["bcr", "ems"], "recommended": ["bcr"]},
                        "DecisionOverridden")
    assert override["units"] == ["bcr", "ems"] and override["note"] == "[redacted]"
    held = redacted({**action, "callback_at": "2026-12-06T16:30:00Z"}, "CallHeld")
    assert held["callback_at"] == "2026-12-06T16:30:00Z" and held["by_key"] == "dev-clinician"


def test_a_floor_action_is_indexed_by_kind_and_reason_with_the_triage_of_its_call() -> None:
    ctx = triage_context(TRIAGE)
    overridden = decision_for("DecisionOverridden", "c1", "t", {
        "by_key": "dev-dispatcher", "reason_code": "safety_concern", "units": ["police"],
        "note": "knife"}, ctx)
    moved = decision_for("CallTransferred", "c1", "t",
                         {"reason_code": "caller_request", "to": "988"}, ctx)
    now = decision_for("PoliceSentByFloor", "c1", "t", {"reason_code": "no_team_free"}, ctx)
    assert overridden and moved and now
    assert overridden.kind == "overridden" and overridden.pathway == "behavioral_health"
    assert ("reason", "safety_concern") in overridden.attrs()
    assert ("unit", "police") in overridden.attrs()
    assert moved.kind == "transferred" and ("to", "988") in moved.attrs()
    assert now.kind == "police_now" and now.police
    # Every kind fits the index's column.
    assert all(len(d.kind) <= 16 for d in (overridden, moved, now))


def test_the_fields_reports_are_decisions_of_their_call_with_a_searchable_outcome() -> None:
    ctx = triage_context(TRIAGE)
    backup = decision_for("BackupRequested", "c1", "t", {
        "unit_id": "B1", "unit_type": "bcr", "requested": ["police", "ems"],
        "reason_code": "safety"}, ctx)
    cleared = decision_for("UnitCleared", "c1", "t", {
        "unit_id": "B1", "unit_type": "bcr", "outcome": "referred_to_services",
        "note": "secret"}, ctx)
    en_route = decision_for("UnitStatusChanged", "c1", "t",
                            {"unit_id": "B1", "unit_type": "bcr", "status": "en_route"}, ctx)
    on_scene = decision_for("UnitStatusChanged", "c1", "t",
                            {"unit_id": "B1", "unit_type": "bcr", "status": "on_scene"}, ctx)
    assert backup and cleared and en_route and on_scene
    assert backup.kind == "backup_requested" and backup.units == ["ems", "police"]
    assert ("reason", "safety") in backup.attrs() and not backup.police
    assert cleared.kind == "cleared" and ("outcome", "referred_to_services") in cleared.attrs()
    assert cleared.pathway == "behavioral_health" and cleared.unit_id == "B1"
    assert (en_route.kind, on_scene.kind) == ("en_route", "on_scene")
    assert all(len(d.kind) <= 16 for d in (backup, cleared, en_route, on_scene))
    # a status that does not time a call, or one whose envelope names no call, is not one
    assert decision_for("UnitStatusChanged", "c1", "t", {"status": "available"}, ctx) is None
    assert decision_for("UnitStatusChanged", None, "t", {"status": "on_scene"}, ctx) is None
    assert redacted({"outcome": "arrest", "note": "secret", "unit_id": "B1"},
                    "UnitCleared") == {"outcome": "arrest", "note": "[redacted]",
                                       "unit_id": "B1"}


def test_an_auditor_sees_who_secured_a_scene_and_which_staged_units_went_in() -> None:
    payload = {"unit_id": "P3-31", "unit_type": "police", "staged_units": ["BCR-1", "CSO-2"]}
    assert redacted(payload, "SceneSecured") == payload
    # a field the contract grows later is withheld until someone allows it here
    assert redacted({**payload, "remark": "Jane Doe calmer now"}, "SceneSecured") == {
        **payload, "remark": "[redacted]"}

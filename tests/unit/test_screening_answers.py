"""The call-taker's screening answers, from the CAD's post (native, PATCH, EIDO) to the
triage decision: a "yes" escalates whatever the notes say, a "no" lets a thin crisis or
report be diverted, and a "no" the notes contradict asks a person to look."""

from __future__ import annotations

import json
from typing import Any

import pytest

from services.intake.calls import apply_patch, to_payload
from services.intake.eido import SCREENING_PURPOSE, EidoDocument, EidoInvalid, eido_to_call
from services.intake.models import CallCreate, CallPatch
from services.triage.engine import CallFacts, Decision, classify, load_policy
from services.triage.handlers import decide
from shared.events import CallReceived, UnitType
from tests.intake_eido_examples import welfare_check

POLICY = load_policy()
BODY: dict[str, Any] = {
    "cad_incident_id": "MP-7", "call_type": "EDP", "received_at": "2026-11-25T14:03:00Z",
    "location": {"address": "2633 Minnehaha Ave"}, "narrative": "son upset, yelling",
}


def _decide(narrative: str, call_type: str | None = None, **answers: bool) -> Decision:
    return classify(CallFacts(call_type=call_type, narrative=narrative, screening=answers),
                    POLICY)


def test_posted_answers_travel_on_the_event_and_unasked_questions_are_left_out() -> None:
    call = CallCreate.model_validate(
        {**BODY, "screening": {"weapons": False, "violence": None, "injury": "no"}})
    payload = to_payload(call, "mpls")
    assert payload.screening is not None
    assert payload.screening.answered() == {"weapons": False, "injury": False}
    assert to_payload(CallCreate.model_validate(BODY), "mpls").screening is None


def test_a_patch_merges_answers_question_by_question() -> None:
    current = to_payload(CallCreate.model_validate(
        {**BODY, "screening": {"weapons": False, "violence": False}}), "mpls"
    ).model_dump(mode="json")
    new, changed = apply_patch(current, CallPatch.model_validate(
        {"screening": {"weapons": True, "in_progress": None}}))
    assert new["screening"] == {"weapons": True, "violence": False}
    assert changed == ["screening"]


def _with_screening(by_value: str) -> dict[str, Any]:
    """A welfare-check EIDO whose additional data carries screening answers by value."""
    raw = welfare_check()
    raw["additionalDataComponent"] = [{
        "$id": "urn:emergency:uid:additionaldata:1",
        "lastUpdateTimeStamp": "2026-11-25T14:04:10-06:00",
        "updatedByAgencyReference": {"$ref": "urn:nena:agency:psap.mpls.mn.us"},
        "urlPurpose": SCREENING_PURPOSE, "additionalDataByValue": by_value}]
    return raw


def test_an_eido_carries_answers_in_an_additional_data_component() -> None:
    raw = _with_screening(json.dumps({"weapons": False, "suicidal_with_means": False}))
    call, unmapped = eido_to_call(EidoDocument.model_validate(raw), raw)
    assert call.screening is not None
    assert call.screening.answered() == {"weapons": False, "suicidal_with_means": False}
    assert "additionalDataComponent" not in unmapped


def test_an_eido_whose_answers_are_not_json_is_refused_naming_the_field() -> None:
    raw = _with_screening("weapons: no")
    with pytest.raises(EidoInvalid) as err:
        eido_to_call(EidoDocument.model_validate(raw), raw)
    assert err.value.errors[0]["field"] == \
        "additionalDataComponent.0.additionalDataByValue"


@pytest.mark.parametrize(("question", "unit"), [
    ("weapons", UnitType.police), ("violence", UnitType.police),
    ("suicidal_with_means", UnitType.police), ("injury", UnitType.ems),
    ("suspect_on_scene", UnitType.police), ("in_progress", UnitType.police),
])
def test_a_yes_escalates_whatever_the_notes_say(question: str, unit: UnitType) -> None:
    d = _decide("calm, no weapons, not violent, nobody hurt, happened last week",
                "THEFT REPORT", **{question: True})
    assert unit in d.units
    assert any(r.rule_id == f"screening.{question}" and r.evidence.endswith("yes")
               for r in d.reasons)


def test_a_no_lets_a_thin_crisis_go_to_the_crisis_team_without_review() -> None:
    thin = _decide("son is really upset and crying", "EDP")
    screened = _decide("son is really upset and crying", "EDP",
                       weapons=False, violence=False, suicidal_with_means=False)
    assert screened.units == [UnitType.bcr]
    assert not screened.review
    assert screened.confidence > thin.confidence
    assert any(r.rule_id == "screening.safe" for r in screened.reasons)


def test_a_no_turns_a_report_of_unknown_timing_into_a_report_taker_call() -> None:
    unknown = _decide("bike taken from the rack at the library")
    assert UnitType.police in unknown.units
    answered = _decide("bike taken from the rack at the library",
                       in_progress=False, suspect_on_scene=False)
    assert answered.units == [UnitType.cso]


def test_a_no_the_notes_contradict_keeps_police_and_asks_for_review() -> None:
    d = _decide("brother in crisis, has a knife in his hand", "EDP", weapons=False)
    assert UnitType.police in d.units
    assert d.review and d.review_reason is not None and "weapons" in d.review_reason


def test_triage_reads_the_answers_from_the_event() -> None:
    event = CallReceived.model_validate({
        **BODY, "agency": "mpls", "narrative": "son crying in his room",
        "location": {"address": "1 Main St"},
        "screening": {"weapons": False, "violence": False, "suicidal_with_means": False}})
    d = decide(event, POLICY)
    assert d.units == [UnitType.bcr] and not d.review

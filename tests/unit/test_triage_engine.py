"""The triage engine: call-type normalisation, negation, pathways, decision fields,
re-triage explanations, and the contract with shared.events.CallTriaged."""

from __future__ import annotations

import pytest

from services.triage.engine import (
    CallFacts,
    Decision,
    Policy,
    classify,
    explain_change,
    load_policy,
)
from services.triage.spelling import damerau_distance
from services.triage.text import canonicalize
from shared.events import CallTriaged, Location, UnitType


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


def decide(policy: Policy, call_type: str | None = None, narrative: str | None = None,
           **flags: bool) -> Decision:
    return classify(CallFacts(call_type=call_type, narrative=narrative, flags=flags), policy)


@pytest.mark.parametrize(("call_type", "tag"), [
    ("BUSINESS BUGLARY", "property"),                 # misspelling
    ("SIMPLE CRIMINAL DAMA", "property"),             # truncation
    ("11V - BURG MOTOR VEH", "property"),             # abbreviations
    ("130B_Theft frm Veh Attmptd Pst", "property"),
    ("Vandalsim", "property"),                        # transposition
    ("CRIM MISCHIEF >OR EQUAL 100BUT<100BUT<750", "property"),
    ("127D_Suicide Threat", "behavioral_health"),
    ("121C_Mental Disordr NonViolent", "behavioral_health"),
    ("PERSON IN BEHAVIORAL/EMOTIONAL CRISIS", "behavioral_health"),
    ("EDP", "behavioral_health"),
    ("SUICDAL PERSN", "behavioral_health"),
])
def test_call_types_are_recognised_despite_cad_spelling(policy: Policy, call_type: str,
                                                         tag: str) -> None:
    assert tag in decide(policy, call_type).tags


@pytest.mark.parametrize("call_type", [
    "104D_Alarm Burglary/Intrusion",     # an alarm is not a burglary report
    "ROBBERY - IN PROGRESS",             # robbery is violence, not property
    "OVERDOSE - DRUG RELATED CASUALTY",  # medical, not behavioral health
    "--MISCHIEF OR NUISANCE - GENERAL",  # Seattle's nuisance complaint
    "UNLAWFUL POSS METAL OR BODY ARMOR BY FELON",  # 'metal' is not 'mental'
    "DISORDERLY CONDUCT",               # 'disorder' alone is not a mental disorder
])
def test_lookalike_call_types_get_neither_tag(policy: Policy, call_type: str) -> None:
    d = decide(policy, call_type)
    assert "property" not in d.tags and "behavioral_health" not in d.tags, d.tags


def test_abbreviations_in_progress_and_just_happened(policy: Policy) -> None:
    assert "in_progress" in decide(policy, "BURG I/P").safety_flags
    assert decide(policy, "BURG I/P").units == [UnitType.police]
    jh = decide(policy, "THEFT J/H")
    assert "just_happened" in jh.safety_flags and jh.units == [UnitType.police]
    assert decide(policy, "THEFT RPT").units == [UnitType.cso]


def test_negation_scope_ends_at_but_and_at_a_new_clause(policy: Policy) -> None:
    assert "weapon" not in decide(policy, "EDP", "no weapons").safety_flags
    assert "weapon" in decide(policy, "EDP", "no weapons but he has a gun").safety_flags
    assert "weapon" in decide(policy, "EDP", "no drugs. he has a gun").safety_flags
    assert "weapon" not in decide(policy, "EDP", "weapons: none").safety_flags
    assert "violence" not in decide(policy, "EDP", "he is not violent").safety_flags
    assert "weapon" in decide(policy, "EDP", "not sure if he has a gun").safety_flags


def test_suspect_gone_and_on_scene(policy: Policy) -> None:
    gone = decide(policy, "THEFT", "suspect gone, happened this morning")
    assert gone.units == [UnitType.cso]
    there = decide(policy, "THEFT", "suspect is still on scene")
    assert there.units == [UnitType.police] and "suspect_on_scene" in there.safety_flags
    both = decide(policy, "THEFT", "suspect gone. no wait, suspect is still inside")
    assert UnitType.police in both.units


def test_cad_flags_count_as_evidence(policy: Policy) -> None:
    d = decide(policy, "130B_Theft Past", "wallet taken earlier", weapons=True, injuries=True)
    assert UnitType.police in d.units and UnitType.ems in d.units
    assert UnitType.cso not in d.units
    assert {"weapon", "injury"} <= set(d.safety_flags)
    assert any(r.rule_id == "cad.flag.weapons" for r in d.reasons)


@pytest.mark.parametrize(("call_type", "narrative"), [
    (None, None), ("", ""), ("   ", "\n"), ("ZZ-99", "lorem ipsum"), ("\x00\x01", "\ufffd"),
    ("?" * 5000, "x" * 100000),
])
def test_unclassified_input_gets_the_conservative_default(
    policy: Policy, call_type: str | None, narrative: str | None
) -> None:
    d = decide(policy, call_type, narrative)
    assert d.pathway == "police_default"
    assert d.units == [UnitType.police]
    assert d.reasons[-1].rule_id == "unclassified"
    assert d.confidence < 0.5


def test_decision_records_policy_and_reasons(policy: Policy) -> None:
    d = decide(policy, "EDP", "denies SI, no weapons")
    assert (d.policy_id, d.policy_version) == ("rightresponse-default", policy.version)
    assert len(d.policy_hash) == 64 and d.policy_hash == policy.hash
    assert d.reasons[0].rule_id == "ct.bh.crisis" and "EDP" in d.reasons[0].evidence
    assert d.pathway == "behavioral_health" and d.units == [UnitType.bcr]
    assert 0.5 < d.confidence <= 1


def test_decision_fits_call_triaged(policy: Policy) -> None:
    d = decide(policy, "EDP", "has a knife")
    event = CallTriaged(**d.model_dump(), location=Location(address="1 Main St"))
    assert event.units == d.units and event.reasons == d.reasons
    assert set(Decision.model_fields) <= set(CallTriaged.model_fields)


def test_classify_is_deterministic(policy: Policy) -> None:
    call = CallFacts(call_type="THEFT", narrative="bike stolen, suspect gone")
    assert classify(call, policy) == classify(call, policy)


def test_confidence_is_lower_for_repaired_call_types(policy: Policy) -> None:
    assert decide(policy, "BUSINESS BUGLARY").confidence < decide(
        policy, "BUSINESS BURGLARY").confidence


def test_explain_change_names_added_units_and_why(policy: Policy) -> None:
    old = decide(policy, "EDP", "talking about hurting himself, no weapons")
    new = decide(policy, "EDP", "talking about hurting himself, now has a knife")
    changes = explain_change(old, new)
    assert "units: +police (weapon now reported)" in changes
    assert any(c.startswith("safety flags: +weapon") for c in changes)
    assert explain_change(old, old) == []


def test_explain_change_pathway_and_priority(policy: Policy) -> None:
    old = decide(policy, "THEFT", "bike stolen last night")
    new = decide(policy, "THEFT", "thief is still on scene")
    changes = explain_change(old, new)
    assert "pathway: property_report -> police" in changes
    assert any(c.startswith("units: +police -cso") for c in changes)
    assert f"priority: {old.priority} -> {new.priority}" in changes


def test_text_helpers() -> None:
    assert damerau_distance("buglary", "burglary", 2) == 1
    assert damerau_distance("theif", "thief", 1) == 1
    assert damerau_distance("abc", "xyz", 1) == 2
    canon = canonicalize("Subj w/ wpn, isn't violent", load_policy().text, False)
    assert canon.text == "subject with weapon , is not violent"

"""Safe by construction: whatever the call type and the rest of the narrative, un-negated
weapon, violence or imminent-risk evidence puts police on the call, and medical-emergency
evidence puts EMS on it. Also under a policy file that tries to switch that off."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.triage.engine import CallFacts, Policy, classify, load_policy
from services.triage.policy import DEFAULT_POLICY_PATH
from shared.events import UnitType
from tests.triage_support import write_policy

POLICY = load_policy()

WEAPON = [
    "he has a gun", "she is holding a knife", "subject is armed", "shots fired",
    "male waving a machete", "w/ wpn", "wpns seen", "pointed a pistol at the clerk",
    "has a box cutter", "brandishing a firearm", "he stabbed his brother",
]
VIOLENCE = [
    "two men fighting", "he is assaulting his girlfriend", "punching the clerk",
    "threatening to kill the neighbor", "kicking the door and attacked staff",
    "very violent and combative",
]
IMMINENT = [
    "has pills and says he will kill himself", "standing on the bridge ledge",
    "threatening to jump", "attempting suicide now", "has a rope and wants to end his life",
    "trying to hang himself",
]
MEDICAL = [
    "he is unconscious", "not breathing", "took a bunch of pills", "having a seizure",
    "chest pains", "overdosed on heroin", "bleeding badly from the head",
    "collapsed in the kitchen",
]

# Free text around the evidence: any printable text, but kept in its own sentences so
# that it cannot negate the evidence ("no" + evidence is a legitimate negation).
filler = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=80
)
call_types = st.one_of(st.none(), st.text(max_size=60), st.sampled_from([
    "EDP", "121C_Mental Disordr NonViolent", "THEFT", "TRU - THEFT", "WELFARE CHECK",
    "PROPERTY - DAMAGE", "NOISE - DISTURBANCE (PARTY, ETC)", "130B_Theft Past",
    "Mental Disorder N-Viol", "no weapons", "BUSINESS BUGLARY", "",
]))


def _narrative(before: str, evidence: str, after: str) -> str:
    return f"{before}. {evidence}. {after}"


def _units(call_type: str | None, narrative: str, policy: Policy = POLICY) -> list[UnitType]:
    return classify(CallFacts(call_type=call_type, narrative=narrative), policy).units


SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(call_types, filler, st.sampled_from(WEAPON + VIOLENCE + IMMINENT), filler)
def test_weapon_violence_or_imminent_risk_always_gets_police(
    call_type: str | None, before: str, evidence: str, after: str
) -> None:
    assert UnitType.police in _units(call_type, _narrative(before, evidence, after))


@SETTINGS
@given(call_types, filler, st.sampled_from(MEDICAL), filler)
def test_medical_emergency_always_gets_ems(
    call_type: str | None, before: str, evidence: str, after: str
) -> None:
    assert UnitType.ems in _units(call_type, _narrative(before, evidence, after))


@SETTINGS
@given(call_types, st.text(max_size=200),
       st.fixed_dictionaries({}, optional={"weapons": st.booleans(),
                                           "injuries": st.booleans(),
                                           "in_progress": st.booleans()}))
def test_any_input_gets_a_valid_decision(
    call_type: str | None, narrative: str, flags: dict[str, bool]
) -> None:
    d = classify(CallFacts(call_type=call_type, narrative=narrative, flags=flags), POLICY)
    assert 1 <= d.priority <= 5 and 0 <= d.confidence <= 1
    assert d.reasons
    # the engine's last-resort fallback must never be what handled the input
    assert not any(r.evidence.startswith("engine error") for r in d.reasons), d.reasons
    if flags.get("weapons"):
        assert UnitType.police in d.units and "weapon" in d.safety_flags
    if flags.get("injuries"):
        assert UnitType.ems in d.units


@pytest.mark.parametrize("narrative", [
    "Caller's brother talking about hurting himself, no weapons.",
    "Pt in crisis, denies SI, no wpns, not violent.",
    "Bike stolen overnight, suspect gone.",
])
def test_negated_evidence_does_not_pull_police(narrative: str) -> None:
    assert UnitType.police not in _units(None, narrative)


@pytest.fixture()
def hostile_policy(tmp_path: Path) -> Policy:
    """A policy that tries to divert weapon calls: overrides marked disabled, the weapon
    call type mapped to a crisis team alone, negation cues that would swallow 'has'."""
    data = yaml.safe_load(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
    for so in data["safety_overrides"]:
        so["enabled"] = False
    data["call_types"].insert(0, {
        "id": "ct.hostile_weapon", "match": ["weapon\\w*", "gun\\w*", "mental\\w*"],
        "tags": ["behavioral_health"], "pathway": "behavioral_health",
    })
    data["text"]["negation"]["cues"] += ["has", "is", "holding"]
    data["text"]["abbreviations"].insert(0, {"pattern": "\\bgun\\b", "replace": "flower"})
    for p in data["pathways"]:
        p["units"] = ["bcr"]
        p["adjustments"] = []
    return load_policy(write_policy(tmp_path, data, "hostile.yaml"))


def test_a_policy_cannot_disable_the_overrides(hostile_policy: Policy) -> None:
    assert any("ignored" in w for w in hostile_policy.warnings)
    for call_type, narrative in [
        ("121D_Mental Disorder Violnt Wp", ""),
        ("WEAPN - GUN,DEADLY WPN (NO THRTS/ASLT/DIST)", None),
        ("EDP", "he has a gun"),
        ("Mental Disorder", "he is holding a knife and says he will kill himself"),
        (None, "two men fighting outside"),
    ]:
        units = _units(call_type, narrative or "", hostile_policy)
        assert UnitType.police in units, (call_type, narrative, units)
    assert UnitType.ems in _units("EDP", "he is unconscious", hostile_policy)


def test_the_default_policy_file_is_the_one_shipped(tmp_path: Path) -> None:
    # copying the file elsewhere changes nothing: the overrides live in code, not in a path
    copy = write_policy(tmp_path, yaml.safe_load(DEFAULT_POLICY_PATH.read_text(encoding="utf-8")),
                        "copy.yaml")
    assert UnitType.police in _units("EDP", "has a gun", load_policy(copy))

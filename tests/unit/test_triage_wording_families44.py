"""Families of phrasings learnt from unseen call-taker writing, forty-fourth set: a bone
the caller thinks broken, told with the apostrophe dropped ("thinks its broke", EMD 4 and
30); an engine running in any building shut on it, a shop or a barn as well as a garage
(NFIRS 424 carbon monoxide); a parachutist hung up on a height by the canopy (NFIRS 356
high-angle rescue), who is no "jumper" in crisis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.sampled_from(["RP thinks its broke", "pretty sure its broken", "she thought it was "
                        "fractured"]),
       st.sampled_from(["forearm", "thumb", "shin"]), fillers)
def test_a_bone_thought_broken_after_a_blow_gets_ems(hedge: str, part: str, filler: str) -> None:
    d = decide(f"RP sts neighbor swung a shovel and hit RP in the {part}, {hedge}. neighbor "
               f"still in his driveway yelling. {filler}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["inside the shop w/ the overhead door shut and engine running",
                        "in the pole barn with the big doors closed, truck running",
                        "in the shed with the door shut and the motor idling"]), fillers)
def test_an_engine_running_in_a_building_shut_on_it_gets_fire_and_ems(
        where: str, filler: str) -> None:
    d = decide(f"RP sts husband been drinking since the bank called, now in his pickup {where}, "
               f"doors locked, wont look at her. {filler}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["BASE jumper's chute snagged on the canyon wall",
                        "skydiver's canopy is caught in the trees",
                        "paraglider tangled up on the cliff"]),
       st.sampled_from(["hanging about 50 ft above the talus", "dangling over the rocks"]),
       fillers)
def test_a_parachutist_hung_up_on_a_height_gets_the_rescue_not_the_crisis_team(
        caught: str, hanging: str, filler: str) -> None:
    d = decide(f"{caught}, he's {hanging}, says hes not hurt, buddies on the trail calling. "
               f"{filler}")
    assert UnitType.fire in units(d)
    assert UnitType.bcr not in units(d)
    assert "behavioral_health" not in d.tags

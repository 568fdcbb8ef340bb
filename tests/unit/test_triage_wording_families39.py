"""Families of phrasings learnt from unseen call-taker writing, thirty-ninth set: an
alarming word that is about something else. Fire in a nightmare, "blood" that was paint,
a pronoun that points back to mailboxes, medicine taken from a car, the caller still at
the scene, a driver stranded on a car roof, a hill named for a death, a scam fallen for,
a dog behind a broken fence, a parked car hit, and the cold told by the temperature."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.sampled_from(["'fights fires in his sleep'", "wakes up yelling 'FIRE, get to the boats'",
                        "has nightmares about the fire", "woke up screaming fire again"]), fillers)
def test_fire_in_a_nightmare_sends_the_crisis_team_not_the_engine(dream: str, filler: str) -> None:
    d = decide(f"RP sts her husband, retired firefighter, {dream}, now sitting on the porch "
               f"crying. no weapons, not violent. {filler}")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["at first thought it was blood all over the front glass - its red spray "
                        "paint", "looked like blood on the door, turned out to be ketchup",
                        "thought it was blood on the steps but its just red paint"]), fillers)
def test_blood_that_turned_out_to_be_paint_is_no_medical_call(seen: str, filler: str) -> None:
    d = decide(f"rp opening her shop, {seen}, somebody tagged it overnight. nobody hurt, "
               f"nobody around, wants a report. {filler}")
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["mailboxes", "yard signs", "street lights", "pumpkins"]), fillers)
def test_a_pronoun_pointing_at_things_swung_at_is_damage(things: str, filler: str) -> None:
    d = decide(f"{things} along Mt Aetna Rd smashed overnight, looks like somebody swung at "
               f"them from a car. nobody around, wants a report. {filler}")
    assert "violence" not in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["smoke detectors off her ceiling", "cameras off the walls",
                        "his clothes out of the closet"]),
       st.sampled_from(["threw them in the yard", "tossed them in the trash"]), fillers)
def test_things_taken_down_and_thrown_out_are_no_assault(
        things: str, thrown: str, filler: str) -> None:
    d = decide(f"neighbor lady 60s took all the {things} and {thrown}, says the neighbors "
               f"watch her. not threatening anybody, no weapons. {filler}")
    assert "violence" not in d.tags
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["took his seizure meds out of", "stole her insulin from",
                        "grabbed his heart pills off"]),
       st.sampled_from(["her unlocked car", "the front seat of the truck"]), fillers)
def test_medicine_taken_from_a_car_is_a_theft_not_an_ingestion(
        taken: str, place: str, filler: str) -> None:
    d = decide(f"calling bc someone {taken} {place} at the pharmacy lot this afternoon, "
               f"nobody around now. {filler}")
    assert UnitType.ems not in units(d)
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["someone shot BB holes in the front glass",
                        "somebody shot pellet holes in the windows",
                        "kids shot small holes through the sign"]), fillers)
def test_holes_shot_in_things_are_damage(damage: str, filler: str) -> None:
    d = decide(f"manager sts {damage} overnight, found when opening, no one around. {filler}")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["we still here at field 6", "rp is still there by the truck",
                        "i am still at the lot"]), fillers)
def test_the_caller_still_at_the_scene_is_no_suspect(waiting: str, filler: str) -> None:
    d = decide(f"somebody stole the tailgate off my silverado in the lot during the "
               f"tournament, {waiting}, didnt see who, nobody around the truck now. need a "
               f"report for insurance. {filler}")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["standing on the roof", "climbed on the roof", "sitting on the hood"]),
       fillers)
def test_a_driver_on_a_car_roof_in_flood_water_is_a_rescue_not_a_jumper(
        perch: str, filler: str) -> None:
    d = decide(f"car washed off a low water crossing on a county rd, water moving fast, "
               f"driver {perch}. {filler}")
    assert "behavioral_health" not in d.tags
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["Suicide Hill", "Dead Man's Curve", "Deadmans Hill", "Killer Hill"]),
       fillers)
def test_a_place_named_for_a_death_is_only_a_place(place: str, filler: str) -> None:
    d = decide(f"mom calling from {place}, 11yo son went off the run into the trees, L arm "
               f"bent wrong, awake. {filler}")
    assert "behavioral_health" not in d.tags
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["fell for a phone scam", "fell for one of those gift card scams",
                        "fell for the grandson story"]), fillers)
def test_falling_for_a_scam_is_no_fall(scam: str, filler: str) -> None:
    d = decide(f"RP sts her dad 80 {scam}, not hurt, wired $3,000 yesterday, wants a report. "
               f"{filler}")
    assert UnitType.ems not in units(d)
    assert "medical" not in d.tags


@SETTINGS
@given(st.sampled_from(["behind a broken fence", "out through a busted gate",
                        "back in its yard behind the broken fence"]), fillers)
def test_a_dog_behind_a_broken_fence_is_no_damage_report(where: str, filler: str) -> None:
    d = decide(f"mail carrier bitten by a pit mix, puncture wounds to the calf bleeding, "
               f"dog {where}. {filler}")
    assert "property" not in d.tags
    assert UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["hit her parked car", "backed into his new truck",
                        "sideswiped my parked van"]), fillers)
def test_a_parked_vehicle_hit_is_no_assault(hit: str, filler: str) -> None:
    d = decide(f"rp upset, someone {hit} in the lot and left, nobody hurt. {filler}")
    assert "violence" not in d.tags
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["it got down to 9", "it was 5 degrees overnight",
                        "freezing temps all night"]), fillers)
def test_confusion_in_the_cold_is_exposure_for_ems(cold: str, filler: str) -> None:
    d = decide(f"man who sleeps behind the laundromat is shaking hard, mumbling and not "
               f"making sense, out all night and {cold}. {filler}")
    assert UnitType.ems in units(d)
    assert "behavioral_health" not in d.tags


@SETTINGS
@given(st.sampled_from(["my husband is going to kill me, its his truck",
                        "my dad is gonna kill me, it's his new car"]),
       st.sampled_from(["slid into a light pole", "backed into a pole in the lot"]), fillers)
def test_an_owner_angry_over_a_dented_vehicle_is_no_threat(
        said: str, crash: str, filler: str) -> None:
    d = decide(f"RP crying, '{said}'. she {crash}, not hurt, nobody else involved. {filler}")
    assert UnitType.police not in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["her purse", "his wallet", "her jewelry"]),
       st.sampled_from(["found it in the freezer, nothing taken",
                        "nothing is missing, found the purse under the bed"]), fillers)
def test_a_theft_called_in_by_a_confused_elder_and_found_is_a_belief(
        thing: str, found: str, filler: str) -> None:
    d = decide(f"rp sts her grandma w/ dementia called saying somebody stole {thing}. rp went "
               f"over, {found}. grandma crying, pacing. {filler}")
    assert "property" not in d.tags
    assert UnitType.bcr in units(d)

"""Families of phrasings learnt from unseen call-taker writing, eleventh set: needs told in
shorthand or in passing (cold exposure at a temperature, a thrown glass that cut a face,
a fracture written "fx", a crew asking for an ambulance, a head-on crash, scratches on a
neck after an attack); and what is not danger: every means in a list denied, a job that
is "gonna kill me", a shooting years ago, tyres stabbed, a picture of a gun, a paintball
gun, guns in a safe whose key the caller holds, neighbours refusing to pay for damage, a
call made "just now" about last week, guns taken to the taker's own family."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["12 degrees", "no heat in the house", "out in the cold in her robe",
                        "in his pajamas, 25 degrees"]),
       st.sampled_from(["cold to touch", "shivering", "confused, mumbling"]))
def test_cold_exposure_with_its_signs_sends_ems(cold: str, sign: str) -> None:
    d = decide(f"neighbor found man 80s on his porch, {cold}, {sign}")
    assert UnitType.ems in units(d)


def test_a_power_cut_that_confuses_drivers_is_no_cold_exposure() -> None:
    d = decide("signals dark at 5th and main, power out after the storm, drivers confused, no "
               "crashes")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["cut rp's forehead", "SPLIT HIS LIP", "gashed her scalp"]),
       st.sampled_from(["threw a mug that", "swung a bottle that", "threw a plate and it"]))
def test_a_blow_that_opened_a_face_sends_ems(wound: str, blow: str) -> None:
    d = decide(f"rp sts roommate {blow} {wound}, roommate now in the kitchen yelling")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["POSS FEMUR FX", "possible hip fracture", "obvious arm fx",
                        "fx of the left ankle"]))
def test_a_fracture_in_shorthand_sends_ems(fracture: str) -> None:
    assert UnitType.ems in units(decide(f"ski patrol w 12yo, {fracture}, bringing him down"))


@SETTINGS
@given(st.sampled_from(["REQ AMBULANCE TO BASE AREA", "requesting an ambulance at the lodge",
                        "NEEDS A MEDIC UNIT AT THE TRAILHEAD"]))
def test_a_crew_asking_for_an_ambulance_gets_one(ask: str) -> None:
    assert UnitType.ems in units(decide(f"park ranger on scene w hiker, {ask}"))


@SETTINGS
@given(st.sampled_from(["2 VEH HEAD-ON", "head on collision", "pickup and sedan head on"]))
def test_a_head_on_crash_with_pain_sends_police_and_ems(crash: str) -> None:
    d = decide(f"{crash} on canyon rd, one driver c/o neck pain, both lanes blocked")
    assert {UnitType.ems, UnitType.police} <= units(d)


def test_a_head_hit_on_a_mantel_is_no_crash() -> None:
    d = decide("dad tripped and hit his head on the mantel, bleeding from scalp, awake")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["scratches on her neck", "red marks around his throat",
                        "bruises on her arms"]))
def test_marks_left_by_an_attack_send_ems(marks: str) -> None:
    d = decide(f"jogger sts a man grabbed her and tried to drag her off the trail, she got away, "
               f"{marks}, suspect ran toward the hwy")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["DENIES ANY PILLS, BLADES OR WPNS IN ROOM", "no guns, knives or meds",
                        "neg pills/weapons/rope"]))
def test_every_means_in_a_list_denied_keeps_a_crisis_diverted(denial: str) -> None:
    d = decide(f"988 warm transfer, student says she doesnt want to wake up tomorrow. {denial}. "
               "roommate with her, agrees to talk to someone")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["THIS LINE IS GONNA KILL ME", "these double shifts are going to kill me",
                        "my job is gonna kill me"]))
def test_a_job_that_will_kill_someone_is_no_threat(words: str) -> None:
    d = decide(f"rp worried abt coworker who said '{words}', denies si, denies wanting to hurt "
               "anyone, no weapons, worn out and behind on bills, wants someone to talk to")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["WAS SHOT LAST YEAR", "got shot 3 years ago", "was stabbed as a teen"]))
def test_a_shooting_long_past_is_no_weapon_now(past: str) -> None:
    d = decide(f"rp sts her son {past} and since then wont leave his room, nightmares, hasnt "
               "eaten today. no guns in home, not aggressive")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["stabbed all 4 of my tires", "STABBED BOTH FRONT TIRES",
                        "stabbed all four of her tires"]))
def test_stabbed_tyres_found_later_are_a_report(damage: str) -> None:
    d = decide(f"txt: someone {damage} overnight, car in apt lot, nobody around, need a report")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["GRAFFITI OF A PISTOL", "a drawing of a gun", "stickers of AK 47s"]))
def test_a_picture_of_a_gun_is_no_weapon(picture: str) -> None:
    d = decide(f"apt mgr sts {picture} sprayed on the dumpster enclosure sometime overnight, "
               "found at 0800, nobody around, no threats")
    assert units(d) == {UnitType.cso}


def test_paintball_damage_found_later_is_a_report() -> None:
    d = decide("rp sts somebody shot up her siding with a paintball gun overnight, paint "
               "everywhere, found this am, no one hurt")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["she has the only key", "RP HAS THE KEY ON HER", "wife keeps the combo"]))
def test_guns_in_a_safe_the_caller_holds_the_key_to_are_out_of_reach(key: str) -> None:
    d = decide(f"wife sts husb convinced the neighbors are spying on him, hollering in the yard, "
               f"not violent. his guns are in the safe and {key}")
    assert UnitType.police not in units(d)


def test_neighbours_refusing_to_pay_for_damage_is_no_crime_in_progress() -> None:
    d = decide("rp sts neighbor kids broke his window w a baseball yesterday, parents refusing to "
               "pay. kids not around now, wants it documented")
    assert units(d) == {UnitType.cso}


def test_a_call_made_just_now_about_saturday_is_a_report() -> None:
    d = decide("rp sts mailbox bashed in again, happened sat nite, just now getting around to "
               "calling, nobody around")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["SHE TOOK THE HUNTING RIFLES TO HER BROTHERS PLACE",
                        "aunt brought the guns over to her sisters last month"]))
def test_guns_taken_to_the_takers_family_are_out_of_reach(moved: str) -> None:
    d = decide(f"rp sts nephew 20 talking about not wanting to live. {moved}. he is calm, agrees "
               "to talk to someone")
    assert UnitType.police not in units(d)

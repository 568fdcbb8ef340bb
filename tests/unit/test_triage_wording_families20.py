"""Families of phrasings learnt from unseen call-taker writing, twentieth set: a wound named
by whose body part it is and "lots of blood"; a threat named by whom it is against; a
boss "gonna kill me", a threat yelled at a game, a pillow punched, a mess that "looks like
a murder scene", a veteran "saying we're taking fire"; windshields busted with a BB gun,
a truck shot up with paintballs, a mailbox blown up with fireworks with nothing burning,
a sword that is a park's name, bronze vases pulled off graves; roads and animals: a
driveway blocked, a rig spun out, a lost bin of apples, livestock out with the farmer
not answering, a bat in a room, a doe hit; a medical cause that explains confusion."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)
CRISIS_ONLY = {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["cut the other's hand", "slashed the other guys arm",
                        "cut the victims face", "stabbed the other man's leg"]),
       st.sampled_from(["", ", lots of blood", ", blood everywhere"]))
def test_a_wound_named_by_whose_body_part_it_is_gets_ems(wound: str, blood: str) -> None:
    d = decide(f"2 m fighting in the lot, one pulled a knife and {wound}{blood}. "
               "guy w/ knife still there")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["lots of blood", "a lot of blood", "so much blood", "a pool of blood",
                        "a trail of blood"]))
def test_how_much_blood_there_is_gets_ems(blood: str) -> None:
    d = decide(f"rp sts neighbor fell on the back steps, {blood}, he is sitting up")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["a lot of blood work", "lots of blood tests", "a lot of blood drawn"]))
def test_blood_work_is_no_bleeding(words: str) -> None:
    d = decide(f"rp sts her mom had {words} at the clinic today, wants to know the lab hours")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["mom", "staff", "his wife", "the neighbors", "two customers",
                        "her roommate"]),
       st.sampled_from(["threatening", "threatened"]))
def test_a_threat_named_by_whom_it_is_against_brings_police(whom: str, verb: str) -> None:
    d = decide(f"son 19 in crisis, off his meds, {verb} {whom}, still in the house")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["my boss is gonna kill me", "MY MANAGER IS GOING TO KILL ME",
                        "his supervisor is gonna murder him"]), fillers)
def test_a_boss_who_will_kill_the_caller_over_a_theft_is_upset(words: str, filler: str) -> None:
    d = decide(f"RP STS '{words}' - somebody cut the catalytic converter off the company "
               f"truck overnight, found this am, nobody around. {filler}")
    assert UnitType.police not in units(d)
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["my husband is gonna kill me", "my ex is going to kill me",
                        "he is gonna kill me"]))
def test_a_partner_who_will_kill_the_caller_stays_a_threat(words: str) -> None:
    d = decide(f"RP STS '{words}' - he cut the brake lines on her car last night")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["'im gonna kill you' - at the madden game on tv",
                        "'I'll shoot you' at the xbox", "'ima kill you' at the screen"]))
def test_a_threat_yelled_at_a_game_is_no_threat(words: str) -> None:
    d = decide(f"group home staff sts resident keeps yelling {words}, not at anybody. "
               "refused meds 2 days, pacing all night. not aggressive, no wpns")
    assert units(d) == CRISIS_ONLY


def test_a_threat_yelled_at_a_person_stays_a_threat() -> None:
    d = decide("group home staff sts resident keeps yelling 'im gonna kill you' at staff, "
               "refused meds 2 days, pacing")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["punching her pillow", "punching his mattress", "hitting her bed",
                        "kicking the couch cushions"]), fillers)
def test_a_pillow_punched_in_grief_is_no_assault(words: str, filler: str) -> None:
    d = decide(f"mom sts 15 yo daughter just found out her best friend died, screaming and "
               f"sobbing in her room, {words}. no pills or weapons, hasnt hurt herself. "
               f"{filler}")
    assert units(d) == CRISIS_ONLY


@SETTINGS
@given(st.sampled_from(["looks like a murder scene", "LOOKS LIKE A CRIME SCENE",
                        "looked like a horror movie"]))
def test_a_spill_that_looks_like_a_murder_scene_hurt_nobody(words: str) -> None:
    d = decide(f"tanker of grape juice lost a valve, purple all over the road, rp sts "
               f"'{words}' but its juice. driver fine, nobody hurt")
    assert "violence" not in d.safety_flags
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["saying were taking fire", "yelling that they are under fire",
                        "keeps saying we are taking incoming fire"]))
def test_a_veteran_reliving_combat_is_no_fire(words: str) -> None:
    d = decide(f"text to 911: my husband is a marine vet, the fireworks set him off, hes "
               f"crouched under the carport {words}. no guns in the house, please no cops")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["windshields busted w/ what looks like a bb gun",
                        "back slider shot out with a pellet gun",
                        "windows cracked by a BB gun", "car windows broken with an airsoft gun"]),
       fillers)
def test_things_damaged_with_a_bb_gun_overnight_are_a_report(words: str, filler: str) -> None:
    d = decide(f"rp sts 3 vehicles in the church lot have {words}, happened overnight, "
               f"nobody around. {filler}")
    assert UnitType.police not in units(d)
    assert "property" in d.tags


def test_a_person_shot_with_a_bb_gun_gets_police_and_ems() -> None:
    d = decide("kid shot his brother in the face with a bb gun, eye bleeding")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["overnight in his driveway on w butcher switch rd -",
                        "sometime last night while it sat on the street, found this am,"]))
def test_a_truck_shot_up_with_paintballs_is_damage(middle: str) -> None:
    d = decide(f"RP STS HIS TRUCK GOT 'SHOT UP' {middle} PAINTBALLS ALL DOWN THE DRIVER SIDE, "
               "NOBODY HURT, NEEDS REPORT FOR INSURANCE")
    assert not {UnitType.police, UnitType.ems} & units(d)


@SETTINGS
@given(st.sampled_from(["nothing burning now", "nothing is on fire", "not burning"]))
def test_a_mailbox_blown_up_last_night_with_nothing_burning_is_damage(words: str) -> None:
    d = decide(f"rp sts neighbor kids 'blew up' her mailbox w fireworks last nite, {words}, "
               "nobody hurt, wants a rpt")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["Swords Park", "Hatchet Lake", "Dagger Rd", "Axe Creek"]))
def test_a_place_named_for_a_blade_is_no_weapon(place: str) -> None:
    d = decide(f"parks employee sts fresh spray paint on the rocks at {place}, done overnight, "
               "no one there now")
    assert "weapon" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["bronze vases pulled off 15 tombs", "brass plaques ripped off the "
                        "graves", "copper markers pried off the headstones"]))
def test_metal_pulled_off_graves_is_a_theft(words: str) -> None:
    d = decide(f"sexton at the cemetery sts {words} over the weekend, no one there now")
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["minivan parked across rp driveway", "blue odyssey blocking rp's "
                        "driveway", "cars blocking her driveway for the game",
                        "truck parked in his driveway"]))
def test_a_blocked_driveway_is_for_traffic_staff(words: str) -> None:
    d = decide(f"{words}, cant get out for work, no owner around")
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["car dead in the left ln", "suv stalled in the right ln",
                        "his rig spun out", "trailer blocking the right lane",
                        "flatbed lost a bin of apples, apples all over both lanes"]))
def test_a_vehicle_or_a_load_in_the_lanes_is_for_traffic_staff(words: str) -> None:
    d = decide(f"{words} on i 35 nb, driver ok, cars swerving around it")
    assert UnitType.traffic_control in units(d)


def test_a_person_walking_all_over_the_lanes_is_not_a_lost_load() -> None:
    d = decide("man walking all over both lanes yelling at cars, seems high")
    assert "traffic" not in d.tags or UnitType.police in units(d) or UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["holsteins", "angus", "horses"]),
       st.sampled_from(["farmer not answering his phone", "owner is not answering"]))
def test_livestock_out_with_the_owner_unreachable_is_for_animal_services(
        animals: str, owner: str) -> None:
    d = decide(f"5 {animals} out on rt 8, fence down, cars swerving around them. {owner}")
    assert UnitType.animal_control in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["bat in dorm room, bat still inside", "a bat flying around the bedroom",
                        "bat got into the kitchen"]))
def test_a_bat_in_a_room_is_for_animal_services(words: str) -> None:
    d = decide(f"{words}, student was asleep in there, door shut")
    assert UnitType.animal_control in units(d)


def test_a_bat_someone_holds_is_not_an_animal() -> None:
    d = decide("son swinging a bat in his room at mom")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["doe hit by a car", "doe struck by a truck", "fawn hit on the road"]))
def test_a_doe_hit_and_still_alive_is_for_animal_services(words: str) -> None:
    d = decide(f"{words}, still alive thrashing on the shoulder, driver left, nobody hurt")
    assert UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["HES TYPE 1, TOOK HIS INSULIN AND SKIPPED DINNER",
                        "she is diabetic, sugar was 38", "he got too hot on the roof, heat "
                        "stroke maybe"]))
def test_confusion_with_a_medical_cause_is_medical_not_a_crisis(cause: str) -> None:
    d = decide(f"student shaky, sweaty, not making sense. roommate sts {cause}. awake")
    assert UnitType.ems in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["resident having a seizure that hasnt stopped",
                        "resident fell and is bleeding from the head"]))
def test_a_group_home_medical_call_is_medical(words: str) -> None:
    d = decide(f"staff at group home on arrowhead rd, {words}")
    assert UnitType.ems in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["slapped her across the face", "punched her", "choked her"]))
def test_hiding_in_the_bathroom_from_an_attacker_is_a_victim_not_a_crisis(blow: str) -> None:
    d = decide(f"aide sts clients grandson just {blow}, still in the kitchen yelling, aide "
               "hiding in bathroom w/ phone")
    assert UnitType.police in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["he's been in prison 3 yrs", "he is locked up in walla walla",
                        "she is in jail"]))
def test_a_crisis_over_an_abuser_now_locked_up_goes_to_the_crisis_team(away: str) -> None:
    d = decide(f"rp 30s, ex used to beat her, {away}. today is the anniversary, she cant stop "
               "shaking and crying, 'i know he cant get to me'. safe at home alone, not hurt",
               call_type="ANXIETY - DV HX")
    assert units(d) == CRISIS_ONLY

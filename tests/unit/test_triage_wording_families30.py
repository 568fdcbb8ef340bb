"""Families of phrasings learnt from unseen call-taker writing, thirtieth set: a farewell
told as "I'm not coming back" beside the water, a man wading on past his waist; a player
struck by a ball; a car told by its year and make, found gone at a time; a mailbox run
over; a person about to break down; and what is not danger or not a crime: a student's
"my parents are gonna kill me" over a failed exam, a fight with a phone line, a child's
fear that someone is coming to shoot them, a fence's wire down, an alarm the keyholder
cancelled with the passcode, a home taken by a tornado, a door the caller broke in to
reach her sister, a car broken into by its own owner, keys taken from a driver years ago,
a robbery at gunpoint (no property report), a day without food before a faint."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["texted 'im not coming back'", "said he is never coming back",
                        "told her 'i wont be coming back'"]), fillers)
def test_walking_into_the_water_with_a_farewell_gets_ems_and_fire(words: str, filler: str) -> None:
    d = decide(f"rp at the beach watching a man walk into the lake in his clothes, big waves. "
               f"his friend says he {words}. {filler}")
    assert {UnitType.police, UnitType.ems, UnitType.fire} <= units(d)


@SETTINGS
@given(st.sampled_from(["says he is not coming back to this job", "said she isnt coming back "
                        "till monday", "says theyre not coming back here"]))
def test_not_coming_back_to_a_place_is_no_farewell(words: str) -> None:
    d = decide(f"rp says her coworker quit today, took his pills from the break room and {words}")
    assert "imminent_risk" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["waist deep and keeps going", "chest deep and still walking",
                        "waist-deep and wading further out"]))
def test_wading_on_past_the_waist_gets_ems_and_fire(words: str) -> None:
    d = decide(f"woman walked into the river at the boat ramp in her coat, she is {words}")
    assert {UnitType.ems, UnitType.fire} <= units(d)


@SETTINGS
@given(st.sampled_from(["got hit by a foul ball", "was struck by a golf ball",
                        "took a line drive to the face", "got hit with a hockey puck",
                        "got beaned by a pitch"]), fillers)
def test_a_player_struck_by_a_ball_gets_ems_and_no_police(words: str, filler: str) -> None:
    d = decide(f"mom at the ballpark says her 10yo {words}, big knot, threw up twice. {filler}")
    assert UnitType.ems in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["2016 hyundai elantra", "08 ford ranger", "honda civic",
                        "2019 kia soul"]),
       st.sampled_from(["parked it at 11pm, gone at 6am", "it was there when she went to bed",
                        "gone by 0600"]))
def test_a_car_told_by_its_make_found_gone_is_a_report(car: str, when: str) -> None:
    d = decide(f"rps {car} gone from the apt lot, {when}, nobody saw anything")
    assert "property" in d.tags
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["mailbox ran over again overnite", "mailbox got ran over last night",
                        "mailbox was run over sometime overnight"]))
def test_a_mailbox_run_over_is_a_report(words: str) -> None:
    d = decide(f"{words} on hwy 10, wants report")
    assert "property" in d.tags
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["feels like shes going to break down", "says im about to fall apart",
                        "hes breaking down, cant stop crying", "she keeps falling apart"]))
def test_about_to_break_down_is_a_crisis(words: str) -> None:
    d = decide(f"rp says her landlord is evicting her over her dog, {words}. nobody hurt, "
               "no weapons, alone at her apt")
    assert "behavioral_health" in d.tags
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["is breaking down the boxes in the garage",
                        "says the old truck is going to break down"]))
def test_breaking_down_things_is_no_crisis(words: str) -> None:
    assert "behavioral_health" not in decide(f"neighbor {words}").tags


@SETTINGS
@given(st.sampled_from(["failed her orgo final and 'my parents are gonna kill me'",
                        "wrecked the car and says my dad is going to kill me",
                        "says my mom is gonna kill me cause i flunked chem"]))
def test_family_anger_at_a_slip_is_no_threat(words: str) -> None:
    d = decide(f"college student crying and breathing fast in the library, {words}. "
               "friend says she gets panic attacks, not hurting anybody")
    assert "violence" not in d.tags
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["my husband is gonna kill me when he gets out",
                        "my boyfriend is going to kill me because i left",
                        "my dad is gonna kill me, he hit me again"]))
def test_a_partner_or_a_beating_parent_going_to_kill_her_keeps_police(words: str) -> None:
    d = decide(f"woman crying at the gas station, says {words}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["the medicare phone line", "the printer", "customer service",
                        "the automated system"]))
def test_a_fight_with_a_machine_or_a_phone_line_is_no_violence(thing: str) -> None:
    d = decide(f"rp says her grandma 'got into a fight' with {thing}, nobody else there. "
               "grandma has dementia, crying, keeps packing boxes")
    assert "violence" not in d.tags
    assert UnitType.police not in units(d)


def test_a_fight_with_a_person_behind_a_counter_stays_violence() -> None:
    d = decide("rp says a man got into a fight with the bank teller, still in the lobby")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["keeps saying someone is coming to shoot them",
                        "is convinced people are coming to get him",
                        "insists somebody is coming to kill her"]))
def test_an_attacker_a_person_in_crisis_fears_is_no_threat(words: str) -> None:
    d = decide(f"teacher says a 12yo hiding under the desk shaking and crying since the "
               f"lockdown drill, {words}, not hurting anyone")
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)


def test_a_named_person_coming_to_kill_her_keeps_police() -> None:
    d = decide("caller crying, says her ex is coming to kill her, he texted he has a gun")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["fence wire down in 3 places", "barbed wire down along the road",
                        "hog wire down by the creek"]))
def test_a_fences_wire_down_is_no_hazard(words: str) -> None:
    d = decide(f"ranch manager says somebody cut the chain on the gate overnight, {words}")
    assert UnitType.fire not in units(d)
    assert UnitType.cso in units(d)


def test_wires_down_across_a_road_still_get_fire() -> None:
    assert UnitType.fire in units(decide("wires down across the road after the storm"))


@SETTINGS
@given(st.sampled_from(["HOMEOWNER ANSWERED CALLBACK W/ CORRECT PASSCODE",
                        "KEYHOLDER GAVE THE PASSCODE", "SUBSCRIBER VERIFIED PASSWORD, REQ CANCEL"]),
       st.sampled_from(["NEW PUPPY SET OFF THE MOTION", "SHE OPENED THE DOOR WITHOUT "
                        "DISARMING", "CLEANER SET IT OFF"]))
def test_an_alarm_the_keyholder_cancelled_sends_no_police(cancel: str, why: str) -> None:
    d = decide(f"ALARM CO: RES BURG ALARM, INTERIOR MOTION. {cancel}, SAYS {why}, NOTHING "
               "DISTURBED", call_type="BURG ALARM-RES")
    assert "alarm_cancelled" in d.tags
    assert UnitType.police not in units(d)
    # at most a report taker, when the learned reader reads a theft into it
    assert units(d) <= {UnitType.cso}


def test_a_cancelled_alarm_with_nothing_else_sends_nobody() -> None:
    d = decide("ALARM CO: RES BURG ALARM, INTERIOR MOTION. HOMEOWNER ANSWERED CALLBACK W/ "
               "CORRECT PASSCODE, SAYS HER NEW PUPPY SET OFF THE MOTION. REQ CANCEL",
               call_type="BURG ALARM-RES")
    assert units(d) == set()


def test_a_keyholder_who_cancelled_and_found_a_theft_gets_a_report_taker() -> None:
    d = decide("ALARM CO: BURG ALARM REAR DOOR. KEYHOLDER GAVE CORRECT PASSCODE, ON SCENE NOW, "
               "SAYS THE BACK DOOR WAS PRIED AND THE TV IS GONE, NOBODY INSIDE",
               call_type="BURG ALARM-RES")
    assert UnitType.cso in units(d) or UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["NO CANCEL CODE, KEYHOLDER NOT ANSWERING",
                        "KEYHOLDER COULD NOT GIVE THE CORRECT PASSCODE",
                        "NO PASSCODE GIVEN, AUDIO HEARS VOICES INSIDE"]))
def test_an_alarm_nobody_cancelled_gets_police(words: str) -> None:
    d = decide(f"ALARM CO: BURG ALARM, GLASS BREAK + INTERIOR MOTION AT PAWN SHOP. {words}",
               call_type="ALARM-BURG COMM")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["her house was taken by the tornado", "their trailer got destroyed "
                        "in the flood", "his place was flattened by the hurricane"]))
def test_a_home_the_storm_took_is_no_theft(words: str) -> None:
    d = decide(f"motel clerk says a guest sitting in the lobby crying, {words}, doesnt know "
               "where to go now. not hurt")
    assert "property" not in d.tags


@SETTINGS
@given(st.sampled_from(["RP BROKE THE DOOR IN", "CALLER KICKED THE BATHROOM DOOR DOWN"]))
def test_a_door_broken_in_to_reach_someone_is_no_crime(words: str) -> None:
    d = decide(f"SISTER CUT HER WRISTS IN THE BATHTUB, {words} TO GET TO HER, SHE IS AWAKE "
               "AND CRYING")
    assert "property" not in d.tags
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["should break into her own car", "broke into his own truck",
                        "is breaking into their own house"]))
def test_breaking_into_ones_own_car_is_no_theft(words: str) -> None:
    assert "property" not in decide(f"keys locked inside, rp asking if she {words}").tags


@SETTINGS
@given(st.sampled_from(["keys taken last yr", "car keys were taken away 2 years ago",
                        "keys taken by the family"]))
def test_keys_taken_from_an_old_driver_are_no_theft(words: str) -> None:
    d = decide(f"daughter says her dad 81 with dementia keeps saying he will walk to the store "
               f"to find his late wife. no car, {words}, no guns")
    assert "property" not in d.tags


@SETTINGS
@given(st.sampled_from(["PUT A GUN ON HIM AND TOOK HIS PHONE",
                        "STUCK A KNIFE TO HIS NECK AND TOOK HIS WALLET",
                        "PULLED A PISTOL ON HER AND TOOK HER PURSE"]))
def test_a_robbery_at_gunpoint_gets_police_and_no_property_report(words: str) -> None:
    d = decide(f"RP IS A DELIVERY DRIVER, 2 MALES {words}, RAN TOWARD THE BACK BUILDING JUST "
               "NOW. RP NOT HURT")
    assert UnitType.police in units(d)
    assert "property" not in d.tags


@SETTINGS
@given(st.sampled_from(["hasnt eaten or had water all day", "hasnt eaten anything today",
                        "has not eaten since breakfast"]))
def test_a_day_without_food_before_a_faint_is_medical(words: str) -> None:
    d = decide(f"state fair midway, teen girl fainted in line, awake now but pale and clammy, "
               f"says she {words}")
    assert "behavioral_health" not in d.tags
    assert UnitType.ems in units(d)


def test_days_without_eating_stays_a_crisis() -> None:
    d = decide("mom says her son hasnt eaten in 4 days, wont leave his room, says whats "
               "the point")
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["sometime btwn 10p and 6a", "between 11 pm and 5 am",
                        "left it 0700, came back 1800", "she got home at 1800",
                        "came back after 4 hrs", "owner back after 2 wks",
                        "woke up and found it", "over the 3 day weekend",
                        "found it going to work", "came out at 0600", "sometime sat night"]),
       fillers)
def test_a_theft_found_on_coming_back_is_a_report(when: str, filler: str) -> None:
    d = decide(f"rp says bike taken from the rack outside her apt, cable lock cut, {when}. "
               f"has the serial. {filler}")
    assert "property" in d.tags
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["she got home at 1800 and a man is inside",
                        "came out at 0600 and 2 guys are still cutting the lock"]))
def test_coming_back_to_a_thief_still_there_keeps_police(words: str) -> None:
    d = decide(f"rp says somebody is stealing her bike from the rack, {words}")
    assert UnitType.police in units(d)

"""Families of phrasings, not single sentences: each test draws many members of one
family (a subject, a verb form, an object, filler around it) and checks the response
that family needs. The families follow the field's own lists: NIBRS offence names and
state statute names, NFIRS incident types, the medical dispatch chief complaints and key
questions, and crisis-intervention warning signs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.triage.engine import CallFacts, Decision, classify, load_policy
from shared.events import UnitType

POLICY = load_policy()
SETTINGS = settings(max_examples=150, deadline=None)

subjects = st.sampled_from(["he", "she", "her son", "the male", "my neighbor", "the subject",
                            "her boyfriend", "a guy", "the customer", "their roommate"])
victims = st.sampled_from(["me", "her", "him", "my mom", "his wife", "the clerk",
                           "the victim", "rp", "her sister"])
fillers = st.sampled_from(["", "rp is calling from the car.", "callback is good.",
                           "apt 3b, side door.", "RP STS.", "caller is upset."])


def decide(narrative: str, call_type: str | None = None) -> Decision:
    return classify(CallFacts(call_type=call_type, narrative=narrative), POLICY)


# ---- violence and threats in everyday words -> police ---------------------------------

violent_acts = st.sampled_from([
    "pushed {v} down", "shoved {v}", "choked {v}", "slapped {v}", "punched {v}",
    "grabbed {v} by the arm", "kicked {v}", "threw a chair at {v}", "is threatening {v}",
    "said he will kill {v}", "is hitting {v}", "jumped {v}", "won't let {v} leave",
])


@SETTINGS
@given(subjects, violent_acts, victims, fillers)
def test_violence_in_everyday_words_gets_police(subject: str, act: str, victim: str,
                                                filler: str) -> None:
    d = decide(f"{filler} {subject} {act.format(v=victim)}")
    assert UnitType.police in d.units and "violence" in d.safety_flags


@SETTINGS
@given(st.sampled_from(["call the police on", "sue", "report", "evict", "tell the landlord about"]),
       victims, fillers)
def test_a_threat_to_call_the_police_or_sue_is_no_threat_of_harm(
        what: str, victim: str, filler: str) -> None:
    d = decide(f"{filler} neighbor threatened to {what} {victim}, no weapons, wants advice")
    assert "violence" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["breaking things", "throwing furniture", "punching holes in the walls",
                        "smashing stuff"]),
       st.sampled_from(["parents are scared of him", "family is afraid of him",
                        "mom is terrified of him", ""]))
def test_destruction_and_fear_at_home_get_police(act: str, fear: str) -> None:
    d = decide(f"son {act}, {fear}")
    assert UnitType.police in d.units


# ---- weapons, including slang and improvised ones -> police ---------------------------

weapons = st.sampled_from(["gun", "pistol", "knife", "machete", "glock", "box cutter",
                           "bat", "hammer", "broken bottle", "golf club"])


@SETTINGS
@given(subjects, st.sampled_from(["waving a", "swinging a", "pointing a", "holding a",
                                  "brandishing a"]), weapons, fillers)
def test_a_weapon_in_hand_gets_police(subject: str, verb: str, weapon: str,
                                      filler: str) -> None:
    assert UnitType.police in decide(f"{filler} {subject} is {verb} {weapon}").units


@SETTINGS
@given(st.sampled_from(["no weapons", "NO WPNS", "denies weapons", "weapons: none",
                        "no guns in the home"]), fillers)
def test_negated_weapons_pull_no_police_onto_a_crisis(negation: str, filler: str) -> None:
    d = decide(f"{filler} adult son hearing voices and pacing, {negation}, not violent")
    assert d.units == [UnitType.bcr], d


# ---- ingestion, overdose and unresponsive people -> EMS --------------------------------

@SETTINGS
@given(st.sampled_from(["took", "swallowed", "got into"]),
       st.sampled_from(["30 of her", "a bunch of his", "all of grandma's", "some of the",
                        "a handful of her mom's", ""]),
       st.sampled_from(["pills", "meds", "sleeping pills", "xanax", "tylenol", "gummies"]),
       fillers)
def test_ingestion_gets_ems(verb: str, amount: str, what: str, filler: str) -> None:
    assert UnitType.ems in decide(f"{filler} 3 yo {verb} {amount} {what}").units


@SETTINGS
@given(st.sampled_from(["man", "woman", "male", "female", "person", "elderly man"]),
       st.sampled_from(["lying on the sidewalk not moving", "unresponsive in the car",
                        "passed out and won't wake up", "not breathing",
                        "slumped over, hard to wake", "collapsed in the lobby"]))
def test_unresponsive_people_get_ems(who: str, state: str) -> None:
    assert UnitType.ems in decide(f"{who} {state}").units


@pytest.mark.parametrize("narrative", [
    "husband cant catch his breath, lips look blue",
    "pressure in chest going down left arm, sweating",
    "face drooping and cant lift her right arm",
    "stung by a bee, face swelling up, has an epi pen",
    "dad not acting right after his insulin, sweaty and confused",
    "roofer collapsed in the heat, stopped sweating",
    "3 year old left alone in a hot car in the lot",
])
def test_medical_chief_complaints_in_lay_words_get_ems(narrative: str) -> None:
    assert UnitType.ems in decide(narrative).units


# ---- fire, gas, entrapment -> fire -------------------------------------------------------

@pytest.mark.parametrize("narrative", [
    "house smells like rotten eggs, stove is off", "CO alarm going off in the basement",
    "2 people stuck in the elevator between floors", "kid fell through the ice on the pond",
    "smoke coming out of the garage roof", "driver trapped in the car after the crash",
    "power lines down across the road, sparking",
])
def test_fire_and_rescue_needs_get_fire(narrative: str) -> None:
    assert UnitType.fire in decide(narrative).units


@pytest.mark.parametrize("narrative", [
    "fire pit in the neighbors yard, controlled, just wants to know if it is allowed",
    "dad asks about the fire safety program and a station tour for the scouts",
])
def test_contained_or_informational_fire_words_send_no_fire_engine(narrative: str) -> None:
    assert UnitType.fire not in decide(narrative).units


# ---- people in danger -> police --------------------------------------------------------

@pytest.mark.parametrize("narrative", [
    "woman screaming for help inside apt 3b", "caller hears a child crying for help",
    "boyfriend will not let her leave the apartment", "she is being held against her will",
])
def test_people_in_danger_get_police(narrative: str) -> None:
    assert UnitType.police in decide(narrative).units


# ---- crises without clinical words -> crisis team ------------------------------------

crisis_signs = st.sampled_from([
    "hearing voices", "says the neighbors put cameras in the walls", "hasnt slept in 4 days",
    "autistic teen having a meltdown", "veteran having flashbacks", "crying at her sons grave",
    "shaking and sweating, coming off alcohol", "dementia, wandering and confused",
    "says she doesnt want to be here anymore", "paranoid the govt reads his thoughts",
    "having a panic attack",
])


@SETTINGS
@given(crisis_signs, st.sampled_from(["no weapons, not violent", "denies wpns, calm",
                                      "no weapons in the home, nobody hurt"]), fillers)
def test_crises_in_lay_words_go_to_the_crisis_team(sign: str, safe: str,
                                                  filler: str) -> None:
    d = decide(f"{filler} adult {sign}. {safe}")
    assert "behavioral_health" in d.tags
    assert UnitType.bcr in d.units and UnitType.police not in d.units, d


# ---- property after the fact, in progress, unknown -------------------------------------

@SETTINGS
@given(st.sampled_from(["bike", "package", "catalytic converter", "tools", "generator"]),
       st.sampled_from(["stolen overnight", "taken sometime last night",
                        "gone when she got home", "stolen yesterday, no suspects",
                        "taken, found it missing this morning"]))
def test_theft_found_after_the_fact_goes_to_a_report_taker(thing: str, when: str) -> None:
    d = decide(f"RP states {thing} {when}")
    assert "property" in d.tags and d.units == [UnitType.cso], d


@SETTINGS
@given(st.sampled_from(["cutting the lock on", "stealing", "breaking into", "grabbing"]),
       st.sampled_from(["bike", "car", "packages", "truck"]),
       st.sampled_from(["right now", "as we speak", "and is still there"]))
def test_theft_in_progress_gets_police_and_no_report_taker(act: str, thing: str,
                                                           now: str) -> None:
    d = decide(f"caller says someone is {act} the {thing} {now}")
    assert UnitType.police in d.units and UnitType.cso not in d.units, d


def test_unknown_presence_keeps_police() -> None:
    d = decide("came home, back door open, not sure if anyone is in the house")
    assert UnitType.police in d.units and UnitType.cso not in d.units


# ---- call types of other states: statute names and abbreviations ---------------------

@pytest.mark.parametrize("call_type", [
    "MALICIOUS DESTRUCTION", "MDOP", "UDAA", "UNAUTHORIZED USE OF VEHICLE", "UUV",
    "BREAKING & ENTERING AUTO", "B&E AUTO", "CRIMINAL DAMAGE TO PROP", "MALICIOUS MISCHIEF",
    "PETIT LARCENY", "GRAND THEFT AUTO", "VEHICLE PROWL", "RETAIL THEFT", "GAS DRIVE OFF",
    "THEFT FROM MV", "STOLEN AUTO",
])
def test_state_statute_names_for_property_crimes_are_property(call_type: str) -> None:
    assert "property" in decide("", call_type).tags


@pytest.mark.parametrize(("call_type", "unit"), [
    ("ODOR OF GAS", UnitType.fire), ("ELEVATOR RESCUE", UnitType.fire),
    ("CO ALARM", UnitType.fire), ("WATER RESCUE", UnitType.fire),
    ("UNC PERSON", UnitType.ems), ("FALL VICTIM", UnitType.ems),
    ("BREATHING PROBLEMS", UnitType.ems), ("ALLERGIC REACTION", UnitType.ems),
])
def test_fire_and_medical_call_types_get_their_units(call_type: str, unit: UnitType) -> None:
    assert unit in decide("", call_type).units


def test_tags_are_independent_a_domestic_damage_call_is_both() -> None:
    d = decide("", "CRIMINAL DAMAGE DOMESTIC")
    assert {"property", "domestic"} <= set(d.tags)
    assert UnitType.police in d.units


# ---- traffic a City traffic crew handles, told without a traffic word ----------------

@SETTINGS
@given(st.sampled_from(["a landscaping trailer", "a boat", "his truck", "a dumpster",
                        "a white van"]),
       st.sampled_from(["across her driveway", "in front of my driveway",
                        "blocking the driveway"]),
       st.sampled_from(["parked", "left", "dumped"]))
def test_something_left_across_a_driveway_gets_traffic_control(thing: str, where: str,
                                                               verb: str) -> None:
    d = decide(f"rp says someone {verb} {thing} {where} since 7am, she cant get out,"
               " no one around")
    assert UnitType.traffic_control in d.units and UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["white minivan dead in the left lane", "semi stalled in the right lane",
                        "car sitting in the travel lane with hazards on",
                        "pickup broke down in the intersection"]),
       st.sampled_from(["of us-131 nb", "on hwy 6", "at 5th and main"]))
def test_a_vehicle_dead_in_a_lane_gets_traffic_control(what: str, where: str) -> None:
    d = decide(f"{what} {where}, driver standing behind it, no crash, nobody hurt")
    assert UnitType.traffic_control in d.units


@SETTINGS
@given(st.sampled_from(["rr crossing gates at 1st st stuck down for 20 min, no train",
                        "railroad crossing arms down and flashing, no train for 15 minutes",
                        "train crossing signals stuck down at county rd 9"]))
def test_railroad_crossing_gates_stuck_get_traffic_control(what: str) -> None:
    d = decide(f"{what}, cars backing up and some driving around the gates")
    assert UnitType.traffic_control in d.units


# ---- reports after the fact, told without a crime word ----------------------------------

@SETTINGS
@given(st.sampled_from(["amazon pkg marked delivered at 1pm", "ups says delivered at noon",
                        "fedex box showed delivered"]),
       st.sampled_from(["not on porch when rp got home at 6", "wasnt on the doorstep when she"
                        " got home", "not at the door when he came back"]),
       st.sampled_from(["neighbor's cam shows a woman walk off w it",
                        "ring video shows someone walked off with it", ""]))
def test_a_package_gone_from_the_porch_is_a_report(delivered: str, gone: str,
                                                   camera: str) -> None:
    d = decide(f"{delivered}, {gone}. {camera}. rp just wants a report # for the company")
    assert "property" in d.tags
    assert UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["slashed all 4 tires on his work van", "slashed both front tires",
                        "slashed the tires on her car"]),
       st.sampled_from(["sometime last night", "over the holiday break", "overnight"]))
def test_tires_slashed_overnight_are_a_report(what: str, when: str) -> None:
    d = decide(f"caller states someone {what} {when}, parked on street, no idea who, needs a"
               " report for employer")
    assert "property" in d.tags and UnitType.cso in d.units
    assert UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["took all the sleeping pills", "took all the pills in the cabinet",
                        "took all of her meds", "took every one of his oxys"]),
       st.sampled_from(["and the wine", "after they argued", ""]))
def test_taking_all_the_pills_is_a_crisis_and_a_medical_emergency(took: str,
                                                                 then: str) -> None:
    d = decide(f"rp says her mom called slurring, {took} {then}, 20 min ago")
    assert "behavioral_health" in d.tags and UnitType.ems in d.units


@SETTINGS
@given(st.sampled_from(["sitting in the bus with the heat on", "waiting in the lobby where"
                        " it is warm", "in the car with the heater running"]))
def test_a_warm_place_is_no_heat_illness_behind_confusion(where: str) -> None:
    d = decide(f"elderly female doesnt know where she lives, polite, no injury, {where}")
    assert UnitType.bcr in d.units and UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["counted 6 head short in the west pasture", "four head of cattle"
                        " missing from the lease", "3 horses gone from the corral",
                        "larceny of livestock"]),
       st.sampled_from(["fence cut, trailer tracks, looks a few days old",
                        "noticed this morning, nobody out there now"]))
def test_livestock_gone_after_the_fact_is_a_theft_report(what: str, when: str) -> None:
    d = decide(f"rancher calling, {what}, {when}")
    assert "property" in d.tags and UnitType.cso in d.units
    assert UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["4 bus shelter panels at the park and ride shattered",
                        "the display case glass in the lobby smashed",
                        "two skylights on the warehouse busted out"]),
       st.sampled_from(["found on morning rounds", "noticed during the walk through",
                        "discovered on patrol"]))
def test_damage_found_on_rounds_is_a_report(what: str, when: str) -> None:
    d = decide(f"maint supervisor reports {what}, {when}, nobody around, needs report #")
    assert "property" in d.tags and UnitType.cso in d.units
    assert UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["semi jackknifed across both lanes", "trailer jack-knifed on the pass",
                        "tractor trailer jackknifed at the s curve"]))
def test_a_jackknifed_truck_with_nobody_hurt_gets_traffic_control(what: str) -> None:
    d = decide(f"trucker on cell, {what}, driver is out and fine, no fuel leaking")
    assert UnitType.traffic_control in d.units


@SETTINGS
@given(st.sampled_from(["ANIMAL WELFARE/NEGLECT", "ANIMAL WELFARE CHECK", "WELFARE - ANIMALS"]),
       st.sampled_from(["4 dogs and a horse havent been fed in 3 days", "cats left without"
                        " water since owner was hospitalized"]))
def test_an_animal_welfare_call_goes_to_animal_control(call_type: str, what: str) -> None:
    d = classify(CallFacts(call_type=call_type, narrative=f"{what}, no one is there"), POLICY)
    assert UnitType.animal_control in d.units and UnitType.bcr not in d.units


@SETTINGS
@given(st.sampled_from(["keeps saying incoming", "crouched behind a trash can shaking",
                        "ducking under the table, whispering incoming"]),
       st.sampled_from(["after the jackhammer started", "when the fireworks went off"]))
def test_a_combat_reaction_in_lay_words_is_a_crisis(what: str, when: str) -> None:
    d = decide(f"older vet at the station {what} {when}, has nothing in his hands")
    assert UnitType.bcr in d.units and UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["says neighbors pipe gas thru his vents", "says they are stealing his"
                        " thoughts", "says the people in the walls keep her up",
                        "states its 1987 and asks for her husband"]))
def test_beliefs_no_one_else_shares_are_a_crisis(belief: str) -> None:
    d = decide(f"man in the lobby {belief}. calm, polite, no weapons")
    assert UnitType.bcr in d.units and UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["all 4 tires flat w slits in the sidewalls", "came back and her"
                        " laptop was gone", "e bike gone when he woke up",
                        "vending machine pried open over the wkend"]))
def test_theft_and_damage_found_later_are_reports(what: str) -> None:
    d = decide(f"rp says {what}. no one around, no idea who")
    assert "property" in d.tags and UnitType.cso in d.units
    assert UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["2 subjs under a box truck w a sawzall cutting the cat off",
                        "someone under a prius sawing the catalytic converter"]),
       st.sampled_from(["clerk sees", "rp can hear", "neighbor watching"]))
def test_a_catalytic_converter_cut_off_now_gets_police_not_animal_control(what: str,
                                                                          who: str) -> None:
    d = decide(f"{who} {what}, lookout by a white kia")
    assert UnitType.police in d.units and UnitType.animal_control not in d.units


@SETTINGS
@given(st.sampled_from(["hes walking to the next row looking in cars", "she is looking in"
                        " other cars", "he is heading to the next car"]))
def test_a_thief_moving_on_to_the_next_car_is_still_on_scene(where: str) -> None:
    d = decide(f"just watched a m smash a window on a minivan and grab a purse, {where}")
    assert UnitType.police in d.units and UnitType.cso not in d.units

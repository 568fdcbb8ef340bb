"""More families of phrasings: where a weapon is not at hand, regional statute names for
vandalism, the ways call-takers write that a crime is over, and words that sound like a
symptom but describe a thing. Each test draws many members of its family."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from services.triage.engine import CallFacts, Decision, classify, load_policy
from shared.events import UnitType

POLICY = load_policy()
SETTINGS = settings(max_examples=120, deadline=None)

crisis = st.sampled_from([
    "husband back from deployment, pacing all night, wont sleep, not threatening anyone.",
    "son 24 hearing voices and crying, calm with mom.",
    "dad hasnt eaten in days since mom died, says whats the point.",
])
fillers = st.sampled_from(["", "rp on scene.", "callback good.", "apt 2.", "RP STS."])


def decide(narrative: str, call_type: str | None = None) -> Decision:
    return classify(CallFacts(call_type=call_type, narrative=narrative), POLICY)


@SETTINGS
@given(crisis, st.sampled_from(["army", "military", "duty", "service", "issued", ""]),
       st.sampled_from(["weapons", "rifle", "pistol", "firearms"]),
       st.sampled_from(["stay on base", "are kept at the armory", "stays at the station",
                        "remain on post", "are stored at work", "is locked at the armory"]),
       fillers)
def test_service_weapons_kept_on_base_are_not_at_hand(
        situation: str, kind: str, weapon: str, where: str, filler: str) -> None:
    d = decide(f"{filler} {situation} {kind} {weapon} {where}, none in the home")
    assert "weapon" not in d.safety_flags
    assert UnitType.police not in d.units and UnitType.bcr in d.units


@SETTINGS
@given(crisis, st.sampled_from(["his", "her", "their"]),
       st.sampled_from(["hunting rifles", "guns", "pistol", "shotguns"]),
       st.sampled_from(["went to", "were given to", "were sold to", "were turned in to"]),
       st.sampled_from(["his son", "her brother", "a neighbor", "the sheriff", "the pawn shop"]))
def test_weapons_given_away_before_the_call_are_not_at_hand(
        situation: str, owner: str, weapon: str, verb: str, to: str) -> None:
    d = decide(f"{situation} rp says {owner} {weapon} {verb} {to} last month")
    assert "weapon" not in d.safety_flags


@SETTINGS
@given(crisis, st.sampled_from(["rifle is in the closet", "guns went missing",
                                "pistol stays in his nightstand", "weapons are at home"]))
def test_a_weapon_that_is_still_around_keeps_police(situation: str, weapon: str) -> None:
    d = decide(f"{situation} his {weapon}")
    assert "weapon" in d.safety_flags and UnitType.police in d.units


@SETTINGS
@given(st.sampled_from(["MAL INJ PERS PROP", "MALICIOUS INJURY TO PERSONAL PROPERTY",
                        "INJURY TO REAL PROPERTY", "MAL INJ REAL PROP", "INJ TO PERS PROP",
                        "MALICIOUS INJURY TO PROPERTY", "INJURY TO PERSONAL PROP"]),
       st.sampled_from(["tires slashed overnight", "mailbox knocked over last night",
                        "windows broken, found this morning", "fence spray painted"]))
def test_injury_to_property_is_vandalism_not_a_hurt_person(call_type: str, what: str) -> None:
    d = decide(f"rp sts {what}, nobody around", call_type)
    assert "property" in d.tags
    assert "medical_emergency" not in d.safety_flags and "injury" not in d.safety_flags
    assert UnitType.ems not in d.units


@SETTINGS
@given(st.sampled_from(["graffiti on the restroom bldg", "swings cut down",
                        "windows on the shed busted", "benches tagged with paint"]),
       st.sampled_from(["done sometime over the wknd", "happened over the wkend",
                        "found 0630", "discovered at 0715 hrs", "noticed 0800"]),
       st.sampled_from(["no one in area", "nobody in the area", "no one around"]))
def test_damage_found_after_the_fact_with_nobody_there_goes_to_a_report_taker(
        what: str, when: str, nobody: str) -> None:
    d = decide(f"PARKS EMPLOYEE ADVS {what}, {when}, {nobody}")
    assert "property" in d.tags
    assert UnitType.police not in d.units and UnitType.cso in d.units


@SETTINGS
@given(st.sampled_from(["strong gas smell", "burning smell", "smoke smell", "loud hissing"]),
       st.sampled_from(["mgr doesnt know where its coming from",
                        "nobody can tell where it is coming from",
                        "staff dont know where the smell is coming from"]))
def test_not_knowing_where_a_smell_comes_from_is_no_confusion(smell: str, where: str) -> None:
    d = decide(f"{smell} in the laundromat, customers walking out, {where}")
    assert "behavioral_health" not in d.tags and UnitType.bcr not in d.units


@SETTINGS
@given(st.sampled_from(["doesnt know where she is", "does not know where he lives",
                        "cant remember where she is"]))
def test_not_knowing_where_one_is_still_reads_as_confusion(where: str) -> None:
    d = decide(f"elderly woman at the bus stop {where}, not hurt, calm")
    assert "behavioral_health" in d.tags and UnitType.bcr in d.units


# ---- safety: what the call needs even when told in passing ------------------------------

@SETTINGS
@given(st.sampled_from(["climbed over the rail and is hanging on the outside",
                        "hopped the guard rail and is hanging off the edge",
                        "is hanging on the outside of the railing",
                        "went over the barrier on the overpass"]),
       st.sampled_from(["says nobody cares", "crying", "wont talk to anyone"]))
def test_someone_over_a_bridge_rail_gets_police_and_a_rescue(where: str, said: str) -> None:
    d = decide(f"caller on the bridge, a man {where}, {said}. caller stopped in lane")
    assert UnitType.police in d.units and UnitType.fire in d.units


@SETTINGS
@given(st.sampled_from(["kayaker", "a tuber", "swimmer", "the rafter"]),
       st.sampled_from(["clinging to a strainer mid river", "holding onto a log in the current",
                        "hanging on to a rock in the middle of the creek"]))
def test_someone_holding_on_in_moving_water_gets_a_water_rescue(who: str, what: str) -> None:
    d = decide(f"caller on the footbridge sees {who} {what}, yelling for help")
    assert UnitType.fire in d.units


@SETTINGS
@given(st.sampled_from(["cinder block tied to his ankle", "weights tied around her waist",
                        "says she is going to walk into the lake",
                        "says he will jump off the pier into the water"]))
def test_someone_about_to_go_into_the_water_gets_a_water_rescue(what: str) -> None:
    d = decide(f"man sitting on the edge of the dock, {what}, harbormaster staying back")
    assert UnitType.fire in d.units


@SETTINGS
@given(st.sampled_from(["ribs broken", "thinks his ribs are cracked", "her wrist looks broken",
                        "broke his jaw", "lip split open", "head busted open"]),
       st.sampled_from(["after the fight", "bouncer says", "rp says"]))
def test_a_broken_bone_or_an_opened_wound_gets_ems(injury: str, where: str) -> None:
    d = decide(f"{where} guy punched him, {injury}")
    assert UnitType.ems in d.units


@SETTINGS
@given(st.sampled_from(["took something at lunch, unk what", "swallowed something earlier",
                        "took an unknown amount of pills", "took something and is now slurring"]))
def test_an_unknown_ingestion_gets_ems(what: str) -> None:
    d = decide(f"friends say she {what}")
    assert UnitType.ems in d.units


@SETTINGS
@given(st.sampled_from(["took something from the shelf", "took something out of her purse",
                        "took something to the car"]))
def test_taking_a_thing_is_no_ingestion(what: str) -> None:
    d = decide(f"clerk says the customer {what}")
    assert "medical_emergency" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["quit drinking 3 days ago", "stopped drinking on monday",
                        "coming off xanax", "detoxing from alcohol"]),
       st.sampled_from(["now shaking bad and seeing bugs on the wall", "had a seizure",
                        "says the bugs are crawling on him", "hallucinating"]))
def test_withdrawal_with_hallucinations_or_seizures_gets_ems(quit: str, sign: str) -> None:
    d = decide(f"bunkhouse mgr says worker {quit}, {sign}. not violent, no weapons")
    assert UnitType.ems in d.units and UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["MVA-ENTRAPMENT", "MVC W/ ENTRAP", None]),
       st.sampled_from(["driver pinned, cant get his legs out",
                        "pickup rolled down the embankment onto its roof",
                        "car on fire after the crash"]))
def test_a_crash_that_needs_fire_gets_police_too(call_type: str | None, what: str) -> None:
    d = decide(f"semi vs pickup on the interstate, {what}", call_type)
    assert {UnitType.fire, UnitType.police} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["M UNRESP ON THE PLATFORM", "woman unresponsive in her car",
                        "male uncon at the bus stop", "UNC PERSON IN LOBBY"]),
       st.sampled_from(["breathing", "no obvious inj per conductor", "rp not sure"]))
def test_the_shorthands_for_an_unresponsive_person_get_ems(who: str, what: str) -> None:
    assert UnitType.ems in decide(f"{who}, {what}").units


@SETTINGS
@given(st.sampled_from(["car", "suv", "pickup", "van"]),
       st.sampled_from(["went into the d&r canal", "rolled off the boat ramp into the river",
                        "slid into the retention pond", "plunged into the harbor"]),
       st.sampled_from(["driver still inside", "floating nose down", "unk occupants"]))
def test_a_vehicle_in_the_water_gets_a_water_rescue(vehicle: str, where: str, who: str) -> None:
    assert UnitType.fire in decide(f"{vehicle} {where}, {who}").units


@SETTINGS
@given(st.sampled_from(["bit a staff member on the arm drawing blood",
                        "bit his mom, hand is bleeding", "dog bite drew blood"]))
def test_a_bite_that_broke_the_skin_gets_ems(what: str) -> None:
    assert UnitType.ems in decide(f"group home staff says resident {what}").units


@SETTINGS
@given(st.sampled_from(["buttering toast with a butter knife", "eating dinner w a plastic knife",
                        "cutting his steak with a knife"]),
       st.sampled_from(["insisting hes late for his shift", "confused about the year"]))
def test_a_table_knife_at_a_meal_is_no_weapon(what: str, confusion: str) -> None:
    d = decide(f"dad 79 w dementia in the kitchen {what}, {confusion}, not threatening anyone")
    assert "weapon" not in d.safety_flags and UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["waving a butter knife at his wife", "holding a knife to her throat"]))
def test_a_knife_held_at_a_person_stays_a_weapon(what: str) -> None:
    d = decide(f"dad in the kitchen {what}")
    assert UnitType.police in d.units


@SETTINGS
@given(st.sampled_from(["can hear drawers being opened inside", "hears footsteps upstairs",
                        "can hear someone rummaging in the bedroom"]))
def test_someone_heard_inside_keeps_police_not_a_report_taker(what: str) -> None:
    d = decide(f"rp came home, door open, {what}, she is in the hallway")
    assert UnitType.police in d.units and UnitType.cso not in d.units


@SETTINGS
@given(st.sampled_from(["in the parking lot now getting into a black suv",
                        "now running toward the bus stop", "now loading it into a van"]))
def test_a_thief_leaving_with_the_goods_now_gets_police(what: str) -> None:
    d = decide("walmart AP says 2 females loaded a cart w TVs and walked past the registers, "
               + what)
    assert UnitType.police in d.units and UnitType.cso not in d.units


@SETTINGS
@given(st.sampled_from(["lights out all directions", "signals out in all directions",
                        "traffic lights out both ways"]))
def test_signals_out_go_to_traffic_staff(what: str) -> None:
    d = decide(f"{what} rt 9 @ concord st, cars taking turns, no crash")
    assert UnitType.traffic_control in d.units and UnitType.police not in d.units


@SETTINGS
@given(st.sampled_from(["took abt 30 of his sertraline", "swallowed all her lexapro",
                        "took a handful of trazodone", "took 20 of her gabapentin",
                        "took the whole bottle of ambien"]),
       st.sampled_from(["20 min ago", "earlier tonight", "and has a handgun in his lap"]))
def test_an_overdose_of_a_named_medicine_gets_ems(what: str, when: str) -> None:
    d = decide(f"988 counselor on line, caller {what} {when}")
    assert UnitType.ems in d.units


@SETTINGS
@given(st.sampled_from(["CRIM DAMAGING/ENDANG", "CRIMINAL DAMAGING OR ENDANGERING",
                        "CRIM DAMAGING & ENDANGERING"]))
def test_ohio_criminal_damaging_is_a_property_offence(call_type: str) -> None:
    d = decide("someone keyed both sides of his car overnight, no susp info, wants rpt for ins",
               call_type)
    assert "property" in d.tags and "violence" not in d.tags
    assert UnitType.police not in d.units and UnitType.cso in d.units


@SETTINGS
@given(st.sampled_from(["OMVWOC", "OPERATING VEHICLE WITHOUT OWNERS CONSENT", "UUV"]),
       st.sampled_from(["parked at 2200, gone at 0630", "left it at 2300, missing by 0700"]))
def test_a_vehicle_gone_overnight_goes_to_a_report_taker(call_type: str, when: str) -> None:
    d = decide(f"rp sts his 2014 malibu {when}. has both keys. no one saw anything", call_type)
    assert "property" in d.tags
    assert UnitType.police not in d.units and UnitType.cso in d.units


@SETTINGS
@given(st.sampled_from(["MISSING JUV", "MISSING PERSON", "MISSING ADULT-ENDANGERED",
                        "SILVER ALERT"]),
       st.sampled_from(["15yof didnt come home, 3 hrs late, not answering her phone",
                        "dad 80 with dementia walked away from the house this morning",
                        "son 22 has not been seen since friday, his friends are worried"]))
def test_a_missing_person_gets_police(call_type: str, what: str) -> None:
    d = decide(f"mom sts {what}", call_type)
    assert UnitType.police in d.units

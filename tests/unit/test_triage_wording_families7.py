"""Families of phrasings learnt from unseen call-taker writing, seventh set: a flood that
traps people in an attic, someone walking into a river saying they want to drown, a
vehicle into a tree told without a verb, an assault under way with a hammer in hand, a
neck and back that "hurt" after a crash; weapons said to be nowhere in the place, history
of violence by someone now in prison, and figures of speech (a hostage in one's own head,
"robbed" by a roofer or at the casino, pain "like a stabbing", a shotgun house, cigarette
smoke, a mailbox "blown up" then told as smashed, fireworks "shot"); the after-the-fact
words of a report (found, came back later, off a shift, a case number), young children's
tears and a victim's fear during a crime that are nobody's crisis, Spanish for confusion
and flat tyres, metal stripped from a building, a car that died in an intersection."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["IN ATTIC", "on the roof", "upstairs in the 2nd floor"]),
       st.sampled_from(["WATER TO CEILING OF 1ST FLR + RISING", "flood water still coming up"]))
def test_people_trapped_by_a_rising_flood_get_fire(where: str, water: str) -> None:
    d = decide(f"hurricane, lower 9th ward. rp + mother (wheelchair) {where}, {water}. phone 12%")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["walk into the Columbia", "walked into the river", "wading into the lake"]),
       st.sampled_from(["saying he wants to drown", "says she is going to die"]))
def test_walking_into_the_water_with_intent_gets_police_fire_and_ems(walk: str,
                                                                    intent: str) -> None:
    d = decide(f"park. rp saw w/m {walk} fully dressed {intent}, now waist deep")
    assert {UnitType.police, UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["SINGLE VEH INTO OAK TREE", "car into a utility pole",
                        "pickup into the ditch"]),
       st.sampled_from(["DRIVER PINNED", "driver bleeding from the head"]))
def test_a_vehicle_into_a_fixed_object_told_without_a_verb_gets_police(crash: str,
                                                                       hurt: str) -> None:
    assert UnitType.police in units(decide(f"{crash} at laroche ave, {hurt}"))


@SETTINGS
@given(st.sampled_from(["dad drunk hitting mom in kitchen", "he is beating her in the garage"]),
       st.sampled_from(["dad has a hammer in his hand", "he is swinging a bat",
                        "has a crowbar"]))
def test_an_assault_under_way_with_a_weapon_in_hand_gets_police_and_ems(assault: str,
                                                                       weapon: str) -> None:
    d = decide(f"teen dtr calling from closet: {assault}, mom screaming, {weapon}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["NECK AND BACK HURT", "his back and neck both hurt", "her knees hurt"]))
def test_body_parts_that_hurt_after_a_crash_get_ems(hurt: str) -> None:
    d = decide(f"rp rear-ended at red light, other driver took off. rp's {hurt}, still in car")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(
    st.sampled_from(["husb 61 hasnt left the machine shed in 2 days, wont eat",
                     "vet up all night walking the fence line, thinks hes back overseas"]),
    st.sampled_from(["she gave his guns to his brother last wk, none on property",
                     "all his guns at his brothers since march, none in house",
                     "any means? 'no. nothing here'"]),
)
def test_guns_said_to_be_gone_with_none_left_send_the_crisis_team_alone(
        crisis: str, gone: str) -> None:
    assert units(decide(f"wife sts {crisis}. {gone}. he is not angry")) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["her ex who beat her is in prison since last yr",
                        "her ex hit her last spring, hes been in prison since july"]),
       st.sampled_from(["tonight she keeps having flashbacks", "today she cant stop shaking"]))
def test_violence_by_someone_now_in_prison_is_history(history: str, now: str) -> None:
    d = decide(f"rp sts {history}. {now}, alone in apt, safe, wants someone to talk to")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["i feel like a hostage in my own head",
                        "he says hes a prisoner in his own mind"]))
def test_a_captive_of_ones_own_head_is_no_hostage(words: str) -> None:
    d = decide(f"txt: '{words}' // 'no i dont have anything to hurt myself with' // 'i just "
               "need to talk to someone'")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["GOT 'ROBBED' BY A ROOFER WHO TOOK A $2000 DEPOSIT",
                        "was robbed by the contractor, he never came back"]))
def test_robbed_by_a_tradesman_who_kept_a_deposit_is_a_fraud_report(robbed: str) -> None:
    d = decide(f"rp sts she {robbed}. nobody confronted her, nothing taken by force. wants to "
               "file a report")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'says it feels like a stabbing in his chest'",
                        "feels like a knife in her back", "felt like someone stabbed him"]))
def test_pain_told_as_a_blade_gets_ems_without_police(pain: str) -> None:
    d = decide(f"rp wife. husb 61 {pain}, going into l arm, sweaty and grey. no one else home",
               "CHEST PAIN")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["shotgun double", "shotgun house", "shotgun cottage"]))
def test_a_shotgun_house_is_no_weapon(house: str) -> None:
    d = decide(f"owner of {house} found spray paint tags across front shutters this morning. "
               "overnight, nobody around. wants report")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["cigarette smoke", "cigar smoke", "grill smoke"]))
def test_smoke_of_a_cigarette_or_a_grill_is_no_fire(smoke: str) -> None:
    d = decide(f"neighbor sees man 60s on porch talking to his late wife for hrs. rp clarified "
               f"just {smoke}. no wpns, not aggressive")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["FOUND FRESH GRAFFITI ON THE UNDERPASS",
                        "came back 3 hrs later - driver side keyed",
                        "came off 12 hr shift, mirror broken off",
                        "parked for a movie, came back 3 hrs later - tire slashed"]),
       fillers)
def test_damage_told_as_found_later_is_a_report(found: str, filler: str) -> None:
    assert units(decide(f"{found}. no witnesses {filler}")) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["4 YO", "3yom", "2 y/o"]),
       st.sampled_from(["drank some washer fluid", "ate 6 of the gummies"]))
def test_a_young_child_crying_after_an_ingestion_is_no_crisis(child: str, took: str) -> None:
    d = decide(f"dad found {child} in garage, {took}, crying, awake")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["HEARS SOMEONE PRYING AT HER BACK DOOR RIGHT NOW",
                        "heard glass break, someone opening drawers in the kitchen"]),
       st.sampled_from(["HIDING IN BATHROOM", "hiding in the closet whispering"]))
def test_a_victims_fear_during_a_break_in_is_no_crisis(crime: str, fear: str) -> None:
    assert units(decide(f"rp home alone, {crime}. {fear} w phone")) == {UnitType.police}


@SETTINGS
@given(st.sampled_from(["'no sabe donde esta'", "esta confundida", "desorientada"]))
def test_confusion_in_spanish_gets_the_crisis_team(words: str) -> None:
    d = decide(f"SPANISH. rp sts su mama 81 salio de la casa, vecino la encontro, {words}. no "
               "esta herida, tranquila")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["ripping out copper pipe", "cutting wire off the pivot tower",
                        "stripping wiring from the building"]))
def test_metal_being_stripped_is_a_theft_in_progress_for_police(stripping: str) -> None:
    d = decide(f"vacant house. neighbor sees 2 ppl {stripping} right now, truck backed up")
    assert units(d) == {UnitType.police}


@SETTINGS
@given(st.sampled_from(["'my car just died'", "engine stalled"]),
       st.sampled_from(["in the middle of the intersection", "in the road"]))
def test_a_car_that_died_in_the_road_gets_traffic_control(died: str, where: str) -> None:
    d = decide(f"rp sts {died} {where}, wont restart, hazards on. nobody hurt, no crash")
    assert units(d) == {UnitType.traffic_control}

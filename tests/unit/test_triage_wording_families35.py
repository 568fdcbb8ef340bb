"""Families of phrasings learnt from unseen call-taker writing, thirty-fifth set: a vehicle
gone off the road into water or a ditch is a crash (the police take it); a car beaten
with a bat overnight, a mirror kicked off, beehives, a boat that burned last month, trade
tools and a bb gun, storm-drain grates "prob scrapped", a yard closed from Friday to
Monday and one partner's guns at the other's house are reports or out of reach; a
confused man sure people in his attic steal his food; thoughts pulled out of a head
(CIT); "he'll drink the rest" of the weed killer; heat stroke's confusion (EMD 20)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["car went off US 1 into the water", "sedan went off the road into the "
                        "canal", "pickup slid off the highway into a ditch",
                        "suv rolled over the guardrail"]), fillers)
def test_a_vehicle_gone_off_the_road_is_a_crash_for_police(crash: str, filler: str) -> None:
    d = decide(f"{crash}, driver climbed out, bleeding from the head. {filler}")
    assert {UnitType.police, UnitType.ems} <= units(d)
    assert "traffic" in d.tags


@SETTINGS
@given(st.sampled_from(["beat up his car with a bat overnite", "took a bat to her truck last "
                        "night", "bashed in my windshield with a rock overnight"]))
def test_a_car_beaten_overnight_is_a_damage_report(damage: str) -> None:
    d = decide(f"caller sts someone {damage}, found it this AM, no idea who, wants report for "
               "insurance")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["12 hives taken off the pollination pallets", "the hives are gone off "
                        "the pallets, bees and all"]))
def test_beehives_taken_are_no_allergic_reaction(words: str) -> None:
    d = decide(f"beekeeper says {words} sometime since last thursday, no one around")
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["his face broke out in hives after the shrimp", "hives all over her "
                        "arms, throat feels tight"]))
def test_hives_on_the_skin_get_ems(words: str) -> None:
    d = decide(f"mom says {words}")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["sailboat that burned at the marina last month", "camper that burned "
                        "in the spring, fd already handled the fire"]))
def test_a_theft_from_what_burned_before_is_no_fire(thing: str) -> None:
    d = decide(f"owner of the {thing}. overnight someone took the winches off it. nobody there, "
               "wants a report")
    assert UnitType.fire not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["his grandson's daisy bb gun", "her son's airsoft rifle",
                        "his oyster knives"]))
def test_a_bb_gun_or_trade_knives_stolen_from_a_truck_are_a_report(thing: str) -> None:
    d = decide(f"sometime overnite someone took his tackle box, a ryobi drill & {thing} from "
               "behind the seat. nobody around, wants report")
    assert "weapon" not in d.tags
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["3 storm drain grates missing", "manhole covers gone", "the bronze "
                        "plaque pried off"]))
def test_city_metal_gone_is_a_theft_report(words: str) -> None:
    d = decide(f"city street dept, {words} on Murphy Blvd, prob scrapped, sometime this week")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["closed fri noon to mon 7am", "closed from saturday till monday",
                        "locked up fri thru mon"]))
def test_a_theft_over_a_closure_is_after_the_fact(closed: str) -> None:
    d = decide(f"construction yard, 16 ft utility trailer gone, chain cut. yard {closed}")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["his guns have been at her house since last yr", "her pistol is at "
                        "his place now"]))
def test_one_partners_guns_at_the_others_home_are_out_of_reach(guns: str) -> None:
    d = decide(f"caller says her dad lives alone, keeps saying people live in his attic, up all "
               f"night. {guns}, he isnt mad at anyone, just scared")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["people are living in his attic stealing his food", "yelling shes "
                        "stealing his money", "screaming theyre stealing his pills"]))
def test_a_confused_mans_theft_belief_is_no_theft_report(belief: str) -> None:
    d = decide(f"meals on wheels driver, 77yo with dementia wont open the door, {belief}")
    assert "property" not in d.tags
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["pulling thoughts out of his head", "putting thoughts into her head",
                        "stealing thoughts from his brain"]))
def test_thoughts_pulled_or_put_are_a_crisis(words: str) -> None:
    d = decide(f"man at the fuel island yelling the truckers are {words}")
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["he'll drink the rest", "hes going to drink the whole jug"]))
def test_a_poison_drunk_with_the_rest_threatened_is_an_attempt(words: str) -> None:
    d = decide(f"husband drank out of the jug of weed killer in the barn, still holding it "
               f"saying {words}")
    assert {UnitType.ems, UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(st.sampled_from(["not sweating, skin red and hot", "104 out, talking confused",
                        "heat stroke maybe"]))
def test_confusion_in_the_heat_is_medical(signs: str) -> None:
    d = decide(f"truck driver found slumped in cab, ac broke, confused, {signs}")
    assert UnitType.ems in units(d)
    assert "behavioral_health" not in d.tags

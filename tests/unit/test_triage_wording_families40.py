"""Families of phrasings learnt from unseen call-taker writing, fortieth set: a theft
over, told by when the caller was last there or parked ("hadn't been there in 2 wks",
"parked at 0900", "no witnesses"); fire words that are no fire (gunfire heard,
firefighting aircraft, a belief about the fire alarm, "can't get out of her own head");
a gun a burglar left alone; a Narcan kit stolen; hunting gear that is no animal; a
confused person's theft claim."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.sampled_from(["lock cut on her storage unit, snowblower gone",
                        "her green Subaru Outback is gone from the upper lot",
                        "car keyed down both sides in the lot"]),
       st.sampled_from(["she hadnt been there in 2 wks", "first time in a month",
                        "parked at 0900", "came out of class at 1500"]),
       st.sampled_from(["no witnesses", "nobody saw anything", "nobody near the car",
                        "manager says nobody on property"]), fillers)
def test_a_theft_found_later_goes_to_a_report_taker(
        what: str, when: str, who: str, filler: str) -> None:
    d = decide(f"{what}, {when}. {who}. {filler}")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["3 wks overdue", "never brought it back"]), fillers)
def test_rented_gear_never_returned_is_a_report(late: str, filler: str) -> None:
    d = decide(f"equipment rental co says customer never returned a rented generator, {late}, "
               f"wont answer his phone, they have the contract. {filler}")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["machine gun type fire", "rifle fire", "automatic fire",
                        "small arms fire"]), fillers)
def test_gunfire_heard_is_no_fire(heard: str, filler: str) -> None:
    d = decide(f"hearing booming and {heard} from the range since 1900, nobody hurt. {filler}")
    assert UnitType.fire not in units(d)
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["got set off by the fire helicopters dipping water out of the river",
                        "the air tankers flying over all day set him off",
                        "says the professors hide messages in the fire alarm announcements",
                        "thinks there are cameras in the smoke detectors"]), fillers)
def test_fire_words_in_a_crisis_are_no_fire(trigger: str, filler: str) -> None:
    d = decide(f"RP sts husband, Army vet, {trigger}, hiding and scared. no guns, not "
               f"aggressive. {filler}")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["cant get out of her own head", "can't get out of his own head"]),
       fillers)
def test_a_panic_attack_in_a_car_is_no_entrapment(stuck: str, filler: str) -> None:
    d = decide(f"my gf is having a panic attack in my car in the lot, crying, says she "
               f"{stuck}. breathing ok now, wants to talk to someone not cops. {filler}")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["husbands deer rifle in the safe was not touched",
                        "the gun safe wasnt opened", "his shotguns still locked in the safe"]),
       fillers)
def test_a_burglary_that_left_the_guns_alone_is_a_report(guns: str, filler: str) -> None:
    d = decide(f"someone broke in while she was at work, took the tv and an xbox. {guns}. "
               f"they walked the whole house, nobody there. {filler}")
    assert UnitType.police not in units(d)
    assert "animal" not in d.tags


@SETTINGS
@given(st.sampled_from(["the gun is still there on the table", "he has a rifle in his lap"]),
       fillers)
def test_a_gun_at_hand_is_still_a_weapon(gun: str, filler: str) -> None:
    d = decide(f"son 30 off his meds, {gun}, pacing and yelling. {filler}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["his Narcan kit taken", "her narcan box stolen from the glovebox"]),
       fillers)
def test_a_narcan_kit_stolen_is_no_overdose(taken: str, filler: str) -> None:
    d = decide(f"car broken into overnight on Utica St, window smashed, radio and {taken}. "
               f"nobody hurt, nobody around. {filler}")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["deer stand", "deer rifle", "bear spray", "elk calls"]), fillers)
def test_hunting_gear_stolen_is_no_animal_call(gear: str, filler: str) -> None:
    d = decide(f"someone stole his {gear} out of the truck bed overnight, nobody around, "
               f"wants a report. {filler}")
    assert "animal" not in d.tags
    assert UnitType.animal_control not in units(d)


@SETTINGS
@given(st.sampled_from(["yelling they stole his truck", "saying somebody took her purse",
                        "thinks the hired hands are stealing from him"]), fillers)
def test_a_confused_persons_theft_claim_is_a_belief(claim: str, filler: str) -> None:
    d = decide(f"nurse at assisted living, 84yo resident w/ dementia agitated in the hallway, "
               f"{claim}. {filler}")
    assert "property" not in d.tags


@SETTINGS
@given(st.sampled_from(["sitting in his car in the garage with it running and the door shut",
                        "in her truck in the garage with it running",
                        "in the car inside the closed garage, engine running"]),
       st.sampled_from(["THREAT SUICIDE", "SUICIDE ATTEMPT", "SUICIDAL PERSON"]), fillers)
def test_an_engine_running_on_a_suicide_call_is_the_attempt(
        scene: str, call_type: str, filler: str) -> None:
    d = decide(f"RP's brother on the phone with her now, says he's {scene}. {filler}", call_type)
    assert {UnitType.police, UnitType.ems, UnitType.fire} <= units(d)

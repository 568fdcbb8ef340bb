"""Families of phrasings learnt from unseen call-taker writing, twenty-sixth set: a person
out in the traffic lanes, a running truck in a closed garage with words of being a
burden, pills told by their count, a murder-suicide threat; and what is not danger or
not what it seems: a grown woman sitting in her car, children crying after a crash, guns
at a brother's or in a safe the caller holds the key to, a company that bans guns, a
death in a fire last month, a veteran's flashback, a range's night fire, extinguishers
sprayed by vandals, a faint last week, a robbery (not a property report), a thief hatch,
a numb arm, a diabetic who has not eaten, a drunk who is violent, a note on a car."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["22yo F", "19 yo female", "30 year old man"]))
def test_a_grown_person_sitting_in_a_car_is_no_child_left_in_it(who: str) -> None:
    d = decide(f"988 counselor transferring, {who} sitting in her car in the mall lot for 3 hrs "
               "crying, says she doesnt want to be alive but has nothing on her, no pills no "
               "weapons, agreed to talk to someone in person")
    assert not {UnitType.police, UnitType.ems} & units(d)


@SETTINGS
@given(st.sampled_from(["3yo", "2 year old", "9 yo"]))
def test_a_child_left_in_a_car_gets_police_and_ems(who: str) -> None:
    d = decide(f"{who} left alone in a car in the walmart lot, hot day, windows up")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["t-boned by a grain truck", "rolled over on rt 91",
                        "in a collision with a pickup"]),
       st.sampled_from(["2 kids in car seats crying", "the kids are crying in the back"]))
def test_children_crying_after_a_crash_is_a_crash(crash: str, kids: str) -> None:
    d = decide(f"minivan {crash}, mom says she cant feel her legs, {kids}. truck driver ok")
    assert {UnitType.police, UnitType.ems} <= units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["standing in the middle of the road", "ran back into the lane",
                        "walking in the middle of the highway", "darted out into the street"]),
       fillers)
def test_a_person_out_in_the_lanes_gets_police(words: str, filler: str) -> None:
    d = decide(f"w/f 40s {words} screaming that god told her to stop the cars, cars swerving "
               f"around her. no weapon seen. {filler}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["cow", "horse", "big dog"]))
def test_an_animal_in_the_middle_of_the_road_is_for_animal_services(animal: str) -> None:
    d = decide(f"{animal} standing in the middle of the road on hwy 9, cars going around it")
    assert UnitType.police not in units(d)
    assert UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["running truck", "running car", "idling pickup"]),
       st.sampled_from(["said he wasnt going to be a burden", "said everyone would be better "
                        "off without him", "said he is just a burden"]))
def test_an_engine_in_a_closed_garage_with_words_of_burden_is_an_attempt(
        engine: str, words: str) -> None:
    d = decide(f"rp sts husband is sitting in the {engine} in the closed garage, door locked, "
               f"wont answer her. he lost the farm lease last wk and {words}.")
    assert {UnitType.police, UnitType.ems, UnitType.fire} <= units(d)


@SETTINGS
@given(st.sampled_from(["guns went to his brothers last wk",
                        "guns in a safe, she has the only key",
                        "company bans guns, driver says he has none"]))
def test_guns_out_of_reach_are_no_weapon(words: str) -> None:
    d = decide(f"husband crying at the kitchen table for hours since he heard a friend died, "
               f"wont eat. says he wont hurt himself. {words}")
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["came out at 0700 and it was gone", "walked outside and it was gone",
                        "went out this morning and it was missing"]))
def test_a_car_found_gone_is_a_report(words: str) -> None:
    d = decide(f"rp left his silverado running in the driveway to warm up at 0630, {words}. "
               "nobody saw anything", "VEH THEFT")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["his wife died in a house fire in fairbanks last month",
                        "he lost his dog in a trailer fire 2 years ago"]))
def test_a_death_in_a_fire_long_ago_is_grief(words: str) -> None:
    d = decide(f"librarian says man 50s sobbing for an hour, told her {words}, not threatening "
               "anybody, no weapons")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["keeps saying 'were taking fire'", "yelling we are under fire",
                        "says 'taking fire'"]))
def test_a_veterans_flashback_is_no_fire(words: str) -> None:
    d = decide(f"husband is a combat vet, fireworks since dark, hes in the closet shaking, "
               f"{words}. hasnt hurt anyone, no weapons in the house")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["night fire", "artillery fire", "a live fire exercise"]))
def test_a_range_firing_is_no_fire(words: str) -> None:
    d = decide(f"rp sts the booms are just the base range doing {words}, not concerned. calling "
               "bc the neighbors husky is loose in the road, friendly")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["fire extinguishers sprayed everywhere", "a fire extinguisher "
                        "emptied in the hallway", "fire extinguishers set off"]))
def test_extinguishers_sprayed_by_vandals_are_damage(words: str) -> None:
    d = decide(f"custodian came in monday, windows smashed and {words}. nothing missing, bldg "
               "checked, nobody inside")
    assert UnitType.fire not in units(d)
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["fainted last week", "passed out 2 days ago", "had a seizure the other "
                        "day"]))
def test_a_faint_last_week_is_history(words: str) -> None:
    d = decide(f"rp sts his wife {words} and they were back at the clinic garage today for her "
               "follow up, came out and the passenger window was broken, purse gone, nobody "
               "around, wants a report")
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


def test_a_faint_yesterday_and_again_today_gets_ems() -> None:
    d = decide("he passed out yesterday and again today, pale and sweaty")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["pushed her down and took her purse", "showed a knife and took the "
                        "register cash", "jumped him and took his shoes"]))
def test_a_robbery_is_no_property_report(words: str) -> None:
    d = decide(f"rp sts a guy {words}, ran toward the bus stop 2 min ago")
    assert "property" not in d.tags
    assert UnitType.police in units(d)


def test_a_purse_taken_from_a_cart_is_a_theft() -> None:
    d = decide("rp sts someone took her purse out of her cart while she looked at the "
               "shelf, didnt see who, wants a report")
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["w/ windows cracked", "with the windows cracked", "windows cracked an "
                        "inch"]))
def test_a_dog_in_a_car_with_windows_cracked_is_no_damage(words: str) -> None:
    d = decide(f"beagle locked in a car {words}, 88 degrees, dog panting hard, store paged the "
               "owner no answer")
    assert "property" not in d.tags
    assert UnitType.animal_control in units(d)


def test_a_thief_hatch_is_no_theft() -> None:
    d = decide("pumper at a tank battery, his h2s monitor alarmed at the thief hatch, partner "
               "isnt answering the radio, laying on the stairs")
    assert "property" not in d.tags
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["thinks its 1970 and shes a burglar",
                        "thinks its 1985 and he is an intruder"]))
def test_a_relative_taken_for_a_burglar_is_no_burglary(words: str) -> None:
    d = decide(f"rp sts her dad 88 w dementia {words}, got his revolver out and wont put it "
               "down")
    assert "property" not in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["left arm numb", "both feet numb", "his face is numb"]))
def test_a_numb_limb_is_medical(words: str) -> None:
    d = decide(f"dad 72 came in from shoveling gray and sweaty, chest tight, {words}")
    assert "behavioral_health" not in d.tags
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["says she feels numb", "just numb since the funeral"]))
def test_feeling_numb_after_a_loss_is_distress(words: str) -> None:
    d = decide(f"daughter 30 {words}, not eating, wants someone to talk to, no weapons")
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["she's diabetic and hasn't eaten today", "diabetic, has not eaten "
                        "since yesterday"]))
def test_a_diabetic_who_has_not_eaten_is_medical(words: str) -> None:
    d = decide(f"clerk sts elderly customer dizzy and sweating, {words}, sitting on the floor")
    assert "behavioral_health" not in d.tags
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["he hit me in the face and my nose wont stop bleeding. hes drunk",
                        "hes drunk and throwing lawn chairs at her husband"]))
def test_a_drunk_who_is_violent_is_no_crisis(words: str) -> None:
    d = decide(f"text to 911: bf has me locked in the bathroom. {words} and still out there")
    assert "behavioral_health" not in d.tags
    assert UnitType.police in units(d)


def test_a_note_on_a_windshield_is_no_suicide_note() -> None:
    d = decide("her ex has an order of protection, today he left a note on her windshield "
               "'youll pay for this', now sitting in his truck in the lot")
    assert "behavioral_health" not in d.tags
    assert UnitType.police in units(d)


def test_a_note_left_before_pills_is_a_suicide_note() -> None:
    d = decide("son 19 left a note and took a bottle of his moms pills, wont wake up")
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["i already took like 10 and im going to take the rest",
                        "took about 12, gonna take the whole bottle"]))
def test_pills_counted_with_intent_are_an_attempt(words: str) -> None:
    d = decide(f"text to 911: 'im in my car behind the mall with my moms oxy bottle, {words}'")
    assert {UnitType.police, UnitType.ems} <= units(d)
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["'ill kill you then me'", "he'll shoot her and then himself"]),
       st.sampled_from(["has his episodes when he stops his meds", "is off his meds"]))
def test_a_murder_suicide_threat_is_violence_and_a_crisis(words: str, history: str) -> None:
    d = decide(f"rp neighbor hears woman screaming next door, man yelling {words}. rp says the "
               f"guy {history}")
    assert UnitType.police in units(d)
    assert "behavioral_health" in d.tags

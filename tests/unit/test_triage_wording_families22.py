"""Families of phrasings learnt from unseen call-taker writing, twenty-second set: an engine
running in a closed garage, a child going into a canal and not coming up, people cut off
on a rock mid-river, a man walking out past where the ice is going out, a baby locked in
a car, a person pinned with a knee on the chest, an overdose behind a locked door or with
help refused, a farm spray drunk; and what is not danger: a street named Brawley, a shot
at the urgent care, guns kept at an ex's house, the tool guessed from the damage, a
seller who "robbed" the caller on Marketplace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["locked himself in his car in the garage and its running",
                        "is sitting in the truck inside the closed garage and the engine is "
                        "running", "has the car running in the garage with the door shut"]))
def test_an_engine_running_in_a_closed_garage_gets_fire_and_ems(words: str) -> None:
    d = decide(f"text: 'my dad {words}, he said hes done, im 14'")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["kid went in the herndon canal", "boy went into the river",
                        "a man jumped in the irrigation canal"]),
       st.sampled_from(["didnt come up", "never came back up", "hasnt come up"]))
def test_someone_who_went_into_the_water_and_did_not_come_up_gets_a_rescue(
        went: str, gone: str) -> None:
    d = decide(f"{went} behind the apts w shields/brawley, {gone}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


def test_a_street_named_brawley_is_no_brawl() -> None:
    d = decide("rp sts trash cans knocked over on brawley ave overnight, wants a report")
    assert "violence" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["2 teens stranded on a rock mid kings river",
                        "dad and uncle stuck on a sandbar in the middle of the creek",
                        "3 tubers trapped on an island in the river"]))
def test_people_cut_off_by_rising_water_get_a_rescue(words: str) -> None:
    d = decide(f"{words}, water coming up, they cant swim back, rp on the bank")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["walked out on the bay past where the ice is going out",
                        "went out on the lake toward where the ice is thin"]), fillers)
def test_walking_out_past_the_ice_going_out_gets_a_rescue(words: str, filler: str) -> None:
    d = decide(f"rp at the park: man 30s {words}, yelling back that nobody will miss him. "
               f"{filler}")
    assert {UnitType.fire, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["locked her keys in the car at the heb on e 42nd with her 8 mo old "
                        "inside", "her baby is locked inside the car", "locked the keys in "
                        "the van w her toddler in the back"]))
def test_a_baby_locked_in_a_car_gets_fire(words: str) -> None:
    d = decide(f"rp sts {words}. car is off, 98 out, baby crying and red in the face")
    assert UnitType.fire in units(d)


def test_people_who_locked_themselves_in_a_car_to_be_safe_get_no_fire() -> None:
    d = decide("son hearing voices with a knife in the house, rp and daughter locked in car "
               "in the driveway")
    assert UnitType.fire not in units(d)
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["has him pinned on the floor w a knee on his chest",
                        "pinned her down on the bed", "has a knee on his little brothers neck"]))
def test_a_person_pinned_down_brings_police(words: str) -> None:
    d = decide(f"mom sts son 17 high on something, says his brother is possessed, {words}, "
               "little bro screaming")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["swallowed a whole bottle of tylenol pm", "took all her pills",
                        "drank the stuff her dad sprays on the vines"]),
       st.sampled_from(["wants to be left alone, door locked", "locked herself in the bathroom",
                        "told me dont call anyone"]))
def test_an_overdose_behind_a_locked_door_or_refusing_help_brings_police(
        took: str, refused: str) -> None:
    d = decide(f"rp sts roommate 23 just told her she {took} and {refused}. heard her "
               "throwing up")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["antibiotic shot for strep", "flu shot", "allergy shot"]))
def test_a_shot_at_the_urgent_care_is_a_dose(dose: str) -> None:
    d = decide(f"rp sts husband 'got shot' at the urgent care 30 min ago, {dose}, now hives "
               "all over and throat getting tight")
    assert UnitType.ems in units(d)
    assert "weapon" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["his guns are at his exes house", "his rifles are locked up at his "
                        "brothers", "her pistol is at her moms"]), fillers)
def test_guns_kept_at_someone_elses_house_are_not_at_hand(where: str, filler: str) -> None:
    d = decide(f"rp sts brother drunk and crying on her porch about his divorce. 'hes not "
               f"violent, {where}'. not talking about hurting himself. {filler}")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["6 small round holes in the front windows, looks like bb gun",
                        "rural mailbox smashed, looks like a baseball bat",
                        "the glass cracked, looks like someone used a hammer"]))
def test_the_tool_guessed_from_the_damage_is_a_report(words: str) -> None:
    d = decide(f"office mgr came in this am to {words}. happened overnight, nobody around")
    assert UnitType.police not in units(d)


def test_a_man_seen_with_what_looks_like_a_bat_keeps_police() -> None:
    d = decide("man in the lot with what looks like a bat, swinging it at people")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["on marketplace", "on craigslist", "thru zelle", "online"]))
def test_robbed_by_an_online_seller_is_a_fraud_report(where: str) -> None:
    d = decide(f"rp sts she got 'robbed' {where}, sent $600 for a puppy, seller never "
               "showed, blocked her. wants a report")
    assert "violence" not in d.safety_flags

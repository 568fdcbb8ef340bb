"""Families of phrasings learnt from unseen call-taker writing, twenty-eighth set: a pry
bar swung at people, gas burners turned on with words of taking everyone along, a woman
walking in a numbered lane; and what is not danger or not what it seems: suicidality or
an overdose told as history, a threat the call-taker clarified is a figure of speech, a
caller laughing that she could kill her husband, Maine's "molesting lobster gear", a lot
in Progress Corporate Park."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["a pry bar", "a sledgehammer", "a 2x4"]))
def test_a_pry_bar_swung_at_people_gets_police(tool: str) -> None:
    d = decide(f"foreman sts piler operator hasnt slept in days, swinging {tool} at truck "
               "drivers saying theyre spies. no one hit yet")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["'everybody's going with me'", "shes taking everyone with her",
                        "'you all are coming with me'"]))
def test_gas_turned_on_with_words_of_taking_everyone_gets_police(words: str) -> None:
    d = decide(f"rp smells gas in the hallway. woman in apt 4 yelling thru the door she turned "
               f"all the burners on and {words}. off her meds")
    assert {UnitType.police, UnitType.fire} <= units(d)


@SETTINGS
@given(st.sampled_from(["walking in the #2 lane", "standing in the number 1 lane",
                        "wandering in the 3 lane"]), fillers)
def test_a_person_walking_in_a_numbered_lane_gets_police(words: str, filler: str) -> None:
    d = decide(f"trucker wb i-10, f 20s {words} yelling at cars, almost got hit twice. {filler}")
    assert UnitType.police in units(d)


def test_a_pedestrian_lying_in_a_lane_after_a_hit_is_no_crisis() -> None:
    d = decide("ped hit by suv, m lying in #1 lane, awake, leg bent wrong, bleeding from head")
    assert UnitType.bcr not in units(d)
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["was suicidal last spring, doing a lot better now",
                        "tried to kill herself 2 yrs ago but shes doing great now",
                        "attempted suicide back in 2019, doing well"]))
def test_suicidality_told_as_history_is_no_crisis_now(words: str) -> None:
    d = decide(f"rp sts she {words}. calling bc her car window got smashed overnight, purse w "
               "her wallet and meds gone. nobody around, wants a report")
    assert not {UnitType.police, UnitType.bcr} & units(d)
    assert UnitType.cso in units(d)


def test_an_attempt_years_ago_and_a_plan_tonight_keeps_police() -> None:
    d = decide("he tried to kill himself 2 years ago and says he will do it again tonight, "
               "has his pills")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["overdosed last year and is clean now", "od d 2 years ago and is in "
                        "recovery"]))
def test_an_overdose_last_year_is_history(words: str) -> None:
    d = decide(f"rp says her daughter {words}, but her apt was broke into while she was at "
               "work today, tv gone, nobody there now")
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["dad is just strict, not a threat", "its a figure of speech",
                        "she was just venting"]))
def test_a_threat_clarified_as_a_figure_of_speech_is_none(words: str) -> None:
    d = decide(f"ra says 19yof crying in the stairwell, failing orgo, 'my dad is gonna kill me' "
               f"when grades post. ra clarified {words}. no wpns")
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)


def test_a_threat_with_nothing_to_soften_it_keeps_police() -> None:
    d = decide("rp crying, says 'my husband is gonna kill me', he is outside banging on the door")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["says 'i could kill him'", "'im gonna kill my husband'",
                        "said i could just strangle him"]))
def test_a_caller_laughing_that_she_could_kill_her_husband_is_annoyed(words: str) -> None:
    d = decide(f"rp laughing, {words} for leaving the gate open, now their goats are loose "
               "in the road. husb is at work, nobody threatened")
    assert UnitType.police not in units(d)
    assert UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["MOLESTING LOBSTER GEAR", "MOLESTING TRAPS"]))
def test_molesting_lobster_gear_is_damage_not_a_sex_offense(call_type: str) -> None:
    d = decide("lobsterman hauled today and 14 pairs are cut off, buoys gone, nobody out there, "
               "wants a report for insurance", call_type)
    assert "sex_offense" not in d.tags
    assert UnitType.cso in units(d)


def test_a_lot_in_progress_corporate_park_is_no_crime_in_progress() -> None:
    d = decide("catalytic converter cut off a company box truck overnight, lot in progress "
               "corporate park. driver found it at 0545, nobody around")
    assert UnitType.police not in units(d)
    assert UnitType.cso in units(d)

"""Families of phrasings learnt from unseen call-taker writing, twenty-fourth set: a
pedestrian or a cyclist hit, words of going "to be with" someone who died; and what is
not danger: a child who will not leave a mall, an explosion last month, a slogan spray
painted on a barn, a caller laughing that she is "gonna kill my husband"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["rp hit a pedestrian", "driver struck a bicyclist", "she ran over a "
                        "pedestrian"]))
def test_a_pedestrian_hit_gets_police_and_ems(words: str) -> None:
    d = decide(f"{words} on n market st, dark out, he's in the ditch breathing but not talking")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["going to be with her son", "wants to go be with his wife",
                        "gonna join her daughter"]),
       st.sampled_from(["the son died last month", "she passed in june", "the funeral was "
                        "friday"]))
def test_going_to_be_with_someone_who_died_is_intent(words: str, death: str) -> None:
    d = decide(f"woman walking into the river off the boat ramp, up to her waist, yelling shes "
               f"{words}. friend on shore says {death}")
    assert {UnitType.police, UnitType.fire} <= units(d)


def test_going_to_be_with_a_living_son_is_no_intent() -> None:
    d = decide("rp sts her mom is going to be with her son at the hospital tonight, wants a "
               "ride for her")
    assert "imminent_risk" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["i just cant get him out of here alone",
                        "cant get her out of the mall", "cant get him out of the store"]),
       fillers)
def test_a_child_who_will_not_leave_a_mall_is_no_entrapment(words: str, filler: str) -> None:
    d = decide(f"mom at the food court, 14yo son is autistic, lying on the floor screaming, "
               f"meltdown from the noise. not hurting anybody, '{words}'. {filler}")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


def test_someone_who_cannot_be_got_out_of_a_car_is_still_trapped() -> None:
    d = decide("car flipped in the ditch, cant get him out, he is pinned")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["when the tank explosion happened last month",
                        "since the explosion 2 months ago"]))
def test_an_explosion_last_month_is_a_memory(words: str) -> None:
    d = decide(f"rp m 40s calling abt himself, was at the plant {words}, his buddy died. cant "
               "sleep, crying in his kitchen, not suicidal, just needs to talk")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["'MEAT IS MURDER' spray painted on the barn",
                        "'DIE PIGS' painted on the wall", "'KILL THE RICH' tagged on the door"]))
def test_a_slogan_spray_painted_is_graffiti(words: str) -> None:
    d = decide(f"manager found the site office broken into over the weekend, {words}. nobody "
               "around now")
    assert UnitType.police not in units(d)
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["my husband", "my son", "my roommate"]))
def test_a_caller_laughing_that_she_will_kill_family_is_annoyed(who: str) -> None:
    d = decide(f"RP laughing 'im gonna kill {who}' - he left the gate open and their 2 huskies "
               "got out, running loose in the neighborhood. dogs friendly, nobody hurt")
    assert UnitType.police not in units(d)
    assert UnitType.animal_control in units(d)


def test_a_man_laughing_that_he_will_kill_her_stays_a_threat() -> None:
    d = decide("rp sts her ex showed up, he was laughing, said he's gonna kill her, still outside")
    assert UnitType.police in units(d)

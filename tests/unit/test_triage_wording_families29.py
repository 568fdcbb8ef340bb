"""Families of phrasings learnt from unseen call-taker writing, twenty-ninth set: a quote
followed by the call-taker's "no means mentioned" (not a clarification that takes the
quote back), a car that turned into a cyclist, cars piled up, a car gone under a trailer
(fire), a woman wading out with her words of intent said further along; and what is not
danger: Oklahoma's "larceny of domestic animals", a life since a house burned in a
wildfire."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["NO MEANS MENTIONED", "no means mentioned, denies pills or guns"]))
def test_no_means_mentioned_after_a_quote_keeps_the_quote(words: str) -> None:
    d = decide(f"text to 911 from 16yo: 'i dont want to be here anymore. i just cant stop "
               f"crying. parents asleep' {words}")
    assert "behavioral_health" in d.tags
    assert UnitType.bcr in units(d)


def test_a_quote_the_caller_said_meant_something_else_is_clarified() -> None:
    d = decide("rp said 'theres blood all over my car' then clarified its red paint from the "
               "kids, wants a report for the scratches")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["turned right into a cyclist", "pulled out into a pedestrian",
                        "backed into a jogger"]))
def test_a_car_that_turned_into_a_cyclist_gets_police_and_ems(words: str) -> None:
    d = decide(f"13th & kincaid, car {words}, on the ground bleeding from his head, conscious, "
               "driver stopped")
    assert {UnitType.police, UnitType.ems} <= units(d)
    assert "traffic" in d.tags


@SETTINGS
@given(st.sampled_from(["5 or 6 cars and a big rig piled up", "cars piled up in the fog"]))
def test_cars_piled_up_are_a_crash(words: str) -> None:
    d = decide(f"tule fog, eb 198 past akers, {words}, people screaming, one driver isnt moving")
    assert "traffic" in d.tags
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["keeps saying 'the river wants me, let me go'",
                        "yelling to let her go, she wants to be with her son"]))
def test_wading_out_with_intent_said_further_along_gets_police(words: str) -> None:
    d = decide(f"rp walking dog, woman in her 30s wading out into the river off the wall, water "
               f"up to her waist and moving fast, {words} and wont come back when rp calls")
    assert {UnitType.police, UnitType.fire} <= units(d)


@SETTINGS
@given(st.sampled_from(["LARCENY OF DOMESTIC ANIMALS", "LARCENY DOMESTIC ANIMAL"]))
def test_larceny_of_domestic_animals_is_livestock_theft(call_type: str) -> None:
    d = decide("rancher counted his herd this am, 4 heifers gone, chain on the back gate cut, "
               "happened sometime this week, nobody out there", call_type)
    assert "domestic" not in d.tags
    assert UnitType.police not in units(d)


def test_a_life_since_a_house_burned_is_no_fire() -> None:
    d = decide("neighbor says f 78 living in a fema trailer since her house burned in the "
               "holiday farm fire, last 2 wks talking to her late husband like hes in the room, "
               "not eating. not hurt")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["one car is under the trailer", "a sedan went under the semi",
                        "the suv is wedged under the big rig"]))
def test_a_car_under_a_trailer_gets_fire(words: str) -> None:
    d = decide(f"fog on 198, several cars piled up, {words} and the driver isnt moving")
    assert {UnitType.fire, UnitType.ems, UnitType.police} <= units(d)

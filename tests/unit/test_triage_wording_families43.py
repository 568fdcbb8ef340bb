"""Families of phrasings learnt from unseen call-taker writing, forty-third set: a car gone
under a trailer (an underride crash: police with the rescue); what someone holds or keeps
at hand not known (an unknown weapon until ruled out); a gas line or a tank opened to be
lit (NFIRS 412/113); a murder-suicide told as taking a whole place along (988 warning
signs); wading in chest-deep with words of letting the water take one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.sampled_from(["car went under the back of my trailer", "suv slid under the side of a "
                        "semi", "pickup ran right under the rear of the flatbed",
                        "a sedan wedged under the tail of his box truck"]), fillers)
def test_a_car_gone_under_a_trailer_is_a_crash_with_police(crash: str, filler: str) -> None:
    d = decide(f"trucker at the on-ramp: {crash}, roof peeled back, driver pinned inside, "
               f"not moving. {filler}")
    assert {UnitType.police, UnitType.fire, UnitType.ems} <= units(d)
    assert "traffic" in d.tags


@SETTINGS
@given(st.sampled_from(["unk what he has", "not sure what he's holding", "couldnt see what "
                        "the male had", "dont know what she has"]), fillers)
def test_an_object_at_hand_not_known_is_an_unknown_weapon(unknown: str, filler: str) -> None:
    d = decide(f"gate guard sts man sitting in his truck yelling the government is after him, "
               f"says he has something to make them stop. wont leave, {unknown}. {filler}")
    assert UnitType.police in units(d)
    assert "weapon" in d.tags


@SETTINGS
@given(st.sampled_from(["unk what he has taken", "not sure what she took"]), fillers)
def test_an_unknown_ingestion_is_no_unknown_weapon(unknown: str, filler: str) -> None:
    d = decide(f"mother sts her son 19 is very sleepy and hard to wake, {unknown}, breathing "
               f"ok. {filler}")
    assert "weapon" not in d.tags
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["gonna open the propane into the trailer and light it",
                        "turned on all the burners and says he'll strike a match",
                        "cut the gas line and is going to light it"]), fillers)
def test_gas_opened_to_be_lit_gets_police_and_fire(threat: str, filler: str) -> None:
    d = decide(f"RP sister sts her brother is drunk and crying at his place, {threat}. "
               f"{filler}")
    assert {UnitType.police, UnitType.fire} <= units(d)


@SETTINGS
@given(st.sampled_from(["take this whole holler with me", "take the whole trailer park down "
                        "with me", "take them all with me"]), fillers)
def test_taking_a_whole_place_along_beside_a_fire_is_an_attempt(said: str, filler: str) -> None:
    d = decide(f"RP sts her husband has the gas turned on in the house, says he is going to "
               f"{said}. she can smell it from the yard. {filler}")
    assert {UnitType.police, UnitType.fire} <= units(d)


@SETTINGS
@given(st.sampled_from(["take the whole family with me to the lake",
                        "take the whole crew with me on vacation"]), fillers)
def test_taking_people_along_on_a_trip_is_no_threat(trip: str, filler: str) -> None:
    d = decide(f"RP sts her ex says he will {trip} this weekend, she wants to know about the "
               f"custody order, nobody threatened. {filler}")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["waded into the Guadalupe up to her chest", "walked out into the "
                        "Neches up to her neck", "is standing in the Sabine up to her chest"]),
       st.sampled_from(["let it take me", "let the river take me"]), fillers)
def test_chest_deep_with_words_of_letting_the_water_take_her_is_an_attempt(
        wading: str, said: str, filler: str) -> None:
    d = decide(f"RP at the park sts a woman {wading}, fully dressed, crying, yelled '{said}'. "
               f"current is moving. {filler}")
    assert {UnitType.police, UnitType.fire} <= units(d)


@SETTINGS
@given(st.sampled_from(["my whole life is on fire", "her world is going up in flames",
                        "says his marriage is burning down"]), fillers)
def test_a_life_on_fire_is_a_crisis_not_a_fire(said: str, filler: str) -> None:
    d = decide(f"RP crying, lost her job today, '{said}'. not suicidal, no weapons, not hurt, "
               f"just needs someone to talk to. {filler}")
    assert UnitType.fire not in units(d)
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["begging for help getting into detox", "asking and begging for help "
                        "finding a bed at rehab", "crying for help getting his meds"]), fillers)
def test_help_begged_for_with_a_service_is_no_one_in_danger(asked: str, filler: str) -> None:
    d = decide(f"shelter staff: man in the lobby, quit drinking 2 days ago, shaky, {asked}. "
               f"calm, no weapons, alert and talking. {filler}")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["dug up his whole ginseng patch", "been digging all the wild ginseng",
                        "dug out every bit of his sang"]), fillers)
def test_ginseng_dug_from_someones_land_is_a_theft_report(dug: str, filler: str) -> None:
    d = decide(f"RP says somebody {dug} on the back of his property. found the holes this "
               f"morning, nobody seen. {filler}")
    assert "property" in d.tags
    assert UnitType.cso in units(d)

"""Families of phrasings learnt from unseen call-taker writing, sixteenth set: a weapon
named before any word that merely begins like a place ("knife still in hand"), an
ingestion told as wanting it all to stop or as intentional, vital signs a nurse reads out
and a doctor sending the patient to the emergency department, prowlers told by their
flashlights or by the containers they fill."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@cache
def _words_beginning_with(*stems: str) -> list[str]:
    """Frequent English words that begin with one of ``stems`` without being it: the words
    a weapon's place-name exceptions ("Knife River", "Knife St") must not swallow."""
    return [w for w in top_n_list("en", 20_000) if w.isalpha() and w not in stems
            and any(w.startswith(s) for s in stems)]


# the exceptions of each weapon phrase, as the safety lexicon lists them
KNIFE_PLACES = ("river", "lake", "creek", "rd", "road", "st", "street", "point", "island", "edge")
SAWED_OFF_OBJECTS = ("the", "a", "an", "his", "her", "their", "my", "it", "them", "cat", "lock",
                     "chain", "bolt", "pipe")


@SETTINGS
@given(st.data(), fillers)
def test_a_knife_before_any_word_that_only_begins_like_a_place_is_a_weapon(
        data: st.DataObject, filler: str) -> None:
    word = data.draw(st.sampled_from(_words_beginning_with(*KNIFE_PLACES)))
    d = decide(f"line worker walked off the kill floor w his knife {word} in hand, says "
               f"supervisors are plotting to poison him. {filler}")
    assert UnitType.police in units(d), word


@SETTINGS
@given(st.data())
def test_a_sawed_off_before_any_word_that_only_begins_like_its_object_is_a_gun(
        data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(_words_beginning_with(*SAWED_OFF_OBJECTS)))
    d = decide(f"rp sts bf came back w a sawed off {word} the front porch, yelling")
    assert UnitType.police in units(d), word


@SETTINGS
@given(st.sampled_from(["i just want it to stop", "she wants it all to end", "he said he "
                        "wanted everything to be over", "'i want the pain to stop'"]),
       st.sampled_from(["took all my xanax", "swallowed a bottle of her trazodone",
                        "took 20 of his seroquel"]))
def test_an_ingestion_told_as_wanting_it_all_to_stop_is_an_attempt(
        words: str, took: str) -> None:
    d = decide(f"text to 911: {took}, {words}, no reply last 2 min")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["OD - INTENTIONAL", "INTENTIONAL INGESTION", "OD-INTENT",
                        "OVERDOSE INTENTIONAL"]))
def test_an_overdose_call_type_told_intentional_is_an_attempt(call_type: str) -> None:
    d = decide("rp sts roommate took a bunch of pills, awake", call_type)
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["O2 SAT 82% ON 2L", "spo2 88", "sats in the 80s", "TEMP 102.6",
                        "fever of 104", "RESP 32", "bp 70/40", "BP 220/130", "heart rate 150",
                        "pulse 36", "more lethargic than baseline", "not at her baseline",
                        "dr wants her sent out to the er", "on call doc wants him to the ED"]),
       fillers)
def test_vital_signs_out_of_range_or_a_doctor_sending_to_the_er_send_ems(
        vitals: str, filler: str) -> None:
    d = decide(f"NURSE AT ASSISTED LIVING. RES F 91, {vitals}. {filler}")
    assert UnitType.ems in units(d), vitals


@SETTINGS
@given(st.sampled_from(["sat 45 min at the bus stop", "left 1 hr 30 min ago",
                        "sat on the bench about 20 minutes"]))
def test_times_and_sitting_are_not_vital_signs(words: str) -> None:
    d = decide(f"rp sts her ex {words}, she wants a report about the fence he damaged last "
               "week, no injuries")
    assert UnitType.ems not in units(d), words


@SETTINGS
@given(st.sampled_from(["SEES FLASHLIGHTS AT THE ANHYDROUS TANKS", "can see 2 flashlights "
                        "moving by the fuel tanks", "there are flashlights in the equipment "
                        "yard"]),
       st.sampled_from(["somebody filling a container", "car parked w lights off",
                        "guys filling gas cans"]))
def test_prowlers_told_by_their_lights_or_the_cans_they_fill_send_police(
        lights: str, more: str) -> None:
    d = decide(f"co-op employee driving by {lights} at the yard off sr 37, {more}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["flashlight", "headlamp"]),
       st.sampled_from(["vacant house next door", "empty barn", "closed store"]))
def test_someone_with_a_light_inside_is_a_suspect_on_scene(light: str, place: str) -> None:
    d = decide(f"rp sts someone with a {light} inside the {place}, nobody should be there")
    assert UnitType.police in units(d)
    assert UnitType.cso not in units(d)

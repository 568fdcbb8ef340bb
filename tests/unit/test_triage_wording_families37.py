"""Families of phrasings learnt from unseen call-taker writing, thirty-seventh set: a
vehicle or a machine used on a person ("chased his mom w/ the skid steer", "tried to run
her over": NIBRS 13A assault with a vehicle), and a skid steer that is no animal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["chased his mom w/ it", "went after his dad with the tractor",
                        "tried to run her over", "drove at them with the truck"]), fillers)
def test_a_vehicle_used_on_a_person_gets_police(act: str, filler: str) -> None:
    d = decide(f"son 30 off his meds drove the skid steer into the parlor wall, {act}. {filler}")
    assert UnitType.police in units(d)
    assert "violence" in d.tags


@SETTINGS
@given(st.sampled_from(["the skid steer", "a skid steer and a trailer"]))
def test_a_skid_steer_is_no_animal(thing: str) -> None:
    d = decide(f"farmer says {thing} gone from the field overnight, chain cut, wants a report")
    assert "animal" not in d.tags

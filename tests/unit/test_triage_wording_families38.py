"""Families of phrasings learnt from unseen call-taker writing, thirty-eighth set: smoke
from a chimney or a fire in a stove is a heated house, not a fire (NFIRS 114 chimney fire
needs flames, sparks, a roar or smoke inside); at a place whose owners are away it is
someone inside, a call for police."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)

HEARTHS = ["smoke coming out of the chimney", "smoke rising from the chimney",
           "wood smoke from the stovepipe", "somebody has a fire going in the wood stove",
           "smoke from the flue", "a fire lit in the fireplace"]
PLACES = ["cabin next door, owners are in Arizona for the winter",
          "the hunting camp across the road is closed up for the season",
          "neighbors summer place, they left in september"]


@SETTINGS
@given(st.sampled_from(PLACES), st.sampled_from(HEARTHS), fillers)
def test_a_lit_stove_at_an_empty_place_is_someone_inside(
        place: str, hearth: str, filler: str) -> None:
    d = decide(f"{place}, strange pickup in the drive and {hearth}, nobody is supposed to be "
               f"there. {filler}")
    assert UnitType.police in units(d)
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["thick black smoke pouring out of the chimney",
                        "smoke coming out of the chimney and sparks landing on the roof",
                        "chimney is roaring and glowing red",
                        "smoke coming out of the chimney and the house is filling with smoke",
                        "fire going in the fireplace spread to the mantle"]), fillers)
def test_a_chimney_or_hearth_in_trouble_is_still_a_fire(sign: str, filler: str) -> None:
    d = decide(f"caller on Ridge Rd says {sign}. {filler}")
    assert UnitType.fire in units(d)

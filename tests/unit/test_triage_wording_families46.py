"""Families of phrasings learnt from unseen call-taker writing, forty-sixth set: flames
told as showing "out the front" or "out of every window" (NFIRS 111 building fire: fire
showing, not a fire that is out); rented equipment overdue with the renter not answering
(a theft report, NIBRS 270 embezzlement, not a welfare check)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.sampled_from(["trailer house on fire", "house fire", "garage on fire"]),
       st.sampled_from(["flames out the front", "flames out of every window",
                        "fire out the back door", "flames out through the roof"]), fillers)
def test_flames_showing_out_of_a_building_get_fire_and_ems(
        what: str, showing: str, filler: str) -> None:
    d = decide(f"{what}, {showing}, neighbor says the old man who lives there uses a "
               f"wheelchair, hasnt seen him come out. {filler}")
    assert {UnitType.fire, UnitType.ems} <= units(d)
    assert "fire" in d.tags


@SETTINGS
@given(st.sampled_from(["rented a mini excavator 3 wks ago, due back the 10th",
                        "rental skid steer is 2 weeks overdue", "rented a trailer, was due back "
                        "friday"]), fillers)
def test_rented_equipment_overdue_with_the_renter_not_answering_is_a_report(
        rented: str, filler: str) -> None:
    d = decide(f"rental office sts customer {rented}, not answering calls, the address he "
               f"gave is an empty lot. wants to file a report. {filler}")
    assert "welfare" not in d.tags
    assert UnitType.bcr not in units(d)

"""Families of phrasings learnt from unseen call-taker writing, forty-fifth set, each a
reading that sent a unit nobody needed: a thing of hers knocked over (no injury); a
scammer's threat to arrest (recourse, not harm); an illness fought (no fight); a child
hiding under a porch (coaxing, not entrapment); a gun safe locked with the caller holding
the only key (CALM: out of reach); a "gun" named a toy a breath later; a cabin's owner
last up months ago (a theft found later, NIBRS 220/23H)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.sampled_from(["knocked her mailbox off the post", "knocked her mailbox clean off",
                        "knocked his fence down"]), fillers)
def test_a_thing_knocked_over_is_no_injury(done: str, filler: str) -> None:
    d = decide(f"RP wants to report that last Thurs the neighbor boy {done} with a bat, she "
               f"just got the insurance form. nobody hurt, would like a report. {filler}")
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["threatened to arrest me", "threatened to have her jailed",
                        "threatened to arrest her son"]), fillers)
def test_a_scammers_threat_to_arrest_is_a_report_not_violence(said: str, filler: str) -> None:
    d = decide(f"RP 79 sts a man called saying he was from the sheriff and {said} unless she "
               f"paid. she bought $1200 in gift cards yesterday. nobody came to the house, "
               f"wants to report it. {filler}")
    assert "violence" not in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["fighting the cancer", "fighting an infection",
                        "fighting for every breath"]), fillers)
def test_an_illness_fought_is_no_fight(fight: str, filler: str) -> None:
    d = decide(f"daughter sts mom 74 on hospice, tonight shes {fight}, lips dusky, nurse told "
               f"them to call for transport. {filler}")
    assert "violence" not in d.tags
    assert UnitType.police not in units(d)
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["hiding under his porch", "hiding under the deck", "hiding in the "
                        "bushes behind the house"]), fillers)
def test_a_child_hiding_who_will_not_come_out_is_no_entrapment(where: str, filler: str) -> None:
    d = decide(f"neighbor sts 14yo autistic boy bolted when the sirens went off, {where} "
               f"screaming, mom cant get him out. not hurt, just terrified. {filler}")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["gun safe locked and she has the only key", "gun cabinet is locked, "
                        "wife keeps the only key", "gun safe is still locked and rp has the "
                        "combo"]), fillers)
def test_a_gun_safe_locked_with_the_caller_holding_the_key_is_out_of_reach(
        locked: str, filler: str) -> None:
    d = decide(f"wife calling re husband, army vet, fireworks set him off, shaking and "
               f"crying in the garage. not aggressive. {locked}. {filler}")
    assert "weapon" not in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["a 'gun' - it's a orange Nerf gun", "a gun, its just a water gun",
                        "a gun that turned out to be a toy gun"]), fillers)
def test_a_gun_named_a_toy_a_breath_later_is_no_weapon(named: str, filler: str) -> None:
    d = decide(f"RP says the kids next door are out in the yard w/ {named}, they're just "
               f"playing. a big dog w/ no collar keeps circling them and growling. {filler}")
    assert "weapon" not in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["last up in aug", "last out here in Sept", "last up here in October"]),
       fillers)
def test_a_cabin_theft_found_months_after_the_last_visit_is_a_report(
        last: str, filler: str) -> None:
    d = decide(f"cabin owner came up for the weekend, side by side and 2 kayaks gone from the "
               f"shed, hasp pried. {last}. neighbor cabins empty for the season. {filler}")
    assert UnitType.police not in units(d)
    assert UnitType.cso in units(d)

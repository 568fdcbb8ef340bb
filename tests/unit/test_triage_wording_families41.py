"""Families of phrasings learnt from unseen call-taker writing, forty-first set: a
suicide told as under way from the road ("im putting it into the rocks in the gorge");
pain told by where it is (MPDS 1 and 5: abdominal and back pain) as an EMS call; and
words that sound worse than they are: paintballs, goods taken by value, a death
remembered, water shooting out of a line, a photographer shooting, a video shot on a
phone, "stabbing pain", an owner who will blow up, guns in a belief the caller denies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.sampled_from(["im putting it into the rocks in the gorge",
                        "im driving it off the bridge", "im steering my truck into the canyon"]),
       fillers)
def test_a_suicide_told_as_under_way_on_the_road_gets_police(text: str, filler: str) -> None:
    d = decide(f"RP sister sts brother texted 'tell mom sorry, {text},' he's driving SB I-15 "
               f"in a blue Tacoma, moving fast. {filler}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["abdominal pain since lunch", "pain in his lower right side",
                        "bad back pain, threw up twice", "cant keep anything down, belly pain"]),
       fillers)
def test_pain_told_by_where_it_is_is_an_ems_call(pain: str, filler: str) -> None:
    d = decide(f"RP sts {pain}, hx kidney stones, home alone. {filler}")
    assert UnitType.ems in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["somebody shot her mailbox and garage door w/ paintballs",
                        "kids shot the windows with paintballs"]), fillers)
def test_paintball_damage_is_a_report(damage: str, filler: str) -> None:
    d = decide(f"RP says {damage} yesterday while she was at church, pink paint everywhere, "
               f"nobody hurt, nobody around now. {filler}")
    assert UnitType.police not in units(d)
    assert "weapon" not in d.tags


@SETTINGS
@given(st.sampled_from(["took about $180 in detergent", "took 250 worth of razors",
                        "took about 90 dollars in baby formula"]), fillers)
def test_goods_taken_by_value_are_shoplifted_not_swallowed(taken: str, filler: str) -> None:
    d = decide(f"store mgr reviewing camera, W/F {taken} yesterday afternoon, left in a "
               f"minivan, not there now. {filler}")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["took like 6 of her moms xanax", "took 10 of his oxys"]), fillers)
def test_pills_taken_by_count_are_still_an_ingestion(taken: str, filler: str) -> None:
    d = decide(f"txt 'my friend {taken} and shes falling asleep and wont talk to me'. {filler}")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["died of an overdose a yr ago today", "passed from an od last spring"]),
       fillers)
def test_a_death_by_overdose_remembered_is_grief(death: str, filler: str) -> None:
    d = decide(f"woman 50s lying on her sons grave crying, says he {death}, says she wont "
               f"hurt herself, just wants to spend the day with him. {filler}")
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["water was shooting out", "water shooting up everywhere"]), fillers)
def test_water_shooting_out_of_a_cut_line_is_no_gunfire(spray: str, filler: str) -> None:
    d = decide(f"HOA mgr sts someone cut the brass backflow preventer off the sprinkler line "
               f"overnight, {spray} til the landscaper shut it off, nobody around. {filler}")
    assert "weapon" not in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'my neighbor shot the whole thing' - on his phone",
                        "my neighbor shot it all on her phone"]), fillers)
def test_a_theft_shot_on_a_phone_is_filmed(shot: str, filler: str) -> None:
    d = decide(f"rp sts {shot}, guy ripped the pressure washer off her porch around 3 am last "
               f"night. nobody hurt, guy long gone. {filler}")
    assert UnitType.ems not in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'I WAS SHOOTING THE WHOLE TIME'", "she was shooting the ceremony"]),
       fillers)
def test_a_photographer_shooting_is_taking_pictures(said: str, filler: str) -> None:
    d = decide(f"wedding photographer came back to her car in the lower lot, rear window "
               f"broken and her camera bag gone during the ceremony, {said}, nobody around. "
               f"{filler}")
    assert "weapon" not in d.tags


@SETTINGS
@given(st.sampled_from(["'STABBING PAIN' in his right side", "stabbing pains in her chest"]),
       fillers)
def test_stabbing_pain_is_a_symptom(pain: str, filler: str) -> None:
    d = decide(f"RP sts {pain} since lunch. {filler}")
    assert UnitType.ems in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["is gonna blow up when he sees this",
                        "is going to flip when she finds out"]), fillers)
def test_an_owner_who_will_blow_up_is_no_threat(said: str, filler: str) -> None:
    d = decide(f"someone spray painted the whole side of her garage overnight, 'my husband "
               f"{said}'. nobody around, wants it documented. {filler}")
    assert "violence" not in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["the neighbors have guns pointed at the house",
                        "people have rifles aimed at his window"]), fillers)
def test_guns_in_a_belief_the_caller_denies_are_no_weapon(belief: str, filler: str) -> None:
    d = decide(f"brother w/ schizophrenia off his meds, pacing, says {belief}. RP sts there are "
               f"no guns, nobody in the house owns one, he hasnt threatened anybody. {filler}")
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)

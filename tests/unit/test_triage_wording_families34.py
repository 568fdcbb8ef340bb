"""Families of phrasings learnt from unseen call-taker writing, thirty-fourth set: bricks
thrown through windows and then at passing cars; a robbery by a gun shown or a hand in a
pocket "like a gun" ("run it", "give me the drawer", NIBRS 120) is no property report; a
child hiding under a bench who will not come out is no entrapment; bolt holes "still
there" are no suspect; a "robbery" the caller takes back; guns given to a son; someone
wandering about saying he is followed; slapping one's own leg; a named fire that is over;
a suicide threat as a call type; the TV remote as arms; oyster knives stolen; a door
kicked or heard "next door"; a stranger "breaking in" who is the husband; a fever in a
group home; Benadryl hallucinations (EMD 23)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["bricks thru her own windows and at cars going by",
                        "rocks through the front window and at people walking by",
                        "bottles off the porch and at the traffic"]), fillers)
def test_things_thrown_at_passers_by_get_police(thrown: str, filler: str) -> None:
    d = decide(f"woman next door screaming she is being watched, throwing {thrown}. {filler}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["lifted his shirt to show a gun in his waistband and said 'run it'",
                        "had his hand in his hoodie pocket like a gun, said 'give me the drawer'",
                        "said 'give me your wallet'"]))
def test_a_taking_by_a_shown_or_implied_weapon_is_a_robbery_not_a_report(how: str) -> None:
    d = decide(f"clerk says a guy came in, {how}, took the cash and ran 1 min ago")
    assert UnitType.police in units(d)
    assert "property" not in d.tags


@SETTINGS
@given(st.sampled_from(["under a bench by the ride", "under the picnic table",
                        "behind the bleachers"]))
def test_a_child_hiding_who_will_not_come_out_is_no_entrapment(where: str) -> None:
    d = decide(f"guest services: boy 12, autistic, overwhelmed by the noise, {where} rocking and "
               "screaming, parents cant get him out. nobody hurt, no weapons")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["pinned in the car", "stuck in the ditch in his truck"]))
def test_someone_pinned_who_cannot_be_got_out_gets_the_rescue(where: str) -> None:
    d = decide(f"crash on the highway, driver {where}, we cant get him out")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["bolt holes still there", "pry marks still there",
                        "the post is still there"]))
def test_marks_left_still_there_are_no_suspect_on_scene(marks: str) -> None:
    d = decide(f"dpw foreman: bronze plaque pried off the memorial, noticed missing this am "
               f"when mowing, {marks}. nobody around")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["there's been a 'robbery' at her daddys fishing camp on the river",
                        "it was a 'home invasion' at the lake cabin"]))
def test_a_robbery_word_the_caller_takes_back_is_a_report(words: str) -> None:
    d = decide(f"rp says {words}, clarifies she last went a month ago, found today the lock cut "
               "and the outboard gone. nobody there, nobody hurt, wants a report")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["he gave his guns to his son", "he handed all his rifles to his brother",
                        "he gave the shotgun to a neighbor"]), fillers)
def test_guns_given_to_someone_else_to_keep_are_out_of_reach(guns: str, filler: str) -> None:
    d = decide(f"neighbor says man 70s, wife died last month, sitting in the dark, wont answer "
               f"the door. told her last week {guns}. looks ok. {filler}")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["walking around the trailer park at night barefoot saying somebody is "
                        "following him", "wandering the lot saying people are following her"]))
def test_someone_wandering_and_saying_he_is_followed_is_paranoia(words: str) -> None:
    d = decide(f"family says their uncle has been {words}, hasnt slept in days. not aggressive, "
               "no weapons, family wants help")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["rp calling saying a man is following her", "she says a black truck "
                        "is following her"]))
def test_a_caller_being_followed_keeps_police(words: str) -> None:
    d = decide(f"{words}, she is scared")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["slapping her own leg", "hitting his own head", "smacking her own face"]))
def test_hitting_oneself_is_no_assault(words: str) -> None:
    d = decide(f"day program staff: client with down syndrome refusing to get back on the van, "
               f"sitting on the curb yelling no and {words}. nobody else hurt")
    assert "violence" not in d.tags
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["since the Almeda fire", "after the Camp fire", "in the Marshall fire"]))
def test_a_named_fire_that_is_over_is_no_fire(fire: str) -> None:
    d = decide(f"sister says her brother lives alone in a trailer {fire}, texted 'nobody would "
               "notice if i was gone', he's home, would talk to someone, no guns, no pills")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["the Almeda fire is spreading toward the houses", "the brush fire is "
                        "coming up the hill"]))
def test_a_fire_burning_now_gets_fire(words: str) -> None:
    d = decide(f"caller says {words}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["SUICIDE THREAT-3RD PTY", "THREAT OF SUICIDE"]))
def test_a_suicide_threat_as_a_call_type_is_no_assault(call_type: str) -> None:
    d = decide("brother texted he is tired of pretending, no guns, no pills, never violent",
               call_type)
    assert "violence" not in d.tags


@SETTINGS
@given(st.sampled_from(["'armed with the TV remote'", "armed with a pillow",
                        "armed with a fly swatter"]))
def test_armed_with_a_soft_thing_is_no_weapon(words: str) -> None:
    d = decide(f"home aide says her client 84 with dementia is {words}, yelling shes a "
               "stranger, not hitting anybody, just agitated")
    assert "weapon" not in d.tags


@SETTINGS
@given(st.sampled_from(["armed with a knife", "armed with a bat"]))
def test_armed_with_a_weapon_keeps_police(words: str) -> None:
    d = decide(f"client with dementia is {words}, yelling at staff")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["his oyster knives", "her fillet knives", "my chef knives"]))
def test_trade_knives_stolen_are_a_theft_report(knives: str) -> None:
    d = decide(f"someone took {knives}, gloves and a cooler out of the truck bed overnight. "
               "nobody around, wants a report", "LARCENY FROM VEH")
    assert "weapon" not in d.tags
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["keeps kicking her door", "is kicking the door"]))
def test_a_door_kicked_is_no_damage_report(words: str) -> None:
    d = decide(f"rp locked in her bedroom, roommate drinking, {words} saying he'll beat her "
               "when she comes out")
    assert "property" not in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["things breaking next door", "glass breaking next door"]))
def test_things_heard_breaking_next_door_are_no_damage_report(words: str) -> None:
    d = decide(f"neighbor hears a woman screaming 'stop hitting me' and {words} for 5 min")
    assert "property" not in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["thinks hes a stranger breaking in", "thinks he is a burglar"]))
def test_a_husband_taken_for_a_burglar_is_no_break_in(words: str) -> None:
    d = decide(f"elderly husband: his wife with alzheimers locked herself in the bedroom, "
               f"{words}, crying and scared. no weapons, nobody hurt")
    assert "property" not in d.tags
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["temp 103.4", "fever of 103", "breathing fast"]))
def test_a_fever_in_a_group_home_is_medical(sign: str) -> None:
    d = decide(f"group home staff: resident 58 with down syndrome, {sign}, not eating, very "
               "sleepy")
    assert UnitType.ems in units(d)
    assert "behavioral_health" not in d.tags


@SETTINGS
@given(st.sampled_from(["seeing things", "seeing bugs on the walls",
                        "talking to people who arent there"]))
def test_hallucinations_after_benadryl_are_a_poisoning(sign: str) -> None:
    d = decide(f"grandmother says 14yo took a bunch of Benadryl for a tiktok challenge, now "
               f"{sign}, heart racing")
    assert UnitType.ems in units(d)
    assert "behavioral_health" not in d.tags

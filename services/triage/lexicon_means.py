"""Means of harm out of the person's reach, in the words a caller uses: guns one partner
took to the other's family, medicines or guns the family took away, to work or out of
the house, medicines the caller holds, a list of means denied, the call-taker's question
about means answered no. Both canonical texts rewrite them (lexicon_scope's shared
rewrites) so that a means word in one is no means at hand."""

from __future__ import annotations

# one person taking another's guns to the taker's own family ("she hauled his rifles to
# her brother's", "he moved her pistol to his mom's"): out of the person's reach; taken
# anywhere else ("he took her pistol to the yard") the gun is at hand
_GUNS = r"(guns|rifles|shotguns|pistols|handguns|weapons|firearms|gun|rifle|shotgun|pistol|handgun)"
_KIN = (r"(dad|mom|father|mother|brother|sister|parent|grandma|grandpa|uncle|aunt|cousin|"
        r"son|daughter|friend|neighbor)(?: s|s)?")
_TAKEN_TO = (r" (?:already )?(?:took|moved|brought|carried|hauled|drove|gave) (?:all )?(?:of )?"
             r"%s (\w+ )?" + _GUNS + r" (?:all )?(?:over )?to %s " + _KIN)
HIS_GUNS_TAKEN = (r"\b(she|wife|mom|mother|daughter|sister|girlfriend|gf|grandma|aunt)"
                  + _TAKEN_TO % ("(?:his|the)", "her"))
HER_GUNS_TAKEN = (r"\b(he|husband|dad|father|son|brother|boyfriend|bf|grandpa|uncle)"
                  + _TAKEN_TO % ("(?:her|the)", "his"))
# ... or to the taker's own place ("neighbor already took his rifles to her place"), the
# pronouns telling the taker from the owner
_OWN_PLACE = r"(place|house|home|apartment|apt|trailer|ranch|farm|cabin)"
_THIRD_PARTY = r"neighbou?r|friend|buddy|pastor|coworker|co worker"
_TAKEN_HOME = (r" (?:already )?(?:took|moved|brought|carried|hauled|drove) (?:all )?(?:of )?"
               r"%s (\w+ )?" + _GUNS + r" (?:all )?(?:over )?to %s " + _OWN_PLACE)
HIS_GUNS_TAKEN_HOME = (r"\b(she|wife|mom|mother|daughter|sister|girlfriend|gf|grandma|aunt|"
                       + _THIRD_PARTY + r")" + _TAKEN_HOME % ("(?:his|the)", "her"))
HER_GUNS_TAKEN_HOME = (r"\b(he|husband|dad|father|son|brother|boyfriend|bf|grandpa|uncle|"
                       + _THIRD_PARTY + r")" + _TAKEN_HOME % ("(?:her|the)", "his"))
# a relative outside the household keeping the guns at their own home ("son keeps all
# his guns at his house"); not a parent or a partner, who may be the one in crisis
GUNS_KEPT_BY_KIN = (r"\b(son|daughter|brother|sister|uncle|aunt|cousin|grandson|nephew|"
                    + _THIRD_PARTY + r")(?: s)? (?:keeps|is keeping|has been keeping|stores|"
                    r"is storing|holds|is holding|has) (?:all )?(?:of )?(?:his|her|their|the) "
                    r"(\w+ )?" + _GUNS + r" (?:at|in) (?:his|her|their) (?:own )?" + _OWN_PLACE)

# every means in a list denied ("denies any pills, blades or wpns"): the comma does not
# end the denial of the ones after it
_MEANS = (r"(?:pills?|meds|medications?|blades?|razors?|knives|knife|wpns?|weapons?|guns?|"
          r"firearms?|rope|sharps|ligatures?)")
MEANS_LIST_DENIED = (r"\b(?:denies|denied|deny|no|neg|negative for|without) (?:any |access to )?"
                     + _MEANS + r"(?:\s*(?:,|/|&|or|and|nor)\s*(?:any |no )?" + _MEANS
                     + r"){1,5}\b")

# the call-taker's question about means answered no ("Q ANY PILLS/WPNS? 'no nothing'")
ASKED_MEANS_NO = (
    r"\b(?:q|asked|asked if|asked about|asked abt|asked re|disp asked abt|disp asked about)\s*:?\s+"
    r"(?:(?:any|has|have|is|are|if|about)\s+)?"
    r"(?:\w+\s*(?:/|,|&|or|and)\s*)?(?:pills?|meds|wpns?|weapons?|guns?|means|knives|firearms?)"
    r"(?:\s*(?:/|,|&|or|and)\s*\w+(?: harm| hurting)?){0,3}(?:\s+(?:or|and)\s+[a-z ]{1,30}?)?"
    r"""\s*\??\s*[-:,./]*\s*['"]?\s*(?:(?:rp|caller|she|he|they|family|wife|husband) (?:sts|"""
    r"""states|stated|said|says|sees|saw|found|finds) )?['"]?\s*"""
    r"""(?:no|neg|negative|none|nothing)\b""")
# medicines or guns taken away to somewhere else by the family: out of reach
MEANS_TAKEN_AWAY = (
    r"\b(?:took|moved|brought|carried|hauled|drove) (?:all )?(?:of )?(?:the |her |his |their )?"
    r"(meds|medications?|pills|medicine|guns|rifles|weapons|firearms) (?:all )?to (?:his|her|"
    r"their|the|a) (\w+)\b")
# "dad took all her pills to work with him": out of her reach
MEANS_TAKEN_TO_WORK = (
    r"\b(?:took|moved|brought|carried) (?:all )?(?:of )?(?:the |her |his |their )?(meds|"
    r"medications?|pills|medicine|guns|rifles|weapons|firearms) (?:all )?(?:to|with (?:him|her|"
    r"them) to) (work|church|school)(?: with (?:him|her|them))?\b")
# "mom already took the pills and razors out of there last week": the family cleared them
MEANS_TAKEN_OUT = (
    r"\b(?:i|we|rp|caller|mom|dad|mother|father|husband|wife|family|staff|parents|brother|"
    r"sister) (?:already |had |has )?(?:took|removed|cleared|got|pulled) (?:all )?(?:of )?(?:the |"
    r"her |his |their )?(?:(?:razors?|blades?|knives|knife|belts?|cords?|sharps|guns?) and (?:the |"
    r"all (?:the )?|her |his |their )?)?(meds|medications?|pills|medicine)(?: and (?:the |her |"
    r"his |their |all )?(?:\w+ )?(?:razors?|blades?|knives|knife|belts?|cords?|sharps))? (?:away|"
    r"out of (?:there|(?:the |that |this |her |his |their )?(?:house|home|apt|room|bathroom|"
    r"bedroom)))\b")
# "her meds are in my car, I have the keys": the caller holds them
MEANS_HELD_BY_CALLER = (
    r"\b(?:her|his|their|the) (meds|medications?|pills|medicine) (?:are|is) (?:all )?(?:locked )?"
    r"(?:up )?(?:in|at) (?:my|our) (car|trunk|truck|safe|house|place)\b")
# "i have his meds in my car": the same, told by who keeps them
MEANS_KEPT_BY_CALLER = (
    r"\b(?:i|we|rp|caller) (?:have|has|took|keep|keeps|put|locked) (?:all )?(?:of )?(?:her|his|"
    r"their|the) (meds|medications?|pills|medicine) (?:locked )?(?:up )?(?:in|at) (?:my|our) "
    r"(car|trunk|truck|safe|house|place|purse)\b")

"""When a sentence puts its danger words: years back, or as what "used to" happen, with
nothing saying it is back now. The safety layer reads such a sentence's violence or
weapon words as history the caller gave, not as danger on this call
(``unless_sentence`` of :mod:`services.triage.safety`)."""

from __future__ import annotations

from services.triage.lexicon_words import alternatives

# A sentence that puts its violence years or months back, with nothing saying it is back
# now: history the call-taker noted, not danger on this call ("he once said he'd kill
# her - that was 5 yrs ago"). "Again", "tonight" or "right now" keep it current.
LONG_AGO = (r"^(?!.*\b(?:again|tonight|(?<!ago )today(?! is| marks| makes| would)|right now|"
            r"(?:is|s|are|re) \w+ing(?: \w+){0,5} now|"
            r"currently|still|this (?:morning|"
            r"afternoon|evening|week)|just|minutes?|mins?|hours?|hrs?)\b).*\b(?:(?:[0-9]+|a "
            r"few|few|several|many|a couple(?: of)?|couple|two|three|four|five|ten) (?:yrs?|years?|"
            r"months?|mos)(?: ago| back| before| since)|last (?:year|yr|spring|summer|fall|"
            r"autumn|winter|christmas|xmas|thanksgiving)|years ago|years back|"
            r"back in (?:19|20)[0-9][0-9]|in (?:19|20)[0-9][0-9]|(?:in|during) (?:vietnam|nam|"
            r"korea|iraq|afghanistan|kuwait|desert storm|the gulf war|the war|combat|world war "
            r"(?:2|ii)|ww2|wwii))\b")

# Violence that "used to" happen, in a sentence that says nothing of now: a history the
# caller gives ("her ex used to beat her, he has been in prison since 2022").
HABITUAL_PAST = (r"^(?!.*\b(?:again|tonight|today|now|right now|currently|still|this (?:morning|"
                 r"afternoon|evening|week)|just|minutes?|mins?|hours?|hrs?|is back|came back|"
                 r"showed up|outside|here)\b).*\bused to\b")
LONG_AGO_OR_HABITUAL = f"(?:{LONG_AGO})|(?:{HABITUAL_PAST})"

# The same for a weapon word, unless the sentence also puts a weapon in hand now.
LONG_AGO_WEAPON = (r"^(?!.*\b(?:(?:has|have|had|got) (?:a|an|his|her|their|the|one|two|guns?|"
                   r"knives|weapons?)|carr\w*|holding|armed|with (?:a|an|his|her)|"
                   r"in (?:his|her|their) (?:hand|pocket|waistband|car|room)|at home|in the "
                   r"(?:house|home|car))\b)" + LONG_AGO[1:])

# Violence by someone now locked up, told as what was: "her ex who beat her is in prison
# since last year" (unless he is out, back or there now)
AGGRESSOR_LOCKED_UP = (r"^(?!.*\b(?:got out|gets out|released|out of (?:prison|jail)|is back|"
                       r"came back|showed up|outside|here now|escaped|paroled|on parole|"
                       r"out on)\b).*\b(?:is|s|has been|been|was sent to|went to|went back to|now|"
                       r"still|currently) (?:in )?"
                       r"(?:prison|jail|the pen|federal prison|state prison|incarcerated|locked up|"
                       r"behind bars)\b")

# A theft that is not over: a stolen vehicle seen now and followed by its owner
STOLEN_SEEN_NOW = (r"\b(?:stolen (?:\w+ ){0,5}(?:just )?(?:passed|went by|drove by)|(?:i am |i m |"
                   r"im |he is |she is |hes |shes |rp is |caller is )?following (?:it|them|the car|"
                   r"the truck|my car|his car|her car))\b")

# It happened minutes ago, or the caller says it just did: police can still catch it
JUST_HAPPENED = alternatives(
    r"just happened", r"just occurred", r"just occurr\w*", r"moments ago",
    r"just now(?! (?:getting|got|calling|called|reporting|noticed|noticing|found|finding|saw|"
    r"seeing|realized|checking|checked|reviewing|reviewed|watching|watched|looking|looked|"
    r"going through|went through|pulling up|pulled up)\b)",
    # minutes, not most of an hour: 45 minutes ago and gone is a report to take. When it
    # was found says nothing of when it was done ("found it 20 min ago", after shopping)
    r"(?<!found )(?<!found it )(?<!found them )(?<!found this )(?<!noticed )(?<!noticed it )"
    r"(?<!noticed them )(?<!discovered )(?<!discovered it )(?<!saw it )(?<!realized )"
    r"(?<!found out )(?<!found the damage )"
    r"(?:a )?(?:few|couple|[1-9]|1[0-9]|20|one|two|five|ten|fifteen|twenty) (?:min|mins|minutes) "
    r"ago", r"less than (?:a|one|[1-9]|1[0-9]|20|two|five|ten) (?:min|mins|minute|minutes) ago",
    r"just occ", r"just occd",
    r"just (?:took|grabbed|stole|snatched) (?:my|her|his|the|a|their|our)",
    r"just (?:ran|drove|left|took off) (?:off|away|out|the|down|toward)",
    r"just (?:broke in|broke into|pushed)",
)

# "in progress", not a place named for it ("the lot in Progress Corporate Park")
IN_PROGRESS = (r"in progress(?! (?:corporate|park|energy|rail|business|industrial|village|plaza|"
               r"center|centre|ave|avenue|st|street|rd|road|blvd|dr|drive|way|lane|ln|pkwy|"
               r"parkway)\b)")

"""Warning signs of suicide told in everyday words, beyond talk of dying: the caller's
relative saying he is a burden or that everyone would be better off without him (the
988 Suicide & Crisis Lifeline's and AFSP's lists of warning signs: "talking about being
a burden to others"). Beside the means at hand they are intent (the safety layer's
``INTENT``)."""

from __future__ import annotations

from services.triage.lexicon_words import alternatives

_WHO = r"(?:me|him|her|them|us)"

WARNING_SIGNS = alternatives(
    # "said he wasn't going to be a burden", "won't be a burden anymore"
    r"(?:wasnt|wasn t|was not|isnt|is not|wont|won t|will not|not|never) (?:going to |gonna )?"
    r"be a burden",
    r"(?:tired|sick) of being a burden", r"(?:s|is|am|m) (?:just )?a burden",
    # a murder-suicide told as company ("everybody's going with me", "taking you all with me")
    r"(?:everybody|everyone|you|you all|yall|they|the whole building|all of you|all of us) "
    r"(?:is |s |are |re )?(?:going|coming) (?:down )?with me",
    r"(?:take|taking|gonna take|going to take) (?:(?:everybody|everyone|you all|yall|them|all of "
    r"(?:you|them|us)|(?:us|them|you) all) |(?:this|the|that) (?:whole|entire) (?:\w+ ){1,2}?)"
    r"(?:down )?with (?:me|her|him)\b(?! (?:to|on|for|when|if|and go|on vacation)\b)",
    # walking into traffic "yelling he wants to get hit"
    r"(?:wants?|wanting|wanted|trying|tries|tried|hoping) (?:to )?(?:get|be) (?:hit|run over)\b",
    r"(?:wants?|wanting|trying to get|hoping) (?:a |the |some )?(?:car|truck|train|semi|bus|"
    r"driver|cars|trucks) to (?:hit|run over) (?:him|her|them|me)\b",
    # "today is the last day", "won't see tomorrow": a date set (988 warning signs: talking
    # about wanting to die, a plan); not the last day of school or to sign up
    r"(?:today|tonight|this) (?:is|s|will be|gonna be) (?:the|my|his|her) last (?:day|night)\b"
    r"(?! (?:of|to|for|at|before|on|in)\b)", r"last day on earth",
    # told by the one who means it: "she won't see tomorrow" from an ex is a threat
    r"\bi (?:won t|wont|will not|m not gonna|m not going to|ain t gonna|aint gonna) (?:see|make "
    r"it to|be here|be around) (?:tomorrow|the morning|morning)",
    # "i just want it over"
    r"(?:want|wants|wanted|wanna) (?:it|this|everything|it all) (?:all )?(?:to be )?over"
    r"(?! with\b)",
    # "I already took like 10 and I'm going to take the rest"
    r"(?:gonna|going to|will|ll) (?:take|swallow|down|drink) (?:the rest|all the rest|all of them|"
    r"the whole bottle|the whole jug)",
    # a farewell told as leaving for good ("texted 'I'm not coming back'"), not a return
    # that is only delayed or a place left ("not coming back to work", "till Monday")
    r"(?:im|i m|i am|i|he s|hes|he is|she s|shes|she is|they re|theyre|they are|he|she|they) "
    r"(?:not|never|wont|won t|will not|aint) (?:ever )?(?:be )?coming back"
    r"(?! (?:to|for|until|till|til|here|there|tonight|today|this|next|home|in|after|before)\b)",
    r"(?:everyone|everybody|they|you|the family|the kids|his family|her family|we) (?:would be|"
    r"will be|d be|ll be|are|is|be|s|re) (?:all )?better off without " + _WHO,
)

# a last message or video as a farewell; "last text 5 min ago" is only the latest one
FAREWELL_MESSAGE = (
    r"final (?:video|post|message|text|goodbye|live|stream)|last (?:video|post|message|text|"
    r"goodbye|live|stream)(?! (?:was |came in |came |received |sent )?(?:at |about |around |"
    r"approx |like )?(?:[0-9]+|a few|few|an?|one|two|three|five|ten|fifteen|twenty) ?(?:min|mins|"
    r"minutes|hr|hrs|hours|sec|secs|seconds|am|pm|[0-5][0-9])\b)")

# a plan to die told as a drive ("going to drive off the causeway into the bay") or a step
# in front of traffic: with the keys taken, an attempt under way (the safety layer reads it
# as an imminent risk)
DRIVE_TO_DIE = alternatives(
    r"(?:going to|gonna|will|ll|d|wants to|wanna|threaten\w* to|plans to|planning to) (?:just )?"
    r"(?:drive|steer|run|ram|crash) (?:\w+ ){0,2}(?:off|into|over) (?:the |a |an )?"
    r"(?:causeway|bridge|cliff|overpass|pier|dam|bluff|edge|embankment|river|bay|lake|canal|"
    r"quarry|ocean|gulf|wall|tree|train|semi|oncoming traffic|rocks|gorge|canyon|abutment)",
    # or told as under way ("im putting it into the rocks in the gorge", texted from the
    # road)
    r"(?:i m|im|i am|he s|hes|he is|she s|shes|she is) (?:just )?(?:putting|driving|steering|"
    r"crashing|running|taking|aiming) (?:it|the \w+|my \w+|his \w+|her \w+) (?:\w+ ){0,2}"
    r"(?:off|into|over) (?:the |a |an )?(?:rocks|gorge|canyon|causeway|bridge|cliff|overpass|"
    r"pier|dam|bluff|embankment|river|bay|lake|canal|quarry|ocean|gulf|wall|tree|train|semi|"
    r"oncoming traffic|abutment)\b",
    # or as a step into traffic ("said he'd walk in front of a semi")
    r"(?:going to|gonna|will|ll|d|hed|shed|id|wants to|wanna|threaten\w* to|plans to|"
    r"planning to|about to|try to) (?:just )?(?:go )?(?:walk|step|jump|run|throw (?:himself|"
    r"herself|myself)) (?:out )?(?:in front of|into) (?:the |a |an )?(?:oncoming )?(?:semi|semis|"
    r"truck|trucks|train|bus|car|cars|traffic|18 wheeler|eighteen wheeler)\b",
)

# suicidality told as history ("was suicidal last spring, doing a lot better now", "tried
# to kill himself 2 yrs ago but he's doing great now"), nothing saying it is back: both
# canonical texts rewrite it (lexicon_scope's shared rewrites)
_WHEN_BEFORE = (r"(?:last (?:spring|summer|fall|winter|year|yr)|(?:[0-9]+|a few|few|several|two|"
                r"three|a couple of|a couple) (?:years?|yrs?) ago|years ago|back in (?:19|20)"
                r"[0-9]{2}|in (?:19|20)[0-9]{2}|a while back|in high school|in college)")
_SUICIDALITY = (
    r"\b(?:was|been|were|had been) suicidal|(?:tried|attempted) to kill (?:himself|herself|"
    r"themselves|themself)|attempted suicide|had a suicide attempt")
SUICIDALITY_BEFORE = (r"\b(?:" + _SUICIDALITY + r") ((?:\w+ ){0,2}?" + _WHEN_BEFORE
                      + r")\b(?![\w ,]{0,40}\b(?:again|tonight|today|right now|this week)\b)")

# self-harm told as done (EMD protocol 25, "self-inflicted"; crisis-line guides list
# cutting as the commonest): "slit her wrists", "I cut myself with a razor". A forearm
# sliced opening a case is an accident, so "cut myself" needs a sign of intent ("on
# purpose", "again", a razor blade) and an arm or a leg is left to the rest of the call.
SELF_CUTTING = alternatives(
    r"(?:slit|slits|slitting|slashed|slashes|slashing|sliced|slices|slicing|cut) (?:open )?"
    r"(?:my|his|her|their) (?:own )?wrists?\b",
    # (a throat cut threatened at someone else, "he'll slit her throat", is read as the
    # threat it is before this: lexicon_figures.THROAT_THREAT)
    r"(?:slit|slits|slitting|slashed|slashing|sliced|cut) (?:open )?(?:my|his|her|their) "
    r"(?:own )?throat\b",
    r"(?:cut|cuts|slashed|sliced) (?:himself|herself|themselves|themself|myself)\b"
    r"(?![^.]{0,60}\b(?:shaving|at work|cooking|chopping|carving|whittling|slicing|on (?:a|the) "
    r"(?:saw|glass|fence|knife|can|lid|mower|blade of)))"
    r"(?= (?:\w+ ){0,4}?(?:on purpose|intentionally|deliberately|again|"
    r"(?:with|using) (?:a |the |her |his |my |their )?(?:razor|razor blade|razors|blade|"
    r"blades|box ?cutter|scissors|broken glass|piece of glass|sharpener blade)))",
)

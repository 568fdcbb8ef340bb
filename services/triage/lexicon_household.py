"""Around a home: someone working at its doors and windows from outside (a burglary being
tried), and threats the caller heard that came from a game or a screen, not a person.

Sources: NIBRS burglary/breaking and entering (an attempt counts as the offence), and the
call-taker's key question for a prowler or burglary call: is anyone trying to get in now.
"""

from __future__ import annotations

_OPENINGS = (r"(?:door ?knobs?|knobs?|door handles?|handles?|doors?|windows?|locks?|sliders?|"
             r"sliding (?:glass )?doors?|screens?|deadbolts?)")
_AT_IT = (r"(?:trying|tried|jiggling|jiggled|rattling|rattled|turning|pulling (?:on|at)|"
          r"yanking (?:on|at)|testing|checking|prying (?:on|at)|shaking|banging on|kicking at|"
          r"working on)")
# up to two words before the opening, none of them a vehicle's (car doors are tried in a
# parking lot, a different call with its own timing)
_NOT_A_VEHICLES = (r"(?:(?!(?:car|cars|vehicle|vehicles|truck|trucks|van|vans|suv|suvs)\b)\w+ )"
                   r"{0,2}")
# a stranger at the openings of a home: no relative comes in through the window
_STRANGER = (r"(?:someone|somebody|a man|a guy|a woman|a person|people|unk(?:nown)? "
             r"(?:male|female|person|subject|subj)|(?:a |an |some |two |2 )?(?:unknown |strange "
             r")?(?:males?|guys?|men|subjects?|subjs?|suspects?|persons?))")

_STRANGER_NOW = _STRANGER + r" (?:is |are |s |keeps |kept |just |now |still )*"
# A stranger at a home's doors or windows right now, from outside: a crime (a relative at
# the door is not one).
ENTRY_BY_A_STRANGER = (
    _STRANGER_NOW + _AT_IT + r" (?:the |my |her |his |our |their |a |every )?" + _NOT_A_VEHICLES
    + _OPENINGS,
    _STRANGER_NOW + r"(?:trying|tried|attempting) to (?:get|break|come|force (?:his|her|their|"
    r"the) way) in(?:to|side)?(?! touch)",
)
# The same, and told without a subject once one was named ("... and now rattling the
# window"): someone is there now.
ATTEMPTED_ENTRY = (
    *ENTRY_BY_A_STRANGER,
    r"(?:now|still|and|keeps|is|are) " + _AT_IT + r" (?:the |my |her |his |our |their |a )?"
    + _NOT_A_VEHICLES + r"(?:windows?|screens?|sliders?|sliding (?:glass )?doors?|door ?knobs?|"
    r"back door|front door|side door)",
)

# A threat heard, then found to be a game, a show or a film ("yelling 'I'm gonna kill you'
# ... then realized he's playing Fortnite online with his headset on"): a sentence that
# says so holds no threat of harm.
SCREEN_TALK = (
    r"\b(?:realized|realised|turns out|turned out|found out|it was just|was just|it s just|its "
    r"just|only) (?:\w+ ){0,3}(?:playing|gaming|streaming|watching|on) (?:\w+ ){0,3}(?:fortnite|"
    r"call of duty|cod|xbox|playstation|ps4|ps5|video ?games?|games? online|online games?|online|"
    r"a game|the game|his game|her game|minecraft|roblox|gta|a movie|the movie|a show|the tv|tv|"
    r"his headset|her headset|a headset|the headset|discord|twitch)\b"
    r"|\b(?:it was|it s|its) (?:just |only )?(?:the tv|a movie|a show|a game|the game|a video "
    r"game|his game|the radio)\b")

# a light moving inside a building nobody should be in: someone is there now
LIGHT_INSIDE = (r"(?:a )?(?:lights?|flashlights?|headlamps?) (?:\w+ ){0,2}(?:moving|walking|going|"
                r"bouncing) (?:around )?(?:inside\b(?! (?:of )?(?:his|her|my|their|the) "
                r"(?:car|truck|van))|in (?:\w+ ){0,2}(?:barn|shed|garage|house|home|cabin|shop|"
                r"store|building|trailer|church|school|office|basement|attic))")

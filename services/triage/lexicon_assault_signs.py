"""Force on people told by the object or the person it was used on, beyond the named
weapons: anything swung or jabbed at people ("swinging a gaff hook at boaters", "jabbing
an oar at the kids"; arms, fists, flags and lights swung are no weapon), and a child
grabbed by someone who is not family ("grabbed a little boy by the arm saying he'd
baptize him in the gulf"). Sources: NIBRS 13A (aggravated assault with "other dangerous
weapon": any object used to threaten or injure); the call-taker's question "is anyone in
danger right now?"."""

from __future__ import annotations

_PEOPLE = (r"(?:people|boaters|customers|kids|children|staff|patrons|shoppers|passersby|"
           r"pedestrians|fans|campers|swimmers|fishermen|workers|neighbors|tourists|riders|"
           r"passengers|guests|students|anyone|everyone|everybody)")

# an object swung or jabbed at people, whatever it is
OBJECT_SWUNG_AT_PEOPLE = (
    r"(?:swinging|swung|swings|jabbing|jabbed|lunging|thrusting) (?:a|an|the|his|her|their) "
    r"(?!(?:arms?|hands?|fists?|flags?|signs?|towels?|shirts?|jackets?|hats?|lights?)\b)"
    r"(?:\w+ ){1,3}(?:at|toward|towards) (?:the |some |a group of |other )?" + _PEOPLE + r"\b")

# a child grabbed by a stranger or by someone in crisis (not a parent taking a hand)
CHILD_GRABBED = (
    r"(?<!mom )(?<!dad )(?<!mother )(?<!father )(?<!parent )(?<!grandma )(?<!grandpa )"
    r"(?:grabbed|grabbing|grabs|snatched|snatching|picked up|yanked) (?:a|some|another|this|"
    r"that|somebody s|someone s) (?:little |young |small )?(?:boy|girl|kid|child|toddler|baby)\b")

# a vehicle or a machine used on a person ("chased his mom w/ the skid steer", "tried to
# run her over"): an assault with a vehicle (NIBRS 13A)
VEHICLE_AS_WEAPON = (
    r"(?:chased|chasing|went after|going after|drove at|driving at|aimed|aiming) (?:\w+ ){0,2}"
    r"(?:w|with) (?:it|the (?:\w+ )?(?:skid steer|tractor|truck|car|atv|loader|forklift|mower|"
    r"van|suv|pickup|bobcat|excavator))\b|(?:tried|trying|tries) to run (?:him|her|them|me|us|"
    r"(?:his|her|their|my) \w+) (?:over|down)\b")

# a person pinned to a wall or held by the throat ("has another staff member pinned
# against the wall w/ his forearm on her throat"): strangulation, NIBRS 13A, whatever the
# caller calls it
PINNED_OR_CHOKED = (
    r"(?:forearm|arm|knee|hands?|elbow|foot|shin) (?:\w+ )?(?:on|across|against|around|into) "
    r"(?:her|his|their|my|the \w+ s|rp s|staff s) (?:throat|neck|windpipe)",
    r"(?:has|had|got|is holding|holding|was holding) (?:\w+ ){0,3}pinned (?:down )?(?:against|to|"
    r"on) (?:the |a )?(?:wall|floor|ground|door|counter|bed|couch|locker|fence|car|hood|lockers)",
)

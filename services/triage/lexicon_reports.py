"""What makes a call a report to take: damage told by what was done to things, a deed seen
on a video taken earlier, a drive-off long gone. Shared rewrites (see
``lexicon_scope.SHARED_REWRITES``): both canonical texts read these phrases alike.

Sources: NIBRS 290 destruction/damage/vandalism; the call-taker's timing question ("when
did it happen?"); agencies' practice of taking fuel drive-offs by report.
"""

from __future__ import annotations

# the same, told things first within the sentence ("6 mailboxes smashed overnight, looks
# like somebody hit them w a bat out of a truck"): "them" is the things
THINGS_ATTACKED_BEFORE = (
    r"\b((?:mailbox\w*|mail boxes|gnomes?|signs|inflatables?|pumpkins?|decorations?|fences?|"
    r"windows|windshields?|headlights?|tail ?lights?)\b(?: [\w,]+){0,16}?) (?:hit|smashed|"
    r"""struck|whacked|bashed|beat)['"]? (it|them|em)(?: (?:w|with) (?:a |an )?(?:bat|"""
    r"baseball bat|club|hammer|pipe|crowbar|tire iron|golf club|rock|brick))?\b")

# "knife cuts in each" of the slashed things is how they were damaged, not a knife at hand
KNIFE_MARKS_IN_THINGS = (
    r"\b(?:knife|blade) (cuts?|marks?|holes?|slash(?:es)?|slits?|gash(?:es)?)(?= in (?:each|"
    r"every one|them|it|all|both|the (?:tires?|tyres?|sidewalls?|inflatables?|seats?|roof|top|"
    r"tent|screens?|canvas|tarp|pool|siding)))")

# what a video or photo shows people doing was done when it was taken ("video of kids spray
# painting the dumpster last nite"), not now: unless the call says now, it is no deed in
# progress
VIDEO_OF_A_DEED = (
    r"\b((?:video|videos|footage|clip|recording|photos?|pictures?|pics?) (?:\w+ ){0,2}?of) "
    r"((?:the |some |two |2 |three |3 |a )?(?:kids|teens|people|guys|men|man|guy|woman|male|"
    r"female|kid|someone|somebody|males|females|subjects?|suspects?|juveniles|juvs)) "
    r"(?=(?:spray ?painting|tagging|breaking|stealing|taking|smashing|cutting|loading|throwing|"
    r"slashing|kicking|prying|siphoning|stripping|carrying|grabbing)\b)"
    r"(?!.*\b(?:right now|live|as we speak|happening now|still)\b)")

# a fuel drive-off ten minutes or more ago is gone with the car: a report for the station
# (agencies take drive-offs by report), not a chase; a few minutes ago still keeps police
FUEL_DRIVE_OFF_EARLIER = (
    r"\b((?:pumped|filled up|fueled up|got gas|put) (?:\S+ ){0,8}?(?:and )?(?:left|drove off|"
    r"took off|drove away|pulled off|pulled out)(?: \S+){0,4}? |drive ?-?offs? (?:\S+ )?)"
    r"(?:abt |about |approx |around |like )?(?:1[0-9]|[2-5][0-9]|ten|fifteen|twenty|thirty|forty) "
    r"(?:min|mins|minutes) ago\b")

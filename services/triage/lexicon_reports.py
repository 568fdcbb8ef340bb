"""What makes a call a report to take: damage told by what was done to things (tyres
"stabbed", windows "knocked out" or "shot up", a mailbox hit with a bat, a car "still
there"), a deed seen on a video taken earlier, a drive-off long gone. Shared rewrites (see
``lexicon_scope.SHARED_REWRITES``): both canonical texts read these phrases alike.

Sources: NIBRS 290 destruction/damage/vandalism; the call-taker's timing question ("when
did it happen?"); agencies' practice of taking fuel drive-offs by report.
"""

from __future__ import annotations

# garden gnomes "attacked" or a mailbox hit with a bat: damage to things
THINGS_ATTACKED = (
    r"""\b(?:attacked|hit|smashed|struck|whacked|bashed)['"]? (?:her |his |their |my |the |our )?"""
    r"(garden \w+|gnomes?|mailbox\w*|it|them|fence|sign|decorations?|inflatables?|pumpkins?|"
    r"snowman|lawn \w+)(?: (?:w|with) (?:a |an )?(?:bat|baseball bat|club|hammer|pipe|crowbar|"
    r"tire iron|golf club|rock|brick))?\b(?= (?:[\w,.]+ ){0,12}(?:overnight|smashed|broken|down|"
    r"damaged|report|no one|nobody|mailbox\w*))")
# a car beaten with a bat overnight: damage found, not a beating ("someone beat up his car
# with a bat overnite, headlights busted, found it this AM")
CAR_BEATEN = (
    r"""\b(?:beat up|beat on|bashed in|bashed|smashed up|took a bat to)['"]? (?:her |his |their |"""
    r"my |the |our )?(car|truck|van|suv|vehicle|jeep|windshield)(?: (?:w|with) (?:a |an )?(?:bat|"
    r"baseball bat|club|hammer|pipe|crowbar|tire iron|golf club|rock|brick))?\b(?= (?:[\w,.]+ )"
    r"{0,12}(?:overnight|overnite|last night|found|report|insurance|no one|nobody|no idea))")
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
# painting the dumpster last nite", "Ring cam caught a guy breaking into his truck"), not
# now: unless the call says now, it is no deed in progress
VIDEO_OF_A_DEED = (
    r"\b((?:video|videos|footage|clip|recording|photos?|pictures?|pics?) (?:\w+ ){0,8}?of|"
    r"(?:video|footage|clip|recording|camera|cameras|cam|cctv|surveillance)['\"]? ['\"]?"
    r"(?:\w+ ){0,2}?(?:shows|showed|caught|captured|recorded|got)['\"]?) "
    r"((?:the |some |two |2 |three |3 |a )?(?:kids|teens|people|guys|men|man|guy|woman|male|"
    r"female|kid|someone|somebody|males|females|subjects?|suspects?|juveniles|juvs)) "
    r"(?=(?:spray ?painting|tagging|breaking|stealing|taking|smashing|cutting|loading|throwing|"
    r"slashing|kicking|prying|siphoning|stripping|carrying|grabbing)\b)"
    r"(?!.*\b(?:right now|live|as we speak|happening now|(?<!tags )(?<!tag )(?<!graffiti )"
    r"(?<!paint )(?<!damage )(?<!mess )(?<!it s )(?<!its )still)\b)")

# a fuel drive-off ten minutes or more ago is gone with the car: a report for the station
# (agencies take drive-offs by report), not a chase; a few minutes ago still keeps police
FUEL_DRIVE_OFF_EARLIER = (
    r"\b((?:pumped|filled up|fueled up|got gas|put) (?:\S+ ){0,8}?(?:and )?(?:left|drove off|"
    r"took off|drove away|pulled off|pulled out)(?: \S+){0,4}? |drive ?-?offs? (?:\S+ )?)"
    r"(?:abt |about |approx |around |like )?(?:1[0-9]|[2-5][0-9]|ten|fifteen|twenty|thirty|forty) "
    r"(?:min|mins|minutes) ago\b")

# a car or a thing still there is not a suspect still there
THING_STILL_THERE = (
    r"\b(car|truck|vehicle|van|suv|bike|items?|stuff|package|trailer|boat|"
    r"tv|rock|brick|stone|glass|tool|key|belonging|thing|bottle|debris|mess|paint can|"
    r"crowbar|ladder|tag|graffiti|paint|tractor|combine|mower|atv|camper|excavator|skid steer|"
    r"forklift|equipment|machine|hole|bolt hole|mark|pry mark|shard|stump|post|pedestal|sled|"
    r"snowmobile|jet ski|kayak|canoe|motorcycle|generator|chair|grill)s? "
    r"(?:is |are |was |were )?still (?:there|here|parked|"
    r"inside|on the \w+|in the \w+)\b")

# tyres and seats "stabbed" are slashed, and the knife left in one is no weapon in a hand
STABBED_THINGS = (
    r"\bstabbed ((?:all |both )?(?:[0-9]+ |four |two |three )?(?:of )?(?:the |his |her |my |their |"
    r"our )?(?:[0-9]+ |four |two |three |both )?(?:front |back |rear |passenger |driver s |"
    r"drivers |spare )?(?:tires?|tyres?|seats?|couch|sofa|mattress|"
    r"upholstery|convertible top|tent|pool|raft))\b")

LEFT_STUCK_IN = (
    r"\b(?:knife|blade|screwdriver|ice pick) (?:is |was )?(?:still )?(?:stuck|left|sticking out|"
    r"lodged|embedded)(?: out)?(?: of)? in (?:the |a |one |his |her |their )?(?:back |front |rear |"
    r"left |right )?(tires?|tyres?|one|seat|door|wall|tree|fence|sidewall)\b")

# fence panels or windows knocked out are broken out; nobody was knocked out
THINGS_KNOCKED_OUT = (
    r"\b((?:fence |window |glass )?(?:panels?|boards?|slats?|windows?|glass|screens?|lights?|"
    r"bulbs?|pickets?|posts?|bricks?|blocks?)) (?:were |was |got |been |are |is )?knocked out\b")

# windows shot out with a BB or pellet gun, found later: damage done with pellets
PELLETS_SHOT_OUT = (r"\bshot out (?:w|with|by) (?:a |an )?(?:bb|pellet|airsoft)(?: (?:or|/) "
                    r"(?:a )?(?:bb|pellet|airsoft))? (?:gun|rifle|pistol)s?\b")

# "w/ a BB gun", "with what looks like a pellet gun": the damage's instrument, pellets
_BY_PELLETS = (r"(?:w|with|by|from) (?:what (?:looks|looked) like |maybe |probably |possibly |"
               r"prob |like )?(?:a |an )?(?:bb|pellet|airsoft|paintball|slingshot|sling shot)"
               r"(?: (?:gun|guns|rifle|pistol)|s)?\b")

# what gets shot out or shot up by vandals ("shot out 4 windows", "shot the street lights")
SHOT_AT_THINGS = (
    r"(?:windows?|windshields?|windscreens?|glass|(?:street ?|porch |flood ?|tail ?|head ?)?"
    r"lights?|lamps?|bulbs?|tires?|tyres?|signs?|cameras?|mirrors?|transformers?|insulators?|"
    r"(?:solar )?panels?|skylights?|greenhouse|siding|mailbox(?:es)?|sliders?|slider doors?|"
    r"garage doors?|parked (?:car|truck|van|suv|vehicle|pickup)s?)")

# "shot out 4 windows on the portable classrooms ... w/ a BB gun over the weekend": the
# thing named first and the pellets far after; damage done with pellets
THINGS_SHOT_WITH_PELLETS = (
    r"\bshot(?: out| up| at)? ((?:\w+ ){0,3}?" + SHOT_AT_THINGS + r"\b(?: \w+){0,12}?) "
    + _BY_PELLETS)

# windshields "busted w/ what looks like a BB gun": damage done with pellets, told by
# the damage (a BB or pellet gun is a weapon only when it is aimed at somebody)
DAMAGED_WITH_PELLETS = (
    r"\b(busted|broken|broke|cracked|shot out|damaged|dented|pocked|holes|dinged|shattered)"
    r"((?: \w+){0,4}?) " + _BY_PELLETS)

# the tool guessed from what it left ("small round holes, looks like a BB gun", "smashed,
# looks like a baseball bat"): damage found after the fact; "with what looks like a bat"
# is a sighting and stays one
INSTRUMENT_GUESSED = (
    r"\b(?<!what )(?:looks?|looked|looking) like (?:a |an |somebody used a |someone used a |they "
    r"used a |it was a )?(?:bb|pellet|airsoft|paintball|slingshot|baseball bat|bat|hammer|crowbar|"
    r"sledge ?hammer|golf club|tire iron)(?: gun| rifle| pistol)?\b|\b(?:baseball bat|bat|hammer|"
    r"crowbar|sledge ?hammer|golf club|tire iron|rock) style\b")

# inflatables, tyres or lines "slashed w a knife" overnight: damage told with the tool
THINGS_SLASHED_WITH_A_KNIFE = (
    r"\b(inflatables?|tires?|tyres?|seats?|screens?|tarps?|tents?|hoses?|lines?|mainlines?|"
    r"cushions?|pools?|bounce house|awnings?|canopy|canopies|banners?|signs?|flags?|upholstery|"
    r"convertible top|soft top)((?: \w+){0,4}) (?:slashed|cut|punctured|stabbed|sliced) (?:w|with) "
    r"(?:a |an )?(?:knife|blade|box ?cutter|razor|pocket ?knife)\b")

# "after his DUI arrest": a charge in the past, not a drunk driver on the road now
DUI_BEFORE = (r"\b(?:after|since|from|because of|over) (?:his|her|their|a|the|my) (?:last |recent |"
              r"second |2nd |third |3rd |first )?(?:dui|dwi|owi|oui)(?: arrest| charge| conviction|"
              r" case)?\b")

# "got arrested for fighting a couple yrs ago": a record, told with when it was
ARREST_YEARS_AGO = (
    r"\b(?:got |was |been |were )?(?:arrested|locked up|jailed|charged|convicted|booked|did time|"
    r"went to jail|went to prison) (?:for|over) (?:a |an )?(?:fighting|fights?|assault\w*|"
    r"battery|brawling|domestic\w*|dv|stabbing|shooting|robbery|weapons?|gun charges?) (?:\w+ )"
    r"{0,3}?(?:(?:[0-9]+|a few|few|several|many|a couple of|a couple|couple|two|three|four|five|"
    r"six|ten) (?:yrs?|years?|months?|mos?) ago|back in (?:19|20)[0-9]{2}|in (?:19|20)[0-9]{2}|"
    r"last year|years back|years ago|when (?:he|she) was (?:young|a kid|a teen|in high school))\b")

# "his wife fainted last week and they were back today for her follow up": an episode
# told with when it was, nothing saying it is back
EPISODE_BEFORE = (
    r"\b(?:fainted|passed out|blacked out|had (?:a |another )?(?:seizure|syncopal episode)|"
    r"overdosed|od\W?d|oded)((?: \w+){0,3}? (?:last (?:week|wk|month|year|yr|night)|(?:[0-9]+|"
    r"a few|few|couple|two|three|several) (?:days|weeks|wks|months|years|yrs) ago|the other day|"
    r"yesterday|back in (?:19|20)[0-9]{2}|in (?:19|20)[0-9]{2}|years ago|a while back))\b"
    r"(?! (?:and|but|&) (?:again|still|now|today|tonight|(?:is|s) (?:still|now|again|"
    r"unresponsive|unconscious|not breathing|passed out|out))\b)")

# words spray painted on a wall ("'MEAT IS MURDER' spray painted on the barn") are
# graffiti, whatever they say
GRAFFITI_WORDS = (
    r"""(?<!\w)['"](?:(?!['"](?!\w)).){0,80}?['"](?!\w) (?:was |were |got |been )?(?:spray ?"""
    r"painted|painted|written|scrawled|tagged|carved|keyed|scratched)\b")

# a house, a car or a sign "shot up" (with paint, pellets or eggs): damage to things
THINGS_SHOT_UP = (r"""\bshot up['"]? (?:his |her |their |my |the |our |a )?((?:\w+ ){0,2}"""
                  r"(?:garage|door|"
                  r"house|home|car|truck|mailbox|sign|windows?|fence|shed|trailer|van|boat|"
                  r"building|store|siding))\b")

# a ball that broke her back window broke a window
BROKE_BACK_WINDOW = (r"\bbroke (her|his|their|my|the|a) back (window|windows|door|gate|fence|"
                     r"porch light|light|windshield|glass|slider|screen|tail ?light)\b")

# "there's been a 'robbery' at her daddy's camp ... clarifies she last went a month ago":
# the caller's word for a burglary, taken back by the call-taker's next question
ROBBERY_TAKEN_BACK = (r"""\b(?:a|an|been)['"]? ['"]?(?:robbery|home invasion)['"]?"""
                      r"(?=(?:\W+\w+){0,10}\W+(?:clarified|clarifies|on (?:further )?"
                      r"questioning)\b)")

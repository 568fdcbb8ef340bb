"""Signs of harm a caller describes without the clinical word, each a family from the
emergency medical dispatch protocols' key questions and the NFIRS rescue series.

* Injury told by what it looks like (EMD protocol 4, assault: "any injuries?"): a swollen
  or black eye, a split lip, a loose or knocked-out tooth; a person cut "on the forearm"
  or "the other's hand" cut; "lots of blood" (EMD 21, haemorrhage).
* Bites and stings that poison (EMD protocol 3, animal bites, and 2, allergies/envenomation):
  a rattlesnake, copperhead or cottonmouth, a brown recluse or a black widow, a scorpion.
* A ligature already around the neck (EMD protocol 25 hanging key question), whatever else
  the call says of intent.
* People trapped in a wreck (NFIRS 322-324 and 352 extrication): a car wedged under a
  trailer, people screaming inside it; a multi-vehicle pileup.
* Water that carries a person off (NFIRS 361-365 water rescue): pulled or swept
  downstream, only the head still seen, water up to the waist; ice broken through, or
  someone walking out on it after whoever fell in.
* Fuel pouring from a ruptured tank (NFIRS 411-413 spills): a hazard for fire crews.
"""

from __future__ import annotations

from services.triage.lexicon_medical import BODY_PART

_FACE = r"(?:eye|eyes|face|lip|lips|nose|jaw|cheek|cheekbone|forehead)"
_PROJECTILE = (r"(?:ball|baseball|softball|golf ball|puck|hockey puck|pitch|pitched ball|"
               r"line drive|foul ball|soccer ball|volleyball|basketball|football|frisbee|discus|"
               r"javelin|shot put|lacrosse ball|tennis ball|pickleball)\b")
INJURY_SIGNS = (
    # a sprain or a break told by what happened to the joint (EMD 30 traumatic injuries)
    r"(?:rolled|twisted|sprained|broke|dislocated|jammed|snapped) (?:his|her|their|my) (?:\w+ )?"
    r"(?:ankle|wrist|knee|shoulder|elbow|foot|leg|arm|hip|collarbone|finger|fingers)",
    r"(?:can not|cant|can t|unable to|could not|couldnt) (?:put|bear) (?:any )?weight on",
    r"(?:swollen|swelling|puffy|bruised|busted|split|bloodied) (?:up )?(?:his |her |their |my |"
    r"right |left )*" + _FACE,
    r"(?:black|bloody) eyes?",
    r"(?:loose|chipped|broken|cracked|knocked out|lost) (?:a |his |her |their |my |one |two |2 |"
    r"some )?(?:front |bottom |top )?(?:tooth|teeth)",
    r"(?:cut|slashed|sliced|stabbed|nicked|gashed) (?:him|her|them|me|his \w+|her \w+|their \w+|"
    r"the \w+|a \w+)(?: \w+)? (?:on|in|across) (?:the |his |her |their |my )?" + BODY_PART,
    # the wound named by whose body part it is ("cut the other's hand", "slashed the other
    # guys arm")
    r"(?:cut|slashed|sliced|stabbed|gashed) (?:the other (?:one |guy |man |male |woman |"
    r"person |girl |boy )?s|the other (?:guys|mans|males|womans|persons|girls|boys|ones)|the "
    r"(?:victim|guy|man|male|woman|kid|clerk|driver)s?(?: s)?) (?:left |right )?" + BODY_PART,
    # struck by a ball or a puck in play (EMD 30 traumatic injuries), and a head struck told
    # by its bump (EMD 17's key question: is he completely alert?)
    r"(?:hit|struck|smacked|beaned|nailed|drilled|clipped|plunked|conked) (?:\w+ ){0,4}(?:by|with) "
    r"(?:a |an |the )?(?:foul |stray |errant |wild |line drive )?" + _PROJECTILE,
    r"(?:took|caught|got) (?:a |an |the )?(?:foul |stray |errant |wild )?" + _PROJECTILE
    + r" (?:to|in|off) (?:the |his |her |their |my )?(?:\w+ )?(?:face|head|eye|nose|mouth|jaw|"
    r"temple|throat|chest|forehead)",
    r"(?:knot|goose ?egg|lump|bump) (?:\w+ ){0,2}(?:on|to) (?:the |his |her |their |my )?"
    r"(?:side of (?:the |his |her |their |my )?)?(?:head|forehead|temple)",
    # blood seen where someone is ("blood on the door handle", "blood on floor") and a
    # wound told by its marks or its pain ("scrapes on his hands", "their necks hurt":
    # EMD 30 and 4's "any injuries?")
    r"(?:there s|theres|there is|see|sees|saw|seeing|with|found|and|some|fresh) (?:\w+ ){0,2}"
    r"blood (?:all )?(?:on|over|under|in|coming from|dripping from) (?:the |her |his |their |a )?"
    r"(?:\w+ )?(?:door|doors|handle|doorknob|knob|floor|sink|sheets|bed|carpet|wall|towels?|tub|"
    r"bathtub|counter|mirror|clothes|shirt|pillow|couch|steering wheel|seat)\b",
    r"(?:scrapes|scratches|abrasions|bruises|road rash|cuts|lacerations) (?:on|to|all over) "
    r"(?:his |her |their |my |both |the )?(?:hands?|knees?|elbows?|arms?|legs?|face|head|palms?)",
    r"(?:neck|necks|back|backs|head|heads|chest|ribs|hip|hips|knee|knees|shoulder|shoulders|"
    r"wrist|wrists|ankle|ankles)(?: is| are| s| re)? (?:hurt|hurts|hurting|killing (?:him|her|"
    r"them))\b",
    # how much blood there is (EMD protocol 21, haemorrhage: "serious bleeding")
    r"(?:lots|lot|tons|ton|so much|plenty|a puddle|puddles|a pool|pools|a trail|trails|a bunch|"
    r"buckets|a ton) of blood(?! (?:work|tests?|draws?|drawn|sugar|pressure|donations?|banks?|"
    r"drives?|type|thinners?)\b)",
)
ENVENOMATION = (
    r"(?:bit|bitten|struck|stung) (?:\w+ ){0,3}by (?:a |an |the |some )?(?:\w+ )?(?:snake|"
    r"rattlesnake|rattler|copperhead|cottonmouth|water moccasin|moccasin|brown recluse|recluse|"
    r"black widow|scorpion|stingray|jellyfish|man of war)",
    r"(?:snake|rattlesnake|rattler|copperhead|cottonmouth|moccasin|spider|scorpion) ?bites?",
    r"(?:snake|rattlesnake|rattler|copperhead|cottonmouth|moccasin) (?:bit|got|struck) "
    r"(?:him|her|them|me|my|his|her|their|the)",
)
LIGATURE_ON_NECK = (
    r"(?:rope|noose|cord|extension cord|belt|sheet|chain|strap|wire|leash|scarf) (?:\w+ ){0,8}"
    r"(?:around|round|on) (?:his|her|their|my|the) neck",
    r"noose (?:\w+ ){0,3}(?:on|around|over) (?:his|her|their|my) (?:neck|head)",
)
TRAPPED_IN_A_WRECK = (
    r"(?:wedged|pinned|stuck|trapped|lodged|jammed|crushed) (?:\w+ ){0,2}(?:under|beneath|"
    r"between|against) (?:the |a |an )?(?:\w+ )?(?:trailer|semi|truck|tractor trailer|18 wheeler|"
    r"bus|car|vehicle|train|tanker|guardrail)",
    r"(?:people|someone|somebody|kids?|driver|passengers?|occupants?) (?:\w+ ){0,2}(?:screaming|"
    r"yelling for help|crying for help|calling for help) (?:inside|in (?:the |a |that )?(?:car|"
    r"vehicle|wreck|van|truck))",
    r"pile ?-?ups?", r"multi ?-?(?:car|vehicle) (?:crash|wreck|accident|collision)",
)
CARRIED_BY_WATER = (
    r"(?:pulled|swept|carried|washed|going|getting pulled|being pulled|floating) (?:away )?"
    r"(?:down ?stream|down the (?:river|creek|canal|ditch|wash|bayou)|away by the (?:current|"
    r"water|river|flood))",
    r"(?:can|could) (?:only |still )?see (?:his|her|their|the kids|the child s) head",
    # a person standing in moving water, or going out on ice after someone or something
    # that broke through (NFIRS 362 ice rescue)
    r"(?:water|river|creek|current) (?:is |s |was )?(?:up )?to (?:her|his|their|my) (?:waist|chest|"
    r"neck|shoulders|chin)",
    r"(?:fell|fallen|falls|falling|went|broke|breaking|broken) (?:\w+ )?(?:thru|through) (?:the )?"
    r"ice",
    r"(?:walking|walked|going|went|crawling|crawled|running|ran) (?:back )?(?:out )?(?:on|onto) "
    r"(?:the )?ice (?:after|to (?:get|save|reach|rescue|grab))",
    # walking out on a bay or a lake past where the ice is going out (NFIRS 362)
    r"out (?:on|onto) (?:the )?(?:\w+ ){0,2}(?:bay|lake|river|pond|reservoir|ice) (?:\w+ ){0,4}"
    r"(?:past|beyond|to|toward|towards|where) (?:where )?(?:the )?ice (?:is |s )?(?:going out|"
    r"breaking|open|thin|black|out)\b",
)
FUEL_POURING = (
    r"(?:diesel|fuel|gas|gasoline|oil|hydraulic fluid|antifreeze|chemicals?) (?:is |s |was |are )?"
    r"(?:pouring|gushing|spilling|running|spewing|dumping|streaming) (?:out|on|onto|all over|into|"
    r"across|from|everywhere)",
    r"(?:saddle|fuel|gas|diesel) tanks? (?:\w+ )?(?:ruptured|punctured|split open|split|torn open|"
    r"ripped open|busted|leaking)",
)

# people with containers at a farm's or a yard's fuel or anhydrous ammonia tanks at night:
# a theft under way (anhydrous ammonia is stolen to make methamphetamine)
AT_THE_TANKS = (
    r"(?:guys?|men|people|ppl|someone|somebody|two|2|three|3|subjects?|males?|a (?:man|guy)) "
    r"(?:with|w) (?:\w+ ){0,4}(?:buckets?|hoses?|gas cans?|jugs?|containers?|totes?|drums?|bolt "
    r"cutters?) (?:\w+ ){0,6}(?:at|by|near|around|on) (?:the )?(?:\w+ ){0,2}(?:tanks?|pumps?|"
    r"fuel (?:truck|trailer)s?)",
)

# an overdose behind a door, or help refused: whoever took it must be reached
BEHIND_A_LOCKED_DOOR = (
    r"locked (?:herself|himself|themselves|themself) in",
    r"door (?:is )?(?:locked|barricaded)",
    r"(?:wont|won t|will not|refuses to|refusing to) (?:open|unlock) (?:the |her |his )?door",
    r"(?:wants|want|wanted) to be left alone",
    r"told (?:me|her|him|rp|us|them) (?:not to|dont|don t|do not) call",
)

# a farm or garden spray named by what it is for ("drank the stuff her dad sprays on the
# vines"): a poisoning (EMD protocol 23), whatever the product's name
SPRAY_DRUNK = (r"(?:drank|swallowed|chugged) (?:some of )?(?:the|some|that) (?:stuff|liquid|spray|"
               r"chemical) (?:\w+ ){0,3}(?:sprays?|spraying|uses|puts|kills|cleans)\b")

# an assault told as done to the caller's side ("driver was spit on and punched in the
# face by a passenger"): NIBRS 13B, whoever did it; not a ball, a car or an animal
ASSAULTED = (
    r"(?:was|got|been|were|just got|just been|has been|have been) (?:\w+ (?:on )?(?:and|&) )?"
    r"(?:punched|slapped|kicked|beaten|beat up|assaulted|attacked|choked|strangled|headbutted|"
    r"head butted|stomped|pistol whipped|sucker punched|spit on|spat on)\b"
    r"(?! (?:[\w,]+ ){0,4}by (?:a |the |his |her |their |some )?(?:\w+ )?(?:car|truck|bus|ball|"
    r"horse|cow|mule|bull|dog|dogs|pit|bees|wasps|hornets|animal|bear|coyote|goose|geese|"
    r"rooster|steer|deer|llama)s?\b)(?! out\b| off\b| around\b| in\b| down\b| over\b)",
)
# what a blow to the face leaves ("driver has a cut lip", "black eye")
FACE_INJURIES = (r"(?:cut|split|busted|bloody|fat|swollen) lip", r"black eye",
                 r"(?:bloody|broken|busted) nose", r"swollen (?:eye|face|jaw)",
                 r"lip is (?:bleeding|split|cut)")

# a hand or a sleeve caught in a machine ("hand got caught in the hay baler, still stuck in
# it"): an entrapment to cut free (NFIRS 35x extrication), whatever the machine
CAUGHT_IN_MACHINERY = (
    r"(?:hand|hands|arm|arms|leg|legs|foot|feet|fingers?|hair|sleeve|glove|shirt|clothes|"
    r"clothing|jacket|coat) (?:got |is |was |are |were |s |been |still )*(?:caught|stuck|pinned|"
    r"trapped|pulled|sucked|drawn|wrapped) (?:up )?(?:in|into|under|between|around) (?:the |a |an |"
    r"his |her |their )?(?:\w+ ){0,2}(?:baler|auger|pto|pto shaft|rollers?|press|machine|"
    r"machinery|conveyor|grinder|chipper|mixer|combine|belt|gears?|wringer|sprocket|chain|"
    r"pulley|lathe|shredder|spinner|shaft|drum|blades?)\b",
)
# freed before the call ("he shut it off and got it out", "hand is out now")
FREED = (r"\b(?:got|pulled|get|gets|is|s|are|was) (?:it |him |her |them |his \w+ |her \w+ |"
         r"himself |herself )?(?:out|free|loose)\b|\b(?:hand|arm|leg|foot|fingers?) (?:is |are )?"
         r"(?:out|free)\b|\bpulled (?:it |his \w+ |her \w+ )?(?:free|out)\b")

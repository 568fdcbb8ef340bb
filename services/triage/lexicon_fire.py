"""Fire, hazard and rescue vocabulary of the safety layer: NFIRS incident-type series 100
(fires), 300 (rescue: entrapment, elevator, water, ice and high-angle rescue, extrication)
and 400 (hazardous conditions: gas and chemical odours, carbon monoxide, wires down)."""

from __future__ import annotations

from services.triage.lexicon_water import CHEST_DEEP, WALKING_INTO_WATER, WATERS
from services.triage.lexicon_words import alternatives

# a wild animal trapped in a dumpster, a chimney or a wall is animal services' call, not a
# rescue ("raccoon trapped inside the dumpster"); pets and livestock stay rescues
_WILD = ("bat", "bats", "bird", "birds", "raccoon", "raccoons", "mouse", "mice", "rat", "rats",
         "squirrel", "squirrels", "snake", "snakes", "possum", "possums", "opossum",
         "opossums", "skunk", "skunks", "groundhog", "chipmunk", "coyote", "fox", "deer")
_NO_WILD_ANIMAL_BEFORE = "".join(
    f"(?<!{a} )(?<!{a} is )(?<!{a} are )(?<!{a} got )(?<!{a} s )" for a in _WILD)


# An accelerant poured on a building or a person: fire goes before the flames, and police
# with it (an arson or a self-immolation under way).
ACCELERANT = (
    r"(?:poured|pouring|dumped|dumping|splashed|splashing|soaked|soaking|doused|dousing|spread|"
    r"spreading) (?:\w+ ){0,4}(?:gas|gasoline|lighter fluid|kerosene|accelerant)",
    # the fuel named first ("has a gas can ... poured some on the floor")
    r"(?:gas can|gas cans|gasoline|lighter fluid|kerosene|accelerant) (?:[\w,.]+ ){0,20}?"
    r"(?:poured|pouring|splashed|splashing|dumped|dumping|spread|spreading|spilled) "
    r"(?:some|it|them|the rest|more|a little)\b",
    # a threat to burn a home with the fuel or a lighter at hand
    r"(?:gas can|gas cans|gasoline|lighter fluid|kerosene|lighter|matches) (?:[\w,.]+ ){0,20}?"
    r"(?:burn|torch|set fire to|light) (?:\w+ ){0,3}(?:house|home|place|apartment|apt|trailer|"
    r"building|garage|room|car|herself|himself|themselves)\b",
    r"(?:doused|soaked|covered|drenched) (?:\w+ ){0,2}(?:in|with) (?:gas|gasoline|lighter fluid|"
    r"kerosene|accelerant|diesel)",
    # a gas line or a tank opened to be lit ("gonna open the propane into the trailer and
    # light it"): an explosion under way (NFIRS 412 gas leak, 113 set on purpose)
    r"(?:open|opened|opening|turn on|turned on|turning on|crack|cracked|cut|cutting) (?:up )?"
    r"(?:the |all the )?(?:gas|propane|natural gas|gas line|gas lines|propane tank|stove|burners|"
    r"oven|valve|tank) (?:[\w,]+ ){0,8}?(?:and|then|to) (?:\w+ ){0,3}?(?:light|ignite|spark|"
    r"strike|flick|blow)\b",
)

# what gives off carbon monoxide when it runs in a closed space (NFIRS 424)
_ENGINE = r"(?:car|engine|truck|pickup|suv|van|jeep|vehicle|motor|generator)"
ENGINE_RUNNING = _ENGINE + r" (?:is |still )?running|running " + _ENGINE
# an engine running in a closed garage (NFIRS 424 carbon monoxide)
_SHUT_BUILDING = (r"(?:shop|barn|shed|pole barn|outbuilding|quonset|workshop|machine shed|"
                  r"storage unit|garage) (?:[\w/]+ ){0,3}?(?:with|w) (?:the |all the )?"
                  r"(?:overhead |garage |big |bay |roll ?up |sliding )?doors? (?:\w+ )?"
                  r"(?:shut|closed|down|locked)")
ENGINE_IN_A_CLOSED_GARAGE = alternatives(
    r"(?:in|inside) (?:the |a |his |her |their )?(?:closed |shut |locked )?garage (?:\w+ ){0,4}"
    r"(?:and )?(?:it s|its|it is|it|the engine is|the car is|engine|motor) (?:still )?(?:running|"
    r"idling|on(?! (?:the|a|his|her|their|my)\b))\b",
    _ENGINE + r" (?:\w+ ){0,3}(?:running|idling) (?:\w+ ){0,3}(?:in|"
    r"inside) (?:the |a |his |her |their )?(?:closed |shut |locked )?garage",
    r"(?:running|idling) " + _ENGINE + r" (?:\w+ ){0,3}(?:in|inside) (?:the |a |his |her |their )?"
    r"(?:closed |shut |locked )?garage",
    # any building shut on a running engine ("in his pickup inside the shop w/ the overhead
    # door shut and engine running")
    r"(?:in|inside) (?:the |a |his |her |their )?" + _SHUT_BUILDING
    + r"(?: ,)? (?:(?:and|with|w) )?(?:the )?(?:engine|motor|truck|car|pickup) (?:is |still )?"
    r"(?:running|idling|on)\b",
    _ENGINE + r" (?:\w+ ){0,3}(?:running|idling) (?:\w+ ){0,3}(?:in|inside) (?:the |a |his |her |"
    r"their )?" + _SHUT_BUILDING,
)
# where a fuel-burning heater or engine fills the air with carbon monoxide
_ENCLOSED = (r"(?:garage|basement|house|home|apartment|apt|tent|camper|kitchen|living room|"
             r"bedroom|fish house|ice house|ice shack|ice shanty|shanty|fish shack|cabin|"
             r"hunting blind|deer blind|trailer|rv|motorhome|shed|barn|van)")
_FUEL_BURNER = (r"(?:generator|grill|charcoal|kerosene heater|propane heater|space heater|"
                r"camp stove|heater|buddy heater|engine|hibachi|wood stove|stove)")
_CO_SYMPTOMS = (r"(?= (?:[\w,./]+ ){0,24}(?:can t wake|cant wake|can not wake|hard to wake|"
                r"confused|puking|vomiting|throwing up|headache|dizzy|passed out|unconscious|"
                r"unresponsive|slumped|sick|nause\w*|not waking|drowsy|groggy|collapsed))")

FIRE = alternatives(
    # a campfire or burn pile spreading into grass or brush (NFIRS 14x)
    r"(?:campfire|camp fire|bonfire|burn pile|brush pile|fire pit|fire) (?:\w+ ){0,6}(?:gotten "
    r"into|got into|spread\w* (?:to|into)|jumped (?:to|into)|caught) (?:the )?(?:dry )?(?:grass|"
    r"brush|trees|woods|field|timber|fence|weeds)",
    r"(?:grass|brush|field|wild ?land|forest|woods|timber) fire",
    # a leak of chemicals or fuel (NFIRS 41x hazardous materials)
    r"(?:leaking|spilling|spilled|spewing) (?:\w+ ){0,3}(?:chemicals?|fuel|diesel|gasoline|"
    r"hazmat|acid|ammonia|chlorine|something)(?= (?:[\w,]+ ){0,10}(?:smell\w*|fumes|chemical|"
    r"placard|tanker|semi|truck|rolled))",
    r"smells? like (?:chemicals?|ammonia|chlorine|bleach fumes)",
    r"(?<!open )(?<!opened )(?<!cease )(?<!rapid )(?<!gun )(?<!rifle )(?<!arms )(?<!type )"
    r"(?<!automatic )(?<!return )fire(?! (?:safety|station tour|prevention|"
    r"alarm tests?|alarm testing|alarm drill|drill|pit is controlled|department tour|truck visit|"
    r"extinguisher (?:check|inspection)))",
    r"fires", r"flames?", r"on fire",
    r"smoke(?! (?:detectors?|alarms?|shops?|stores?|breaks?|free|and vape|n vape|"
    r"(?:shop|store) (?:clerk|owner|employee|worker|manager)))",
    r"smoke (?:detector|alarm)s? (?:is |are )?(?:going off|sounding|activated|alarming)",
    r"smoking (?:from|out of|coming)", r"is smoking", r"burning (?:building|"
    r"smell|house|car|vehicle)", r"smells? (?:like )?(?:something )?burning",
    r"house fire", r"structure fire",
    # grass or brush burning and spreading ("aerial landed in the dry grass, its burning now,
    # 20 ft wide and spreading toward her fence": NFIRS 14x)
    r"(?:grass|brush(?! pile)|weeds|hay|pasture|mulch|leaves|field|lot|woods|tree line) "
    r"(?:[\w,]+ ){0,6}(?:is |s |are )?(?:burning|on fire|smoldering|smouldering)"
    r"(?! (?:smell|sensation|eyes|pain|hot|up)\b)",
    r"spreading (?:toward|towards|to) (?:the |her |his |their |a )?(?:fence|house|shed|barn|"
    r"trees|woods|homes?|garage)",
    # an explosion that happened last month is a memory, not a fire
    r"explosion(?! (?:happened |was )?(?:last|\d+|a|two|three|several) (?:month|months|year|years|"
    r"week|weeks) ago\b)(?! happened last (?:month|year|week)\b)", r"exploded",
    r"blew up(?! (?:at|in class|in school|on|with|over|about|her phone|his phone|my phone)\b)",
    r"gas leak", r"smells gas", r"gas (?:odor|smell)",
    # gas let out on purpose or left on ("has the gas turned on in the house")
    r"(?<!had )(?<!got )(?<!get )(?<!getting )(?:the |all the )?(?<!had the )(?<!got the )"
    r"(?<!get the )(?:gas|propane|natural gas) (?:\w+ ){0,2}?(?:turned|left|cranked) (?:all "
    r"the way )?on\b(?! (?:for|to cook|at the|bill|account|service)\b)",
    # a gas line struck by a digger, gas blowing (NFIRS 412 gas leak)
    r"(?:hit|struck|cut|broke|ruptured|nicked|dug into|punctured|severed|snagged) (?:a |the |an )?"
    r"(?:[0-9]+ ?(?:inch|in) )?(?:natural )?gas (?:line|main|pipe|service line|service)",
    r"gas (?:line|main|pipe) (?:\w+ )?(?:hit|struck|cut|broken|ruptured|blowing|hissing)",
    r"(?:gas|natural gas|propane) (?:is )?(?:blowing|hissing|spewing|venting) (?:out|everywhere)?",
    r"smell\w* (?:of |like )?(?:natural )?gas(?! (?:station|stations|can|cans|money|prices?|bill|"
    r"mileage|pump|tank|card))",
    # an odour of gas told with a word between ("smell strong gas", "odor of propane in
    # the basement"), gas stations and gas money aside
    r"(?:smell\w*|odou?rs?|reek\w*|whiff) (?:of |like )?(?:\w+ ){1,2}(?:gas|propane|natural gas)"
    r"(?! (?:station|stations|can|cans|money|prices?|bill|mileage|pump|tank|card|grill))",
    # NFIRS fire-ground words: a building or vehicle "fully involved", "fully engulfed"
    r"(?:fully|totally|completely|partially|well) (?:involved|engulfed)", r"engulfed",
    r"odor of (?:natural )?gas", r"(?:rotten eggs?|sulfur|sulphur)",
    r"(?:strong |bad )?(?:chemical|gasoline|fuel|propane) (?:smell|odor|fumes)",
    r"(?:lighter fluid|accelerant|kerosene|gasoline) (?:smell|odor|fumes|everywhere|poured)",
    r"smell\w* (?:\w+ ){0,2}(?:lighter fluid|gasoline|kerosene|accelerant)",
    r"fumes", r"carbon monoxide", r"hissing(?! at)",
    # an accelerant poured out, a lighter in hand: fire goes before the flames (NFIRS 1xx)
    *ACCELERANT,
    r"(?:hit|struck|broke|ruptured|cut|dug into) (?:a |the )?(?:gas|propane) (?:line|main|pipe)",
    r"(?:gas|propane) (?:line|main|pipe) (?:was |got )?(?:hit|struck|broken|ruptured|cut)",
    r"(?:leaking|spilling|spilled|spewing) (?:\w+ ){0,3}(?:gas|gasoline|fuel|diesel|chemicals?|"
    r"liquid|oil|propane|ammonia|chlorine)", r"(?:fuel|gas|gasoline|diesel|chemical|oil|"
    r"propane|ammonia|chlorine) (?:leak|spill)\w*", r"haz ?mat\w*", r"placard\w*",
    r"co (?:alarm|detector)s? (?:\w+ ){0,3}(?:going off|sounding|beeping)",
    r"(?:detector|alarm|monitor)s? (?:\w+ ){0,8}(?:says|shows|reads|showing|saying) (?:\w+ )?"
    r"(?:co|carbon monoxide)", r"co on the (?:screen|display)",
    r"(?:co|carbon monoxide) (?:alarm|detector)s? (?:\w+ ){0,2}(?:activation|activated|alarming|"
    r"went off|tripped|triggered|alert)",
    # a chimney fire told as what it sounds and looks like (NFIRS 114)
    r"chimney (?:\w+ ){0,3}(?:roaring|glowing|on fire|fire|flames?|sparks?|smoking)",
    r"sparks? (?:\w+ ){0,3}(?:landing|falling|flying|shooting|coming down) (?:\w+ ){0,3}"
    r"(?:roof|house|grass|trees|shed|barn|deck)",
    r"(?:power|electrical) lines? down",
    # not a fence's wire (barbed wire down in a pasture is a fence to mend)
    r"(?<!fence )(?<!fencing )(?<!barbed )(?<!barb )(?<!chicken )(?<!baling )(?<!bailing )"
    r"(?<!hog )(?<!field )(?<!game )(?<!trip )(?<!fence s )wires? (?:are )?down", r"sparking",
    r"arcing",
    # rescue and entrapment (NFIRS 300 series)
    # not an animal the caller caught ("roommate trapped it under a laundry basket")
    _NO_WILD_ANIMAL_BEFORE +
    r"trapped(?! (?:it|them|(?:a |the |that |this )?(?:\w+ )?(?:bats?|birds?|raccoons?|mice|mouse|"
    r"rats?|squirrels?|snakes?|possums?|opossums?|skunks?|animals?|cats?|kittens?|dogs?|"
    r"bugs?|spiders?|wasps?|bees?|hornets?|groundhogs?|chipmunks?))\b)",
    r"entrap\w*", r"pinned", r"(?:stuck|trapped) (?:in|inside|on) (?:an |the |"
    r"a )?elevator", r"elevator (?:\w+ ){0,5}stuck", r"stuck between (?:floors|[0-9]+)",
    r"hanging (?:in|by) (?:the|his|her|their) seat ?belt", r"stuck elevators?",
    r"(?:can not|cant|cannot|unable to) (?:get|pry|force) (?:the |his |her |their |a |any )?"
    r"(?:car |vehicle |truck |driver s |passenger |side |garage )?doors? open",
    # carbon monoxide from an engine in a closed space (NFIRS 424)
    _ENGINE + r" (?:\w+ ){0,2}running (?:\w+ ){0,6}garage",
    r"garage (?:(?:\w+|,) ){0,10}" + _ENGINE + r" (?:\w+ ){0,2}running",
    r"doors? (?:are |is )?(?:crushed|pinned)",
    # a car gone under a trailer (an underride: extrication, NFIRS 352)
    r"(?:car|vehicle|suv|sedan|truck|pickup|van) (?:is |got |went |slid )?(?:under|underneath|"
    r"wedged under|pinned under|stuck under) (?:the |a )?(?:trailer|semi|truck|big rig|rig|"
    r"tanker|bus)",
    # not a child that will not leave a mall ("can't get him out of here alone")
    r"(?:can not|cant|cannot) get (?:him|her|them) out(?! of (?:here|there|bed|the (?:mall|store|"
    r"shop|restaurant|park|parking lot|lot|food court|church|school|library|bus|theater|"
    r"theatre|pool|bathtub|tub))\b)",
    r"(?:trapped|stuck|pinned) (?:and|&) (?:can not|cant|cannot) get out",
    r"door (?:is )?jammed", r"hanging upside down",
    r"(?:fell |went |broke |is |are )?(?:thru|through) the ice",
    # flood water rescue (NFIRS 3xx swift-water rescue)
    # (not when everyone is already out of the car and safe: a stalled car then)
    r"(?:drove|driven|driving|went|stuck|stalled) (?:\w+ ){0,3}(?:into|in) (?:the |a )?(?:flooded|"
    r"flood|high water|rising water|swift water|low water crossing)(?! (?:[\w,]+ ){0,12}(?:driver "
    r"(?:is |was )?(?:already )?(?:out|standing|on high ground)|(?:nobody|no one) (?:is |was )?"
    r"(?:in|inside) (?:the )?(?:car|vehicle|truck)|everyone (?:is |got )?out|occupants? "
    r"(?:are |is |got )?"
    r"out))",
    # a car taken by moving water, someone on its roof
    r"(?:car|vehicle|truck|pickup|suv|van|jeep) (?:\w+ ){0,2}(?:washed|swept|carried|floated|"
    r"floating) (?:off|away|downstream|down|into)",
    r"(?:standing|sitting|stranded|stuck|climbed|climbing) on (?:the )?roof of (?:the |her |his |"
    r"their |a )?(?:car|vehicle|truck|suv|van|jeep)",
    # trapped in a wreck, told as the driver cannot get out
    r"(?:car|vehicle|truck|pickup|suv|van|jeep|wreck|crash\w*|rolled|flipped|went over) "
    r"(?:(?!parked|driveway|blocked|blocking)[\w,]+ ){0,14}(?:he|she|they|driver|passenger|someone|"
    r"somebody|occupants?) (?:\w+ )?(?:can not|cant|cannot|unable to|couldn t|couldnt) get "
    r"(?:himself |herself |themselves )?out"
    r"(?! (?:of )?(?:\w+ )?(?:driveway|bed|house|home|chair|apartment|apt|parking)| for| to"
    # said of a state of mind ("he can't get out of the sandbox", "out of his head")
    r"| (?:of )?(?:the |his |her |their |my |this |that )?(?:own )?(?:sandbox|head|headspace|"
    r"funk|rut|mood|war|desert|past|thoughts|loop|dark place|memories|flashback))",
    r"(?:car|vehicle|truck|pickup|suv|van|jeep) (?:\w+ ){0,2}(?:went|rolled|drove|slid|ran|"
    r"plunged) (?:over|off|down) (?:the |a )?(?:hillside|mountainside|hill|bank|embankment|cliff|"
    r"ravine|guardrail|edge|drop ?off|holler|hollow|ditch)",
    # a car gone into the water off a named road ("went off LA 1 into the bayou")
    r"(?:car|vehicle|truck|pickup|suv|van|sedan|jeep) (?:\w+ ){0,2}(?:went|drove|rolled|slid|"
    r"plunged|veered|crashed|ran) off (?:[\w/]+ ){1,4}(?:into|in) (?:the |a )?(?:\w+ )?" + WATERS,
    r"(?:car|vehicle|truck|pickup|suv|van|sedan|jeep) (?:is |was )?(?:sinking|going under|"
    r"under water|underwater|submerged)",
    r"water (?:is )?(?:up to|over|above) (?:the |his |her |their )?(?:windows|roof|hood|doors|"
    r"waist|chest|neck|door handles)",
    # someone in the water and in trouble; not stuff a person in crisis says is put in it
    r"(?<!stuff )(?<!something )(?<!poison )(?<!chemicals )(?<!things )(?:in|into) the (?:river|"
    r"lake|water|creek|pond|canal) (?:and|hanging|holding|going)",
    r"(?:flipped|capsized) (?:in|on) the (?:river|lake|water)", r"swept (?:away|downstream)",
    r"hanging onto a (?:tree|branch|rock)",
    # going under, a ring thrown: drowning as a bystander sees it; not going under a
    # table, a bed or a knife (hiding, surgery)
    r"(?:going|went|keeps going|keep going) under(?: (?:and|&) (?:coming|came|comes) "
    r"(?:back )?up)?(?! (?:a|an|the|his|her|their|my|our|some) (?!water|ice|surface|waves)\w+"
    r"| anesthesia| contract| financially)",
    r"(?:threw|throwing|thrown|tossed) (?:him |her |them )?(?:a |the )?(?:life ?ring|life "
    r"preserver|life jacket|throw ?rope|throw ring|rope)",
    # grain engulfment (NFIRS 3xx): sunk in the grain of a bin
    r"(?:sunk|sank|sinking|buried|engulfed|stuck|trapped) (?:\w+ ){0,4}(?:in|into|under) (?:the )?"
    r"(?:corn|grain|beans|soybeans|wheat|oats|feed|silage)",
    r"grain (?:bin|silo|elevator|wagon|cart)(?= (?:[\w,.]+ ){0,16}(?:can not|cant|unable to|could "
    r"not|couldnt) (?:pull|get) (?:him|her|them) out)",
    # anhydrous ammonia, chlorine and other gases a farm or a pool keeps (hazmat)
    r"anhydrous", r"(?:ammonia|chlorine|chemical) (?:smell|odou?r|cloud|fumes|vapou?r)",
    # a person down in a pit, tank or sewer: its gas takes the rescuer too (confined space,
    # hydrogen sulfide in manure pits, silo gas)
    r"hydrogen sulfide", r"h2s", r"silo gas", r"manure (?:pit )?gas",
    r"(?:collapsed|passed out|went down|unconscious|not moving|unresponsive|overcome) (?:\w+ ){0,8}"
    r"(?:in|into|inside|at the bottom of) (?:the |a )?(?:manure pit|manure|pit|tank|silo|sewer|"
    r"manhole|vault|cistern|well|grain bin|septic tank|lagoon)",
    r"(?:manure pit|manure|pit|tank|silo|sewer|manhole|vault|cistern|septic tank|lagoon|grain bin) "
    r"(?:\w+ ){0,10}"
    r"(?:and )?(?:collapsed|passed out|went down|overcome|not moving|unresponsive)",
    # someone walking into deep or moving water (water rescue before the struggle)
    r"(?:wading|walking|walked|waded|went|going) (?:out )?into (?:the )?(?:\w+ )?" + WATERS
    + r"(?= (?:[\w,]+ ){0,16}(?:up to (?:his|her|their) (?:waist|chest|neck|shoulders)|current|"
    r"fully clothed|let me go|cant swim|can t swim|over (?:his|her) head|drifting|under|"
    r"wont come (?:back|out)|won t come (?:back|out)))",
    # carbon monoxide from an engine or a fire burning indoors (NFIRS 424, EMD 23)
    r"(?:generator|grill|charcoal|kerosene heater|propane heater|space heater|camp stove|engine|"
    r"car) (?:\w+ ){0,6}(?:in|inside) (?:the |an |a |their |his |her )?(?:attached )?"
    + _ENCLOSED + _CO_SYMPTOMS,
    # the same told the other way round: people inside with the heater going
    r"(?:inside|in (?:the |an |a |their |his |her )?" + _ENCLOSED + r") (?:[\w/]+ ){0,4}(?:with|w) "
    r"(?:a |an |the |their |his |her )?(?:\w+ )?" + _FUEL_BURNER + r" (?:going|running|on|lit|"
    r"burning|cranked)" + _CO_SYMPTOMS,
    # someone seen in open water in trouble (NFIRS 36x water rescue; drowning is quiet: a
    # head low in the water, drifting, not swimming)
    r"(?:man|woman|person|someone|somebody|guy|kid|child|boy|girl|teen|male|female|swimmer|"
    r"people|body|subject|(?:\w+ )?(?:m|f)) (?:\w+ ){0,3}(?:is |was |still )?(?:in|into) the "
    r"(?:\w+ )?(?:water|river|"
    r"lake|creek|canal|bay|ocean|harbor|pond|current|surf|channel|reservoir|quarry|bayou)"
    r"(?= (?:[\w,]+ ){0,10}(?:drifting|floating|not swimming|struggling|going under|bobbing|"
    r"head (?:is )?(?:barely )?(?:visible|above)|face ?down|swept|carried|pulled|cant swim|"
    r"can t swim|can not swim|calling for help|yelling for help|screaming|waving|splashing|"
    r"went under|under water|underwater|not moving|(?:did not|didnt|didn t|never|has not|"
    r"hasnt|hasn t) (?:come|came|coming) (?:back )?up))",
    # people cut off by rising water (NFIRS 36x): on a rock, a bar or a roof mid-river
    r"(?:stranded|stuck|trapped) (?:\w+ ){0,2}(?:on|in) (?:a |the )?(?:rock|rocks|island|sandbar|"
    r"sand bar|gravel bar|roof|car roof|tree|boulder)(?= (?:[\w,]+ ){0,8}(?:river|creek|water|"
    r"current|flood|rapids|mid|middle|dam|lake|rising|coming up|cant swim|can not swim))",
    # a child locked in a car (NFIRS 331 lock-in): entry before the heat does harm
    r"(?<!rp and )(?<!and )(?:baby|infant|child|kid|toddler|newborn|[0-9]+ ?(?:mo|month|wk|week) "
    r"old|[1-9] ?(?:yr|year|y o|yo) old|[1-9] ?(?:yo|y o)) (?:\w+ ){0,3}(?:locked|trapped|stuck|"
    r"strapped) (?:in|"
    r"inside|into) (?:the |a |her |his |their |my )?"
    r"(?:car|vehicle|truck|van|suv|car ?seat|booster)",
    r"locked (?:\w+ ){0,2}keys in (?:the |her |his |their |my |a )?(?:car|vehicle|truck|van|suv) "
    r"(?:\w+ ){0,8}(?:with|w) (?:her |his |their |the |a |my )?(?:\w+ ){0,3}(?:baby|infant|child|"
    r"kid|toddler|old|newborn)\b",
    ENGINE_IN_A_CLOSED_GARAGE,
    r"(?:only|just) (?:his|her|their|a) head (?:is )?(?:visible|showing|above (?:the )?water)",
    r"(?:drifting|floating|being swept|being carried) (?:\w+ ){0,2}(?:downstream|downriver|"
    r"out to sea|away from (?:the )?(?:shore|bank))",
    # swift-water and boating rescue (NFIRS 36x): someone in the water holding on, a craft over
    r"(?:clinging|holding|hanging|holding on|hanging on) (?:on )?(?:to|onto) (?:a |the |an )?"
    r"(?:\w+ )?"
    r"(?:strainer|log|logs|rock|rocks|tree|branch|buoy|pylon|piling|pier|bridge pier|"
    r"overturned (?:boat|canoe|kayak|raft)|capsized (?:boat|canoe|kayak|raft)|hull|ice shelf)"
    r"(?= (?:\w+ ){0,6}(?:river|creek|current|water|lake|rapids|mid|middle|flood))",
    r"(?:kayak|kayaker|canoe|canoeist|raft|rafter|boat|skiff|tuber|paddle ?boarder|swimmer|"
    r"jet ?ski) (?:\w+ ){0,3}(?:flipped|capsized|overturned|swamped|sank|sinking|went under)",
    r"(?:flipped|capsized|overturned) (?:his|her|their|a|the) (?:kayak|canoe|raft|boat|skiff)",
    # a vehicle in the water (NFIRS 36x): whoever is inside needs a water rescue
    r"(?:car|vehicle|truck|pickup|suv|van|sedan|jeep|bus) (?:\w+ ){0,2}(?:went|drove|rolled|"
    r"slid|plunged|veered|is|crashed|ended up|backed) (?:off (?:the )?(?:road|bank|boat ramp|"
    r"dock|pier) )?(?:into|in) (?:the |a )?(?:\w+ ){0,2}(?:canal|river|lake|pond|retention pond|"
    r"creek|bay|harbor|water|reservoir|quarry|ocean|marsh|bayou|drainage ditch|channel)",
    r"collapsed on (?:him|her|them|someone)",
    r"(?:deck|roof|building|wall|trench|ceiling|balcony) collapsed",
    r"buried (?:up to|under|in|alive|to (?:his|her|their) (?:chest|waist|neck|knees|"
    r"shoulders|hips))",
    # grain bin and silo entrapment (NFIRS 3xx), told as a fall into the bin
    r"(?:fell|trapped|stuck|sinking|sucked|pulled) (?:\w+ ){0,2}(?:into|in|under) (?:the |a )?"
    r"(?:corn|grain|feed|wheat|soybean|bean|sand|gravel|sawdust) (?:bin|silo|pile|hopper|tank|"
    r"wagon|truck)",
    r"(?:can not|cant|cannot|unable to) climb (?:back )?(?:up|out|down)",
    r"fell (?:off|down|into|over) (?:the |a )?(?:\w+ )?(?:cliff|ravine|embankment|canyon|well|"
    r"shaft|mine|crevasse|gorge|bluff|drop ?off)", r"(?:down|over) (?:the |a )?(?:steep )?"
    r"(?:cliff|embankment|ravine|bluff)", r"engulfed in (?:grain|corn|sand|dirt|snow)",
)
# A person on a height's outer edge: rescue (NFIRS 3xx high-angle and water rescue) goes
# with whoever else the call needs, without making it a fire call, so a crisis team
# still goes to a person in crisis on a bridge.
RESCUE = alternatives(
    # someone hung up on a height by a line or a canopy (NFIRS 356 high-angle rescue)
    r"(?:chute|parachute|canopy|paraglider|para ?glider|harness|rope|lines) (?:\w+ ){0,2}"
    r"(?:snagged|caught|tangled|hung up|stuck) (?:\w+ ){0,3}(?:on|in) (?:the |a )?(?:\w+ )?"
    r"(?:cliff|canyon wall|canyon|wall|rocks?|ledge|trees?|power lines?|tower|bridge|rim)",
    r"(?:hanging|dangling|suspended) (?:\w+ ){0,3}(?:[0-9]+ ?(?:ft|feet|foot|meters|m) )?(?:above|"
    r"over|off) (?:the )?(?:ground|talus|rocks|canyon|canyon floor|floor|river|water|cliff|"
    r"ledge|gorge)\b",
    # an elevator stopped with someone inside (NFIRS 353, removal of victims from an elevator)
    r"elevator (?:\w+ ){0,3}(?:stopped|stuck|stalled|broke down|not moving|jammed)",
    r"(?:stuck|trapped) (?:\w+ ){0,3}(?:in|inside) (?:the |an |a )?elevator",
    r"stuck between (?:floors|[0-9]+ (?:and|&|\+) [0-9]+)",
    # people trapped by a collapse or storm debris (NFIRS 35x extrication)
    r"(?:tree|trees|debris|rubble|wall|roof) (?:\w+ ){0,4}(?:on|over|blocking|across) (?:the )?"
    r"(?:\w+ )?(?:door|cellar|exit|hatch)",
    r"(?:trapped|stuck|pinned) (?:\w+ ){0,4}(?:in|under) (?:the )?(?:\w+ )?(?:cellar|rubble|debris|"
    r"collapsed \w+)",
    # an avalanche burial (NFIRS 36x search and rescue)
    r"avalanche", r"slide (?:released|came down|caught)",
    r"(?:partner|friend|skier|someone|somebody|he|she|they|buddy) (?:is |was |got |are )?buried",
    r"buried (?:in|under) (?:the )?(?:snow|avalanche|debris|rubble)", r"beacon search\w*",
    # trapped by a flood: in an attic or on a roof with the water rising (NFIRS 36x)
    r"(?:attic|roof|rooftop|second floor|2nd (?:floor|flr)|upstairs) (?:[\w,+%]+ ){0,10}"
    r"(?:water|flood\w*) (?:[\w,+%]+ ){0,8}(?:rising|coming up|still coming|up to)",
    r"(?:water|flood\w*) (?:[\w,+%]+ ){0,8}(?:rising|coming up|still coming)(?= (?:[\w,+%]+ ){0,14}"
    r"(?:attic|roof|trapped|stuck|can t get out|cant get out|wheelchair|bedridden))",
    # someone walking into the water ("walked into the Columbia fully dressed")
    WALKING_INTO_WATER, CHEST_DEEP,
    # high-angle rescue (NFIRS 356): someone stuck on a ledge or cliff who cannot climb on
    r"(?:stuck|stranded|trapped|cliffed out|frozen|clinging) (?:\w+ ){0,4}"
    r"(?:on|to|at|off) (?:a |the |some |his |her |their )?(?:\w+ )?(?:ledge|cliff|cliff face|"
    r"cliffside|rock face|bluff|outcrop\w*|rock ledge|crag)",
    r"(?:can not|cant|can t|unable to) (?:go|get|climb|move) (?:back )?(?:up or down|down or up)",
    # swift-water rescue (NFIRS 363): people cut off on a rock, a sandbar or an island in
    # moving or rising water
    r"(?:stuck|stranded|trapped|cut off|marooned|sitting|standing|clinging) (?:\w+ ){0,3}on "
    r"(?:a |the |some |an )?(?:big |large |small )?(?:rock|rocks|boulder|sandbar|sand bar|gravel "
    r"bar|island|log|logjam|tree) (?:\w+ ){0,4}(?:in|out in|in the middle of|middle of) "
    r"(?:the |a )?(?:\w+ ){0,2}" + WATERS,
    r"(?:can not|cant|can t|unable to|could not|couldnt) (?:get|make it|swim|wade|walk) (?:back )?"
    r"(?:to|across to) (?:the )?(?:bank|shore|riverbank|edge)",
    # someone out on ice that may not hold (NFIRS 36x ice rescue)
    r"(?:walking|walked|went|going|standing|stuck|stranded|running|skating|crawling|out) "
    r"(?:\w+ ){0,3}on (?:the )?thin ice",
    r"(?:walk|walks|walking|walked|went|heading|going|headed|wandered|wandering|ran|running|"
    r"crawling|moving) (?:\w+ ){0,6}(?:toward|towards|to) (?:the )?open water",
    r"ice (?:is |was )?(?:cracking|breaking|giving way|gave way|broke) (?:under|beneath|around)",
    # technical rescue (NFIRS 35x-36x): rope, high angle, confined space, people stranded
    # up on a lift or a ride that stopped
    r"rope rescue", r"high[ -]?angle", r"technical rescue", r"confined space", r"trench rescue",
    r"(?:stranded|stuck|trapped) (?:\w+ ){0,5}(?:on|in|at the top of) (?:the |a |their |his |her )?"
    r"(?:chair ?lifts?|chairs|lift|gondola|tram|ferris wheel|roller coaster|ride|zip ?line|"
    r"scaffold\w*|crane|cell tower|radio tower|water tower|silo)",
    r"(?:chair ?lift|ski lift|lift|gondola|tram|ferris wheel|roller coaster|ride|zip ?line) "
    r"(?:\w+ ){0,3}(?:stopped|stuck|broke down|stalled|failed|failure|jammed)"
    r"(?= (?:[\w,]+ ){0,14}(?:stranded|stuck|trapped|riders|skiers|people|passengers|kids))",
    r"outside (?:the |a )?(?:railing|rail|guard ?rail|fence|barrier) (?:of|on) (?:the |a )?"
    r"(?:\w+ )?(?:overpass|bridge|balcony|roof|parking \w+|ledge|dam|tower)",
    r"(?:standing|sitting|climbing|climbed|hanging|perched|straddling|went|hopped|got) "
    r"(?:\w+ ){0,3}(?:outside|over|on the outside) (?:of )?(?:the |a )?(?:railing|rail|"
    r"guard ?rail|ledge|fence|barrier)",
    r"(?:hopped|climbed) (?:the |a )?(?:guard ?rail|railing|rail|barrier) (?:\w+ ){0,3}"
    r"(?:hanging|edge|outside)",
    # someone about to go into the water, weighted or walking in (water rescue)
    r"(?:cinder ?blocks?|blocks?|weights?|anchor|rocks?|chains?) (?:\w+ ){0,2}tied (?:to|around) "
    r"(?:his|her|their) (?:ankles?|legs?|waist|feet|body)",
    r"(?:jump|jumping|going|walk|walking|wade|wading|swim|swimming) (?:out )?(?:in|into|off "
    r"(?:the )?(?:dock|pier|jetty|seawall) into) (?:the )?(?:water|river|lake|bay|ocean|harbor|"
    r"sea|creek|canal|surf|sound)",
    r"(?:standing|sitting|perched) on (?:the |a )?(?:\w+ )?(?:ledge|railing|roof edge|edge of "
    r"the (?:roof|bridge|overpass|building|parking (?:garage|deck|structure)))",
    r"(?:legs|feet) (?:hanging )?over (?:the )?(?:edge|side|ledge|railing)",
    r"on (?:the )?outside of (?:the |a )?(?:\w+ )?(?:railing|guard ?rail|ledge|fence)",
    # a child locked in a car (keys inside): fire opens it
    r"locked (?:the |her |his |their |my )?keys (?:\w+ ){0,3}(?:with|w) (?:her|his|their|my|the|a|"
    r"an) (?:\w+ ){0,3}(?:baby|infant|newborn|child|kid|toddler|son|daughter|\w+ month old|"
    r"\w+ year old)",
    r"(?:baby|infant|newborn|child|kid|toddler|\w+ month old|\w+ year old) (?:\w+ ){0,4}"
    r"locked (?:in|inside) (?:the |a |her |his |their |my )?(?:car|vehicle|truck|van|suv)",
    r"jump (?:off|from) (?:the |a |that )?(?:\w+ ){0,3}(?:bridge|roof|ledge|building|overpass|"
    r"balcony|parking (?:garage|deck|structure)|water tower|cliff)",
)

# "controlled", "contained" ... in the same sentence make a fire word no emergency
FIRE_CONTAINED = alternatives(
    r"controlled", r"contained", r"supervised", r"roasting marshmallows", r"permit\w*",
    # said of the fire itself: "it's in the ring and under control" (not "trying to get it
    # under control"), "just their fire pit" (not "just a grill fire that spread")
    r"(?:is|s|are|re|and|now|all|totally|completely) under control",
    r"(?:it s|its|it is|fire is|flames are|fire s|stays|kept|burning|contained) in (?:the|a|their|"
    r"its) (?:fire )?(?:ring|pit|barrel|chiminea)",
    r"(?:just|only) (?:a |their |the |his |her |my |our )?(?:\w+ )?(?:fire ?pit|fire ring|bonfire|"
    r"campfire|burn barrel|burn pile|chiminea|grill|bbq|barbecue)(?! (?:\w+ ){0,3}(?:spread\w*|"
    r"caught|catching|out of control|jumped|got into|into the|to the))",
    # not flames "out the front" or "out of the windows": fire showing, not fire out
    r"(?:fire|flames?) (?:is |are )?(?:fine|out(?! (?:of|the|from|through|thru|a|an|his|her|"
    r"their|every|all|both)\b)|under control)",
    r"(?:fire|flames?) went out",
    # an alarm for a drill or for burnt food ("the fire alarm went off for their monthly
    # drill", "alarm was burned popcorn, no fire no smoke")
    r"alarms? (?:\w+ ){0,4}(?:for|from|was|is) (?:just )?(?:a |the |their |our |some )?(?:monthly |"
    r"fire |scheduled |practice )?(?:drill|burn(?:ed|t) (?:popcorn|toast|food|bacon))\b",
    r"no fire,? (?:and |or |no )?(?:no )?smoke",
    # the fire department already dealt with it ("FD already handled the fire")
    r"(?:fd|fire dept|fire department|firefighters|fire crews?) (?:already )?(?:handled|put out|"
    r"extinguished|took care of|cleared)",
    # a fire pit or grill that is tended and said to be fine
    r"(?:thats|that s|that is|its|it s|it is) (?:fine|ok|okay|legal|allowed)",
    r"(?:adults?|someone|somebody|they|people|owners?|neighbors?) (?:are |is )?(?:\w+ )?"
    r"(?:watching|tending|attending|minding) (?:it|the fire|the pit|the grill)",
)

# People in the water holding on to something (NFIRS 36x water rescue): a drowning a
# moment away, so EMS goes with the rescue crew
IN_THE_WATER = alternatives(
    r"(?:hanging|holding|clinging|hangin|holdin) (?:on )?(?:to|onto) (?:a |the |an |their |his |"
    r"her )?(?:\w+ ){0,2}(?:boat|canoe|kayak|raft|jon boat|log|tree|branch|buoy|piling|cooler|"
    r"tube|hull)(?= (?:[\w,]+ ){0,16}(?:water|river|lake|creek|current|swept|can t hold|"
    r"cant hold|sinking|waves|surf))",
    r"(?:in|into) the " + WATERS + r" (?:[\w,]+ ){0,8}(?:hanging|holding|clinging) (?:on )?"
    r"(?:to|onto)",
    # pulled out by a rip current, sucked under at a culvert, not come back up (NFIRS 36x)
    r"(?:pulled|swept|carried|dragged|sucked) (?:out|under|away) (?:\w+ ){0,3}by "
    r"(?:the |a )?(?:current|rip|riptide|rip current|undertow|waves?|tide|river|water)\b",
    r"(?:sucked|pulled|dragged|swept) (?:him |her |them |(?!from |out )\w+ )?under\b",
    r"(?:hasn t|hasnt|has not|haven t|havent|didn t|didnt|did not|never) (?:come|came) back up\b",
    r"(?:hasn t|hasnt|has not|didn t|didnt|did not|never) resurfaced\b",
    # wading on past the waist ("waist deep and keeps going"): a person the water is about
    # to take
    r"(?:waist|chest|neck|shoulder|chin) ?-?deep (?:[\w,]+ ){0,3}(?:keeps|still|kept) (?:going|"
    r"walking|wading|heading)",
    r"(?:waist|chest|neck|shoulder|chin) ?-?deep (?:[\w,]+ ){0,3}(?:going|walking|wading|heading) "
    r"(?:further|farther|deeper|out)",
    # a vehicle lying in deep water, told by where it sits or what still shows ("veh in the
    # bayou, nose down, only the tailgate showing": NFIRS 365 watercraft/vehicle in water);
    # a car in a ditch is a tow, a car in the lake's parking lot is parked
    r"(?:veh|vehicle|car|truck|pickup|suv|van|sedan|jeep|minivan) (?:(?:is |was |sitting |"
    r"upside down |nose down |nose first )?in|(?:went|rolled|ended up|plunged|slid|veered|drove) "
    r"into) the (?:\w+ )?(?!ditch|current)" + WATERS + r"\b(?! (?:park|parking|lot|access|road|"
    r"rd|st|street|boat launch|launch|bridge|side|front|club|marina|mall|center|plaza|estates|"
    r"apartments|apts|subdivision|school|elementary|high|church|hospital|shopping|ave|avenue|"
    r"blvd|dr|drive|hwy|ln|lane|way|pkwy|village)\b)(?! (?:[\w,]+ ){0,12}(?:been there|for "
    r"(?:a |two |several |many )?(?:weeks?|months?|years?)|since last|rusted|rusting|junk)\b)",
    r"(?:nose|front end|hood) (?:down|first) (?:in|into) the (?:\w+ )?(?!ditch)" + WATERS,
    r"only (?:the |its |his |her )?(?:tailgate|roof|top|tail ?lights?|back end|rear end|bumper|"
    r"rear bumper|wheels|tires) (?:is |are )?(?:showing|visible|sticking out|above (?:the )?water|"
    r"above water)",
)

# A building torn apart and burning (NFIRS 100 and 200 series: fire, explosion)
STRUCTURE_BURNING = alternatives(
    r"(?:shed|house|garage|barn|building|trailer|home|camper|rv|cabin|shop|warehouse) "
    r"(?:[\w,]+ ){0,6}(?:and|now|still) (?:is |s )?(?:burning|on fire|in flames|ablaze)")

# A fire that was, told as the past ("had a fire last month", "burned out two years ago"):
# no fire now, unless the call says otherwise elsewhere
PAST_FIRE = (
    r"\b(?:had|was|there was|been|after|since|died in|killed in|perished in|lost (?:\w+ ){0,3}"
    r"in) (?:a |an |the )?(?:small |big |bad |house |kitchen |grease |garage |electrical |car |"
    r"brush |apartment |trailer |wild ?|forest |camp )?fire (?:\w+ ){0,3}(?:last (?:month|mo|"
    r"week|wk|year|yr|spring|summer|fall|winter)|(?:[0-9]+|a|one|two|three|few|couple(?: of)?|"
    r"several) (?:days|weeks|wks|months|mos|years|yrs|month|week|year) ago|back in|in (?:19|20)"
    r"[0-9][0-9])\b"
    # a house that burned last month, or since which someone lives elsewhere
    r"|\b(?:(?:house|home|place|building|barn|trailer|shed|boat|sailboat|hull|vessel|car|truck|"
    r"camper|rv) (?:that |which )?burn(?:ed|t)"
    r"(?: down)? (?:\w+ ){0,3}(?:last (?:month|week|year|spring|summer|fall|winter)|(?:[0-9]+|"
    r"a|two|three|few|several) (?:days|weeks|months|years) ago)|since (?:her|his|their|the|my) "
    r"(?:house|home|place) burn(?:ed|t)(?: down)?(?: (?:\w+ ){0,4}fire)?)\b"
    # a named fire that is over, lived with since ("in a FEMA trailer since the Almeda fire")
    r"|\b(?:since|after|before|in|from|by) the (?:[a-z]+ ){1,2}(?:fire|wildfire|fires)\b"
    r"(?! (?:is|s|are|re|now|still|spreading|moving|jumped|coming|near|getting)\b)")
# A gas odour found and fixed before the call ("smelled gas yesterday, the gas company fixed
# the meter, all good now"): a sentence that says so holds no leak now
GAS_FIXED = (
    r"^(?!.*\b(?:again|still|back|but now|smell it now|smells it now|now smell\w*)\b)"
    r".*\b(?:fixed|repaired|capped|shut (?:it )?off|turned (?:it )?off|replaced)\b"
    r".*\b(?:all good|fine now|ok now|okay now|all set|no (?:more )?(?:smell|odor|odour))\b")

# someone hiding who will not come out ("under a bench by the ride, rocking, parents can't
# get him out"): coaxing, not a rescue from entrapment
HIDING_NOT_TRAPPED = (r"\b((?:under|behind|inside) (?:a |the |his |her |their )?(?:bench|table|"
                      r"picnic table|bed|desk|counter|slide|bleachers|closet|tent|stairs|porch|"
                      r"deck|steps|bushes|house|trailer)\b"
                      r"[^.]{0,80}?)(?:can not|cant|cannot) get (him|her|them) out\b")

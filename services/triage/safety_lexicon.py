"""The built-in safety vocabulary: families of everyday phrasings, not test sentences.

Medical and injury families live in :mod:`services.triage.lexicon_medical`, fire, hazard
and rescue in `lexicon_fire` and `lexicon_water`, doors tried in `lexicon_household`.

Each family is a list of regular-expression alternatives over the canonical text
(lower-case, abbreviations expanded, apostrophes split: "rp's" reads "rp s", "she'll"
reads "she ll"; "doesn't" reads "does not" but "doesnt" stays). Where the words come from:

* weapons: the firearms, edged and blunt weapons of the FBI NIBRS "type weapon/force
  involved" data element (firearm, knife/cutting instrument, blunt object, motor vehicle,
  personal weapons), street slang for them, and objects that become weapons in a threat;
* violence and threats: NIBRS assault offences (aggravated, simple, intimidation) and
  kidnapping, in the words callers use (pushed, shoved, choked, jumped, held, scared of
  him), and the call-taker question "is anyone being hurt or threatened?";
* imminent risk: the "imminent" determinants of the medical dispatch psychiatric /
  suicide-attempt protocol (a fatal act under way, means at hand) and 988 / crisis
  intervention training lists of warning signs with means;
* medical: the emergency medical dispatch chief complaints (breathing problems, chest
  pain, stroke, allergic reaction, diabetic problems, unconscious / fainting, overdose /
  poisoning incl. accidental ingestion by children, heat / cold exposure, haemorrhage,
  falls and traumatic injuries, pregnancy) and their key questions (breathing? awake?);
* fire and rescue: NFIRS incident-type series 100 (fires), 300 (rescue), 400 (hazards);
* endangered people: a child alone in danger, someone held or screaming for help;
* timing and presence: "is it happening now? is the suspect still there?", where an
  unknown answer ("not sure if anyone is still inside") keeps police;
* weapons out of reach: CALM (Counseling on Access to Lethal Means) training's steps as
  families tell them (`lexicon_weapon_reach`).
"""

from __future__ import annotations

from services.triage import lexicon_assault_signs as assault
from services.triage import lexicon_weapon_reach as reach
from services.triage.lexicon_fire import ACCELERANT, ENGINE_RUNNING
from services.triage.lexicon_firearms import ARMED_WITH_A_SOFT_THING, FIREARM_NAMES, NOT_A_TOOL
from services.triage.lexicon_household import ATTEMPTED_ENTRY, ENTRY_BY_A_STRANGER, LIGHT_INSIDE
from services.triage.lexicon_injury_signs import AT_THE_TANKS, SPRAY_DRUNK
from services.triage.lexicon_medical import CHILD_AGE, DEATH_ANNOUNCED_THEN_SILENCE, PILLS
from services.triage.lexicon_time import IN_PROGRESS
from services.triage.lexicon_warning_signs import FAREWELL_MESSAGE, SELF_CUTTING, WARNING_SIGNS
from services.triage.lexicon_water import DROWNING_INTENT, WADING_IN_TO_DIE
from services.triage.lexicon_words import alternatives

# family and household by the words callers use, with or without "his"/"her" (CAD
# narratives drop articles: "punched girlfriend in face"), grandparents by the names
# families give them
_KIN = (r"(?:wife|husband|girlfriend|boyfriend|gf|bf|fiance|fiancee|partner|spouse|mom|mother|"
        r"dad|father|son|daughter|brother|sister|kid|kids|child|baby|grandma|grandmother|"
        r"grandpa|grandfather|gma|gpa|granny|nana|papa|abuela|abuelo|tutu|lola|lolo|"
        r"stepdad|stepmom|stepson|stepdaughter|roommate|neighbor|uncle|aunt|cousin|nephew|niece)")
_PRON = r"(?:him|her|them|me|us|you|his \w+|her \w+|my \w+|the \w+|a \w+|an \w+|someone|somebody|people|everyone|staff|rp|caller|victim)"  # noqa: E501
_PERSON_OBJ = (r"(?:him|her|them|me|us|you|someone|somebody|rp|caller|staff|people|everyone|the (?:victim|clerk|customer|cashier|guard|employee|driver|neighbor|kid|child|baby)|(?:his|her|my|their) (?:\w+ )?" + _KIN + r"|" + _KIN + r"(?! s\b)|(?:his|her|their) (?:roommate|neighbor|friend|coworker|caregiver|aide|nurse)|(?:a|the|another|other|one of (?:our|the|his|her|their|my)|two|2|three|3|several|some|all the) (?:other )?(?:volunteers?|guests?|clients?|tenants?|campers?|parishioners?|customers?|patrons?|residents?|students?|teachers?|nurses?|aides?|staff members?|women|woman|men|man|kids?|child|children|girls?|boys?|persons?|people|passengers?|riders?|drivers?|officers?|guards?|employees?|workers?|visitors?|clerks?|cashiers?|elderly \w+|old \w+|neighbors?)|the (?:\w+ ){0,2}(?:pt|patient|resident|client|elder|senior)|the (?:\w+ )?(?:player|worker|lady|guy|man|woman|boy|girl|attendant|owner|manager|pastor|preacher|usher|server|waitress|waiter|bartender|bouncer|nurse|aide|teacher|coach|referee|ref|umpire|deputy|cashier|clerk))")  # noqa: E501
_SELF = r"(?:himself|herself|themselves|themself|myself)"
_SUBJ = r"(?:he|she|they|subject|suspect|male|female|man|woman|guy|person|son|daughter)"
# "shot him a text", "shot her a look": sent, not fired
_NOT_A_MESSAGE = r"(?! (?:a |an )?(?:quick |dirty |mean |nasty |funny )?(?:text|txt|message|msg|look|glance|email|e mail|dm|note|smile|wink|pic|photo|picture|video|snap)\b)"  # noqa: E501
# "flu shot", "insulin shot": a dose, not gunfire
_NOT_DOSE = (r"(?<!flu )(?<!insulin )(?<!vaccine )(?<!booster )(?<!allergy )(?<!covid )"
             r"(?<!tetanus )(?<!b12 )(?<!her )(?<!his )(?<!a )")


# "asked about weapons", "asked if he's armed": the call-taker's question, not an answer
_NOT_ASKED_ARMED = (r"(?<!asked if hes )(?<!asked if shes )(?<!asked if he s )(?<!asked if she s )"
                    r"(?<!asked if he is )(?<!asked if she is )(?<!asked if theyre )"
                    r"(?<!asked if they re )(?<!asked if they are )(?<!q is he )(?<!q is she )")
_NOT_ASKED = r"(?<!asked about )(?<!asked abt )(?<!asked re )(?<!q )(?<!asked if )"
_NOT_A_PLACE_NAMED = (r"(?! (?:park|lake|river|creek|rd|road|st|street|ave|avenue|trail|point|"
                      r"island|canyon|mountain|ridge|hill|pond|bay|way|dr|drive|blvd|ct|court|"
                      r"elementary|school)\b)")


WEAPON = alternatives(
    NOT_A_TOOL + _NOT_ASKED + r"guns?", r"handguns?", r"pistols?", r"shotguns?",
    r"firearms?", r"rifles?(?! season| range| club)",
    r"revolvers?", r"ar ?15s?", r"ak ?47s?", r"ammo", r"ammunition", r"bullets?",
    r"glock\w*", r"9 ?mm", r"(?:his|her|their|my|your) (?:ar|ak)\b",
    # a relative's rifle named the way teenagers post it ("got my uncles AR")
    r"(?:uncles|dads|brothers|cousins|grandpas|fathers|moms|stepdads|friends|papas) (?:ar|ak)\b",
    r"got (?:a |an |the )?(?:ar|ak)\b",
    r"nine millimeter", r"chamber\w* a round", *FIREARM_NAMES,
    r"[0-9][0-9]0? ?(?:cal|caliber)",
    r"strapped(?! (?:in|into|to|down|on|onto|up|together|for (?:cash|money|time))\b)",
    # a place named for one ("Knife River") and a plough's or a mower's blade are no weapon
    r"knife(?! (?:river|lake|creek|rd|road|st|street|point|island|edge)\b)", r"knives",
    r"(?<!plow )(?<!blizzard )(?<!snow )(?<!mower )(?<!saw )(?<!fan )(?<!wiper )(?<!grader )"
    r"(?<!skate )(?<!turbine )(?<!rotor )(?<!propeller )(?<!dozer )blades?"
    r"(?! (?:trailer|truck|load|transport|hauler|rig)s?\b)", r"machetes?", r"box ?cutters?",
    r"switchblades?", r"pocket ?knife", r"pocket ?knives",
    # a park, a lake or a road named for one ("Swords Park", "Hatchet Lake") is no weapon
    r"(?:daggers?|swords?|axe|axes|hatchets?)" + _NOT_A_PLACE_NAMED, r"shank", r"shiv",
    _NOT_ASKED + _NOT_ASKED_ARMED + r"armed" + ARMED_WITH_A_SOFT_THING, _NOT_ASKED + r"weapons?",
    r"gunshots?", r"gunfire", r"gunshot wound", r"shot ?spotter", r"(?:gun|knife) ?point",
    r"(?:heard|hearing|hears|heard what sounded like) (?:(?:\d+|a|few|several|multiple|some|"
    r"two|three|four|five|six|loud|more) ){0,3}(?:pops|popping sounds?|bangs)",
    r"shots? (?:fired|heard|ring out|rang out)",
    r"(?:heard|hearing|hears) (?:(?:a|multiple|several|some|few|more|[0-9]+|to|or|like|two|three|"
    r"four|five|six) ){0,3}(?:gun)?shots?",
    # "got shot at the urgent care" for strep: a dose, told with the medicine it was
    r"(?:was|been|got|is|being|just) shot(?! down| a video| video| footage| photos?)"
    r"(?![^.]{0,120}\b(?:antibiotic|flu|vaccine|booster|b12|tetanus|allergy|steroid|cortisone|"
    r"penicillin|covid|rabies|depo|toradol|rocephin) shots?\b)",
    _NOT_DOSE + r"shot (?:at (?:him|her|them|me|us|someone|the(?! (?:urgent care|clinic|"
    r"doctor s|doctors|pharmacy|health dept|health department|vaccine clinic)\b)|a)|"
    r"a (?:man|woman|guy|kid)|in the|" + _PERSON_OBJ + r")" + _NOT_A_MESSAGE,
    r"shooting(?! a (?:movie|film|video|commercial|scene)| (?:hoops|pool|baskets|photos|"
    r"pictures|a video|video|the breeze|film|movie|pain|pains|into|down (?:his|her|my) "
    r"(?:arm|leg|back))| (?:\w+ ){0,2}(?:pics|photos|pictures|portraits|headshots|photoshoot|"
    r"photo shoot|videos?|footage|film|commercial|content|selfies|b roll)\b)",
    r"shooter", r"stabb\w*(?! pains?)", r"stab", r"brandish\w*",
    r"(?:swinging|waving|wielding|pointing|holding|threatening \w+ with) (?:a|an|the|his|her|"
    r"their) (?:\w+ )?(?:bat|club|golf club|hammer|crowbar|pipe|tire iron|bottle|broken "
    r"bottle|scissors|screwdriver|cane|stick|rock|brick|chair|shovel|wrench|pole|knife|"
    r"gun|machete|axe|hatchet|board|chain|pry ?bar|sledge ?hammer|pitchfork|2 ?x ?4)",
    r"(?:baseball|metal|wooden) bat", r"tire iron", r"crowbar", r"broken (?:\w+ )?bottle",
    r"(?:holding|waving|swinging|gripping|clutching|has|with) (?:a |the |another )?(?:piece|shard|"
    r"chunk|sliver) of (?:the |broken |the broken )?(?:glass|mirror|window|bottle)",
    r"pepper spray", r"taser", r"brass knuckles", assault.OBJECT_SWUNG_AT_PEOPLE,
    reach.UNKNOWN_OBJECT_AT_HAND,
    r"waving (?:the|a|an|his|her) (?:neck|bottle|blade|knife|bat|gun|pipe|stick|hammer|machete)",
    r"(?:broke|smashed|breaks) a (?:beer |glass |wine )?bottle (?:and )?(?:\w+ ){0,3}"
    r"(?:waving|swinging|pointing|threatening|at)",
    r"(?:smashing|hit(?:ting)?|beat(?:ing)?|breaking|swinging|swung|attack(?:ed|ing)|"
    r"threatening|chas(?:ed|ing)) (?:\w+ ){0,4}"
    r"(?:with|w) (?:a|an|the|his|her) (?:hammer|bat|crowbar|pipe|golf club|tire iron|brick|"
    r"rock|chain|shovel|axe|wrench|bottle|stick|board)",
)

_THREAT_VERB = r"(?:kill|hurt|harm|shoot|stab|beat|fight|cut|burn|strangle|choke|attack|jump|end)"
VIOLENCE = alternatives(
    r"assault\w*", assault.VEHICLE_AS_WEAPON,
    # a snowball, pillow or water fight is a game
    r"(?<!after a )(?<!after )(?<!had a )(?<!in a )(?<!been )(?<!snowball )(?<!pillow )"
    r"(?<!food )(?<!balloon )(?<!nerf )(?<!water )(?<!paintball )(?<!mud )(?<!tickle )"
    r"(?<!thumb )(?<!pretend )(?<!play )(?<!dance )(?<!squirt gun )(?<!water gun )fight(?:ing|s)?"
    r"(?! with (?:his|her|their) (?:insurance|landlord|boss))",
    r"fought", r"brawl(?:s|ed|ing|er|ers)?\b", r"altercation",
    # a person held down ("has him pinned on the floor", "knee on his chest")
    r"(?:has|had|got|holding|is holding) (?:\w+ ){1,2}pinned\b",
    r"hands? (?:around|on) (?:his|her|their|my|the \w+ s) (?:neck|throat)",
    r"pinned (?:him|her|them) (?:down|to|on|against)\b",
    r"knees? on (?:his|her|their|the (?:kid s|boy s|girl s|baby s)) (?:chest|neck|back|throat)",
    r"punch(?:ed|ing|es)? " + _PERSON_OBJ, r"(?:got|was|been|being) punched",
    # a group beating told in slang: "jumping one kid", "stomped him"
    r"(?:jumping|jumped|jump) " + _PERSON_OBJ,
    r"(?:stomping|stomped|stomp|curb ?stomp\w*) (?:on )?" + _PERSON_OBJ,
    r"(?:jumping|jumped) (?:one|a|some|this|that|another) (?:\w+ )?(?:kid|guy|man|woman|boy|girl|"
    r"dude|student|teen|person)",
    # an act of force on a person: one family of verbs, one family of people
    r"(?:hit|hitting|hits|beat|beating|beats|chok(?:ed|ing|es)|kick(?:ed|ing|s)?|"
    r"push(?:ed|ing|es)?|shov(?:ed|ing|es)|shove|slap(?:ped|ping|s)?|grabb?(?:ed|ing|s)|jumped|"
    r"yank(?:ed|ing|s)?|"
    r"stomp(?:ed|ing) (?:on )?|strangl(?:ed|ing)|"
    r"attack(?:ed|ing|s)|assault(?:ed|ing|s)|threw|throwing|swung at|swinging at|"
    r"spit on|pepper sprayed|tased|hurt(?:ing)?) " + _PERSON_OBJ
    + r"(?! (?:car|cart|stroller|out|off(?! (?:the |a |his |her |their )?(?:bench|porch|stairs|"
    r"steps|stage|ladder|bridge|roof|chair|bed|balcony|deck|dock|pier|ledge|pulpit|platform))|"
    r"out of|package|packages|parcel|box|boxes|mail|bike|door|doors|side mirror|mirror|bumper|"
    r"bicycle|scooter|tools|stuff|things|tv|laptop|amazon|delivery|tote|bag|bags|purse|wallet|"
    r"phone|keys|backpack|groceries|luggage|suitcase|camera|jacket|coat|lunch|pillows?|"
    r"blankets?|soft toys|toys|clothes|books|shoes|pendant|button|panic button|alarm|"
    r"life alert|own))",
    r"hitting each other", r"beating (?:up|on)",
    # a threat in the speaker's own words ("said 'I'll cut you down'")
    r"(?:i ll|ill|i will|im gonna|i m gonna|im going to|i m going to|i am going to|gonna|going to) "
    r"(?:kill|cut|shoot|stab|hurt|beat|end|bury|gut|slit|smoke|waste|choke) (?:you|ya|u|your)\b",
    # a tool brandished at someone
    r"(?:revving|revved|swinging|swung|waving|waved|pointing|pointed|raising|raised) "
    r"(?:his |her |a |the |their )?(?:chain ?saw|saw|axe|ax|hatchet|machete|shovel|bat|pipe|hammer|"
    r"mic stand|crowbar|tire iron|rake|pitchfork|sickle|scythe) (?:\w+ )?(?:at|toward|towards) "
    + _PERSON_OBJ,
    # a head driven into something hard by someone else
    r"(?:slammed|smashed|bashed|rammed|shoved|threw|pushed) my (?:head|face) (?:\w+ )?(?:into|"
    r"against|on|off|onto|through)",
    r"(?:he|she|they|husband|wife|bf|gf|boyfriend|girlfriend|ex|son|daughter|dad|mom|father|"
    r"mother|brother|sister|roommate|suspect|male|female|guy) (?:\w+ ){0,2}(?:slammed|smashed|"
    r"bashed|rammed|shoved|threw|pushed) (?:her|his|their|rp s) (?:head|face) (?:\w+ )?(?:into|"
    r"against|on|off|onto|through)",
    # command hallucinations to harm someone else (a threat to others, not only a symptom)
    r"(?:voices?|god|the devil|devil|demons?|the tv|the radio|someone in (?:his|her|their|my) "
    r"head) (?:are |is |keep |keeps |have been |has been )?(?:telling|told|tell|tells|say|says|"
    r"saying|said|ordering|ordered|commanding|commanded) (?:him|her|them|me) (?:he |she |they |i )?"
    r"(?:to |has to |have to |must |needs to |need to |should )(?:kill|hurt|harm|stab|shoot|attack|"
    r"strangle|choke|burn|beat) (?!himself|herself|themselves|themself|myself)\w+",
    # a thing named before, turned on a person ("was whittling, now waving it at his sister")
    r"(?:waving|waved|pointing|pointed|swinging|swung|brandishing|brandished|jabbing|jabbed|"
    r"thrusting|lunging) (?:it|that|something|the thing) (?:at|toward|towards|in front of) "
    + _PERSON_OBJ,
    r"holding (?:it|that|something) (?:to|against) (?:his|her|their|my|the \w+ s) "
    r"(?:throat|neck|head|chest|face)",
    r"(?:punched|hit|slapped|kicked|headbutted|head butted|elbowed|smacked|struck|socked) "
    r"(?:\w+ ){1,3}in the (?:face|head|mouth|nose|jaw|eye|stomach|chest|ribs|back of the head)",
    r"beat (?:up|on)", r"beaten", r"choked(?! on\b)",
    r"getting kicked", r"got jumped", r"kick(?:ed|ing) in (?:the )?(?:head|face|stomach|ribs)",
    r"threw (?:a|an|the|\w+) (?:\w+ )?at " + _PERSON_OBJ,
    r"(?:swung|swinging|swings|threw|throwing|throws) (?:it|them|(?:the|a|an|his|her|their) "
    r"(?:\w+ ){0,3}\w+) at " + _PERSON_OBJ,
    # something thrown or swung that landed on someone ("threw a mug that cut her forehead")
    r"(?:threw|swung|hurled|chucked|tossed) (?:a|an|the|his|her|their) (?:\w+ ){0,2}(?:that|and it|"
    r"which) (?:cut|hit|struck|split|busted|gashed|opened|caught|broke)",
    r"(?:i ll|ill|i will|im going to|i m going to|gonna|going to) (?:kill|hurt|shoot|stab|beat|"
    r"cut) (?:every ?one|every one of you|all of you|each of you|you all|y all|yall)",
    r"throwing (?:things|stuff|furniture|chairs|objects|dishes|bottles|rocks|punches)",
    r"(?:throwing|throws|threw|hurling|hurled|chucking|chucked|tossing|dropping) (?:\w+ ){0,3}"
    r"(?:(?:\w+ ){0,4}and )?(?:down |off )?(?:at|onto|on) (?:the )?(?:people|kids|pedestrians|"
    r"passersby|cars|traffic|officers|crowd|customers|neighbors|anyone)",
    r"(?:breaking|smashing|destroying) (?:things|stuff|everything|furniture)",
    r"punching (?:holes|the walls?|walls)", r"put (?:his|her) hands on",
    r"(?:shoved|pushed|threw|slammed|knocked) (?:the |a |an |his |her |their |my )?(?:\w+ )?"
    r"(?:housekeeper|maid|clerk|cashier|worker|nurse|aide|staff|employee|guard|attendant|customer|"
    r"resident|patient|manager|wife|husband|girlfriend|boyfriend|mom|mother|dad|father|son|"
    r"daughter|kid|child|roommate|neighbor|officer|driver|passenger|woman|man|lady|guy|girl|boy|"
    r"him|her|them|me|volunteer|teacher|student) (?:into|onto|against|down|to the ground|"
    r"to the floor|off)",
    r"(?:he d|hed|he ll|hell|he would|he will|she d|she ll|she would|she will|i ll|ill|gonna|"
    r"going to) (?:\w+ )?(?:finish|end|off) (?:her|him|them|you|me)\b",
    r"(?:you ll|youll|you will|you re going to|you are going to|your gonna) (?:see what happens|"
    r"regret|be sorry|get yours|get what s coming|pay for)",
    r"watch your back",
    r"(?:scared|afraid|terrified|in fear) of (?:him|her|them)",
    r"fears for (?:her|his|their) (?:life|safety)",
    r"violent\w*", r"violence", r"combative", r"homicid\w*", r"murder\w*",
    r"rape", r"raped", r"raping", r"kidnap\w*", r"abduct\w*", r"hostages?",
    r"robb\w*(?! (?:my|his|her|our|their|the|a|an|rp s|rps) (?:\w+ )?(?:car|truck|house|home|"
    r"garage|shed|storage|apartment|apt|van|locker|store|place|unit|vehicle|suv|cabin|trailer|camper|"
    r"business|office|church|school|mailbox|porch)\b)",
    r"mugg\w*", r"carjack\w*", r"stabb\w*(?! pains?)",
    _NOT_DOSE + r"shot (?:at (?:him|her|them|me|us)|" + _PERSON_OBJ + r")" + _NOT_A_MESSAGE,
    r"threat\w* (?:to )?" + _THREAT_VERB + r" (?!" + _SELF + r")",
    r"threaten(?:ed|ing|s)? (?!to (?:call|sue|report|tell|evict|leave|quit|fire|kick|"
    r"take|move|sell|turn|break up|go|cancel))(?:him|her|them|me|us|rp|the|his|her|my|to)",
    # whoever is named as threatened ("threatening mom", "threatened two customers")
    r"threaten(?:ed|ing|s)? " + _PERSON_OBJ + r"\b",
    r"(?:making|made|making verbal) threats", r"threats? (?:of violence|against|toward|to "
    r"(?:kill|hurt|harm))",
    r"(?:said|says|saying|stated|states|told \w+) (?:that )?(?:he|she|they|he s|she s|hes|"
    r"shes) (?:ll |will |would |is going to |going to |gonna |d )?(?:kill|hurt|stab|shoot|"
    r"beat|cut|burn|strangle|choke) (?!" + _SELF + r")",
    r"(?:he|she|they|he s|she s|hes|shes) (?:ll|will|is going to|s going to|is gonna|s gonna|"
    r"gonna|going to) (?:kill|hurt|stab|shoot|beat|cut|burn|strangle|choke|slash|split|bash|"
    r"crack|smash|cave in|break) (?:\w+ )?"
    r"(?:him|her|them|me|you|us|his|her|their|my|your|everyone|somebody|someone|rp)",
    r"(?:going to|gonna|will|ll|wants to) (?:kill|stab|shoot|beat up|beat|strangle) "
    r"(?!" + _SELF + r")(?:him|her|them|me|us|you|rp|everyone|somebody|someone|his|her|"
    r"the|my)",
    r"(?:kill|hurt|shoot|stab) (?:him|her|them|me|you|everyone|us)(?! self)",
    r"swinging (?:a|an|the|his|her|it|them) (?:\w+ )?at", r"barricad\w*",
    r"(?:gonna|going to|will|ll) (?:\w+ ){0,6}(?:handle|deal with|take care of|mess up|"
    r"teach \w+ a lesson) (?:him|her|them|me|you|rp)\b(?! (?:with|to) (?:the|a) (?:report|claim))",
    r"(?:threaten\w*|said|says|told \w+|will|going to|gonna) (?:that )?(?:he |she |they )?"
    r"(?:ll |will |would |is going to |s going to )?(?:set (?:\w+ ){0,3}on fire|"
    r"burn (?:\w+ ){0,3}down|blow (?:\w+ ){0,3}up)",
    r"(?:will not|won t|wont|not) let " + _PERSON_OBJ + r" (?:leave|go|out)",
    r"against (?:her|his|their|my) will", r"locked " + _PERSON_OBJ + r" (?:in|inside|out)",
    r"being held", r"holding (?:her|him|them|me) (?:down|hostage|captive)",
)

IMMINENT = alternatives(
    # a person on the tracks (subway trackbed, rail line)
    r"(?:climbed|jumped|went|walking|standing|sitting|lying|laying|walked|got)(?: down)? "
    r"(?:onto|on|into|along|down) (?:the )?(?:track ?bed|train tracks|subway tracks|"
    r"railroad tracks|tracks|rails)",
    r"jumper", r"threatening to jump", r"going to jump", r"about to jump", r"trying to jump",
    r"(?:standing|sitting|climbing|hanging|holding on) (?:on|over|off|outside|on the outside "
    r"of) (?:the |a )?(?:bridge|ledge|roof|rooftop|railing|overpass|balcony|trestle)",
    r"(?:standing|sitting|climbing) (?:on )?(?:the )?edge of (?:the |a )?(?:roof|bridge|building|"
    r"cliff|cliffs|platform|balcony|overpass|parking (?:ramp|garage)|rims?|rimrocks?|bluffs?|"
    r"canyon|gorge|dam|falls|quarry|overlook|lookout|mesa|ridge|rock face)",
    r"(?:outside|other side) of the (?:railing|rail|fence|barrier)",
    r"(?:climbed|hopped|jumped|went|got) (?:over |across )?(?:the |a )?(?:\w+ )?(?:rail|railing|"
    r"guard ?rail|barrier) (?:\w+ ){0,6}(?:bridge|overpass|roof|garage|balcony|ledge|"
    r"outside|edge|hanging (?:on|off|from)|drop)",
    r"(?:is |was )?hanging (?:on )?(?:to )?(?:the )?outside (?:of )?(?:the )?(?:rail|railing|"
    r"bridge|fence|barrier|overpass|balcony)",
    r"(?:sitting|standing|climbing|perched) (?:on|over|off|outside) (?:the |a )?(?:\w+ )?"
    r"(?:ledge|railing|bridge|roof|balcony|overpass)",
    r"legs (?:hanging |dangling )?over (?:the )?(?:edge|side|railing|ledge|drop|rim)",
    r"on (?:the|a) (?:\w+ )?(?:ledge|edge|railing) of (?:the |a )?(?:\w+ ){0,3}(?:roof|building|"
    r"bridge|garage|balcony|overpass|tower|dorm|parking \w+)",
    r"(?:says|thinks|believes|saying|convinced) (?:he|she|they) (?:can|could) fly(?! (?:a|an|the|"
    r"his|her|planes?|jets?|drones?|kites?|helicopters?))",
    r"chamber\w* a round", r"rack\w* (?:the|a) (?:slide|shotgun|gun)",
    r"took (?:all|every one|every last one) (?:of )?(?:my|her|his|their) (?:\w+ ){0,2}"
    r"(?:pills|meds|medications?|medicine|prescriptions?)",
    r"(?:sitting|standing|lying|laying|walking|kneeling) (?:on|between|in the middle of|across) "
    r"the (?:train |railroad |rail )?(?:tracks|rails)",
    r"(?:walking|standing|lying|laying|running) (?:in|into|out into) (?:traffic|the freeway|"
    r"the highway|oncoming)",
    r"on (?:the|a) (?:bridge|ledge|overpass) (?:edge|railing)", r"attempting suicide",
    r"suicide attempt in progress",
    r"trying to (?:kill|hang|shoot|cut|stab|drown|hurt) " + _SELF,
    r"swallowed (?:\w+ ){0,3}(?:pills|meds|bottle|everything|seroquel|tylenol|xanax)"
    r"(?= (?:\w+ ){0,8}(?:die|goodbye|suicid\w*|kill (?:himself|herself)|sleep forever))",
    r"(?:hanging|hanged) " + _SELF, r"noose",
    r"(?:belt|rope|cord|sheet|extension cord|ligature) (?:around|on) (?:his|her|their) neck",
    r"cut (?:him|her|them) down", r"cutting " + _SELF, SELF_CUTTING,
    r"cutting (?:his|her|their) (?:wrists?|arms?|throat)",
    r"(?:gun|shotgun|pistol|rifle|handgun|knife|pocket ?knife|box ?cutter|blade|razor|razor blade|"
    r"scissors|glass|bottle|broken bottle) (?:pressed |held |holding |pointed |up )?"
    r"(?:in|to|against|at|on|into) (?:his|her|their|my) (?:own )?(?:lap|head|mouth|neck|chest|"
    r"throat|temple|wrists?|arms?)",
    r"running car in (?:a |the )?(?:closed |shut )?garage",
    r"(?:engine|car) running in (?:a |the )?(?:closed |shut )?garage",
    r"hose (?:\w+ ){0,3}(?:from|off|to) (?:the )?(?:exhaust|tail ?pipe)",
    r"(?:exhaust|tail ?pipe) (?:\w+ ){0,3}into",
    r"in (?:the|a|her|his) (?:running )?car in (?:the|a) closed garage",
    r"(?:drive|driving|drove|crash|wreck|run) (?:(?:his|her|their|the|my) (?:car|truck|jeep|"
    r"vehicle) )?(?:into|off|over) (?:a|the) (?:\w+ )?(?:tree|wall|bridge|pole|river|lake|mountain|"
    r"cliff|ledge|embankment|ravine|overpass|median|semi|train|gap|ridge|bluff|quarry)",
    r"(?:says|said|saying|threatening) (?:she|he|they)(?: ll| will| is going to)? do it",
    # more harm promised the moment help arrives ("she'll take those too if anyone comes")
    r"(?:ll|will|is going to|s going to|gonna|would) (?:\w+ ){0,3}(?:take|swallow|cut|jump|shoot|"
    r"hang|stab|drink|do it|end it|kill|hurt) (?:\w+ ){0,4}(?:if|when|once) (?:anyone|anybody|"
    r"someone|somebody|the police|police|cops|the cops|you|they|ems|an ambulance|the ambulance|"
    r"help) (?:\w+ )?(?:comes?|come in|comes in|shows? up|gets? here|gets? close|tries|try|is sent|"
    r"are sent|knocks?)",
    r"keeps trying to (?:get back in|hang|cut|jump)", *ACCELERANT, *DROWNING_INTENT,
    DEATH_ANNOUNCED_THEN_SILENCE,
    WADING_IN_TO_DIE,
    r"(?:stepping|jumping|walking|running|darting|lunging) (?:out )?(?:in front of|into) (?:the )?"
    r"(?:oncoming )?(?:cars|traffic|trucks|vehicles|buses|a car|a truck|a bus)",
    # an ingestion behind a locked door: the attempt goes on where nobody can reach it
    r"(?:locked|barricaded|shut) (?:\w+ ){0,2}in (?:the |her |his |their |a )?(?:bed ?room|"
    r"bathroom|room|closet|basement|garage)(?= (?:[\w,]+ ){0,24}(?:swallowed|took "
    r"(?:\w+ ){0,5}(?:pills|bottle|meds)|overdos\w*|whole bottle|cutting))",
    r"(?:swallowed|overdos\w*|whole bottle) (?:[\w,]+ ){0,24}(?:locked|barricaded) (?:\w+ ){0,2}in "
    r"(?:the |her |his |their |a )?(?:bed ?room|bathroom|room|closet|basement|garage)",
    # more of the means at hand after an ingestion: the attempt can go on
    r"(?:took|swallowed|drank) (?:a |an |the |her |his |my |their )?(?:whole|entire) bottle "
    r"(?:(?:\w+|,) ){0,4}(?:have|has|got|with) (?:another|more)",
)
MEANS = alternatives(
    r"guns?", r"handguns?", r"pistols?", r"rifles?", r"firearms?", r"knife", r"knives",
    r"blades?", r"razors?", r"pills", r"meds", r"medications?", r"rope", r"noose",
    r"(?:pill|med|medicine) bottles?", r"(?:3rd|third|another|other) bottle",
    r"(?:took|swallowed|ate|downed|chewed) (?:\w+ ){0,5}" + PILLS,
    r"weapons?", r"bridge", r"ledge", r"roof", r"belt", r"cord", r"swallowed", r"edge",
    r"railing", r"balcony", r"drank", r"jug", r"fluid", r"tracks", r"rails", r"traffic",
    r"open water", r"thin ice", r"on the ice",
    r"into the (?:river|lake|water|ocean|bay|sound|creek|inlet|surf)",
    ENGINE_RUNNING, r"(?:whole|entire) bottle",
)
# Taking something in, in amounts or ways that are an overdose or a poisoning: beside words
# of intent anywhere in the call, it is a suicide attempt under way.
_OVERDOSE_AMOUNT = (r"(?:\d+|a handful|handful|a bunch|bunch|all|most|the rest|a lot|lots|"
                    r"too many|extra|a fistful|fistful|several|many|whole|entire|double|triple)")
_POISONS = (r"(?:bleach|antifreeze|bug killer|bug spray|insecticide|pesticide|ant killer|"
            r"weed killer|roundup|rat poison|poison|drano|drain cleaner|lye|chemicals?|"
            r"lighter fluid|paint thinner|windshield fluid|washer fluid|lamp oil|paraquat|"
            r"gramoxone|cloro|lejia|veneno)")
INGESTION = alternatives(
    r"(?:took|ate|downed|chewed|drank|chugged|popped|swallowing|taking|downing|popping|eating) "
    r"(?:\w+ ){0,2}" + _OVERDOSE_AMOUNT + r" (?:\w+ ){0,4}" + PILLS,
    r"swallow(?:ed|ing) (?:\w+ ){0,6}" + PILLS, r"(?:whole|entire) bottle", r"overdos\w*", r"od",
    r"ingestions?",
    r"(?:drank|swallowed|ate|chugged) (?:\w+ ){0,6}" + _POISONS,
    SPRAY_DRUNK,
    r"(?:empty|emptied) (?:pill |med |medicine |prescription )?bottles? of (?:her|his|their|my) "
    r"\w+",
    r"took (?:all|every bit|the whole thing|the whole bottle) of (?:it|them)",
    # a medicine's bottle found empty, told bottle first ("her tramadol bottle empty")
    r"(?:\w+ )?(?:pill|pills|med|meds|medicine|medication|prescription|rx|" + PILLS[3:-1]
    + r") (?:bottle|bottles|pack|packs|box|container)s? (?:\w+ ){0,4}(?:empty|emptied|all gone)",
)
INTENT = alternatives(
    WARNING_SIGNS, r"kill " + _SELF, r"suicid\w*", r"end (?:his|her|their|my) life",
    r"end it all", r"end it", r"says (?:he|she|they) will", r"going to do it",
    # a farewell in other words ("you can find me in spring", "this is goodbye")
    r"(?:you|they|someone|somebody) (?:can|ll|will|could) find (?:me|my body|him|her)",
    r"this is (?:my )?goodbye", r"(?:wont|won t|will not|never) (?:see|hear from) me again",
    r"shoot " + _SELF, r"hang " + _SELF,
    # "jump", not in a street's name ("Jump Creek Rd") nor a battery's or a rope's ("she
    # needs a jump", "give him a jump": a jump start)
    r"(?<!needs a )(?<!need a )(?<!get a )(?<!got a )(?<!for a )(?<!her a )(?<!him a )"
    r"(?<!them a )(?<!me a )(?<!us a )jump(?! (?:\w+ )?(?:rd|road|st|street|ave|dr|drive|ln|lane|"
    r"way|hwy|creek|start|started|starting|starter|box|rope|ropes|ramp|house|suit))",
    r"(?:want|wants|wanted|wanting|wanna|going|gonna|trying) to (?:die|be dead|drown)",
    r"not (?:want|wanting) to (?:live|be alive|be here)", r"goodbye", r"sleep forever",
    r"(?:dont|don t|do not|doesnt|does not|didnt|did not) (?:want|wanna) (?:to )?"
    r"(?:live|be alive|be here|wake up|go on|exist)(?! (?:with|in|near|there|here|alone))",
    r"(?:to |gonna |going to |wants to |wanna )(?:finish it|finish this|end things|"
    r"be done with it)",
    r"(?:goodnight|good night|bye) forever",
    r"(?:she ll|shell|he ll|hell|she will|he will|gonna|going to|will) (?:take|swallow|down) "
    r"(?:them |it |the rest |those )?all",
    FAREWELL_MESSAGE,
    r"(?:im|i m|i am) done", r"(?:im|i m|i am) sorry", r"chamber\w* a round",
    # a farewell told as an apology or a last charge (the warning signs 988 lists: saying
    # goodbye, putting affairs in order)
    r"sorry (?:for|about) (?:everything|all of (?:it|this)|all this|being a burden)",
    r"tell (?:mom|dad|my \w+|the kids|everyone|them|him|her) (?:that )?i love (?:her|him|them|you)",
    r"take care of (?:my|the) (?:kids|babies|dog|dogs|cat|cats)(?! (?:today|tonight|while|for)\b)",
    r"(?:it s|its|it is) not your fault",
    r"(?:says|said|saying|because|cause|cuz|since) (?:she|he|they) (?:s|is|are|re|was|were) "
    r"(?:just )?done(?! (?:with (?:work|school|dinner|lunch|breakfast|the|his|her|their|my)|"
    r"for (?:the day|today|now|tonight)|eating|drinking|cleaning|working|shopping|cooking|"
    r"talking))",
    r"(?:nobody|no one) (?:will|would|is going to) miss (?:him|her|them|me)",
    # to "be with" someone who has died (the call names the death)
    r"(?:(?:going|wants?|want|wanted) to|gonna|wanna) (?:go )?(?:be with|join) (?:her|his|their|"
    r"my) (?:late )?(?:son|daughter|husband|wife|mom|mother|dad|father|baby|kids?|children|brother|"
    r"sister|boyfriend|girlfriend|fiance)(?= (?:[\w,.]+ ){0,14}(?:died|passed|dead|killed|"
    r"funeral|grave|overdosed))",
    # wanting it over, in the words the C-SSRS screen hears ("I want to be done", "it's done")
    r"(?:want|wants|wanted|wanna|wanting) to be (?:done|gone|dead)",
    r"(?:it s|its|it is) (?:all )?done\b(?! (?:with|for|by|already|yet|now))",
    r"(?:s|is|are|re|m|am|hes|shes|theyre|im) doing it (?:now|tonight|right now|today)",
    r"(?:do not|dont|don t|does not|doesnt|doesn t) want to wake up",
    # the 988 warning signs in lay words: wanting it all to stop
    r"(?:want|wants|wanted|wanna|wanting) (?:it|this|everything|it all|all of it|all this|"
    r"the pain) (?:all )?to (?:stop|end|be over)",
    r"(?:go to sleep|sleep|fall asleep|pass out) and (?:not|never) wake up",
    # an overdose told intentional (the poisoning protocol's "accidental or intentional?")
    r"intent\b", r"intentional\w*",
)

# lights of people moving about where nobody should be, seen now: a prowler
PROWLER_LIGHTS = (
    r"(?:sees|see|seeing|can see|watching|there are|there is|theres|there s) (?:\w+ ){0,2}"
    r"(?:flashlights?|flash lights|headlamps?)\b(?! (?:app|on (?:the|a|her|his|their) phone)\b)")
IN_PROGRESS = alternatives(
    LIGHT_INSIDE, *ATTEMPTED_ENTRY,
    # someone heard inside a home the caller just came back to
    r"(?:can hear|hears|hearing|heard|hear) (?:\w+ ){0,4}(?:being (?:opened|moved|thrown|dumped|"
    r"searched|gone through)|rummaging|footsteps|someone|somebody|people|voices|movement|"
    r"noises?) (?:\w+ ){0,3}(?:inside|in there|upstairs|downstairs|in the (?:house|apt|"
    r"apartment|unit|bedroom|basement))",
    r"drawers being (?:opened|pulled|thrown)",
    # a shoplifter or thief leaving with the goods now
    r"(?:in|into|across) the (?:parking lot|lot|parking garage|garage) (?:\w+ ){0,2}now",
    r"now (?:getting|loading|running|walking|driving|pulling) (?:\w+ ){0,2}(?:into|in|out|away|"
    r"off|toward|towards)",
    r"(?:sees|see|seeing|watching|can hear|hears|hearing) (?:\w+ ){0,8}(?:cutting|sawing|loading|"
    r"breaking into|stealing|prying|smashing|siphoning|stripping)",
    IN_PROGRESS, r"happening now",
    r"(?<!empty )(?<!clear )(?<!quiet )(?<!gone )(?<!closed )(?<!locked )right now",
    r"as we speak", r"at this time",
    r"currently (?:\w+ing)", r"ongoing",
    r"still (?:breaking|stealing|fighting|going on|happening|hitting|loading|taking|cutting|"
    r"inside|there|on scene|here)",
    r"breaking in now",
    r"(?:is|are) (?:back |still |now |out there )?(?:breaking into|cutting|sawing|loading|"
    r"stealing|grabbing|taking|smashing|prying|trying to (?:break|get|open|steal|pry))",
    r"(?:can )?hear (?:someone|somebody|people|them|him|noises?|footsteps|voices|banging|"
    r"sawing|glass breaking|a saw|stuff being moved)",
    r"watching (?:them|him|her|two|2|a (?:man|guy|male|female|woman)|the (?:guy|man|suspects?))",
    r"(?:now|currently) (?:loading|walking|running|leaving|inside|in the)",
    r"(?:sees|seeing|can see|see|watching) (?:\w+ ){0,3}(?:people|someone|somebody|"
    r"a man|a guy|a male|a woman|two|2|3|three|males?|females?|subjects?|suspects?|kids|teens) "
    r"(?:\w+ ){0,4}(?:inside|loading|taking|stealing|breaking|cutting|stripping|grabbing|"
    r"carrying|going through)",
    r"(?:theyre|they re|they are|hes|he s|he is|shes|she s|she is) (?:\w+ )?(?:loading|"
    r"stealing|breaking into|stripping|grabbing|going through)",
    r"(?<!parents )(?<!landlord )(?<!insurance )(?<!owner )(?<!neighbor )refus\w* to pay(?! for)",
    r"still at it",
    r"(?:thief|thieves|suspects?|someone|somebody|guy|guys|man|men|male|males|female|woman|kids|"
    r"teens|people|ppl|subjects?|two|2) (?:is |are )?(?:\w+ )?(?:cutting(?! (?:through|thru|across|"
    r"over)\b)|sawing|breaking into|prying|stealing|smashing|stripping|siphoning|slashing|"
    r"spray painting|tagging|throwing|loading(?! (?:dock|docks|zone|bay|area)\b)|carrying)",
    # prowlers told by their lights, or by what they fill: fuel or anhydrous ammonia drawn
    # off a farm's or a yard's tanks into cans and jugs
    PROWLER_LIGHTS, *AT_THE_TANKS,
    r"(?:someone|somebody|people|ppl|guy|guys|man|men|male|males|subjects?|suspects?|two|2) "
    r"(?:is |are )?(?:\w+ )?(?:filling|draining) (?:up )?(?:a |some |the |several |[0-9]+ )?"
    r"(?:\w+ )?(?:containers?|cans?|jugs?|buckets?|drums?|totes?|tanks?)",
    # a break-in going on, told in Spanish ("un senor metiendose por la ventana")
    r"metiendose (?:por|en|a)", r"se (?:esta |estan )?metiendo (?:por|en|a)",
    r"(?:esta|estan) (?:robando|forzando|quebrando|rompiendo)",
)
ENDANGERED = alternatives(
    # not help asked for with a service ("begging for help getting into detox")
    r"(?:screaming|yelling|crying|calling|shouting|begging) (?:for help|help)(?! (?:getting|to "
    r"get|finding|to find|with) (?:\w+ ){0,2}(?:detox|rehab|treatment|a bed|housing|shelter|food|"
    r"money|rent|a job|meds|medication|insurance|paperwork|benefits)\b)",
    r"(?:heard|hears|hearing) (?:a |an )?(?:woman|man|child|kid|baby|someone|somebody|"
    r"female|male|girl|boy) (?:\w+ )?(?:screaming|yelling for help|crying for help)",
    r"cries for help", r"against (?:her|his|their|my) will",
    # a child held out where a fall would kill it (a parent in crisis on a balcony)
    r"(?:holding|dangling|hanging|held) (?:the |her |his |their |a |my )?(?:\w+ )?(?:baby|infant|"
    r"newborn|child|kid|toddler|son|daughter) (?:\w+ ){0,2}(?:out|over|off) (?:on |of |over )?"
    r"(?:the |a )?(?:\w+ )?(?:balcony|window|ledge|railing|rail|edge|bridge|side|roof)",
    r"(?:child|kid|baby|infant|toddler|[0-9]+ ?month old|" + CHILD_AGE + r") (?:\w+ ){0,2}"
    r"(?:left )?(?:alone )?in (?:a |the |her |his )?(?:hot |locked )?(?:car|vehicle|truck|van)",
    r"(?:child|kid|baby|infant|toddler) (?:left )?(?:home )?alone",
    r"(?:will not|won t|wont|not) let " + _PERSON_OBJ + r" (?:leave|go)",
    r"(?:now|is|s|still|keeps) following (?:her|him|me|them|us)\b(?! on)",
    r"right behind (?:me|her|him|us|them)", assault.CHILD_GRABBED,
)

CRIME = alternatives(
    LIGHT_INSIDE, PROWLER_LIGHTS, *AT_THE_TANKS, *ENTRY_BY_A_STRANGER,
    r"theft", r"thief", r"thieves", r"steal\w*", r"stole", r"stolen", r"burglar\w*",
    r"break\w* in", r"broke in", r"broke into", r"breaking into", r"robb\w*",
    r"shoplift\w*", r"vandal\w*", r"damag\w*", r"graffiti", r"prowl\w*", r"trespass\w*",
    r"assault\w*", r"fight\w*", r"mischief", r"larceny", r"looting", r"carjack\w*", r"uumv",
    r"smashing", r"breaking (?:car )?windows?", r"sawing", r"siphon\w*", r"slashing",
    r"prying", r"trying (?:car )?door handles", r"casing",
    r"(?:someone|somebody|people|a man|a guy) (?:is |are )?(?:in|inside) "
    r"(?:his|her|my|the|our|their) "
    r"(?:barn|garage|shed|house|home|basement|shop|cabin|attic|store|building)",
)

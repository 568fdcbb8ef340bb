"""The built-in safety vocabulary: families of everyday phrasings, not test sentences.

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
* fire and rescue: NFIRS incident-type series 100 (fires), 300 (rescue: entrapment,
  elevator, water and ice rescue, extrication), 400 (hazardous conditions: gas and
  chemical odours, carbon monoxide, wires down);
* endangered people: a child left alone in danger, a person held against their will,
  screams or cries for help;
* timing and presence: "is it happening now? is the suspect still there?", where an
  unknown answer ("not sure if anyone is still inside") keeps police;
* weapons out of reach: the lethal-means safety steps of crisis-intervention and CALM
  (Counseling on Access to Lethal Means) training, as families say they took them: the
  guns stored at a relative's, the knives locked up, the rifle taken out of the house by
  someone other than the person in crisis.
"""

from __future__ import annotations

_PRON = r"(?:him|her|them|me|us|you|his \w+|her \w+|my \w+|the \w+|a \w+|an \w+|someone|somebody|people|everyone|staff|rp|caller|victim)"  # noqa: E501
_PERSON_OBJ = r"(?:him|her|them|me|us|you|someone|somebody|rp|caller|staff|people|everyone|the (?:victim|clerk|customer|cashier|guard|employee|driver|neighbor|kid|child|baby)|his (?:wife|girlfriend|mom|mother|dad|father|son|daughter|brother|sister|kid|kids|child|grandma|grandmother)|her (?:husband|boyfriend|mom|mother|dad|father|son|daughter|brother|sister|kid|kids|child|grandma|grandmother)|my (?:wife|husband|girlfriend|boyfriend|mom|mother|dad|father|son|daughter|brother|sister|kid|kids|child|grandma|grandmother|roommate|neighbor)|(?:his|her|their) (?:roommate|neighbor|friend|coworker|caregiver|aide|nurse)|(?:a|the|another|other|one of (?:our|the|his|her|their|my)|two|2|three|3|several|some|all the) (?:other )?(?:volunteers?|guests?|clients?|tenants?|campers?|parishioners?|customers?|patrons?|residents?|students?|teachers?|nurses?|aides?|staff members?|women|woman|men|man|kids?|child|children|girls?|boys?|persons?|people|passengers?|riders?|drivers?|officers?|guards?|employees?|workers?|visitors?|clerks?|cashiers?|elderly \w+|old \w+|neighbors?))"  # noqa: E501
_SELF = r"(?:himself|herself|themselves|themself|myself)"
_SUBJ = r"(?:he|she|they|subject|suspect|male|female|man|woman|guy|person|son|daughter)"
# "flu shot", "insulin shot": a dose, not gunfire
_NOT_DOSE = (r"(?<!flu )(?<!insulin )(?<!vaccine )(?<!booster )(?<!allergy )(?<!covid )"
             r"(?<!tetanus )(?<!b12 )(?<!her )(?<!his )(?<!a )")
_NOT_TOOL = (r"(?<!prop )(?<!property )(?<!toy )(?<!water )(?<!nerf )(?<!glue )(?<!nail )(?<!heat )"
             r"(?<!staple )(?<!squirt )(?<!spray )(?<!caulk )(?<!caulking )")


# "asked about weapons": the call-taker's question, not an answer
_NOT_ASKED = r"(?<!asked about )(?<!asked abt )(?<!asked re )(?<!q )(?<!asked if )"


def alternatives(*parts: str) -> str:
    """One non-capturing, word-bounded alternation of the given regex alternatives."""
    return r"\b(?:" + "|".join(parts) + r")\b"


WEAPON = alternatives(
    _NOT_TOOL + _NOT_ASKED + r"guns?", r"handguns?", r"pistols?", r"rifles?", r"shotguns?",
    r"firearms?",
    r"revolvers?", r"ar ?15s?", r"ak ?47s?", r"ammo", r"ammunition", r"bullets?",
    r"glock\w*", r"9 ?mm", r"nine millimeter", r"chamber\w* a round",
    r"[0-9][0-9]0? ?(?:cal|caliber)", r"strapped",
    r"knife", r"knives", r"blades?", r"machetes?", r"box ?cutters?", r"switchblades?",
    r"daggers?", r"swords?", r"axe", r"axes", r"hatchets?", r"shank", r"shiv",
    r"armed", _NOT_ASKED + r"weapons?",
    r"gunshots?", r"gunfire", r"gunshot wound", r"shot ?spotter",
    r"(?:heard|hearing|hears|heard what sounded like) (?:(?:\d+|a|few|several|multiple|some|"
    r"two|three|four|five|six|loud|more) ){0,3}(?:pops|popping sounds?|bangs)",
    r"shots? (?:fired|heard|ring out|rang out)", r"heard (?:a |multiple |several |[0-9]+ )?shots?",
    r"(?:was|been|got|is|being|just) shot(?! down| a video| video| footage| photos?)",
    _NOT_DOSE + r"shot (?:at (?:him|her|them|me|us|someone|the|a)|him|her|them|me|someone|"
    r"somebody|a (?:man|woman|guy|kid)|in the)",
    r"shooting(?! a (?:movie|film|video|commercial|scene)| (?:hoops|pool|baskets|photos|"
    r"pictures|a video|video|the breeze|film|movie|pain|pains|into|down (?:his|her|my) "
    r"(?:arm|leg|back)))",
    r"shooter", r"stabb\w*(?! pains?)", r"stab", r"brandish\w*",
    r"(?:swinging|waving|wielding|pointing|holding|threatening \w+ with) (?:a|an|the|his|her|"
    r"their) (?:\w+ )?(?:bat|club|golf club|hammer|crowbar|pipe|tire iron|bottle|broken "
    r"bottle|scissors|screwdriver|cane|stick|rock|brick|chair|shovel|wrench|pole|knife|"
    r"gun|machete|axe|hatchet|board|chain)",
    r"(?:baseball|metal|wooden) bat", r"tire iron", r"crowbar", r"broken (?:\w+ )?bottle",
    r"(?:holding|waving|swinging|gripping|clutching|has|with) (?:a |the |another )?(?:piece|shard|"
    r"chunk|sliver) of (?:the |broken |the broken )?(?:glass|mirror|window|bottle)",
    r"pepper spray", r"taser", r"brass knuckles",
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
    r"assault\w*",
    r"(?<!after a )(?<!after )(?<!had a )(?<!in a )(?<!been )fight(?:ing|s)?"
    r"(?! with (?:his|her|their) (?:insurance|landlord|boss))",
    r"fought", r"brawl\w*", r"altercation",
    r"punch(?:ed|ing|es)? " + _PERSON_OBJ, r"(?:got|was|been|being) punched",
    # an act of force on a person: one family of verbs, one family of people
    r"(?:hit|hitting|hits|beat|beating|beats|chok(?:ed|ing|es)|kick(?:ed|ing|s)|"
    r"push(?:ed|ing|es)|shov(?:ed|ing|es)|slap(?:ped|ping|s)|grabb?(?:ed|ing|s)|jumped|"
    r"stomp(?:ed|ing) (?:on )?|strangl(?:ed|ing)|"
    r"attack(?:ed|ing|s)|assault(?:ed|ing|s)|threw|throwing|swung at|swinging at|"
    r"spit on|pepper sprayed|tased|hurt(?:ing)?) " + _PERSON_OBJ
    + r"(?! (?:car|cart|stroller|out|off|out of))",
    r"hitting each other", r"beating (?:up|on)",
    r"(?:punched|hit|slapped|kicked|headbutted|head butted|elbowed|smacked|struck|socked) "
    r"(?:\w+ ){1,3}in the (?:face|head|mouth|nose|jaw|eye|stomach|chest|ribs|back of the head)",
    r"beat (?:up|on)", r"beaten", r"choked",
    r"getting kicked", r"got jumped", r"kick(?:ed|ing) in (?:the )?(?:head|face|stomach|ribs)",
    r"threw (?:a|an|the|\w+) (?:\w+ )?at " + _PERSON_OBJ,
    r"(?:swung|swinging|swings|threw|throwing|throws) (?:it|them|(?:the|a|an|his|her|their) "
    r"(?:\w+ ){0,3}\w+) at " + _PERSON_OBJ,
    r"(?:i ll|ill|i will|im going to|i m going to|gonna|going to) (?:kill|hurt|shoot|stab|beat|"
    r"cut) (?:every ?one|every one of you|all of you|each of you|you all|y all|yall)",
    r"throwing (?:things|stuff|furniture|chairs|objects|dishes|bottles|rocks|punches)",
    r"(?:breaking|smashing|destroying) (?:things|stuff|everything|furniture)",
    r"punching (?:holes|the walls?|walls)", r"put (?:his|her) hands on",
    r"(?:scared|afraid|terrified|in fear) of (?:him|her|them)",
    r"fears for (?:her|his|their) (?:life|safety)",
    r"violent\w*", r"violence", r"combative", r"homicid\w*", r"murder\w*",
    r"rape", r"raped", r"raping", r"kidnap\w*", r"abduct\w*", r"hostages?", r"robb\w*",
    r"mugg\w*", r"carjack\w*", r"stabb\w*(?! pains?)",
    _NOT_DOSE + r"shot (?:at (?:him|her|them|me|us)|him|her|them|me)",
    r"threat\w* (?:to )?" + _THREAT_VERB + r" (?!" + _SELF + r")",
    r"threaten(?:ed|ing|s)? (?!to (?:call|sue|report|tell|evict|leave|quit|fire|kick|"
    r"take|move|sell|turn|break up|go|cancel))(?:him|her|them|me|us|rp|the|his|her|my|to)",
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
    r"jumper", r"threatening to jump", r"going to jump", r"about to jump", r"trying to jump",
    r"(?:standing|sitting|climbing|hanging|holding on) (?:on|over|off|outside|on the outside "
    r"of) (?:the |a )?(?:bridge|ledge|roof|rooftop|railing|overpass|balcony)",
    r"(?:standing|sitting|climbing) (?:on )?(?:the )?edge of (?:the |a )?(?:roof|bridge|building|"
    r"cliff|platform|balcony|overpass|parking (?:ramp|garage))",
    r"(?:outside|other side) of the (?:railing|rail|fence|barrier)",
    r"(?:sitting|standing|climbing|perched) (?:on|over|off|outside) (?:the |a )?(?:\w+ )?"
    r"(?:ledge|railing|bridge|roof|balcony|overpass)",
    r"legs (?:hanging )?over (?:the )?(?:edge|side|railing|ledge)",
    r"on (?:the|a) (?:\w+ )?(?:ledge|edge|railing) of (?:the |a )?(?:\w+ ){0,3}(?:roof|building|"
    r"bridge|garage|balcony|overpass|tower|dorm|parking \w+)",
    r"(?:says|thinks|believes|saying|convinced) (?:he|she|they) (?:can|could) fly",
    r"chamber\w* a round", r"rack\w* (?:the|a) (?:slide|shotgun|gun)",
    r"took (?:all|every one|every last one) (?:of )?(?:my|her|his|their) (?:\w+ ){0,2}"
    r"(?:pills|meds|"
    r"medications?|medicine|prescriptions?)",
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
    r"cut (?:him|her|them) down", r"cutting " + _SELF,
    r"cut (?:his|her|their) (?:own )?(?:wrists?|throat)",
    r"cutting (?:his|her|their) (?:wrists?|arms?|throat)",
    r"(?:gun|shotgun|pistol|rifle|handgun|knife|blade|razor|bottle|broken bottle) "
    r"(?:in|to|against|at|on) (?:his|her|their|my) (?:own )?(?:lap|head|mouth|neck|chest|throat|"
    r"temple|wrist)",
    r"running car in (?:a |the )?(?:closed |shut )?garage",
    r"(?:engine|car) running in (?:a |the )?(?:closed |shut )?garage",
    r"hose (?:\w+ ){0,3}(?:from|off|to) (?:the )?(?:exhaust|tail ?pipe)",
    r"(?:exhaust|tail ?pipe) (?:\w+ ){0,3}into",
    r"in (?:the|a|her|his) (?:running )?car in (?:the|a) closed garage",
    r"(?:drive|driving|crash) (?:into|off) (?:a|the) (?:tree|wall|bridge|pole|river|lake)",
    r"(?:says|said|saying|threatening) (?:she|he|they)(?: ll| will| is going to)? do it",
    r"keeps trying to (?:get back in|hang|cut|jump)",
    # more of the means at hand after an ingestion: the attempt can go on
    r"(?:took|swallowed|drank) (?:a |an |the |her |his |my |their )?(?:whole|entire) bottle "
    r"(?:(?:\w+|,) ){0,4}(?:have|has|got|with) (?:another|more)",
)
MEANS = alternatives(
    r"guns?", r"handguns?", r"pistols?", r"rifles?", r"firearms?", r"knife", r"knives",
    r"blades?", r"razors?", r"pills", r"meds", r"medications?", r"rope", r"noose",
    r"weapons?", r"bridge", r"ledge", r"roof", r"belt", r"cord", r"swallowed", r"edge",
    r"railing", r"balcony", r"drank", r"jug", r"fluid", r"tracks", r"rails", r"traffic",
    r"(?:car|engine|motor) (?:is |still )?running", r"(?:whole|entire) bottle",
)
INTENT = alternatives(
    r"kill " + _SELF, r"suicid\w*", r"end (?:his|her|their|my) life", r"end it all",
    r"end it", r"says (?:he|she|they) will", r"going to do it",
    r"shoot " + _SELF, r"hang " + _SELF, r"jump", r"wants? to die",
    r"not (?:want|wanting) to (?:live|be alive|be here)", r"goodbye", r"sleep forever",
    r"(?:im|i m|i am) done", r"(?:im|i m|i am) sorry", r"chamber\w* a round",
    r"(?:says|said|saying|because|cause|cuz|since) (?:she|he|they) (?:s|is|are|re|was|were) "
    r"(?:just )?done(?! (?:with (?:work|school|dinner|lunch|breakfast|the|his|her|their|my)|"
    r"for (?:the day|today|now|tonight)|eating|drinking|cleaning|working|shopping|cooking|"
    r"talking))",
    r"(?:nobody|no one) (?:will|would|is going to) miss (?:him|her|them|me)",
)

_PILLS = (r"(?:pills?|meds|medications?|medicine|tablets|capsules|tylenol|xanax|adderall|"
          r"ritalin|vyvanse|fentanyl|heroin|meth|cocaine|coke|molly|ecstasy|acid|lsd|shrooms|"
          r"ketamine|percs|bars|benadryl|ibuprofen|aspirin|antidepressants?|washer fluid|"
          r"windshield fluid|lighter fluid|paint thinner|rubbing alcohol|mouthwash|lamp oil|"
          r"pesticide|weed killer|roundup|gramoxone|paraquat|cloro|lejia|veneno|"
          r"seroquel|ativan|klonopin|oxy\w*|percocet\w*|vicodin|insulin|gummies|edibles?|"
          r"brownies|detergent pods?|tide pods?|bleach|antifreeze|drano|chemicals?|"
          r"cleaning \w+|rat poison|poison|pill organizer|pill bottle|vodka|sleeping pills)")
MEDICAL = alternatives(
    # unconscious / fainting, unknown problem
    r"unconscious", r"unresponsive", r"not (?:responding|responsive|moving|waking up)",
    # crash notification services (telematics): a deployed airbag and sounds of pain, no
    # voice: an unknown problem after a crash
    r"airbags? (?:\w+ )?deployed",
    r"(?:vision|eyesight) (?:is |went |going )?(?:blurry|blurred|double|black)",
    r"(?:can not|cant|cannot|unable to|could not|couldnt) (?:feel|move) (?:his|her|their|my) "
    r"(?:legs|arms|feet|hands|body|neck)",
    r"(?:blurry|blurred|double) vision", r"seeing double",
    # a diabetic low told as what the caller sees (medical dispatch protocol 13)
    r"(?:insulin|diabetic|diabetes|blood sugar|sugar) (?:(?:\w+|,) ){0,10}(?:sweaty|sweating|"
    r"confused|shaky|shaking|not making sense|answering (?:\w+ ){0,2}wrong|slurring|pale|clammy)",
    r"(?:hears?|heard|hearing) (?:\w+ ){0,2}(?:moaning|groaning)",
    r"(?:chugged|drank|downed) (?:most of |a whole |an entire |half )?(?:a |the )?(?:fifth|handle|"
    r"bottle) (?:of )?", r"(?:not|isnt|is not|wont|won t|will not) get(?:ting)? (?:back )?up",
    r"(?:will not|wont|won t|can not|cant|cannot|could not|unable to) (?:really |even |fully )?"
    r"(?:wake|be woken|"
    r"get (?:him|her|them) (?:up|awake)|rouse)", r"hard to wake", r"did not respond",
    r"didnt respond", r"no response", r"passed out", r"knocked out", r"out cold",
    r"fainted", r"fainting", r"collapsed", r"slumped (?:over)?", r"floppy", r"limp",
    r"nodding out", r"eyes rolled", r"(?:person|man|woman|male|female) down",
    r"(?:1|one|someone|somebody|guy|subject|victim|rider|driver) (?:is )?down"
    r"(?! the (?:street|road|block))",
    # breathing problems
    r"not breathing", r"(?:barely|hardly|not|trouble|difficulty|hard time|struggling to|"
    r"can not|cant|cannot) (?:breath|breathe|breathing)", r"no pulse", r"cpr",
    r"(?:can not|cant|cannot) catch (?:his|her|their|my) breath", r"short(?:ness)? of breath",
    r"gasping", r"wheez\w*", r"gurgl\w*", r"breathing (?:slow|fast|funny|shallow|weird|hard)",
    r"lips (?:are |look |turning |were )?(?:blue|bluish|gr[ae]y|purple|dusky)", r"turning blue",
    r"choking", r"something stuck in (?:his|her|their) throat",
    # chest pain, heart, stroke
    r"chest pains?", r"(?:pressure|tightness|pain|pains) in (?:his |her |their |my |the )?chest",
    r"chest (?:pressure|tightness|hurts|is hurting)", r"(?:clutching|holding|grabbing) "
    r"(?:his |her |their |my )?chest", r"like an elephant",
    r"(?:left )?arm (?:is )?(?:tingly|tingling|numb)",
    r"(?:sweaty|sweating|pale|clammy) and (?:gr[ae]y|pale|clammy|ashen)",
    r"(?:unknown|unk|not sure|unsure|cant tell|can not tell) (?:if|whether) (?:he |she |they |"
    r"he s |she s |he is |she is )?(?:is |s )?(?:conscious|breathing|alive|awake)",
    r"hose (?:\w+ ){0,3}(?:from|off|to) (?:the )?(?:exhaust|tail ?pipe)",
    r"(?:exhaust|tail ?pipe) (?:\w+ ){0,3}into",
    r"cardiac", r"heart attack", r"heart (?:racing|problems?)",
    r"heart (?:is )?(?:pounding|racing) (?:out of|like)", r"feels like (?:he s|hes|she s|shes|"
    r"he is|she is|i m|im|they re|theyre) (?:gonna|going to|about to) die",
    r"stroke(?! (?:a deal|of luck|"
    r"of genius))", r"face (?:is )?droop\w*", r"slurr\w* (?:speech|words)",
    r"(?:can not|cant|cannot|unable to) (?:lift|move|feel) (?:his|her|their|my) (?:left |"
    r"right )?(?:arm|leg|side)", r"numb(?:ness)? on one side",
    # seizures, diabetic, allergic
    r"seizures?", r"seizing", r"convuls\w*", r"diabetic", r"blood sugar",
    r"(?:sugar|glucose) (?:is )?(?:low|high)", r"after (?:his|her|their) insulin",
    r"anaphyla\w*", r"allergic reaction", r"epi ?pens?", r"throat (?:is )?(?:closing|swelling)",
    r"(?:face|lips|tongue|throat) (?:is |are )?swell\w*", r"swelling up",
    r"trouble swallowing", r"stung by", r"hard to swallow", r"hives",
    r"throat (?:feels |is |getting )?(?:tight|closing|swelling|swollen)",
    # overdose, poisoning, ingestion
    r"overdos\w*", r"od", r"ods", r"narcan", r"naloxone", r"pinpoint pupils",
    r"needle (?:still )?in (?:his|her|their) arm",
    r"took (?:\w+ ){0,6}" + _PILLS, r"swallowed (?:\w+ ){0,6}" + _PILLS,
    r"swallowed (?:a |the )?(?:whole )?(?:bottle|handful|everything)",
    r"(?:ate|drank|drinking|eating|chewed) (?:\w+ ){0,6}" + _PILLS,
    r"got into (?:\w+ ){0,6}" + _PILLS, r"(?:snorted|shot up|injected)",
    r"ingest\w*", r"poison\w*", r"took a swig", r"drooling",
    r"drank (?:from|out of) (?:a|the) (?:cup|bottle|jar|jug|can|glass|container)",
    r"(?:mouth|throat|lips) (?:is |are )?burning",
    r"took (?:everything|all) in the medicine cabinet",
    r"took too much", r"too many " + _PILLS,
    r"(?:took|swallowed|ate|downed) (?:like )?(?:a bunch|a handful|a lot|all|most|half|too many|"
    r"[0-9]+|several|a whole bottle|the whole bottle|an entire bottle|the rest) of (?:her|his|"
    r"their|my|the|mom s|moms|dad s|dads|grandma s|grandmas) \w+",
    # bleeding, trauma, falls
    r"bleeding", r"bloody", r"blood (?:everywhere|all over|coming)",
    r"vomiting blood", r"coughing (?:up )?blood", r"head injury", r"concussion",
    r"hit (?:his|her|their|my) head", r"(?:took|hit) (?:a \w+ )?to the head",
    r"(?:hurts?|hurting|injured|broke|broken) (?:his|her|their|my) (?:leg|ankle|arm|back|"
    r"head|neck|hip|wrist|knee|shoulder|ribs?)",
    r"(?:neck|back|head|leg|legs|ankle|arm|wrist|hip|chest|stomach|knee|ribs?) (?:hurts|"
    r"pain|is hurting|injury)", r"(?:can not|cant|cannot|unable to) (?:get up|stand|walk|move)",
    r"fell (?:down|off|from|and)", r"fallen", r"burn(?:ed|t|s) (?:on )?(?:his|her|their|my)",
    # heat and cold, pregnancy, children in cars
    r"heat ?stroke", r"heat exhaustion", r"(?:stopped|not|isnt|quit|no longer) sweating",
    r"skin (?:is |looks )?(?:hot and dry|red and dry|cold and clammy|clammy|gr[ae]y|blue)",
    r"(?:he|she|they|guy|man|woman|worker|lineman|player|runner|someone|somebody|rider|driver) "
    r"(?:just )?went down", r"hypotherm\w*",
    r"frostbit\w*", r"shivering (?:bad|badly|uncontrollably|hard)", r"fingers (?:are )?white",
    r"(?:pedestrian|ped|person|man|woman|male|female|kid|child|boy|girl|bicyclist|cyclist|"
    r"biker|jogger|rider|student|elderly \w+) (?:was |got |been |is )?(?:hit|struck) by "
    r"(?:a|the|an) "
    r"(?:\w+ )?(?:car|truck|vehicle|bus|van|suv|pickup|semi|motorcycle|train|driver)",
    r"(?:hit|struck) in the crosswalk", r"(?:car|auto|vehicle|truck|bus|suv) vs\.? ped\w*",
    r"(?:car|vehicle|suv|truck|van|pickup) (?:\w+ ){0,2}(?:on its roof|rolled over|upside down)",
    r"in labor", r"contractions", r"water broke", r"miscarr\w*",
    r"(?:child|kid|baby|infant|toddler|[0-9]+ ?(?:yo|year old|yr old|y o|month old)) (?:\w+ ){0,2}"
    r"(?:left )?(?:alone )?in (?:a |the |her |his )?(?:hot |locked )?(?:car|vehicle|truck|van)",
    # hanging and carbon monoxide attempts, withdrawal emergencies
    r"(?:belt|rope|cord|sheet|extension cord|ligature) (?:around|on) (?:his|her|their) neck",
    r"cut (?:\w+ ){1,3}down", r"(?:red )?marks on (?:his|her|their) neck",
    r"(?:running car|engine running|car running) in (?:a |the )?(?:closed |shut )?garage",
    r"(?:engine|motor|car) (?:is |was )?running (?:\w+ ){0,4}garage",
    r"garage (?:(?:\w+|,) ){0,10}(?:engine|motor|car) (?:is |was )?running",
    r"(?:filling|filled|full) (?:with|w) (?:exhaust|fumes|smoke)",
    r"cold turkey", r"dts", r"delirium tremens", r"(?:alcohol|benzo\w*|xanax) withdrawal",
    # drowning, electrocution
    r"(?<!like im )(?<!like i m )(?<!like i am )drown\w*", r"electrocut\w*",
    r"fell (?:thru|through|into) the (?:ice|water|pool|river)",
)

_BODY_PART = (r"(?:hands?|palms?|fingers?|thumbs?|arms?|forearms?|legs?|thighs?|feet|foot|"
              r"wrists?|head|face|scalp|knees?|shins?|necks?|chest|stomach|belly)")
INJURY = alternatives(
    # "injury to personal property" is North Carolina's name for vandalism (G.S. 14-160)
    r"injur\w*(?! to (?:real |personal )?prop\w*)", r"bleeding", r"wounded", r"wounds?",
    r"gunshot wound", r"lacerations?",
    r"(?:is|was|got|been|badly|seriously) hurt", r"hurt badly",
    r"broken (?:bone|arm|leg|nose|wrist|ankle|hip)", r"head injury",
    r"cut (?:his|her|their) (?:wrists?|arms?|throat)", r"stab wounds?",
    r"bloody nose", r"bruis\w*",
    r"(?:leg|arm|wrist|ankle|hip|nose|jaw|collarbone|finger|foot) (?:looks |is |might be |may be |"
    r"seems )?(?:broken|broke|fractured|deformed)",
    r"(?:a |has a |with a )(?:cut|gash|laceration|wound|bump|burn) (?:on|to|over|in) "
    r"(?:her|his|their|the|my) \w+",
    r"getting (?:kicked|stomped|beaten|jumped|hit|punched)", r"knocked (?:him|her|them|out)",
    r"(?:scraped|skinned|banged|cut) (?:up )?(?:his |her |their |my )?(?:knees?|elbows?|hands?|"
    r"arms?|legs?|face|head)", r"choked", r"strangled", r"gash\w*",
    r"(?:cut|gash|laceration|wound|bump) (?:over|above|under|on) (?:his|her|their) (?:eye|head|"
    r"face|lip|arm|leg)",
    r"(?:has|with|got|have|had) (?:a )?(?:cut|gash|laceration|wound|bump|lump|split) (?:on|to|over|"
    r"in|above|under|across) (?:(?:his|her|their|the|my|one|left|right) )?(?:forehead|eye|eyes|"
    r"eyebrow|lip|lips|cheek|chin|scalp|temple|nose|ear|head|face)",
    r"(?:split|busted|fat|swollen|bloody|bloodied) (?:lip|lips|eyebrow|chin|nose|mouth|face)",
    r"holding (?:his|her|their) (?:leg|arm|head|side|neck|ribs|wrist)",
    r"(?:took|got hit|hit|struck|smacked|clocked) (?:\w+ ){0,4}(?:to|in|on) the "
    r"(?:side of (?:the |his |her )?)?head",
    r"kicked in (?:the )?(?:head|face|stomach|chest|ribs)",
    r"hit (?:\w+ ){0,3}in the (?:head|face|arm|chest|stomach)",
    r"(?:hes|shes|he s|she s|he is|she is|he was|she was|someone|somebody|person|victim|man|"
    r"woman|guy|kid|child) (?:got |was |been |is |just )?(?:hit|shot|stabbed)(?! down| a deal|"
    r" (?:a |the |some )?(?:video|videos|footage|photos?|pictures?|movie|film|commercial|clip))",
    r"(?:cut|cuts|gash|laceration|wound) (?:\w+ ){0,2}(?:on|to|in) (?:his|her|their|the) "
    r"(?:neck|wrists?|arms?|face|head|legs?|hands?)", r"(?:elbow|knee|head|face|arm|nose|"
    r"mouth|lip) (?:is )?bleeding",
    # haemorrhage in lay words (medical dispatch: serious bleeding, spurting or squirting)
    r"blood (?:is )?(?:squirting|spurting|pouring|gushing|pumping|everywhere)",
    r"(?:squirting|spurting|pouring|gushing) blood",
    r"(?:sliced|cut|gashed|slashed) (?:(?:his|her|their|my|the) )?(?:\w+ )?" + _BODY_PART
    + r" (?:\w+ )?(?:deep|open|to the bone)",
    r"(?:sliced|cut|gashed|slashed) (?:deep |wide |clean )?(?:open )?(?:into|in|on|across|thru|"
    r"through) (?:(?:his|her|their|my|the) )?(?:\w+ )?" + _BODY_PART, r"to the bone",
    r"deep (?:cut|gash|laceration|wound)",
    r"(?:soaked|soaking|bled|bleeding) (?:thru|through) (?:\w+ ){0,2}(?:towels?|rags?|shirts?|"
    r"bandages?|gauze)",
)

FIRE = alternatives(
    r"(?<!open )(?<!opened )(?<!cease )(?<!rapid )fire(?! (?:safety|station tour|prevention|"
    r"drill|pit is controlled|department tour|truck visit|extinguisher (?:check|inspection)))",
    r"fires", r"flames?", r"on fire", r"smoke(?! (?:detectors?|alarms?))",
    r"smoke (?:detector|alarm)s? (?:is |are )?(?:going off|sounding|activated|alarming)",
    r"smoking (?:from|out of|coming)", r"is smoking", r"burning (?:building|"
    r"smell|house|car|vehicle)", r"smells? (?:like )?(?:something )?burning",
    r"house fire", r"structure fire", r"explosion", r"exploded",
    r"blew up(?! (?:at|in class|in school|on|with|over|about|her phone|his phone|my phone))",
    r"gas leak", r"smell\w* (?:of |like )?(?:natural )?gas", r"smells gas", r"gas (?:odor|smell)",
    r"odor of (?:natural )?gas", r"(?:rotten eggs?|sulfur|sulphur)",
    r"(?:strong |bad )?(?:chemical|gasoline|fuel|propane) (?:smell|odor|fumes)",
    r"(?:lighter fluid|accelerant|kerosene|gasoline) (?:smell|odor|fumes|everywhere|poured)",
    r"smell\w* (?:\w+ ){0,2}(?:lighter fluid|gasoline|kerosene|accelerant)",
    r"fumes", r"carbon monoxide", r"hissing",
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
    r"(?:power|electrical) lines? down", r"wires? (?:are )?down", r"sparking", r"arcing",
    # rescue and entrapment (NFIRS 300 series)
    r"trapped", r"entrap\w*", r"pinned", r"(?:stuck|trapped) (?:in|inside|on) (?:an |the |"
    r"a )?elevator", r"elevator (?:\w+ ){0,5}stuck", r"stuck between (?:floors|[0-9]+)",
    r"hanging (?:in|by) (?:the|his|her|their) seat ?belt", r"stuck elevators?",
    r"(?:can not|cant|cannot|unable to) (?:get|pry|force) (?:the |his |her |their |a |any )?"
    r"(?:car |vehicle |truck |driver s |passenger |side |garage )?doors? open",
    # carbon monoxide from an engine in a closed space (NFIRS 424)
    r"(?:car|engine|truck|vehicle|motor) (?:\w+ ){0,2}running (?:\w+ ){0,6}garage",
    r"garage (?:(?:\w+|,) ){0,10}(?:car|engine|truck|vehicle|motor) (?:\w+ ){0,2}running",
    r"doors? (?:are |is )?(?:crushed|pinned)",
    r"(?:can not|cant|cannot) get (?:him|her|them) out",
    r"(?:trapped|stuck|pinned) (?:and|&) (?:can not|cant|cannot) get out",
    r"door (?:is )?jammed", r"hanging upside down",
    r"(?:fell |went |broke |is |are )?(?:thru|through) the ice",
    # flood water rescue (NFIRS 3xx swift-water rescue)
    r"(?:drove|driven|driving|went|stuck|stalled) (?:\w+ ){0,3}(?:into|in) (?:the |a )?(?:flooded|"
    r"flood|high water|rising water|swift water|low water crossing)",
    r"water (?:is )?(?:up to|over|above) (?:the |his |her |their )?(?:windows|roof|hood|doors|"
    r"waist|chest|neck|door handles)",
    r"(?:in|into) the (?:river|lake|water|creek|pond|canal) (?:and|hanging|holding|going)",
    r"(?:flipped|capsized) (?:in|on) the (?:river|lake|water)", r"swept (?:away|downstream)",
    r"hanging onto a (?:tree|branch|rock)", r"collapsed on (?:him|her|them|someone)",
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
    r"(?:standing|sitting|climbing|climbed|hanging|perched|straddling) (?:\w+ ){0,3}(?:outside|"
    r"over|on the outside) (?:of )?(?:the |a )?(?:railing|guard ?rail|ledge|fence)",
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
    r"(?:fire|flames?) (?:is |are )?(?:fine|out|under control)", r"(?:fire|flames?) went out",
)

_WEAPON_NOUN = (r"(?:(?:hunting |deer |kitchen |steak |pocket )?(?:guns?|handguns?|pistols?|"
                r"rifles?|shotguns?|firearms?|knife|knives|blades?|weapons?)|ammo|ammunition)")
_OTHERS_PLACE = (r"(?:his|her|their|the|my|our|rp s|rps|a|an) (?:\w+ )?(?:dad|dads|dad s|"
                 r"father s|fathers|mom|moms|mom s|mother s|uncle|uncles|uncle s|aunt s|aunts|"
                 r"parents|brother s|brothers|sister s|sisters|friend s|friends|neighbor s|"
                 r"neighbors|grandpa s|grandma s|grandparents|cousin s|cousins|son s|"
                 r"daughter s|storage|storage unit|range|gun shop|pawn shop|police station|pd)")
# who put it away: the caller's side only; "her son took his guns" may be the person in
# crisis taking them, so a relative named by the narrative is not one
_SAFE_KEEPER = (r"(?:rp|caller|i|we|family|the family|rp s \w+|caller s \w+|(?:his|her|their) "
                r"(?:case manager|case mgr|therapist|counselor|probation officer|parole officer))")
# A weapon mention inside one of these is out of the person's reach, not at hand. Only
# others put it there (he/she taking a gun somewhere is the opposite), and only to a
# place that is someone else's ("the gun is at his side" is not one).
WEAPON_SECURED = alternatives(
    _WEAPON_NOUN + r" (?:\w+ ){0,2}(?:are|is|were|was|have been|has been|got|been) (?:all )?"
    r"(?:already )?(?:at|with|over at|stored at|kept at|locked (?:up )?at) " + _OTHERS_PLACE,
    _SAFE_KEEPER + r" (?:already |has |had |have )?(?:got|took|removed|moved|brought|gave|"
    r"handed|turned in|sold|pawned|got rid of|locked up|locked away|hid) (?:all )?(?:of )?"
    r"(?:the |his |her |their |my |our )?(?:\w+ ){0,2}" + _WEAPON_NOUN,
    r"(?:locked up|locked away) (?:all )?(?:of )?(?:the |his |her |their |my )?(?:\w+ )?"
    + _WEAPON_NOUN,
)

# a light moving inside a building nobody should be in: someone is there now
_LIGHT_INSIDE = (r"(?:a )?(?:lights?|flashlights?|headlamps?) (?:\w+ ){0,2}(?:moving|walking|going|"
                 r"bouncing) (?:around )?(?:inside|in) (?:\w+ ){0,2}(?:barn|shed|garage|house|home|"
                 r"cabin|shop|store|building|trailer|church|school|office)")
IN_PROGRESS = alternatives(
    _LIGHT_INSIDE,
    r"(?:sees|see|seeing|watching|can hear|hears|hearing) (?:\w+ ){0,8}(?:cutting|sawing|loading|"
    r"breaking into|stealing|prying|smashing|siphoning|stripping)",
    r"in progress", r"happening now",
    r"(?<!empty )(?<!clear )(?<!quiet )(?<!gone )(?<!closed )(?<!locked )right now",
    r"as we speak", r"at this time",
    r"currently (?:\w+ing)", r"ongoing",
    r"still (?:breaking|stealing|fighting|going on|happening|hitting|loading|taking|cutting|"
    r"inside|there|on scene|here)",
    r"breaking in now", r"(?:is|are) (?:breaking into|cutting|sawing|loading|stealing|"
    r"grabbing|taking|smashing|prying|trying to (?:break|get|open|steal|pry))",
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
    r"refus\w* to pay", r"still at it",
    r"(?:thief|thieves|suspects?|someone|somebody|guy|guys|man|men|male|males|female|woman|kids|"
    r"teens|people|ppl|subjects?|two|2) (?:is |are )?(?:\w+ )?(?:cutting|sawing|breaking into|"
    r"prying|stealing|smashing|stripping|siphoning|slashing|spray painting|tagging|throwing|"
    r"loading|carrying)",
)
JUST_HAPPENED = alternatives(
    r"just happened", r"just occurred", r"just occurr\w*", r"just now", r"moments ago",
    r"(?:a )?(?:few|couple|[0-9]+|one|two|five|ten) (?:min|mins|minutes) ago",
    r"just (?:took|grabbed|stole|snatched) (?:my|her|his|the|a|their|our)",
    r"just (?:ran|drove|left|took off) (?:off|away|out|the|down|toward)",
    r"just (?:broke in|broke into|pushed)",
)
ON_SCENE = alternatives(
    r"(?:walking|going|moving|heading) (?:to|down|along|toward) (?:the )?next (?:row|car|cars|"
    r"house|door|unit|truck)", r"looking (?:in|into) (?:other |the other |more )?(?:cars|windows|"
    r"trucks)",
    r"(?:suspect|subject|male|female|person|guy|man|woman|he|she|they) (?:is |are |s )?"
    r"(?:still )?(?:on scene|on site|there|here|inside|in the (?:store|house|building|home|"
    r"apartment|garage|yard|car|vehicle|basement|kitchen|bedroom))",
    r"still on scene", r"still inside", r"still there", r"still here", r"still up there",
    r"(?:suspect|he|she|they|subject|male|female|guy|man|woman|person|someone|somebody|he s|she s|"
    r"hes|shes) (?:is |are |s )?still in (?:the|her|his|my|a) \w+",
    r"(?:people|someone|somebody|a man|a person|two people|2 people|subjects?|suspects?) inside "
    r"(?:the|a|my|her|his)",
    r"suspect detained", r"detained", r"being held by", r"holding (?:him|her|them|the suspect)",
    r"security has (?:him|her|them|the suspect)",
    # presence unknown keeps police
    r"(?:not sure|unsure|unknown|does not know|doesnt know|do not know|dont know|can not "
    r"tell|cant tell) (?:if|whether) (?:anyone|someone|somebody|they|he|she|the suspect|"
    r"anybody) (?:is |are |s )?(?:still )?(?:in|inside|there|in the)",
    r"(?:someone|somebody) (?:is |may be |might be |could be )?(?:still )?(?:in|inside) "
    r"(?:the|my|her|his|our) (?:house|home|apartment|garage|basement|building)",
    r"hears? (?:someone|somebody|noises?|footsteps|voices) (?:in|inside|upstairs|downstairs)",
    r"(?:heard|hears|hearing) (?:a )?(?:thump|bang|crash|noise|footsteps) (?:upstairs|downstairs|"
    r"inside|in the)",
)
ENDANGERED = alternatives(
    r"(?:screaming|yelling|crying|calling|shouting|begging) (?:for help|help)",
    r"(?:heard|hears|hearing) (?:a |an )?(?:woman|man|child|kid|baby|someone|somebody|"
    r"female|male|girl|boy) (?:\w+ )?(?:screaming|yelling for help|crying for help)",
    r"cries for help", r"against (?:her|his|their|my) will",
    r"(?:child|kid|baby|infant|toddler|[0-9]+ ?(?:yo|year old|yr old|y o|month old)) (?:\w+ ){0,2}"
    r"(?:left )?(?:alone )?in (?:a |the |her |his )?(?:hot |locked )?(?:car|vehicle|truck|van)",
    r"(?:child|kid|baby|infant|toddler) (?:left )?(?:home )?alone",
    r"(?:will not|won t|wont|not) let " + _PERSON_OBJ + r" (?:leave|go)",
    r"(?:now|is|s|still|keeps) following (?:her|him|me|them|us)\b(?! on)",
    r"right behind (?:me|her|him|us|them)",
)

CRIME = alternatives(
    _LIGHT_INSIDE,
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

"""Phrases whose danger words are not evidence: what a person in crisis believes, what a
caller said and then corrected, figures of speech. Both canonical texts rewrite them
(the safety layer's abbreviations here, the policy file's ``text.abbreviations`` with
the same patterns) before any rule reads the text."""

from __future__ import annotations

from services.triage import lexicon_fire as fire
from services.triage import lexicon_means as means
from services.triage import lexicon_misreadings as misreadings
from services.triage import lexicon_reports as reports
from services.triage.lexicon_figures import (
    ANIMAL_ACTING_SICK,
    ASKED_VIOLENT_NO,
    AT_THE_SCREEN,
    BLOOD_WORK,
    BOSS_UPSET,
    CALLER_JOKING,
    FEAR_OF_DYING,
    FEELS_TRAPPED,
    FIGHT_WITH_A_MACHINE,
    FLASHBACK_UNDER_FIRE,
    HITTING_HARD,
    KILL_HYPERBOLE,
    KILL_WHOEVER,
    KILLING_ONESELF_WORKING,
    KIN_UPSET_AT_A_SLIP,
    KIN_UPSET_OVER_A_SLIP,
    MACHINE_CHOKED,
    OVERDOSE_HYPERBOLE,
    PERSECUTION_BELIEF,
    PERSON_EXPLOSION,
    PHOTO_SHOOT,
    PLANTS_MURDERED,
    POISON_IN_BELIEF,
    RANGE_FIRE,
    ROPE_FOR_PLAY,
    SCENE_LOOK,
    SHOT_ON_VIDEO,
    SOFT_THINGS_HIT,
    THREAT_CLARIFIED,
    THROAT_THREAT,
    THROUGH_THE_WALLS,
    TOOL_SLIPPED,
    WE_LOST_BIG,
    WEAPON_TRADE_PLACE,
    WORN_OUT,
)
from services.triage.lexicon_warning_signs import SUICIDALITY_BEFORE

# Who believes it, in the words a caller relays: "keeps saying", "insists", "is convinced".
# (Written without an optional head, so that its first letters can be told and it runs
# only on texts that have one of its words.)
BELIEF = (r"\b(?:(?:keeps|kept|keep) (?:on )?(?:saying|telling (?:\w+ )?|insisting|yelling|"
          r"accusing (?:\w+ )?(?:of )?)|insists?|insisting|is convinced|s convinced|convinced|"
          r"believes|thinks)")
# One character inside a quotation: anything but the quote that closes it (an apostrophe
# inside a word, as in "they're", does not close it).
_IN_QUOTE = r"""(?:(?!['"](?!\w)).)"""


def quoted(words: str) -> str:
    """A quotation (single or double quotes) holding one of ``words``."""
    return (r"""(?<!\w)['"]""" + _IN_QUOTE + r"{0,160}?\b(?:" + words + r")\b" + _IN_QUOTE
            + r"""{0,160}?['"](?!\w)""")

_THEFT_WORDS = r"stole|robbed|stolen|stealing|steal|steals|took|taken|robbing"
_THIEF = (r"(?:somebody|someone|people|the neighbors?|neighbors?|they|the staff|staff|"
          r"the aides?|everyone|the \w+|her \w+|his \w+)")
_THEFT_VERB = (r"(?:stole|robbed|took|(?:is|are|has been|have been|keeps|keep) (?:stealing|"
               r"taking|robbing)|steals?|stealing)")

# "keeps saying 'somebody stole my purse'" (the purse is in the freezer)
BELIEVED_THEFT = (BELIEF + r"\s*(?:that\s+)?" + quoted(_THEFT_WORDS) + "|" + BELIEF
                  + r"(?: that)? " + _THIEF + " " + _THEFT_VERB + r"\b")
# "keeps hollering 'they're robbing me'" at her own daughter, and nothing was taken
SHOUTED_THEFT = (r"\b(?:keeps|kept|keep) (?:on )?(?:hollering|screaming|shouting|crying out|"
                 r"calling out)\s*(?:that\s+)?" + quoted(_THEFT_WORDS) + r"(?=.{0,240}\b(?:nothing "
                 r"(?:was |is |has been |got )?(?:taken|missing|stolen|gone)|"
                 r"(?:nobody|no one) else|"
                 r"only (?:one|person|other person) (?:in|at|home)|alzheimer\w*|dementia))")
# "keeps saying 'the house is on fire'", and the caller found no fire
BELIEVED_FIRE = (BELIEF + r"\s*(?:that\s+)?" + quoted("fire|smoke|burning|flames")
                 + r"(?=.{0,240}\bno (?:smoke|fire|flames)\b)")
# "grandma keeps saying someone is in the house" when the caller checked every room: the
# fear a confused person has, no intruder
BELIEVED_INTRUDER = (BELIEF + r"\s*(?:in \w+ )?(?:that\s+)?['\"]?(?:someone|somebody|a man|men|"
                     r"people|strangers?|intruders?) (?:is |are |s |\W?s )?(?:in|inside|upstairs "
                     r"in) (?:the|her|his|their|our|my) (?:house|home|apartment|apt|room|attic|"
                     r"basement)['\"]?(?=.{0,240}\b(?:nobody|no one) (?:is )?(?:there|in|inside|"
                     r"home)\b)")
# the same said without quotes: "keeps yelling the house is on fire ... no smoke"
BELIEVED_FIRE_TOLD = (BELIEF + r"\s*(?:that\s+)?(?:the |her |his |their |our |my )?(?:house|home|"
                      r"apartment|apt|room|kitchen|building|place|bed|car|attic|basement)"
                      r"(?: is|\W?s) (?:on fire|burning)\b(?=.{0,240}\bno (?:smoke|fire|flames)\b)")
# "keeps saying 'they're gonna kill us'" about the news, and nobody threatened anyone
BELIEVED_THREAT = (BELIEF + r"\s*(?:that\s+)?" + quoted("kill|hurt|shoot|stab|get")
                   + r"(?=.{0,240}\b(?:nobody|no one) (?:has |is |was |had )?(?:actually |"
                   r"really |ever )?(?:threaten\w*|said|made|after))")
# "says the TV people threatened her": a threat from the television, the voices or the
# satellites is what the person in crisis hears, not a threat anyone made
IMAGINED_THREAT = (
    r"\b(?:(?:the )?(?:tv|television|radio|news) (?:people|person|man|men|lady|woman|anchors?)|"
    r"(?:people|voices|men|man|woman|someone) (?:on|in|from|inside) (?:the )?(?:tv|television|"
    r"radio|news|walls|vents|ceiling|attic)|(?:the )?(?:voices|aliens|ghosts?|spirits?|demons?|"
    r"satellites?|martians))\s*(?:are |is |have |has |had |were |was |keep |keeps )?(?:been )?"
    r"(?:threaten\w*|(?:going to|gonna|want to|wants to|trying to|coming to) (?:kill|hurt|get) "
    r"(?:her|him|them|me))")
# "keeps saying someone is coming to shoot them" since a lockdown drill, "convinced people
# are coming to get her": an attacker the person in crisis fears, nobody named or seen
FEARED_ATTACKER = (BELIEF + r"\s*(?:that\s+)?(?:someone|somebody|people|they|men|some men|bad "
                   r"guys|the bad guys|a shooter|the shooter)(?: is| are|\W?s|\W?re)? coming "
                   r"(?:back )?to (?:kill|shoot|hurt|get|take|stab|poison) "
                   r"(?:her|him|them|us|me)\b")
# "'theres blood all over my car' then clarified it's red paint" ("no means mentioned"
# after a quote is the call-taker's note about means, no clarification)
CORRECTED_QUOTE = (quoted(r"\w+") + r"\s*[.,;:-]*\s*(?:[\w,]+ ){0,5}?[.,;:-]*\s*"
                   r"(?:then |but |rp |caller |later |she |he |when |and )?(?:clarified|"
                   r"clarifies|clarify|corrected|corrects|turn(?:s|ed) out (?:to be|it|its|it s|"
                   r"that)|(?<!no )(?<!any )(?<!the )(?<!by )means|meant|"
                   r"on (?:further )?questioning|explains|explained)\b")
# "shot up with paintballs"
SPLATTERED = (r"""\bshot(?: up)?['"]?\s+with (paintballs?|paint balls?|eggs|water balloons|"""
              r"silly string|airsoft \w+|nerf darts|bb s|pellets)|"
              r"""\bshot up['"]?(?=(?:\W+\w+){0,14}\W+(paintballs?|paint balls?|eggs)\b)""")
# "just now saw the charges": the discovery is recent, not the crime
FOUND_ONLY_NOW = (r"\bjust now (?:saw|noticed|found|discovered|realized|checked|seen|got)\b|"
                  r"\b(?:saw|noticed|found|seen|discovered) (?:it |them |this |that )?(?:on "
                  r"(?:the |her |his |my |their )?(?:app|camera|cam|phone|ring|video) )?just now\b")

# (pattern, replacement, why) in the order both texts apply them
SCOPE_REWRITES: tuple[tuple[str, str, str], ...] = (
    (BELIEVED_THEFT, "has false beliefs",
     "a confused person's belief that things are being stolen is a symptom, not a theft"),
    (SHOUTED_THEFT, "has false beliefs",
     "a theft shouted by a confused person, with nothing taken and nobody else there"),
    (CORRECTED_QUOTE, "clarified", "a quote the caller then corrected is not what happened"),
    (BELIEVED_FIRE, "has false beliefs",
     "a fire the person in crisis insists on, that the caller found none of"),
    (BELIEVED_FIRE_TOLD, "has false beliefs",
     "the same fire told without quotes, that the caller found none of"),
    (BELIEVED_INTRUDER, "has false beliefs",
     "an intruder a confused person fears, that the caller checked for and found none of"),
    (BELIEVED_THREAT, "has false beliefs",
     "a threat the person in crisis hears in the news, that nobody made"),
    (IMAGINED_THREAT, "has false beliefs",
     "a threat from the television or the voices is a symptom, not a threat anyone made"),
    (FEARED_ATTACKER, "has false beliefs",
     "an attacker the person in crisis fears, that nobody has named or seen"),
    (SPLATTERED, r"splattered with \1", "shot up with paintballs or eggs: splattered, not shot"),
    (FOUND_ONLY_NOW, "noticed later", "found out only now: the discovery is recent, not the crime"),
)

# --- phrases both texts rewrite besides the beliefs above (the policy file has the same) ---

# shoot the breeze: talk, no gun
SHOOT_THE_BREEZE = (
    r"\bshoot(?:ing|s)? (?:the )?(?:breeze|shit|bull)\b")
# shoot hoops or pool: games, no gun
SHOOT_HOOPS = (
    r"\bshoot(?:ing|s)? (?:some )?(?:hoops|pool|baskets|darts|the puck)\b")
# shoot me a text: a message, no gun
SHOOT_A_TEXT = (
    r"\bshoot(?:ing|s)? (?:me|him|her|us|them|you) (?:a |an )?(?:text|message|"
    r"msg|email|note|call|dm)\b")
# the group chat blew up: it got busy, nothing exploded
BLEW_UP_ONLINE = (
    r"\b((?:phone|cell|chat|group ?chat|group text|inbox|messages|texts|"
    r"notifications|feed|facebook|twitter|instagram|comments|internet|"
    r"social media|nextdoor|app|page|thread|"
    r"neighborhood \w+)) (?:\w+ )?(?:blew|blowing|blows|blown) up\b|"
    r"\b(?:blow|blew|blowing|blows|blown) up['\"]? (?:on|online)\b(?= (?:\w+ )?(?:tiktok|instagram|"
    r"youtube|twitter|x|facebook|snapchat|twitch|social media|the internet|the app|$|[,.]))")
# shot a video: recorded, no gun; a video of a man breaking in shows a past act
SHOT_A_VIDEO = (
    r"\bshot (?:a |some |the |this |that )?(video|videos|footage|clip|photos?|pictures?|pics?)\b")
VIDEO_OF_A_BREAK_IN = (
    r"\b(video|footage|clip|recording|photos?|pictures?) ((?:\w+ ){0,3})of (?:a |the |two |2 |"
    r"some )?(\w+) (?:breaking|broke) in")
# the call-taker's question answered no: "Q ANYONE STILL THERE - 'NO, NOBODY HERE'"
ASKED_STILL_THERE_NO = (
    r"\b(?:q|asked|asked if|asked whether|asked rp if)\s+(?:is |are |"
    r"if )?(?:anyone|anybody|someone|somebody|suspects?|susp|they|he|"
    r"she)\s+(?:is |are )?still\s+(?:there|inside|on scene|here|around|"
    'in (?:the |her |his |my )?\\w+)\\s*\\??\\s*[-:,.]*\\s*[\'\\"]?\\s*(?:no|neg|'
    r"negative|nobody|no one)\b")
# doors, lanes and hydrants named after fire
NAMED_AFTER_FIRE = (
    r"\bfire (exit|exits|door|doors|escape|lane|hydrant|station|house|dept|"
    r"department|marshal|extinguisher|extinguishers|truck|trucks|engine|engines)\b")
# shot off down the road: speed, not a gun
SHOT_OFF = (
    r"\bshot (off|away|past|ahead|across|out of there)\b")
# the driver of a stalled car still inside it is not a suspect inside
DRIVER_STILL_INSIDE = (
    r"\b(driver|occupants?|passengers?|family|kids|children|everyone|people) (?:is |are |was |"
    r"were )?still (?:inside|in (?:the |her |his |their )?(?:car|vehicle|van|"
    r"truck|minivan|suv))\b")
# poison gas pumped in by the neighbours is a paranoid belief (the safety text only: the
# policy's crisis rules read the phrase as paranoia)
POISON_GAS_BELIEF = (
    r"\b(?:neighbors?|they|the government|someone|somebody|people|"
    r"the landlord|the cia|the fbi) (?:are |is |keep |keeps )?(?:pumping|"
    r"putting|spraying|sending|piping|blowing|pushing) (?:poison(?:ous)? |"
    r"toxic |nerve |some )?(?:gas|chemicals|fumes|radiation|smoke|"
    r"poison) (?:thru|through|into|in|under)\b")

# the breakdown lane is the road's shoulder, no one's breakdown
BREAKDOWN_LANE = r"\bbreakdown (?:lane|lanes)\b"
# an assault with its year or its years ago beside it is a past trauma, however the
# sentence goes on ("assaulted back in 2019 and tonight I can't stop shaking")
PAST_ASSAULT = (
    r"\b(?:was |got |been )?(?:assaulted|attacked|raped|beaten|beat up|abused|mugged|stabbed|shot|"
    r"shot at|held up) (?:(?!tonight|today|now|just|again|right|still)\w+ ){0,7}?"
    r"(?:back )?(?:in (?:19|20)[0-9]{2}|(?:[0-9]+|a few|few|several|many|a couple of|couple|two|"
    r"three|four|five|six|ten) (?:yrs?|years?|wks?|weeks?|months?|mos?) ago|last (?:month|year)|in "
    r"(?:january|february|march|april|june|july|august|september|october|november|december))\b")
# an old bullet fragment or shrapnel from a war is a medical history, no gun
OLD_WOUND = (
    r"\b(?:an? |his |her )?old (?:bullet|shrapnel|gunshot|gsw|stab) (?:fragments?|wounds?|scars?|"
    r"injur(?:y|ies))\b|\b(?:bullet|shrapnel) fragments?\b(?= (?:\w+ ){0,5}from (?:vietnam|the war|"
    r"iraq|afghanistan|korea|the service|the army|desert storm|the military|combat))|\b(?:was|got|"
    r"been|were) (?:shot|stabbed|wounded) (?:in|during) (?:vietnam|nam|korea|iraq|afghanistan|"
    r"kuwait|desert storm|the gulf war|the war|combat|world war (?:2|ii)|ww2|wwii)\b|\b(?:was|got|"
    r"been|were) (?:shot|stabbed) (?:\w+ ){0,2}(?:last (?:year|yr|summer|spring|fall|winter)|"
    r"(?:[0-9]+|a few|few|several|two|three|four|five|ten) (?:years|yrs) (?:ago|back)|years ago|"
    r"in (?:19|20)[0-9][0-9]|as a (?:kid|child|teen|teenager|boy|girl))\b")
# shooting off fireworks sets them off, no gun
FIREWORKS_SHOT = (
    r"\bshoot(?:ing|s)?(?: off)? (?:some |the |a |their |more )?(fireworks|cohetes|firecrackers|"
    r"rockets|roman candles|mortars)\b")
# a person who "blew up" at someone lost their temper; nothing exploded
PERSON_BLEW_UP = (
    r"""\b((?:he|she|they|son|daughter|kid|husband|wife|dad|mom|boyfriend|girlfriend|brother|"""
    r"""sister|teen|roommate)(?: [0-9]+)?)\s*(?:just |totally |really )?['"]?(?:(?:blew|blows|"""
    r"""blowing) up|exploded|explodes|exploding)['"]?(?= (?:at|on|when|over|about|because|after|"""
    r"""and))""")
# water, power or thoughts stolen through the walls or pipes is a belief, not a theft
IMPLAUSIBLE_THEFT = (
    r"\b(?:stealing|steal|steals|stole|taking|siphoning|sucking) (?:her|his|their|my|the) "
    r"(?:water|electricity|power|air|heat|gas|thoughts|memories|oxygen) (?:thru|through|from|"
    r"out of|via) (?:the )?(?:pipes|walls|vents|ceiling|floor|tv|air)\b")

# "strike a deal" is an agreement, no blow
STRIKE_A_DEAL = (r"\b(?:strike|struck|striking|strikes) (?:a |the |us a |me a |him a |her a )?"
                 r"(deal|bargain|balance|pose|chord|nerve)\b")
# "I like to had a heart attack" when she saw her car: a figure of speech for a fright
FRIGHT_HYPERBOLE = (r"\b(?:like to|liked to|like ta|almost|nearly|near about|bout to|about to|"
                    r"just about|about|damn near|darn near|pert near|pretty near|"
                    r"could have|coulda|could of) (?:had|have|gave me|give me|given me|gave her|"
                    r"give her|gave him|give him) a (?:heart attack|stroke|coronary|conniption)\b")
# "tired of fighting my own head": a struggle with oneself, not a fight
FIGHTING_ONESELF = (r"\bfighting (?:with )?(?:my|his|her|their) (?:own )?(?:head|mind|demons|"
                    r"thoughts|brain|depression|addiction|urges|cancer|illness|disease|voices|"
                    r"feelings|anxiety|self)\b|\b(?:tired of|sick of|done|worn out from) "
                    r"fighting (?:it|this|everything|all of it)\b")
# an alarm or a security system "armed": set, no weapon
ALARM_ARMED = (r"\b(?:alarm|alarm system|security system|system|sensors?|motion detectors?|"
               r"cameras?) (?:\w+ ){0,2}(?:was|is|were|are|had been|has been|s|got|been) "
               r"(?:still |already |fully )?armed\b|\barmed (?:the|his|her|my|our|their) "
               r"(?:\w+ )?(?:alarm|system|security)\b")
# "we got robbed" for a break-in found later, with nobody met: a burglary, no robbery
ROBBED_WHILE_AWAY = (r"""\b(?:we|i|he|she|they|rp|caller)(?:\W?ve|\W?s|\W?d)?['"]? (?:got|were|"""
                     r"""was|been|have been|has been|had been|just got|just been) robbed['"]?"""
                     r"""(?=.{0,240}\b(?:nobody (?:around|there|home|confronted)|"""
                     r"""no one (?:around|there|home|confronted)|while (?:we|i|he|she|they) """
                     r"""(?:were|was) (?:away|gone|out|at work)|last there|came home to|"""
                     r"""found (?:it|the|his|her|their|my))\b)""")
# smoke of a cigarette or a grill: no fire
HARMLESS_SMOKE = (r"\b(cigarette|cigar|cigarettes|vape|weed|pot|marijuana|hookah|incense|"
                  r"bbq|barbecue|grill|wildfire|forest fire|brush fire|fire season) (smoke)\b")
# "the smoke earlier was her neighbor's smoker", "the smoke is from the wildfires"
SMOKE_EXPLAINED = (
    r"\b(?:the |that |all the |all that |lots of |a lot of )?smoke(?: \w+){0,2} (?:is|was|are|were|"
    r"comes|came|coming|\W?s) (?:just |only |all )?(?:from )?(?:\w+ ){0,5}?(?:smoker|grill|bbq|"
    r"barbecue|fire ?pit|chiminea|wood ?stove|fireplace|wildfires?|forest fires?)\b")
# a barbecue smoker and what it smokes: cooking
BBQ_SMOKER = (r"\b(?:(?:brisket|barrel|pellet|offset|bbq|barbecue|meat|his|her|their|a|the) smoker|"
              r"smoking (?:a |the |some )?(?:whole )?(?:hog|pig|brisket|ribs|pork|turkey|meat|"
              r"fish|salmon|shoulder|butt))\b")
# a shotgun house or double (a narrow Southern house): architecture, no weapon
SHOTGUN_HOUSE = r"\bshotgun (double|single|house|home|cottage|shack|style|camelback)\b"
# pain told as a blade ("feels like a stabbing in his chest"): a symptom, no weapon
PAIN_LIKE_A_BLADE = (r"\b(?:feels?|felt|feeling|like) (?:like )?(?:a |an |"
                     r"someone |somebody )?(?:(?:\w+ )?stabbing|knife|knives|stabbed (?:him|her|"
                     r"me)|put a knife in (?:him|her|me))(?: (?:pain|pains))?(?: (?:in|into|thru|"
                     r"through) (?:his|her|my|the) (?:chest|back|side|stomach|head|belly|gut|arm|"
                     r"leg|eye))?\b")
# "a hostage in my own head": a struggle with oneself, no hostage
CAPTIVE_OF_ONESELF = (r"\b(?:like )?(?:a )?(?:hostage|prisoner|trapped) in (?:my|his|her|"
                      r"their) own (?:head|mind|body|brain|thoughts|skin)\b")
# "robbed" by a roofer who kept a deposit, or "robbed blind" at the casino: cheated
CHEATED_NOT_ROBBED = (r"""\b(?:got|was|been|were|"""
                      r"""get)['"]? ['"]?robbed(?: blind)?['"]? (?:by (?:a |an |the |some |"""
                      r"""this |that |his |her |my )?(?:roofer|contractor|landlord|mechanic|"""
                      r"""scammer|scam|company|bank|store|plumber|handyman|dealer|dealership|"""
                      r"""builder|tenant|seller|buyer|online seller|website|casino)|"""
                      r"""(?:on|through|thru|over|via) (?:facebook )?(?:marketplace|craigslist|"""
                      r"""offerup|ebay|zelle|venmo|cash ?app|facebook|online)|online|"""
                      r"""at (?:the )?(?:casino|slots|tables|bingo|track))""")
# a mailbox said to be "blown up" and then told as smashed: damage
BLOWN_UP_CORRECTED = (r"""\bblew up['"]? (?:his |her |their |my |the |our )?(mailbox\w*|"""
                      r"""mail box|car|truck|windows?|sign|fence)\b(?=.{0,200}\b(?:clarified|"""
                      r"""smashed|no fire|no explosi\w*|not (?:a |an )?(?:fire|explosion)|"""
                      r"""nothing (?:is )?(?:burning|on fire)|not burning)\b)""")
# "armed with nothing but a bible": carrying nothing that harms
ARMED_WITH_NOTHING = (r"\barmed with (?:nothing but|only|just) (?:a |an |his |her |their )?(\w+)\b")
# "the only gun in this house is his hot glue gun": a tool, no weapon
ONLY_GUN_A_TOOL = (r"\b(?:the )?only (?:gun|guns|weapon|weapons) (?:\w+ ){0,4}(?:is|are) "
                   r"(?:a |an |his |her |their |the )?(?:\w+ ){0,2}(?:glue|nail|staple|heat|caulk|"
                   r"caulking|water|nerf|squirt|toy|paint|spray|air|bb|cap) guns?\b")
# a threat to call the police, have a car towed or sue: no threat of harm
THREAT_OF_RECOURSE = (r"""\bthreat(?:en|ened|ening|ens)['"]? to (call|have|get|tow|report|sue|"""
                      r"""arrest|jail|evict|press|file|kick|take|ground|cut|run away|run off|"""
                      r"""leave|move out|quit|drop out|break up|divorce)\b""")
# "my ex roommate robbed me blind": cheated, told as robbery
ROBBED_BLIND = r"\brobb(?:ed|ing|in) (me|her|him|them|us) blind\b"
# "that machine robbed me": a loss at a machine or a casino, no robber
MACHINE_ROBBED = (r"""\b(?:that |the |this )?(?:machine|slot machine|slots|casino|atm|"""
                  r"""vending machine|claw machine|parking meter)['\"]? (?:just )?(?:robbed|"""
                  r"""robbing|stole from|ripped off) (me|him|her|us|them)\b""")
# shots heard, then told to be something else ("clarifies it's the ice booming")
SOUND_CLARIFIED = (r"\b(?:shots fired|shots|gunshots|gunfire|"
                   r"explosion)\W*(?:[\w,]+ ){0,6}(?:clarifies|clarified|says|states|sts|"
                   r"realized) (?:it\W?s|it is|it was|they\W?re|they are|"
                   r"they were) (?:just )?(?:the )?(?:ice|fireworks|firecrackers|transformers?|"
                   r"a transformer|thunder|backfir\w*|construction|nail guns?|a nail gun|hunters|"
                   r"the train|trains|a door|logging|blasting)\b")
# a truck's or a tyre's bang likened to a shot ("his truck 'sounded like a gunshot'")
MACHINE_BANG = (r"""\b(truck|car|engine|exhaust|muffler|tire|tyre|"""
                r"""transformer)((?: [\w,]+){0,5}) (?:it )?['"]?(?:sounded|sounds) like (?:a |"""
                r"""an )?(?:gun ?shot|gunshots|shotgun|gun|shots?|cannon|bomb|explosion)['"]?""")
# a confused person's armed man who is not there ("keeps saying there's a man with a gun
# in the closet - she checked, nobody there")
ARMED_MAN_BELIEF = (r"\b(?:keeps saying|keeps insisting|insists|thinks|believes|is convinced|"
                    r"convinced|says) (?:that )?(?:there\W?s|there is|there are) (?:a |some )?"
                    r"(?:man|men|people|someone|somebody|guy|guys|intruders?|strangers?|soldiers?) "
                    r"(?:with|w) (?:a |an )?(?:gun|guns|knife|knives|rifle|weapon)(?= .{0,200}\b"
                    r"(?:nobody there|no one there|nobody was there|no guns|found nothing|nothing "
                    r"there))")
# "took a stab at fixing the flue": tried
TOOK_A_STAB = r"\b(?:took|take|takes|taking|had|have) a stab at\b"
# "she stabbed me in the back" with nobody hurt: a betrayal
STABBED_IN_THE_BACK = (r"""\bstabbed (me|her|him|them|"""
                       r"""us) in the back['"]?(?=.{0,200}\b(?:nobody (?:got |was )?stabbed|"""
                       r"""not (?:physically )?(?:hurt|injured)|no (?:injur\w*|one hurt)|cheated|"""
                       r"""slept with|lied|betray\w*|ran off)\b)""")
# "'he's on fire tonight'" said of a grandson's game: praise
ON_FIRE_PRAISE = (r"""['"](?:hes|he s|he's|shes|she s|she's|theyre|they re|they're|he is|she is|"""
                  r"""hes been|he s been|he's been)"""
                  r""" on fire(?: tonight| today| this season)?['"]""")
# a car that "can't move" after a bump: the car is stuck, nobody is hurt
VEHICLE_CANT_MOVE = (r"\b(car|vehicle|truck|van|suv|pickup|sedan)((?: \w+){0,4}?) (?:and )?"
                     r"(?:can not|cant|can t|cannot) (?:move|be moved)\b")
# "got robbed - clarified: a roofer kept the deposit": a word the caller then took back
CORRECTED_WORD = (r"""\b(?:got|was|were|been|is|are|they|he|she)['"]? ['"]?(robbed|jumped|shot|"""
                  r"""assaulted|attacked|beat|stabbed|shooting)['"]?\s*[.,;:-]*\s*(?=(?:means|meant)\b|"""
                  r"(?:[\w,]+ ){0,8}?[-.,;:]*\s*(?:clarified|clarifies|on further questioning)\b)")
# "thought she heard shots, turned out to be the roofers' nail guns": a sound explained
SOUND_EXPLAINED = (r"\b(?:thought|think|thinks) (?:she |he |they |i |rp |caller )?heard "
                   r"(?:\w+ ){0,3}(?:shots|gunshots|gunfire|an explosion|explosions|screaming)"
                   r"(?: earlier)?\s*[.,;:-]*\s*(?:but )?(?:it |they )?(?:turned out|turns out|"
                   r"was just|was only|were just|were only)\b")
# a bale or a load that fell off a trailer is debris; nobody fell
LOAD_FELL_OFF = (r"\b((?:round )?(?:bale|bales|load|ladder|mattress|couch|sofa|furniture|cargo|"
                 r"boxes|box|lumber|tire|debris|pallet|crate|hay|gravel|cooler|bucket|trash|tarp|"
                 r"dresser|fridge)) fell (off|out of|from)\b")
# a gas monitor reading zero says there is no gas
MONITOR_CLEAR = (r"\b(?:h2s|gas|co|carbon monoxide|methane|lel|4 gas|four gas) (?:monitor|meter|"
                 r"detector|alarm|reading)s? (?:is |are )?(?:reading|reads|shows|showed|showing|"
                 r"at|says|read) (?:zero|0|normal|nothing|clear|negative)\b")
# a confused person who takes a relative for a burglar: no burglary
TAKEN_FOR_A_BURGLAR = (r"\b(?:thinks|thought|believes|convinced|says) (?:that )?"
                       r"(?:(?:\w+ ){1,3}and )?(?:she(?:'s| s|s| is| was)|he(?:'s| s|s| is| was)|"
                       r"they(?:'re| re|re| are| were)|"
                       r"i(?:'m| m|m| am)|rp is|rp(?:'s| s)) (?:a |an )?"
                       r"(?:burglar|thief|intruder|robber|prowler|stranger breaking in)s?\b|"
                       r"\b(?:thinks|thought|"
                       r"believes|convinced) (?:that )?(?:the|a|an|his|her) (?:\w+ ){0,3}(?:is|was|"
                       r"s|are|were) (?:a |an )?(?:burglar|thief|intruder|robber|prowler|"
                       r"stranger)s?(?: breaking in)?\b")

# "thinks he's stealing her checks": a confused person's belief, told of the one she suspects
THEFT_BELIEVED_OF = (
    r"\b(?:(?:thinks|believes|is convinced|convinced|insists|keeps saying|yelling|screaming) "
    r"(?:that )?(?:he s|hes|he is|she s|shes|she is|they re|theyre|they are)|people (?:are |re )?"
    r"living in (?:his|her|their|the) \w+) (?:stealing|taking|robbing) (?:her|his|their|my) (\w+)")
# a confused person accusing the caller's side of theft: a belief, not a theft to report
ACCUSED_THE_CALLER = (r"\b(?:thinks|thought|believes|believed|convinced|claims|claimed|claiming|"
                      r"accuses|accused|accusing|insists|insisting) (?:that )?(?:rp|caller|the "
                      r"caller|we|us|me|i) (?:of )?(?:is |are |s |re |has |have |had )?(?:stealing|"
                      r"stole|took|taking|robbing|hiding|hid)\b")
# toys with animal names are no animals, and thrown they hurt nobody
SOFT_TOYS = (r"\b(?:stuffed|plush) (?:animals?|dogs?|cats?|bears?|bunny|bunnies|ponies|pony|"
             r"horses?|unicorns?|toys?)\b|\bteddy bears?\b")
# (pattern, replacement) in the order the safety text applies them
_IDIOMS = ((SHOOT_THE_BREEZE, "socialize"), (SHOOT_HOOPS, "play games"), (SHOOT_A_TEXT, "message"),
           (BLEW_UP_ONLINE, r"\1 got busy"), (SHOT_A_VIDEO, r"recorded \1"),
           (VIDEO_OF_A_BREAK_IN, r"\1 \2of \3 who broke in"),
           (ASKED_STILL_THERE_NO, "nobody there"))
_PLACES_AND_THINGS = ((NAMED_AFTER_FIRE, r"\1"), (SHOT_OFF, r"sped \1"),
                      (reports.THING_STILL_THERE, r"\1 remains"),
                      (DRIVER_STILL_INSIDE, r"\1 remains in the vehicle"),
                      (reports.STABBED_THINGS, r"slashed \1"),
                      (reports.LEFT_STUCK_IN, r"object left in the \1"),
                      (BREAKDOWN_LANE, "shoulder"), (reports.THINGS_KNOCKED_OUT, r"\1 broken out"),
                      (PAST_ASSAULT, "went through a past trauma"), (OLD_WOUND, "an old wound"),
                      (FIREWORKS_SHOT, r"setting off \1"), (PERSON_BLEW_UP, r"\1 got angry"),
                      (IMPLAUSIBLE_THEFT, "has false beliefs about"),
                      (STRIKE_A_DEAL, r"settle a \1"),
                      (reports.PELLETS_SHOT_OUT, "broken out with pellets"),
                      (reports.THINGS_SHOT_WITH_PELLETS, r"damaged \1 by pellets"),
                      (reports.DAMAGED_WITH_PELLETS, r"\1\2 by pellets"),
                      (reports.INSTRUMENT_GUESSED, "damage done with a tool"),
                      (reports.THINGS_SLASHED_WITH_A_KNIFE, r"\1\2 slashed"),
                      (reports.DUI_BEFORE, "after an arrest"),
                      (reports.ARREST_YEARS_AGO, "has an old arrest"),
                      (reports.EPISODE_BEFORE, r"had an episode\1"),
                      (SUICIDALITY_BEFORE, r"had a hard time \1"),
                      (reports.GRAFFITI_WORDS, "graffiti painted"),
                      (CALLER_JOKING, r"is annoyed with \1"),
                      (LOAD_FELL_OFF, r"\1 dropped \2"), (MONITOR_CLEAR, "monitor clear"),
                      (reports.BROKE_BACK_WINDOW, r"broke \1 rear \2"),
                      (reports.THINGS_SHOT_UP, r"damaged \1"),
                      (ROBBED_WHILE_AWAY, "had a break in"),
                      (ARMED_WITH_NOTHING, r"carrying only a \1"), (ONLY_GUN_A_TOOL, "no weapon"),
                      (THREAT_OF_RECOURSE, r"warned to \1"), (ROBBED_BLIND, r"cheated \1"),
                      (MACHINE_ROBBED, r"the machine cheated \1"),
                      (SOUND_CLARIFIED, "heard a noise that was"),
                      (MACHINE_BANG, r"\1\2 made a loud noise"),
                      (ARMED_MAN_BELIEF, "has false beliefs"),
                      (TOOK_A_STAB, "tried"), (STABBED_IN_THE_BACK, r"betrayed \1"),
                      (ON_FIRE_PRAISE, "playing great"),
                      (CORRECTED_WORD, "described it "), (SOUND_EXPLAINED, "heard a noise that"),
                      (VEHICLE_CANT_MOVE, r"\1\2 and is stuck"),
                      (reports.ROBBERY_TAKEN_BACK, "a reported theft"),
                      (fire.HIDING_NOT_TRAPPED, r"\1cannot coax \2 out"),
                      (HARMLESS_SMOKE, r"\1 haze"),
                      (SMOKE_EXPLAINED, "harmless haze"), (BBQ_SMOKER, "barbecue"),
                      (SHOTGUN_HOUSE, r"narrow \1"),
                      (PAIN_LIKE_A_BLADE, "sharp pain"), (CAPTIVE_OF_ONESELF, "struggling"),
                      (CHEATED_NOT_ROBBED, "got cheated"), (BLOWN_UP_CORRECTED, r"damaged \1"),
                      (FRIGHT_HYPERBOLE, "was startled"),
                      (FIGHTING_ONESELF, "struggling with it"), (ALARM_ARMED, "alarm set"),
                      (TAKEN_FOR_A_BURGLAR, "has false beliefs"),
                      (THEFT_BELIEVED_OF, r"has false beliefs about the \1"),
                      (ACCUSED_THE_CALLER, "has false beliefs"), (SOFT_TOYS, "soft toys"),
                      (means.ASKED_MEANS_NO, "no means"), (means.MEANS_LIST_DENIED, "no means"),
                      (WORN_OUT, "is wearing me out"), (KILL_HYPERBOLE, " is upset "),
                      (BOSS_UPSET, r"\1 will be upset"),
                      (KIN_UPSET_AT_A_SLIP, r"\1 will be upset"),
                      (KIN_UPSET_OVER_A_SLIP, r"\1 will be upset about it"),
                      (SCENE_LOOK, "looks messy"),
                      (FIGHT_WITH_A_MACHINE, r"argued with the \1"),
                      (AT_THE_SCREEN, "yelling at the game"),
                      (FLASHBACK_UNDER_FIRE, "reliving combat"),
                      (RANGE_FIRE, "range training"),
                      (KILLING_ONESELF_WORKING, "working too hard"),
                      (BLOOD_WORK, r"lab \1"),
                      (WE_LOST_BIG, "we lost big"),
                      (KILL_WHOEVER, "is angry at whoever"),
                      (THROAT_THREAT, "kill him"),
                      (THREAT_CLARIFIED, "will be upset with me"),
                      (SOFT_THINGS_HIT, "hitting soft things"),
                      (means.HIS_GUNS_TAKEN, r"\1 put the \2\3 in safe keeping at her \4s"),
                      (means.HER_GUNS_TAKEN, r"\1 put the \2\3 in safe keeping at his \4s"),
                      (means.HIS_GUNS_TAKEN_HOME, r"\1 put the \2\3 in safe keeping at her \4"),
                      (means.HER_GUNS_TAKEN_HOME, r"\1 put the \2\3 in safe keeping at his \4"),
                      (means.GUNS_KEPT_BY_KIN, r"\1 put the \2\3 in safe keeping at their \4"),
                      (means.MEANS_TAKEN_AWAY, r"removed the \1 to the \2"),
                      (means.MEANS_TAKEN_TO_WORK, r"removed the \1 to \2"),
                      (means.MEANS_TAKEN_OUT, r"removed the \1 out"),
                      (means.MEANS_HELD_BY_CALLER, r"removed the \1 to the \2"),
                      (means.MEANS_KEPT_BY_CALLER, r"removed the \1 to the \2"),
                      (OVERDOSE_HYPERBOLE, r"overdo \1"), (reports.THINGS_ATTACKED, r"damaged \1"),
                      (reports.THINGS_ATTACKED_BEFORE, r"\1 damaged \2"),
                      (reports.CAR_BEATEN, r"damaged \1"), (reports.KNIFE_MARKS_IN_THINGS, r"\1"),
                      (reports.VIDEO_OF_A_DEED, r"\1 \2 who were "),
                      (reports.FUEL_DRIVE_OFF_EARLIER, r"\1, earlier"), (ROPE_FOR_PLAY, r"a \1"),
                      (HITTING_HARD, r"\1 weighs on them"),
                      (THROUGH_THE_WALLS, "has false beliefs"),
                      (POISON_IN_BELIEF, r"\1 has false beliefs about the \2"),
                      (MACHINE_CHOKED, r"\1 stalled"), (ASKED_VIOLENT_NO, r"not \1"),
                      (ANIMAL_ACTING_SICK, r"\1\2 acting off"),
                      (FEAR_OF_DYING, "fears the worst"), (FEELS_TRAPPED, "feels hopeless"),
                      (PERSON_EXPLOSION, r"\1 had a meltdown"),
                      (PHOTO_SHOOT, r"\1\2 taking photos"),
                      (SHOT_ON_VIDEO, r"filmed \1"), (WEAPON_TRADE_PLACE, "trade show"),
                      (TOOL_SLIPPED, r"\1work tool"), (PLANTS_MURDERED, r"destroyed the \1"),
                      (PERSECUTION_BELIEF, "has false beliefs"), *misreadings.REWRITES)
SAFETY_PHRASE_REWRITES: tuple[tuple[str, str], ...] = (
    *_IDIOMS,
    *((pattern, replace) for pattern, replace, _ in SCOPE_REWRITES),
    *_PLACES_AND_THINGS,
    (POISON_GAS_BELIEF, "has false beliefs about"),
)
# the rewrites the policy file must carry too, so both texts read a phrase alike
SHARED_REWRITES: tuple[tuple[str, str], ...] = (
    *_IDIOMS[:6], *((pattern, replace) for pattern, replace, _ in SCOPE_REWRITES),
    *_PLACES_AND_THINGS)

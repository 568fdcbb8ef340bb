"""Figures of speech and beliefs the safety text rewrites before it looks for danger.

"This job is gonna kill me", "I'd kill for a coffee", a child's "explosion" after school,
a photographer "shooting" in a park, "I feel trapped", "she thinks she's going to die":
words of danger used as figures of speech. A raccoon "staggering" or "walking in circles"
(the rabies signs wildlife services list) and the government "following" someone (the
persecution a person in crisis feels) are no person in danger and no stalker. Each
rewrite is shared with the policy text (``lexicon_scope.SHARED_REWRITES``), so both read
the phrase alike.
"""

from __future__ import annotations

# a job, a shift or a heat "gonna kill me": worn out, no threat (a person saying it of a
# person stays a threat)
WORN_OUT = (r"\b(?:this|that|these|those|the|my) (?:\w+ )?(?:job|shift|shifts|line|work|heat|"
            r"commute|schedule|overtime|hours|class|classes|exam|exams|homework|drive|feet|back|"
            r"knees|diet|workout|traffic|weather|bills|rent|project|deadline|week|day)s?"
            r"(?: is| are|\W?s|\W?re| will|\W?ll) (?:gonna|going to|gon|about to)? ?(?:kill|"
            r"be the death of) me\b")

# "somebody murdered my whole garden": plants pulled up, nobody killed
PLANTS_MURDERED = (r"\b(?:murdered|killed|slaughtered|massacred) (?:my|her|his|their|our|the) "
                   r"(?:whole |entire |poor )?(garden|plants|flowers|flower ?beds?|tomatoes|roses|"
                   r"lawn|hedges?|shrubs|bushes|tree|trees)\b")
# "my son is gonna murder me when he sees this", "I'd kill for a coffee": figures of speech
KILL_HYPERBOLE = (
    r"\b(?:is |s |\W?s |are |re |\W?re |will |\W?ll )?(?:gonna|going to|gon) (?:kill|murder) me "
    r"when (?:he|she|they|my \w+|mom|dad) (?:sees|finds out|hears|gets home|notices|gets back)\b|"
    r"\b(?:would |\W?d )?kill for (?:a|an|some|one) (?:\w+ ){0,3}?(?:coffee|cup|cigarette|smoke|"
    r"drink|beer|nap|burger|sandwich|snack|bed|shower|break)\b")

# "gonna OD on all this homework": a figure of speech
OVERDOSE_HYPERBOLE = (
    r"\b(?:od|overdose) on (?:all )?(?:this |that |the |my )?(homework|studying|work|netflix|tv|"
    r"memes|drama|reading|finals|essays?)\b")

# "I feel trapped" in a life: a feeling, nobody shut in anywhere
FEELS_TRAPPED = r"\b(?:feel|feels|felt|feeling) (?:so |really |totally |just )?(?:trapped|stuck)\b"

# a child's "explosion" after school is a meltdown, nothing blew up
PERSON_EXPLOSION = (
    r"""\b((?:he|she|they|son|daughter|child|kid|teen|boy|girl|student|yo|yof|yom|toddler)"""
    r"""(?: \w+){0,3}) (?:had|has|having) (?:a |an |another )?['"]?(?:explosion|blow ?up|"""
    r"""meltdown)['"]?""")

# a photographer "shooting" in a park takes pictures
PHOTO_SHOOT = (r"\b(photographer|videographer|camera ?man|film crew|film students?|"
               r"wedding photographer|photo(?:graphy)? (?:students?|class|club|major|crew))"
               r"( (?:was|is|were|been|s|had been)(?: out)?)? ['\"]?shooting\b['\"]?")

# "I shot him on video": filmed; a gun show or a knife expo is a place to be robbed in
# like any other; a box cutter that slipped while breaking down boxes is a tool
SHOT_ON_VIDEO = (r"\bshot (him|her|them|it|the (?:\w+ )?(?:guy|man|woman|kid|kids|car|truck|"
                 r"suspect|dude|thief)) on (?:video|camera|cam|film|tape|(?:my|his|her|the) "
                 r"(?:phone|camera|cam|doorbell cam))\b")
WEAPON_TRADE_PLACE = r"\b(?:gun|knife|firearms?) (?:show|expo)s?\b"
TOOL_SLIPPED = (
    r"\b((?:sliced|cut|gashed|nicked|stabbed|jabbed|caught) (?:his|her|their|my) (?:own )?"
    r"(?:\w+ )?(?:w|with) (?:his|her|their|my|a|the) (?:own )?)(?:box ?cutter|utility knife|"
    r"knife|kitchen knife|pocket ?knife|blade|razor blade|x ?acto(?: knife)?|chisel|machete|saw|"
    r"chainsaw)\b(?=[^.|]{0,80}\b(?:accident\w*|slipped|breaking down|opening|cutting|carving|"
    r"chopping|cooking|slicing|peeling|working|at work)\b)")

# a wild or stray animal staggering, circling, "acting drunk": the signs of rabies or
# distemper wildlife services list, for animal control, never a person's crisis. Only the
# sign is rewritten, in the animal's own clause; an animal word that names a thing ("deer
# blind", "dog house") is no animal
_SICK_ANIMAL = (r"(raccoons?|fox|foxes|skunks?|coyotes?|possums?|opossums?|squirrels?|"
                r"groundhogs?|woodchucks?|bats?|deer|doe|fawns?|dogs?|cats?|birds?|geese|goose|"
                r"bears?|cows?|horses?|animals?)(?! (?:blind|stand|camp|season|hunting|hunter|"
                r"rifle|tag|house|trailer|feeder|food|bed|crate|kennel|park|walk|hole|pen|barn|"
                r"pasture|license|show|sitter|walker|groomer|daycare)\b)")

_ANIMAL_SIGN = (r"(?:wandering|staggering|stumbling|walking in circles|circling|disoriented|"
                r"confused|acting (?:strange\w*|weird|odd|funny|sick|drunk|crazy|confused|"
                r"disoriented)|foaming|not afraid of (?:people|anyone|us)|unafraid)")

# between the animal and its sign: no person, no bite or chase, a clause at most
_NOT_A_PERSON = (r"(?!bit\b|bitten|biting|bites|attack\w*|chas\w*|lunging|growl\w*|snarl\w*|"
                 r"(?:he|she|they|both|guys?|man|men|woman|women|people|kids?|child|children|"
                 r"someone|everyone|rp|caller|son|daughter|husband|wife|mom|dad|grandma|grandpa|"
                 r"owner|neighbor|and)\b)")

ANIMAL_ACTING_SICK = (r"\b" + _SICK_ANIMAL + r"((?: " + _NOT_A_PERSON + r"[\w,]+){0,8}?) "
                      + _ANIMAL_SIGN + r"\b((?:(?: and|,)+ " + _ANIMAL_SIGN + r"\b)*)")

# "thinks she's going to die" after edibles or in a panic: fear, not an intent to die
# ("says she is going to die" walking into a river stays an intent)
FEAR_OF_DYING = (r"\b(?:thinks|thought|feels like|felt like|scared|afraid|terrified|convinced|"
                 r"worried|sure) "
                 r"(?:that )?(?:she|he|they|i)(?:\W?s|\W?m|\W?re| is| am| are)? "
                 r"(?:(?:going to|gonna|about to) die|dying)\b")

# the government or demons "following him": persecution a person in crisis feels, not a
# stalker the call names
PERSECUTION_BELIEF = (
    r"\b(?:the )?(?:government|govt|gov t|fbi|cia|nsa|feds|aliens|demons?|the devil|satellites?|"
    r"illuminati|gang ?stalkers?|secret service|freemasons|masons|lizard people)(?: agents)? "
    r"(?:is |are |keep |keeps |has been |have been |\W?s |\W?re )?(?:following|tracking|watching|"
    r"monitoring|spying on|stalking|after|chasing) (?:him|her|them|me)\b")

# Being followed, as a voice or a fear tells it, is paranoia, not a pursuer at the door;
# so is every car on the road following him. One car, or someone, may be a real pursuer.
FOLLOWED_IN_BELIEF = (r"(?:voices?|believes|convinced|paranoid|delusion\w*|hallucinat\w*|"
                      r"every (?:car|"
                      r"truck|vehicle|person|man|plane)|everyone|everybody|all the (?:cars|trucks)|"
                      r"satellites?|drones?|government|cia|fbi|nsa|aliens?|spirits?|demons?|"
                      r"ghosts?|the devil) (?:\w+ ){0,8}(?:now |is |s |still |keeps |are )?"
                      r"following (?:her|him|me|them|us)|(?:\w+ ){0,3}(?:is |are |s |keeps |"
                      r"still )?following (?:her|him|me|them|us)(?= (?:[\w,]+ ){0,8}(?:in on it|"
                      r"out to get|part of it|working together|all in it))|"
                      # told of someone wandering about ("walking around the trailer park at
                      # night barefoot saying somebody is following him"), not a caller calling
                      r"(?:walking|wandering|pacing|running) (?:around )?(?:[\w,]+ ){0,6}saying "
                      r"(?:that )?(?:somebody|someone|people|they|men|guys|everyone|everybody) "
                      r"(?:is |are |s |re |keeps? )?following (?:her|him|them)")
# a rope or a chain put up for a swing, a hammock or a clothesline is play and chores, not a
# ligature (the reader, too, then never sees "a rope" in it)
ROPE_FOR_PLAY = (
    r"\b(?:a |the |some )?(?:ropes?|chains?|straps?|cords?) (?:\w+ ){0,6}?(?:for|as) (?:a |the |"
    r"their |his |her )?(?:tire |rope |tree )?(swing|hammock|clothesline|clothes line|zip ?line|"
    r"tree ?house|tarp|tent)\b")
# grief or news "hitting her hard" weighs on her: nobody is struck
HITTING_HARD = (
    r"\b(holidays?|grief|the news|news|loss|death|anniversary|it|this|that|reality|depression|"
    r"everything|stress|the divorce|the breakup) (?:is |are |s |has been |have been |been )?"
    r"(?:really )?(?:hitting|hit) (?:her|him|them|me|us) (?:really |so |pretty )?hard\b")
# what a person in crisis says others do to them through walls and wires ("reading his
# texts thru the walls", "putting thoughts in her head") is no one on scene
THROUGH_THE_WALLS = (
    r"\b(?:someone|somebody|people|they|neighbou?rs?|the building|the landlord)(?: [\w,]+){0,4}? "
    r"(?:is |are |s |keep |keeps )?(?:reading|hacking|hearing|listening to|recording|controlling|"
    r"watching|seeing) (?:his|her|my|their) (?:texts|thoughts|mind|calls|phone|brain|every move)"
    r"(?: (?:thru|through) the (?:walls?|ceiling|floor|vents?|outlets?|tv|wifi|router))?\b")
# poison in the water or the food, told as what the person keeps saying: a belief
POISON_IN_BELIEF = (
    r"\b((?:saying|says|said|insists|believes|thinks|convinced|paranoid|keeps saying)"
    r"(?: [\w,]+){0,12}?) (?:are |is |s |have been |has been )?(?:poisoning|putting poison in|"
    r"putting chemicals in) (?:her|his|my|their|the) (?:tap |drinking |well )?(water|food|air|"
    r"coffee|meals?)\b")
# a machine that "choked out" stalled: nobody was choked
MACHINE_CHOKED = (
    r"""\b(tractor|engine|motor|truck|car|mower|chainsaw|saw|generator|combine|snowblower)['"]? """
    r"""(?:\w+ ){0,2}['"]?choked(?: out| off| up| down)?['"]?""")
# the call-taker's question about violence or weapons, answered no ("is she violent? 'no'")
ASKED_VIOLENT_NO = (
    r"""\b(?:q |asked )?(?:is|was|are|were) (?:she|he|they|the \w+) (violent|armed|aggressive|"""
    r"""dangerous|threatening)\W*\s*['"]?\s*no\b""")
# "my boss is gonna kill me" over a stolen part: the boss will be upset, no threat (the
# people who do threaten callers, partners and family, are not in the list)
BOSS_UPSET = (
    r"\b((?:my|his|her|their|our|the) (?:boss|manager|supervisor|foreman|teacher|coach|"
    r"professor|dispatcher|sergeant|sarge|crew chief|insurance (?:agent|company|guy|lady)))"
    r"(?: is| s|\W?s| will|\W?ll)? (?:gonna|going to|gon) (?:kill|murder) (?:me|him|her|us|"
    r"them)\b")
# "failed her final and 'my parents are gonna kill me'", "my dad's gonna kill me cause i
# dented the truck": a caller's own slip and the family's anger at it, no threat (partners
# are not in the list: from them the same words can be a threat)
_OWN_SLIP = (r"(?:failed|flunked|bombed|wrecked|crashed|totaled|dented|scratched|lost|broke|"
             r"missed|forgot|got (?:a |another )?(?:ticket|detention|suspended|caught|fired|an f)|"
             r"grades?|report card|curfew)")
_KIN = (r"(?:(?:my|her|his|their|our) (?:parents|folks|mom|mother|dad|father|mama|papa|grandma|"
        r"grandpa|grandmother|grandfather|nana|aunt|uncle|stepdad|stepmom|family|old man)|mom|dad)")
KIN_UPSET_AT_A_SLIP = (
    r"\b(" + _OWN_SLIP + r"\b[^.|;]{0,100}?\b" + _KIN + r")(?: is| are| s| re| will| ll)? "
    r"(?:gonna|going to|gon) (?:kill|murder) (?:me|her|him|us|them)\b")
# "my husband is going to kill me, it's his truck": the owner's anger over a dented
# thing, said by the one who dented it
KIN_UPSET_OVER_THEIR_THING = (
    r"\b(" + _KIN + r"|(?:(?:my|her|his|their|our) )?(?:husband|wife|hubby|boyfriend|"
    r"girlfriend|bf|gf|boss))"
    r"(?: is| are| s| re| will| ll)? (?:gonna|going to|gon) (?:kill|murder) (?:me|her|him|us|them)"
    r"\b(?=\W{1,4}(?:it\W?s|it is|"
    r"that\W?s|it was) (?:his|her|their|my (?:dad|mom|husband|wife|boss)s?) (?:new |brand new |"
    r"work |company )?(?:truck|car|suv|van|jeep|boat|bike|motorcycle|mustang|corvette|camaro|"
    r"harley|tractor|trailer|rig|baby)\b)")
KIN_UPSET_OVER_A_SLIP = (
    r"\b(" + _KIN + r")(?: is| are| s| re| will| ll)? (?:gonna|going to|gon) (?:kill|murder) "
    r"(?:me|her|him|us|them) (?:because|cause|cuz|bc|for|since|if|when) (?:i|she|he|they|we) "
    r"(?:\w+ ){0,2}?" + _OWN_SLIP + r"\b")
# "got into a fight with the Medicare phone line", "fighting with the printer": an
# argument with a machine or an office on the phone, nobody there to hit
FIGHT_WITH_A_MACHINE = (
    r"\b(?:got into|get into|gets into|getting into|had|has|having|in|into|picked) (?:a |an |"
    r"another )?(?:fight|argument|screaming match|shouting match|yelling match)s?['\"]? (?:with|w) "
    r"(?:the |her |his |their |my |a |an )?(?:\w+ ){0,2}?(" + r"phone lines?|phone tree|phone "
    r"system|automated (?:line|system|menu|voice)|customer service|call center|help ?desk|"
    r"computer|laptop|printer|tv|television|remote|router|wifi|internet|modem|website|app|"
    r"alexa|siri|gps|vending machine|atm|self ?checkout|parking meter|voicemail|robot|"
    r"robocall\w*)\b(?! (?:guy|lady|man|woman|worker|employee|rep|agent|people|person|tech)\b)")
# a spill or a mess that "looks like a murder scene": how it looks, nobody hurt
SCENE_LOOK = (r"\b(?:looks?|looked|looking) like (?:a |an )?(?:murder|crime|horror|massacre|"
              r"slaughter|war) (?:scene|movie|film|show|zone)\b")
# a threat yelled at a video game or the television, "not at anybody": a player's words
AT_THE_SCREEN = (
    r"""(?<!\w)['"](?:(?!['"](?!\w)).){0,160}?['"](?!\w)\s*[-,.;:]*\s*(?:\w+ ){0,2}?at """
    r"(?:the |his |her |their |a )?(?:\w+ ){0,2}(?:game|games|tv|television|screen|xbox|"
    r"playstation|ps[0-9]|video ?game|computer|monitor|movie|match)\b")
# a pillow or a mattress punched in grief or rage: nobody hit
SOFT_THINGS_HIT = (
    r"\b(?:punch\w*|hit|hits|hitting|kick\w*|beat|beats|beating|slap\w*|smack\w*) (?:on |at )?"
    r"(?:her|his|their|my|the|a) (?:pillows?|mattress|bed|punching bag|heavy bag|couch|"
    r"cushions?|beanbag|bean bag)\b")
# a veteran "saying we're taking fire" as fireworks go off: a flashback relayed, no fire
FLASHBACK_UNDER_FIRE = (
    r"\b(?:saying|says|said|yelling|thinks|thought|keeps saying|screaming|shouting|believes)"
    r"(?: that)? ['\"]?(?:(?:we\W?re|were|we are|they\W?re|theyre|they are|he\W?s|hes|he is|"
    r"i\W?m|im|i am|we) )?['\"]?(?:taking|under|receiving|getting) (?:incoming |enemy )?fire\b")
# "been killing herself studying for finals": working too hard, no self-harm
KILLING_ONESELF_WORKING = (
    r"\bkilling (?:herself|himself|themselves|myself) (?:studying|working|cramming|training|"
    r"(?:at|with|over|for|on) (?:work|school|finals|exams|homework|the job|practice))\b")
# blood work, a blood test or a blood draw is a lab visit, not bleeding
BLOOD_WORK = r"\bblood ?(work|tests?|draws?|drawn|panels?|labs?|results)\b"
# the caller laughing that she is "gonna kill my husband" for leaving the gate open
CALLER_JOKING = (
    r"""\b(?:rp|caller|she|he) (?:is |s )?(?:laughing|joking|chuckling)\W+(?:says |said |"""
    r"""saying )?['"]?(?:(?:i m|im|i am|i ll|ill) (?:gonna|going to)|i could(?: just)?) (?:kill|"""
    r"murder|strangle) (him|her|my (?:husband|wife|kids?|son|daughter|dog|boss|brother|sister|"
    r"roommate))\b")
# "we got murdered today (meaning the Huskers)": a caller alive to say it lost a game
WE_LOST_BIG = (r"\bwe (?:got|get|were|was|just got|really got|all got) (?:murdered|killed|"
               r"slaughtered|massacred|annihilated|butchered)\b")
# a range's "night fire" or "artillery fire" heard from the base: training, no fire
RANGE_FIRE = (r"\b(?:night|artillery|mortar|qualification|tank|cannon|howitzer) fire\b|"
              r"\blive fire (?:exercises?|training|drills?|range|qualification)\b")
# "gonna kill whoever smashed her window": anger at a culprit nobody knows, no threat
KILL_WHOEVER = (r"\b(?:gonna|going to|will|ll|wants? to|wanna|could) (?:kill|murder|strangle) "
                r"(?:whoever|the (?:guy|person|jerk|idiot|punk|kids?|people|thief|thieves|"
                r"a ?holes?) (?:who|that))\b")
# "'my dad is gonna kill me' when grades post. RA clarified dad is just strict, not a
# threat": a threat the call-taker's clarification says is a figure of speech
THREAT_CLARIFIED = (
    r"\b(?:gonna|going to|will|ll) (?:kill|murder) (?:me|her|him|us)\b(?=[^|]{0,160}?\b(?:not a "
    r"(?:real )?threat|just (?:strict|venting|an expression|a figure of speech|joking|kidding)|"
    r"(?:a )?figure of speech|(?:didnt|doesnt|does not|did not) mean it literally)\b)")

# a throat cut told with a condition on someone else ("said he'd 'cut his throat' if he
# didn't move out") or as what someone will do ("he'll slit her throat") is a threat to
# that person, not self-harm: read as one
_THREAT_WORDS = ("ll", "d", "will", "hed", "shed", "gonna", "would", "threatened to",
                 "threatening to", "threatens to", "warned to", "warning to", "warns to")
THROAT_THREAT = (r"\b(?:cut|slit|slash) (?:his|her|my|your|their) throat['\"]?"
                 r"(?= (?:\w+ ){0,2}if (?:he|she|you|i|they|we|rp|caller) )|"
                 # each look-behind of a fixed width, so the rule is tried only where a
                 # throat is cut
                 r"(?:" + "|".join(rf"(?<=\b{w} )|(?<=\b{w} ')|(?<=\b{w} \")"
                                   for w in _THREAT_WORDS)
                 + r")(?:cut|slit|slash) (?:his|her|my|your|their) throat\b")

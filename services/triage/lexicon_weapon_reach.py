"""Weapons out of the person's reach: handed to others, locked away, sold, a case found
empty, a knife in use at a meal or as a tool. A weapon word inside one of these phrases is
no evidence of a weapon at hand (the safety layer's ``unless_within``)."""

from __future__ import annotations

from services.triage.lexicon_words import alternatives

_WEAPON_NOUN = (r"(?:(?:hunting |deer |kitchen |steak |pocket )?(?:guns?|handguns?|pistols?|"
                r"rifles?|shotguns?|firearms?|knife|knives|blades?|weapons?)|ammo|ammunition)")
_OTHERS_PLACE = (r"(?:(?:his|her|their|the|my|our|rp s|rps|a|an) (?:\w+ )?(?:dad|dads|dad s|"
                 r"father s|fathers|mom|moms|mom s|mother s|uncle|uncles|uncle s|aunt s|aunts|"
                 r"parents|brother s|brothers|sister s|sisters|friend s|friends|neighbor s|"
                 r"neighbors|grandpa s|grandma s|grandparents|cousin s|cousins|son s|"
                 r"daughter s|daughters|sons|mothers|grandmas|grandpas|grandmothers|grandfathers|"
                 r"nephews|nieces|in laws|storage|storage unit|range|gun shop|pawn shop|ex s|exes|"
                 r"ex wife s|ex wifes|ex husband s|ex husbands|ex girlfriend s|ex boyfriend s|"
                 r"police station|pd)"
                 # the caller's own home ("locked up at my house and I got the key"), or a
                 # place someone else owns ("at his buddy's house")
                 r"|(?:my|rp s|rps|caller s) (?:house|home|place|apartment|apt|trailer|shop|safe|"
                 r"gun safe|lockbox|lock box)"
                 r"|(?:his|her|their|a|an|the) (?:\w+ )?\w+ s (?:house|home|place|apartment|apt|"
                 r"shop|cabin|garage|trailer|safe))")
# who put it away: the caller's side only; "her son took his guns" may be the person in
# crisis taking them, so a relative named by the narrative is not one
_SAFE_KEEPER = (r"(?:rp|caller|i|we|family|the family|rp s \w+|caller s \w+|(?:his|her|their) "
                r"(?:case manager|case mgr|therapist|counselor|probation officer|parole officer))")
# the caller's side holds the key ("she has the only key", "I have the combo")
_CALLER_HOLDS_KEY = (r"(?:she|rp|caller|i|we|wife|mom|dad|husband|family) (?:has|have|holds|hold|"
                     r"kept|keeps|got) (?:the )?(?:only )?(?:key|keys|combo|combination|code)")
# A weapon mention inside one of these is out of the person's reach, not at hand. Only
# others put it there (he/she taking a gun somewhere is the opposite), and only to a
# place that is someone else's ("the gun is at his side" is not one).
WEAPON_SECURED = alternatives(
    # every one of them taken out, away or to a locked car by anyone ("mom took every razor
    # and kitchen knife out to her locked car")
    r"(?:took|taken|moved|removed|locked|carried|put) (?:every|all (?:the |of the )?|all|each) "
    r"(?:[\w+,]+ ){0,3}" + _WEAPON_NOUN + r" (?:[\w+,]+ ){0,3}(?:out|away|(?:to|in|into) (?:her|"
    r"his|my|the|their) (?:locked )?(?:car |truck )?(?:car|truck|trunk|safe|house|place)|"
    r"(?:from|out of) (?:the |his |her |"
    r"their |our )?(?:house|home|apartment|apt|place|room|trailer))",
    # one person's guns taken by another to a third place (the text's rewrite of it)
    r"put (?:his|her|their|the) (?:\w+ )?" + _WEAPON_NOUN + r" in safe keeping",
    # sold, surrendered or seized, told in the passive ("rifles were sold in the fall")
    _WEAPON_NOUN + r" (?:\w+ ){0,2}(?:were|was|have been|has been|got|been) (?:all )?(?:already )?"
    r"(?:sold|pawned|given away|turned in|turned over|surrendered|confiscated|seized|taken away|"
    r"taken by (?:the )?(?:police|pd|cops|sheriff|deputies|officers|troopers))",
    # taken by police or a court (a red flag or extreme risk protection order)
    r"(?:police|pd|[a-z]pd|[a-z][a-z]pd|cops|sheriff|sheriffs|deputies|officers|troopers|court|"
    r"judge) (?:\w+ )?(?:took|seized|confiscated|removed|collected|has|have|holds|kept) (?:all )?"
    r"(?:of )?(?:his|her|their|the) (?:\w+ )?" + _WEAPON_NOUN,
    r"(?:red flag|erpo|extreme risk|protective) (?:order|law|petition)",
    # "the only gun was his granddaddy's and I sold it after the funeral"
    _WEAPON_NOUN + r" (?:[\w,]+ ){0,8}(?:and )?(?:i|rp|we|caller|she|he|they|family|mom|dad) "
    r"(?:\w+ )?(?:sold|pawned|gave away|got rid of|turned in|gave|melted|destroyed) (?:it|them)",
    # a tool called a gun ("the gun was a Paslode")
    r"(?:gun|guns) (?:was|is|were|are) (?:a |an )?(?:paslode|dewalt|milwaukee|ryobi|makita|"
    r"bostitch|hitachi|porter cable|senco|ridgid|craftsman|metabo|hilti|nail gun|framing|brad|"
    r"finish|staple|glue|caulk|heat|spray|paint)",
    # the tools of a trade stolen ("someone took his oyster knives and a cooler out of his
    # truck bed"): a theft to report, no knife in anyone's hand
    r"(?:someone|somebody|thieves|thief|they) (?:took|stole|swiped|lifted|grabbed|cleaned out) "
    r"(?:[\w,&]+ ){0,8}?(?:his|her|my|their|our|\w+ s) (?:\w+ ){0,2}?(?:(?:oyster|shucking|fillet|"
    r"filet|fish|fishing|bait|kitchen|chef|chefs|carving|butcher|hunting|skinning) (?:knife|knives)"
    r"|(?:bb|pellet|airsoft|paintball) (?:gun|guns|rifle|pistol))\b",
    # one partner's guns at the other's home ("his guns have been at her house since last yr")
    *(rf"{owner} (?:\w+ )?(?:guns?|rifles?|shotguns?|pistols?|firearms?) (?:are|is|have been|has "
      rf"been|were|was|stay|stays) (?:\w+ )?(?:at|in) {keeper} (?:house|home|place|apartment|apt|"
      r"trailer|safe)\b" for owner, keeper in (("his", "her"), ("her", "his"))),
    # given to a relative or a friend to keep ("told her last week he gave his guns to his son")
    r"(?:gave|handed|sent|moved) (?:all )?(?:of )?(?:his|her|their|the) (?:\w+ )?" + _WEAPON_NOUN
    + r" (?:over )?to (?:his|her|their|a|the) (?:son|daughter|brother|sister|dad|father|mom|mother|"
    r"neighbou?r|friend|uncle|aunt|cousin|pastor|buddy|nephew|grandson|kids?|family)\b",
    r"(?:he|she|they|rp|caller|family) (?:\w+ )?(?:sold|pawned|gave away|got rid of|turned in) "
    r"(?:all )?(?:of )?(?:his|her|their|the|my) " + _WEAPON_NOUN,
    # goods in a shop, not a weapon at hand ("concealed $400 of razor blades")
    r"(?:concealed|concealing|shoplift\w*|merchandise|packs? of|boxes of|cases of|"
    r"dollars? (?:of|worth of)|worth of) (?:\w+ ){0,4}"
    r"(?:razor blades|razors|blades|knives|knife sets?|ammo|ammunition)",
    r"[0-9]+ (?:dollars? (?:of |worth of |in )?)?(?:razor blades|razors|razor cartridges)",
    _WEAPON_NOUN + r" (?:\w+ ){0,2}(?:were|was|have been|has been|got|been) (?:all )?(?:already )?"
    r"(?:taken|removed|moved|gotten rid of|turned in|given away) (?:out of|from) (?:the |his |her |"
    r"their |our )?(?:house|home|apartment|apt|place|room)",
    _WEAPON_NOUN + r" (?:\w+ ){0,2}(?:are|is|were|was|have been|has been|got|been) (?:all )?"
    r"(?:already )?(?:at|with|over at|stored at|kept at|locked (?:up )?at|moved to|taken to|"
    r"in|locked (?:up )?in|stored in|kept in|"
    r"given to|sent to|brought to|moved over to) " + _OTHERS_PLACE,
    _SAFE_KEEPER + r" (?:already |has |had |have )?(?:got|took|removed|moved|brought|gave|"
    r"handed|turned in|sold|pawned|got rid of|locked up|locked away|hid) (?:all )?(?:of )?"
    r"(?:the |his |her |their |my |our )?(?:\w+ ){0,2}" + _WEAPON_NOUN,
    r"(?:locked up|locked away) (?:all )?(?:of )?(?:the |his |her |their |my )?(?:\w+ )?"
    + _WEAPON_NOUN,
    # service weapons kept where duty keeps them: an armory or the base, not the home
    r"(?:(?:army|military|navy|duty|service|issued|work|government) (?:\w+ )?)?" + _WEAPON_NOUN
    + r" (?:\w+ ){0,2}(?:stay|stays|are kept|is kept|kept|remain|remains|are stored|is stored|"
    r"stored|are locked|is locked|checked in) (?:at|on|in) (?:the )?(?:base|post|armory|"
    r"arms room|the station|station|work|the range)",
    # locked where the person cannot get at it ("the knife is now locked in the glovebox")
    _WEAPON_NOUN + r" (?:\w+ ){0,2}(?:is|are|was|were|been|got) (?:now |already |all |safely )?"
    r"(?:locked|put away|secured) (?:up )?(?:in|inside) (?:the |a |his |her |their |my |rp s |"
    r"our )?(?:truck |car |vehicle |gun )?(?:glove ?box|glove compartment|trunk|gun safe|safe|"
    r"lock ?box|cabinet|locker)",
    # locked up by the caller's side without a verb to say so ("guns locked in safe"), or
    # all of them locked in an outbuilding
    _WEAPON_NOUN + r" (?:\w+ ){0,2}(?:locked|put away|secured) (?:up )?(?:in|inside) "
    r"(?:the |a |his |her |their |my |our )?(?:gun )?(?:safe|lock ?box|cabinet|locker|glove ?box|"
    r"trunk)",
    r"locked (?:up )?(?:all |both )?(?:of )?(?:the |his |her |their |my )?(?:\w+ )?" + _WEAPON_NOUN
    + r" (?:and (?:the |his |her |their |my )?(?:\w+ )?" + _WEAPON_NOUN
    + r" )?(?:up )?(?:in|inside) (?:the |a |his |her |their |my |our )?(?:\w+ )?(?:shop|garage|"
    r"shed|barn|safe|truck|basement|office|cabinet|gun safe|trunk|car)",
    # sold or taken out of the house, told after the weapon ("no guns in the house, sold
    # them all in 2015"; "took every one out of the house last year")
    _WEAPON_NOUN + r" (?:[\w,]+ ){0,8}(?:sold|pawned|gave away|got rid of|turned in) (?:them|it)\b",
    _WEAPON_NOUN + r" (?:[\w,]+ ){0,8}(?:took|taken|removed|moved|got) (?:every one|everyone|"
    r"every last one|all of them|them all|them|it) (?:\w+ ){0,2}out of (?:the |his |her |their |"
    r"our )?(?:house|home|apartment|apt|place)",
    # in the safe with the key on the caller's side ("guns in the safe and she has the only
    # key"), or a gun safe the intruder left alone
    _WEAPON_NOUN + r" (?:\w+ ){0,2}(?:(?:are|is|stay|stays|kept|remain) )?(?:all )?(?:locked )?in "
    r"(?:the |a |his |her |their |our )?(?:gun )?safe(?= (?:[\w,]+ ){0,10}" + _CALLER_HOLDS_KEY
    + r")",
    # locked up with the key on the caller's side ("his hunting guns are locked up and she
    # has the key")
    _WEAPON_NOUN + r" (?:\w+ ){0,2}(?:are|is|were|was|been|got|stay|stays) (?:all )?(?:locked up|"
    r"locked away|locked)(?= (?:[\w,]+ ){0,6}" + _CALLER_HOLDS_KEY + r")",
    r"gun (?:safe|cabinet|locker)s? (?:is |are |stays |kept )?(?:still )?locked(?= (?:[\w,]+ ){0,6}"
    + _CALLER_HOLDS_KEY + r")",
    r"gun (?:safe|cabinet|locker|case|rack)s? (?:\w+ ){0,2}(?:not touched|untouched|still locked|"
    r"was not touched|wasnt touched|intact|not opened|not broken into)",
    # the weapon itself left alone by a burglar ("deer rifle in the safe was not touched",
    # "the gun safe wasn't opened")
    _WEAPON_NOUN + r" (?:[\w,]+ ){0,5}(?:was|were|is|are)? ?(?:not touched|untouched|"
    r"still (?:in the safe|locked (?:up|in the safe)))\b",
    r"(?:gun )?safe (?:was |is )?(?:not|never|wasnt|wasn t) (?:opened|touched|broken into)",
    # an empty case, rack or holster is no weapon at hand
    r"(?:gun|rifle|pistol|shotgun|knife) (?:case|bag|box|rack|safe|holster|sheath|cabinet|"
    r"locker)s? (?:[\w,]+ ){0,4}(?:was|were|is|are) (?:found )?(?:empty|open and empty)",
    r"empty (?:gun|rifle|pistol|shotgun|knife) (?:case|bag|box|rack|safe|holster|sheath|cabinet|"
    r"locker)s?",
    # given away before the call: they went to someone else
    r"(?:(?:his|her|their|the) (?:\w+ )?)?" + _WEAPON_NOUN + r" (?:all )?(?:went|were given|"
    r"was given|were sold|was sold|were turned over|was turned over|were turned in|was turned "
    r"in) to (?:his|her|their|the|a|an|rp s|rps) (?:\w+ )?(?:(?:son|daughter|brother|sister|"
    r"dad|father|mom|mother|uncle|aunt|cousin|friend|neighbor|nephew|niece)(?: s|s)?|police|"
    r"sheriff|pd|gun shop|pawn shop)\b",
)

# A table knife in use at a meal is no weapon ("buttering toast with a butter knife"); nor
# is a knife that cut its own user by accident, or a gun at a shooting range.
WEAPON_AT_TABLE = alternatives(
    r"(?:buttering|spreading|cutting|eating|slicing|making|fixing) (?!(?:her|him|them|me|you|us|"
    r"someone|somebody|at|into|up)\b)(?:\w+ ){0,4}(?:with|w) "
    r"(?:a |an |the |his |her |their )?(?:butter |plastic |dinner |table |steak )?knife",
    r"(?:butter|plastic) knife",
    # a knife as a tool in a task (whittling, cleaning fish, opening boxes), not turned on anyone
    r"(?:whittling|carving|gutting|filleting|cleaning (?:fish|a fish|the fish|a deer|the deer)|"
    r"cutting (?:rope|bait|twine|line|fishing line|boxes|cardboard|zip ties)|opening (?:boxes|"
    r"a box|packages?)) (?:\w+ ){0,3}(?:with|w) (?:a |an |the |his |her |their |my )?"
    r"(?:pocket |fillet |filet |utility |box |hunting |folding )?(?:knife|cutter|blade)",
    r"(?:cut|sliced|nicked|gashed|stabbed) (?:her|his|their|my) (?:own )?(?:hand|finger|thumb|palm|"
    r"fingertip|wrist|arm|leg|foot) (?:\w+ ){0,3}(?:on|with|w) (?:a |the |her |his |their |my )?"
    r"(?:own )?(?:\w+ ){0,2}(?:knife|blade|mandoline|box cutter|slicer|cleaver)",
    r"(?:slipped|while|when) (?:\w+ ){0,2}(?:cutting|prepping|chopping|slicing|filleting|"
    r"carving|dicing|boning) (?:[\w,]+ ){0,8}(?:knife|blade|cleaver)",
    # the knife named first, the slip after ("cutting squash w a big kitchen knife, slipped
    # and sliced her palm")
    r"(?:cutting|chopping|slicing|dicing|prepping|peeling|carving|trimming) (?!(?:her|him|them|me|"
    r"you|us|someone|somebody|at|into|up)\b)(?:\w+ ){0,3}(?:with|w) "
    r"(?:a |an |the |his |her |their |my )?(?:\w+ ){0,2}knife(?= (?:[\w,]+ ){0,8}?"
    r"(?:slipped|sliced|cut|nicked|gashed) (?:\w+ )?(?:her|his|their|my) (?:own )?(?:hand|finger|"
    r"thumb|palm|fingertip|wrist|fingers))",
    r"(?:shucking|opening|cleaning|gutting|filleting|whittling|carving|cutting|chopping|slicing|"
    r"peeling|prepping|dicing) (?:[\w,]+ ){0,8}?(?:his |her |the |a |my )?(?:knife|blade) slipped",
    r"(?:sporting clays|skeet|trap|shooting|gun|rifle|pistol|target) range (?:[\w,]+ ){0,14}"
    r"(?:shooting|guns?|rifles?|shotguns?|pistols?)",
    r"(?:out |went |go |going )?shooting (?:clays|skeet|trap|targets|sporting clays)",
    r"(?:shooting|gun|rifle|pistol|archery|target) range",
    r"slipped (?:w|with|while using) (?:a |the |his |her |their |my )?(?:\w+ )?(?:knife|blade|"
    r"cleaver|mandoline|slicer)",
    # a weapon drawn, painted or printed: a picture of one ("graffiti of a pistol")
    r"(?:graffiti|drawing|drawings|picture|pictures|pic|pics|painting|sticker|stickers|tattoo|"
    r"image|images|photo|photos|decal|mural|doodle|doodles|cartoon|meme|emoji|logo|poster|"
    r"sketch) (?:\w+ )?of (?:a |an |the |two |some )?(?:\w+ )?(?:guns?|pistols?|rifles?|knife|"
    r"knives|handguns?|shotguns?|weapons?|ak ?47s?|ar ?15s?|grenades?|swords?)",
)

# A possessive frame around a weapon word: someone has one at hand, gets one, or uses one.
# Without such a frame a weapon word in a call whose caller has said there are no weapons
# ("keeps asking for his rifle ... hasn't owned a gun since the 90s, none in the house")
# is talk of a weapon, not one at hand.
# "if I had a gun I'd use it": a wish for one, said of a gun not had
_IF_ONLY = (r"(?<!if i )(?<!if he )(?<!if she )(?<!if we )(?<!if they )(?<!if i only )"
            r"(?<!wish i )(?<!wish he )(?<!wish she )(?<!if you )")
WEAPON_AT_HAND = (
    r"\b(?:" + _IF_ONLY + r"(?:has|have|had|got|holding|holds|held|carrying|carries|carried|"
    r"grabbed|grabbing|grabs|grab|pulled|pulling|pulls|waving|waved|pointing|pointed|brandishing|swinging|swung|"
    r"wielding|showing|showed|flashing|flashed|loading|loaded|cocked|racked|with|w|hiding|hid|"
    r"bought|buying|buy|get|getting|gets|find|found|took|taking|keeps|kept) (?:(?:a|an|his|her|"
    r"their|the|my|your|one|some|two|big|large|small|kitchen|steak|pocket|hunting|loaded|"
    r"dad s|moms|dads|mom s|brother s|\w+ s) ){0,3}"
    r"(?:guns?|handguns?|pistols?|rifles?|shotguns?|firearms?|revolvers?|knife|knives|blades?|"
    r"machetes?|weapons?|ammo|ammunition|bullets?|swords?|axe|hatchets?|box ?cutters?)"
    r"|(?:guns?|pistols?|rifles?|knife|knives|blades?|weapons?) (?:is |are |was )?(?:in|on|under) "
    r"(?:his|her|their|the) (?:hands?|pocket|waistband|belt|lap|pillow|mattress|bed|car|truck|"
    r"bag|backpack|purse|room|nightstand)"
    r"|(?:is|s|was|were|are|be|been|possibly|maybe|may be|might be|could be|prob|probably|"
    r"reportedly|heavily|now|still) armed)\b")

# Weapon words that tell of something done with a weapon, not of one kept: these stand
# whatever the caller says about weapons in the house.
WEAPON_EVENT = (r"\b(?:gunshots?|gunfire|shots?|shot|shooting|shooter|stabb\w*|stab|"
                r"brandish\w*|pops|bangs|popping|strapped|gun ?point|knife ?point)\b")

# A sentence about a dose given by needle ("got shot at the CVS - her flu shot") with no
# firearm word in it: its "shot" is the dose, not gunfire.
SHOT_AS_DOSE = (r"^(?!.*\b(?:guns?|bullets?|gunshots?|gunfire|shooter|rifles?|pistols?|"
                r"handguns?|shotguns?|bb|pellets?|bleeding|blood|wounds?)\b).*\b(?:flu|insulin|vaccine|vaccination|"
                r"covid|booster|allergy|tetanus|b12|cortisone|steroid|depo|testosterone|rabies|"
                r"shingles|pneumonia|hep b|hepatitis|measles|mmr|tdap|immunization|"
                r"immunisation) (?:shots?|jabs?)\b")

# The caller says no weapon is in the place at all ("none in the house", "nothing here").
WEAPONS_NONE_HERE = (r"\b(?:none|nothing|no weapons|no guns|no wpns|nothing like that) "
                     r"(?:is |are )?(?:in|on|at|inside) (?:the |this |his |her |their |our |my )?"
                     r"(?:house|home|property|premises|apt|apartment|place|room|trailer|car|truck|dorm)\b|"
                     r"\bnothing (?:here|in here|on me|on him|on her)\b|"
                     # "company bans guns, driver says he has none"
                     r"\b(?:he|she|they|i|driver|rp|caller|pt|patient) (?:says (?:he|she|they) )?"
                     r"(?:has|have|owns|own|is carrying|carries) (?:none|no (?:guns?|weapons?|"
                     r"firearms?))\b")


# What he holds or keeps at hand is not known ("wont leave, unk what he has"): an unknown
# weapon until ruled out
UNKNOWN_OBJECT_AT_HAND = (
    r"(?:unk|unknown|not sure|unsure|no idea|don t know|dont know|can t tell|cant tell|could not"
    r" see|couldn t see|couldnt see) (?:what|what kind of \w+) (?:he|she|they|the (?:man|male|"
    r"guy|subject|suspect|woman|female)) (?:has|have|s got|got|had|is holding|s holding|was "
    r"holding|is carrying|s carrying|was carrying)\b(?! (?:taken|took|drank|used|eaten|been|"
    r"wrong|going on)\b)")

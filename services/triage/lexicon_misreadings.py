"""Phrases whose alarming word is about something else: fire in a dream, "blood" that
turned out to be paint, a pronoun that points at mailboxes, medicine taken from a car,
the caller (not a suspect) still at the scene. Each rewrite is shared with the policy text
(``lexicon_scope.SHARED_REWRITES``), so both canonical texts read the phrase alike."""

from __future__ import annotations

from services.triage.lexicon_figures import KIN_UPSET_OVER_THEIR_THING

_PRONOUN_OWNER = r"(?:his|her|their|my|the|a|all the|all his|all her|all their)"
# nouns of things a pronoun can point back to; people are never among them
_THINGS = (r"(?:mailbox(?:es)?|signs?|windows?|windshields?|(?:street ?|porch )?lights?|lamps?|"
           r"pumpkins?|posts?|fences?|headstones?|statues?|decorations?|inflatables?|"
           r"flower ?pots?|planters?|yard signs?|reflectors?)")
_NO_PEOPLE_BETWEEN = (r"(?:(?!\b(?:people|persons?|neighbou?rs?|kids|children|owners?|rp|caller|"
                      r"family|man|woman|guys?|him|her|me|us|he|she)\b)[^.]){0,120}?")

# a firefighter's or a rig hand's nightmare ("fights fires in his sleep", "wakes up yelling
# 'fire, get to the boats'"): a trauma relived at night, no fire now
FIRE_IN_A_DREAM = (
    r"\b(?:(?:fights?|fighting|fought|puts? out|putting out|dreams? (?:about|of)|dreaming "
    r"(?:about|of)|nightmares? (?:about|of)|night terrors? (?:about|of)) (?:the )?(?:fires?|"
    r"flames|blowouts?|explosions?)(?: again)?(?: in (?:his|her|their|my) sleep)?"
    r"|(?:wakes?|woke|waking|jumps?|jumped|sits?|sat) (?:up )?(?:at night )?(?:yelling|screaming|"
    r"shouting|hollering|crying out)(?: out)? ['\"]?(?:fire|fires|flames)\b['\"]?)")

# "my whole life is on fire", "her world is going up in flames": a life falling apart, told
# the way people say it (no fire; a chest or a head on fire is a pain, read elsewhere)
LIFE_ON_FIRE = (
    r"\b(?:my|his|her|their|our|whole|entire) (?:whole |entire )?(?:life|world|marriage|career|"
    r"relationship|business|family)(?: is| s| feels| feels like it s| feels like its| has been)? "
    r"(?:on fire|in flames|burning down|going up in flames|up in flames)\b")

# "fighting the cancer since spring", "fighting for every breath": an illness, no fight
FIGHTING_AN_ILLNESS = (r"\bfight(?:ing|s)? (?:(?:the |his |her |their |a |an )?(?:cancer|disease|"
                       r"illness|infection|pneumonia|covid|flu|cold|sickness|addiction|tumou?r)|"
                       r"for (?:every |each |her |his |their )?(?:breath|air|life))\b")

# "out in the yard w/ a 'gun' - it's a orange Nerf gun": a toy, named as one a breath later
TOY_GUN_NAMED = (r"""\bguns?['"]?(?=[^.]{0,40}?\b(?:it\W?s|it is|it was|turned out to be|just|"""
                 r"""only) (?:a |an |just a |only a )?(?:\w+ )?(?:nerf|toy|water|squirt|plastic|"""
                 r"""foam|cap) guns?\b)""")

# a BASE jumper or a skydiver is a sport parachutist, not a person about to jump to die
# (a "jumper" in crisis-call words)
SPORT_JUMPER = r"\b(?:base|sky) ?(?:jumpers?|jumping|jump|divers?|diving)\b"

# "at first thought it was blood all over the glass - its red spray paint": the caller's
# first fright, corrected in the same breath (no one hurt)
BLOOD_THAT_WAS_PAINT = (
    r"\b(?:thought|thinking|looked like|looks like|mistook it for) (?:it was |it s |its |that was "
    r"|there was )?(?:a lot of |all )?blood\b[^.]{0,80}?(?:it s|its|it is|it was|turned out "
    r"(?:to be |it was )?|was actually|is actually|was just|is just) (?:just |only |actually )?"
    r"(?:red |some |a )?(?:spray ?paint|paint|ketchup|dye|wine|juice|kool ?aid|syrup|rust|"
    r"hot sauce|sauce|food coloring|stain)\b")

# "mailboxes knocked off the posts, looks like somebody swung at them from a car": the
# pronoun points back to the things, not to people (mailbox baseball, NIBRS 290)
SWUNG_AT_THINGS = (r"\b(" + _THINGS + r"\b" + _NO_PEOPLE_BETWEEN
                   + r") (?:swung|swinging|swings|took a swing|took swings) at (them|it)\b")

# "took all the smoke detectors off her ceiling and threw them in the yard": things
# handled and thrown away, nobody thrown at
THINGS_TAKEN_AND_THROWN = (
    r"\b((?:took|pulled|ripped|tore|yanked|gathered|packed|grabbed|unplugged) (?:all |down |out |"
    r"off )?(?:of )?" + _PRONOUN_OWNER + r" (?:\w+ ){0,3}?(?:detectors?|smoke alarms?|cameras?|"
    r"clothes|stuff|things|belongings|pictures|photos|tvs?|mail|books|papers|dishes|plates|"
    r"lights?|decorations|wires?|cords?|covers?|vents?|blinds|curtains|mirrors?|phones?|routers?|"
    r"meds|pills)\b[^.]{0,60}? and) (?:threw|tossed|chucked|flung|dumped|pitched) (them|it)\b")

# "someone took his seizure meds out of her unlocked car": medicine stolen, not swallowed
MEDS_TAKEN_FROM_A_PLACE = (
    r"\b(?:someone|somebody|some one|they|thief|thieves|suspect|person|guy|man|woman) "
    r"(?:took|stole|grabbed|swiped|snatched) (" + _PRONOUN_OWNER + r") (?:\w+ ){0,2}?(meds|"
    r"medication|medications|medicine|pills|prescriptions?|inhaler|insulin|epi ?pens?) "
    r"(?:out of|from|off) ")

# "shot BB holes in the front glass": damage by pellets, found after the fact
HOLES_SHOT_IN_THINGS = (r"\bshot (?:some |a few |two |three |several |\d+ )?(bb|pellet|airsoft|"
                        r"paintball|small|round|little|tiny) holes? (?:in|into|thru|through)\b")

# "we still here at field 6", "RP is still there": the caller waiting, not a suspect
CALLER_STILL_HERE = (r"\b(?<!they )(?<!he )(?<!she )(?:we|we re|we are|i|im|i m|i am|rp|rp is|"
                     r"caller|caller is) still (?:here|there|on scene|at (?:the )?\w+(?: \d+)?)\b")

# a driver stranded on the roof of a car in the water ("car washed off the low water
# crossing, driver standing on the roof"): a rescue, not someone about to jump
STRANDED_ON_A_CAR_ROOF = (
    r"\b((?:car|truck|vehicle|pickup|suv|van|jeep|sedan)\b[^.]{0,120}?(?:water|creek|river|"
    r"flood\w*|crossing|bayou|current|lake|canal)\b[^.]{0,80}?)(?:standing|sitting|stuck|stranded|"
    r"kneeling|climbed up|climbed|waiting) on (?:the |top of the |top of |its )?(?:roof|hood)\b")

# a hill or a curve named for what happened there once ("Suicide Hill", "Dead Man's
# Curve"): a place, said of a sledding run or a road
GRIM_PLACE_NAMES = (r"\b(?:suicide|dead ?man ?s|deadman ?s|dead man|killer|widow ?maker) "
                    r"(hill|run|curve|slope|trail|corner|bend|grade|holler|hollow)\b")

# "fell for a phone scam": fooled, not fallen
FELL_FOR_A_SCAM = (r"\b(?:fell|falls|falling|fallen) for (?:a |an |the |some |one of those |that |"
                   r"this |his |her |their )?(?:\w+ ){0,3}?(scams?|cons?|schemes?|tricks?|"
                   r"hoax(?:es)?|fraud|line|story|lies?|ploy|call|text|email|gift card thing)\b")

# a dog "behind a broken fence", "got out through a broken gate": how it got out, no
# damage to report
THROUGH_A_BROKEN_FENCE = (r"\b(through|thru|behind|from|out of|under|past) (?:a |the |its |their |"
                          r"his |her )?(?:broken|busted|damaged|bent) (fence|gate|panel|latch)\b")

# a confused person who "called saying somebody stole her purse", the purse then found
# in the freezer: a belief, nothing to report
THEFT_CALLED_IN_AND_FOUND = (
    r"\b(?:called|calling|calls|keeps calling|phoned|texted) (?:\w+ ){0,2}?(?:saying|to say|and "
    r"said|says) (?:that )?(?:somebody|someone|people|they|the \w+|a \w+) (?:stole|took|has taken|"
    r"had taken|robbed|is stealing|keeps stealing|broke in and took) (?:her|his|their|the|my) "
    r"(\w+)\b(?=.{0,240}\b(?:nothing (?:was |is |had been |has been |got )?(?:taken|missing|"
    r"stolen|gone)|found (?:it|them|the \w+|her \w+|his \w+) (?:in|under|behind|inside)))")

# "hit her parked car", "backed into his new truck": the pronoun owns the vehicle that
# was struck; nobody was hit
HIT_SOMEONES_VEHICLE = (
    r"\b(hit|hits|struck|ran into|backed into|sideswiped|clipped|dinged|bumped|rear ended|keyed) "
    r"(?:her|his|their|my|our) ((?:parked|new|brand new|rental|work|company|little|old|mom s|moms|"
    r"dad s|dads|husband s|husbands|wife s|wifes) (?:car|truck|van|suv|vehicle|jeep|pickup|bike|"
    r"motorcycle|mailbox|fence|house|garage|trailer|camper|boat))\b")

# firefighting aircraft ("set off by the fire helicopters dipping water out of the
# Columbia"): a wildfire fought elsewhere, overhead, not a fire at the caller's
FIREFIGHTING_AIRCRAFT = (r"\b(?:fire|firefighting|water|tanker|air ?tanker|retardant) "
                         r"(?:helicopters?|choppers?|helos?|planes?|bombers?|jets?|aircraft)\b")

# the fire alarm or the smoke detector as the thing a belief is about ("hiding messages
# in the fire alarm announcements"), not an alarm sounding
ALARM_IN_A_BELIEF = (r"\b(?:messages?|cameras?|voices?|bugs?|microphones?|mics?|signals?|codes?|"
                     r"listening devices?|spy \w+) (?:\w+ ){0,2}(?:in|inside|through|thru|from|"
                     r"behind) (?:the |her |his |their |my |all the )?(?:fire alarms?|smoke "
                     r"detectors?|smoke alarms?)(?: (?:announcements?|speakers?|system))?\b")

# a Narcan kit is a thing that can be stolen or carried; naming it is no overdose
NALOXONE_KIT = r"\b(?:narcan|naloxone) (kits?|box|boxes|packs?|case|pouch|bags?|training)\b"

# a confused person's theft claim ("84yo w/ dementia ... yelling they stole his truck";
# "thinks the hired hands are stealing from him"): a belief, no theft to report
_CONFUSED = r"(?:dementia|alzheimer\w*|sundowning|confused|psychotic|paranoid|delusional)"
THEFT_CLAIMED_IN_CONFUSION = (
    r"\b(" + _CONFUSED + r"\b.{0,200}?)(?:yelling|hollering|screaming|saying|says|insists|"
    r"keeps saying|accusing \w+ (?:of )?) (?:that )?(?:they|someone|somebody|people|staff|the \w+) "
    r"(?:stole|took|are stealing|is stealing|keep stealing|keeps stealing) (?:his|her|their) (\w+)")
THEFT_BELIEVED_OF_PEOPLE = (
    r"\b(?:thinks|believes|is convinced|convinced|insists|keeps saying) (?:that )?(?:the |his |"
    r"her |their |all the )?(?:\w+ ){0,3}?(?:are|is|s|re) (?:stealing|taking|robbing) (?:from )?"
    r"(?:him|her|them|his \w+|her \w+|their \w+)\b")

# "W/F took about $180 in detergent": merchandise shoplifted, nothing swallowed
GOODS_TAKEN_BY_VALUE = (r"\btook (?:about |around |approx |abt |like |over |under |almost |"
                        r"nearly )?\$?\d{2,}[\d,.]* (?:dollars? |bucks )?(?:in|worth of|worth)\b")

# "her son died of an overdose a yr ago today": a death remembered, no overdose now
DEATH_REMEMBERED = (r"\b(died|passed away|passed|lost (?:him|her|them)) (of|from|to) (?:an |a )?"
                    r"(?:accidental |fentanyl |heroin |drug )?(?:overdose|od)\b")

# water or steam "shooting out" of a broken line: a leak, no gunfire
SPRAY_SHOOTING_OUT = (r"\b(water|steam|fluid|oil|sewage|coolant|antifreeze) (?:was |is |were |"
                      r"are |started |keeps |kept )?(?:shooting|spraying|spurting) "
                      r"(out|up|everywhere)\b")

# "my neighbor shot the whole thing - on his phone": filmed it
FILMED_IT = (r"\bshot (?:the whole thing|it all|all of it|everything|the whole \w+|a video|video)"
             r"\W{0,4}(?:\w+ )?(?:on|with) (?:his|her|their|my|a) (?:phone|camera|cam|iphone)\b")

# a photographer "shooting the whole time": taking pictures
PHOTOGRAPHER_SHOOTING = (r"\b((?:photographer|videographer|camera ?man|film crew|photo shoot)\b"
                         r".{0,200}?)\bshooting\b(?! (?:at|him|her|them|someone|somebody|people|"
                         r"a gun|the gun|guns?|rounds?|up)\b)")

# "stabbing pain in his right side": a symptom
STABBING_PAIN = r"\b(?:sharp |severe |bad )?stabbing['\"]? pains?\b"

# "my husband is gonna blow up when he sees this": upset, no explosion, no threat
BLOW_UP_WHEN_HE_SEES = (
    r"\b(?:is |s |\W?s |are |re |\W?re |will |\W?ll )?(?:gonna|going to|gon) (?:blow up|flip|"
    r"lose it|freak out|flip out|explode|go off) (?:when|once|if) (?:he|she|they|my \w+|mom|dad) "
    r"(?:sees|finds out|hears|gets home|notices|gets back)\b")

# a man who "says the neighbors have guns pointed at the house", the caller sure there
# are no guns: a belief, no weapon
GUNS_IN_A_BELIEF = (
    r"\b(?:says|saying|thinks|believes|convinced|insists|claims) (?:that )?(?:the |his |her )?"
    r"(?:neighbou?rs?|people|they|someone|somebody|cops|police|feds|government|men|strangers?) "
    r"(?:have|has|got|are pointing|is pointing|are aiming) (?:guns?|rifles?|weapons?|snipers?)\b"
    r"(?=.{0,240}\b(?:no guns|no weapons|there are no|nobody (?:in the house )?(?:has|owns)))")

# smoke from a chimney or stovepipe, or a fire in a stove or fireplace, is a heated house,
# not a fire (NFIRS 114 needs flames, sparks, a roar or smoke inside): at a cabin whose
# owners are away it says someone is in it
_STACK = r"(?:chimney|chimny|stove ?pipe|flue|smoke ?stack)"
_HEARTH = r"(?:wood ?stove|wood burner|woodburner|fireplace|fire place|barrel stove|stove|furnace)"
_HEARTH_TROUBLE = (r"(?! (?:[\w,]+ ){0,10}(?:fire|flames?|sparks?|roof|embers?|glowing|roaring|"
                   r"spread\w*|caught|catching|out of control|inside the|into the|filling|"
                   r"can t breathe|cant breathe|coughing))")
HEARTH_IN_USE = (
    r"\b(?<!thick )(?<!black )(?<!heavy )(?<!lots of )(?<!billowing )(?<!a lot of )"
    r"(?:smoke|wood ?smoke) (?:is |was )?(?:coming |rising |going |curling |puffing )?(?:up )?"
    r"(?:out of|outta|from) (?:the |a |its |their |his |her )?" + _STACK + r"\b" + _HEARTH_TROUBLE
    + r"|\b(?:a |the )?fire (?:going|lit|burning|built|started) in (?:the |a |their |his |her |"
    r"its )?" + _HEARTH + r"\b" + _HEARTH_TROUBLE)

REWRITES: tuple[tuple[str, str], ...] = (
    (HEARTH_IN_USE, "the stove is in use"),
    (GOODS_TAKEN_BY_VALUE, "shoplifted goods"), (DEATH_REMEMBERED, r"\1 \2 an illness"),
    (SPRAY_SHOOTING_OUT, r"\1 spraying \2"), (FILMED_IT, "filmed it"),
    (PHOTOGRAPHER_SHOOTING, r"\1taking pictures"), (STABBING_PAIN, "sharp pain"),
    (BLOW_UP_WHEN_HE_SEES, " will be upset when they see"), (GUNS_IN_A_BELIEF, "has false beliefs"),
    (THEFT_CLAIMED_IN_CONFUSION, r"\1has false beliefs about the \2"),
    (THEFT_BELIEVED_OF_PEOPLE, "has false beliefs"),
    (FIREFIGHTING_AIRCRAFT, "aircraft overhead"), (ALARM_IN_A_BELIEF, "has false beliefs"),
    (NALOXONE_KIT, r"first aid \1"),
    (HIT_SOMEONES_VEHICLE, r"\1 the \2"),
    (THEFT_CALLED_IN_AND_FOUND, r"has false beliefs about the \1"),
    (KIN_UPSET_OVER_THEIR_THING, r"\1 will be upset"),
    (STRANDED_ON_A_CAR_ROOF, r"\1stranded atop the vehicle"),
    (GRIM_PLACE_NAMES, r"the \1"), (FELL_FOR_A_SCAM, r"was fooled by a \1"),
    (THROUGH_A_BROKEN_FENCE, r"\1 a gap in the \2"),
    (FIRE_IN_A_DREAM, "has nightmares"), (LIFE_ON_FIRE, "life is falling apart"),
    (SPORT_JUMPER, "parachutist"), (FIGHTING_AN_ILLNESS, "struggling with illness"),
    (TOY_GUN_NAMED, "toy"),
    (BLOOD_THAT_WAS_PAINT, "saw red paint"),
    (SWUNG_AT_THINGS, r"\1 damaged \2"), (THINGS_TAKEN_AND_THROWN, r"\1 discarded \2"),
    (MEDS_TAKEN_FROM_A_PLACE, r"stole \1 \2 from "), (HOLES_SHOT_IN_THINGS, r"left \1 holes in"),
    (CALLER_STILL_HERE, "the caller waits"),
)

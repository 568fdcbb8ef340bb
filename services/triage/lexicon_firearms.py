"""Firearms by the names callers give them: calibres, gauges, makes and street slang.

A caller rarely says "a firearm". They say "his .45", "a 12 gauge", "the 30-06", "a
Glock", "a blicky". Where the words come from: the cartridge and gauge designations of
SAAMI (the American standards body for ammunition) as they are spoken, the makes most
often named in ATF firearms-trace reports, and slang listed in public police and
violence-prevention glossaries. Each form needs a context that only a gun gives it, so
ordinary numbers ("his 45 minute drive", "12 gauge wire", "a 22 year old") stay numbers,
and words with a common other sense ("burner" phone, "heater", "Colt", "Taurus",
"Winchester Ave") are left out.
"""

from __future__ import annotations

# the handgun and rifle calibres callers say, without their decimal point
_CALIBRE = r"(?:22|25|32|38|357|380|40|44|45|50|223|243|270|308)"

FIREARM_NAMES = (
    # "38 special", "357 magnum", "45 acp", "a 22 rifle"; ".45" reaches here as
    # "45 caliber" (a rewrite in services.triage.safety: the tokens drop the point)
    _CALIBRE + r" (?:caliber|calibre|cal|special|spl|magnum|mag|acp|auto|long rifle|lr|revolver|"
    r"pistol|handgun|rifle|semi ?auto|semi automatic|hand ?gun)",
    r"(?:9|nine) ?(?:mil|millimeter|millimetre)\b(?! (?:dollars|bucks)\b)",
    # shotguns by gauge; wire, sheet metal and needles have gauges too
    r"(?:10|12|16|20|28|410) ?(?:gauge|guage|ga|gage)\b(?! (?:wire|wiring|cable|cord|"
    r"extension|needle|iv|steel|sheet|copper|aluminum|speaker|electrical)\b)",
    r"30 ?-? ?06\b", r"(?:thirty|30) (?:ought|aught) six", r"30 30 (?:rifle|winchester)",
    r"deer rifle", r"hunting rifle", r"long guns?",
    # "a sawed off" is a shotgun; a converter "sawed off" is a theft
    r"saw(?:ed|n) ?off (?:shotgun|shot gun|rifle|12|20|double)",
    r"(?:a|his|her|the|their|my) saw(?:ed|n) ?off\b(?! (?:the|a|an|his|her|their|my|it|them|"
    r"catalytic|cat|converter|exhaust|pipe|muffler|lock|chain|bolt|padlock)\b)",
    r"shott(?:y|ie)s?", r"derringers?", r"uzis?", r"tec ?9s?", r"mac ?1[01]s?", r"sks",
    r"(?:ar|ak) ?(?:10|15|47|74) ?(?:pistols?|rifles?)?", r"m ?(?:4|16) (?:rifle|carbine)",
    r"berettas?", r"rugers?", r"smith (?:and|n|&) wesson", r"sig ?sauers?", r"mossbergs?",
    r"remington (?:870|700|shotgun|rifle)", r"hi ?points?", r"kel ?tecs?",
    # slang: "blicky", "draco"; "a strap" or "his piece" only as something drawn or shown
    r"blick(?:y|ie|ey)s?", r"dracos?", r"toolies?", r"gatts?",
    r"(?:pulled|pulls|pulling|showed|shows|showing|flashed|flashing|reached for|reaching for|"
    r"waving|clutching|grabbed|has|had|got) (?:out )?(?:a|his|her|the|their|my) strap\b"
    r"(?! (?:of|on|off|from|for|broke|snapped|came)\b)",
    r"(?:pulled|pulls|pulling|showed|shows|showing|flashed|flashing|reached for|reaching for|"
    r"waving|clutching) (?:out )?(?:a|his|her|the|their|my) piece\b(?! (?:of|on|off|from|for)\b)",
)

# "somebody took my guns' - 2 Paslode framing nail guns": the guns, told at once, are tools
_TOOLS_AFTER_ALL = (r"(?!guns?[\W]{0,6}(?:\w+ ){0,3}(?:nail|framing|brad|finish|staple|glue|"
                    r"caulk|heat|spray|paint|grease|impact|paslode|dewalt|milwaukee|ryobi|makita|"
                    r"bostitch|hitachi|senco|hilti|metabo) (?:\w+ )?guns?\b)")
# the "guns" of toys, props and trades (impact wrench, grease, paint, radar, tattoo)
NOT_A_TOOL = (_TOOLS_AFTER_ALL + r"(?<!prop )(?<!property )(?<!toy )(?<!water )(?<!nerf )"
              r"(?<!glue )(?<!nail )(?<!heat )(?<!paintball )(?<!staple )(?<!squirt )(?<!spray )"
              r"(?<!caulk )"
              r"(?<!caulking )(?<!impact )(?<!grease )(?<!paint )(?<!massage )(?<!radar )"
              r"(?<!speed )(?<!drywall )(?<!brad )(?<!framing )(?<!rivet )(?<!solder )"
              r"(?<!soldering )(?<!tattoo )(?<!tape )(?<!cap )(?<!foam )(?<!label )(?<!price )"
              r"(?<!pricing )(?<!tire )(?<!stud )(?<!screw )(?<!hot glue )(?<!texture )"
              r"(?<!sealant )")

# gunfire told by how many shots, without "fired" or "heard": "multiple shots at a
# cookout", "like 5 shots then a car sped off". Shots someone got, had, took or gave
# are doses and drinks ("took 2 shots of vodka", "had 3 shots at the clinic"), and shots
# on goal are a game's.
SHOTS_COUNTED = (
    r"(?<!\bgot )(?<!\bget )(?<!\bhad )(?<!\bhas )(?<!\btook )(?<!\btake )(?<!\bgave )"
    r"(?<!\bgive )(?<!\bdid )(?<!\bdoing )(?<!\bneeds )(?<!\bneed )"
    r"(?<!\bdid like )(?<!\bhad like )(?<!\btook like )(?<!\bdrank like )(?<!\bdrank )"
    r"(?:multiple|several|a few|a couple(?: of)?|couple(?: of)?|numerous|a bunch of|"
    r"a burst of|a volley of|dozens of|a dozen|rapid|(?:[2-9]|1[0-9]|20|30|two|three|four|"
    r"five|six|seven|eight|nine|ten|twelve|fifteen|twenty)(?: (?:or|to) (?:[2-9]|1[0-9]|"
    r"20|30|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty))?) "
    r"(?:gun ?)?shots\b(?! (?:of|on (?:goal|net|target)|in (?:his|her|my|the) (?:arm|leg|butt)"
    r"|left|at the (?:clinic|bar|pharmacy|doctor))\b)"
)
# ... unless the sentence is about drinking ("did like 15 shots for his 21st", "passed out
# after 'like 10 shots'")
SHOTS_AS_DRINKS = (r"\b(?:drunk|drinking|drank|drinks?|alcohol|vodka|tequila|whiske?y|jager\w*|"
                   r"fireball|rum|beers?|liquor|booze|21st|bday|birthday|bar crawl|passed out|"
                   r"threw up|throwing up|vomit\w*|puking|intox\w*|etoh)\b")

# "armed with the TV remote": a joke about a soft thing, no weapon
ARMED_WITH_A_SOFT_THING = (r"(?! ['\"]?with (?:a |an |the |his |her |their |only |just )?(?:tv )?"
                           r"(?:remote|remote control|pillow|slipper|spoon|spatula|banana|"
                           r"newspaper|rolled up newspaper|fly ?swatter|pool noodle|water gun|"
                           r"squirt gun|nerf \w+|stuffed animal|teddy bear|hairbrush)\b)")

"""Medical and injury vocabulary of the safety layer: the emergency medical dispatch
chief complaints and key questions (breathing? awake?), in the words callers use."""

from __future__ import annotations

from services.triage.lexicon_reports import SHOT_AT_THINGS
from services.triage.lexicon_warning_signs import SELF_CUTTING
from services.triage.lexicon_words import alternatives

# a child's age as a call-taker writes it ("3yo", "9 year old"); "22yo f" is a woman
CHILD_AGE = r"(?:[1-9]|1[0-2]) ?(?:yo|year old|yr old|y o)"

PILLS = (r"(?:pills?|meds|medications?|medicine|tablets|capsules|tylenol|xanax|adderall|"
          r"ritalin|vyvanse|fentanyl|heroin|meth|cocaine|coke|molly|ecstasy|acid|lsd|shrooms|"
          r"ketamine|percs|bars|benadryl|ibuprofen|aspirin|antidepressants?|washer fluid|"
          r"windshield fluid|lighter fluid|paint thinner|rubbing alcohol|mouthwash|lamp oil|"
          r"pesticide|weed killer|roundup|gramoxone|paraquat|cloro|lejia|veneno|"
          r"seroquel|ativan|klonopin|oxy\w*|percocet\w*|vicodin|insulin|gummies|edibles?|"
          r"brownies|detergent pods?|tide pods?|bleach|antifreeze|drano|chemicals?|"
          r"bug killer|bug spray|insecticide|ant killer|rat poison|poison|"
          # medicines by their generic names' USAN stems (benzodiazepines, SSRIs, SNRIs,
          # tricyclics, antipsychotics, opioids, beta blockers, anticonvulsants, metformin)
          r"\w+(?:azepam|azolam|oxetine|alopram|traline|faxine|triptyline|ipramine|apine|"
          r"peridone|codone|morphone|tanyl|olol|azepine|barbital|otrigine|racetam|formin)|"
          r"cleaning \w+|rat poison|poison|pill organizer|pill bottle|vodka|sleeping pills|"
          # the medicines most prescribed and most often in poison-centre overdose reports,
          # by generic and brand name: "took 30 of his sertraline"
          r"sertraline|zoloft|fluoxetine|prozac|citalopram|celexa|escitalopram|lexapro|"
          r"paroxetine|paxil|venlafaxine|effexor|duloxetine|cymbalta|bupropion|wellbutrin|"
          r"trazodone|mirtazapine|remeron|amitriptyline|quetiapine|olanzapine|zyprexa|"
          r"risperidone|risperdal|aripiprazole|abilify|lithium|lamotrigine|lamictal|depakote|"
          r"valproate|carbamazepine|tegretol|gabapentin|neurontin|pregabalin|lyrica|alprazolam|"
          r"clonazepam|lorazepam|diazepam|valium|zolpidem|ambien|hydrocodone|oxycontin|"
          r"tramadol|morphine|methadone|suboxone|buprenorphine|codeine|acetaminophen|naproxen|"
          r"aleve|advil|motrin|metformin|glipizide|lisinopril|metoprolol|amlodipine|"
          r"propranolol|clonidine|warfarin|digoxin|melatonin|nyquil|diphenhydramine|excedrin|"
          r"iron pills|prenatal vitamins|coumadin|eliquis|xarelto|plavix|lipitor|synthroid|"
          r"levothyroxine|prednisone|keppra|dilantin|oxycodone|benzos?|blood thinners?|"
          r"heart pills|bp pills|water pills|sleeping meds|"
          # Spanish and Portuguese: "se tomo un monton de pastillas", "tomou os comprimidos"
          r"pastillas?|pildoras?|medicinas?|medicamentos?|remedios?|comprimidos?|pilulas?)")
_COLD = (r"(?:snow ?banks?|snow ?drifts?|in the snow|below zero|[0-9]+ below|subzero|sub zero|"
         r"slush|soaked|wet clothes|(?:fell|went) (?:through|thru) (?:the )?(?:ice|slush)|"
         r"out in the cold|"
         r"minus [0-9]+|freezing cold|frigid|bitter cold|wind ?chill|no (?:coat|jacket|gloves|"
         r"mittens|hat|boots)|(?:[0-9]|[1-2][0-9]|3[0-2]) (?:degrees|degs|deg)|no heat|"
         r"heat (?:is )?(?:off|out)|in (?:only )?(?:her|his|their|a) "
         r"(?:nightgown|pajamas|pjs|underwear|bathrobe|robe|socks))")
_COLD_SIGNS = (r"(?:shaking (?:hard|bad|badly|uncontrollably|violently|all over)|shivering|"
               r"speech (?:is )?(?:slow|slurred)|slurr\w*|can not (?:say|tell|remember)|confused|"
               r"blue lips|lips (?:are |look )?blue|numb|can not feel|not making sense|stumbling|"
               r"hard to wake|barely (?:moving|talking|responding)|cold to (?:the )?touch|mumbl\w*|"
               r"not responding|unresponsive)")
# A hanging or a shot announced, then a thud or silence behind a door: an attempt that may
# have happened (EMD 25 and 9: a hanging found or suspected sends EMS with police)
DEATH_ANNOUNCED_THEN_SILENCE = (
    r"(?:gonna|going to|about to|was going to|will|ll) (?:hang|shoot) (?:himself|herself|"
    r"themselves|myself)(?= (?:[\w,.]+ ){0,16}(?:thud|bang|crash|no answer|not answering|"
    r"wont answer|went quiet|gunshot|a shot))")
MEDICAL = alternatives(
    DEATH_ANNOUNCED_THEN_SILENCE,
    # an ingestion counted as it goes ("one at a time, already took about 15")
    r"(?:pills|meds|tablets|capsules) one (?:at a time|by one|after another)",
    r"already (?:took|taken|swallowed|downed|had) (?:about |like |around |over |maybe |at least |"
    r"nearly )?(?:[0-9]+|a dozen|a handful|half the bottle|half a bottle|the whole bottle)",
    # a crew or a bystander on scene asking for an ambulance
    r"(?:req|reqs|request|requests|requesting|requested|need|needs|needing) (?:an? |the |one |"
    r"\w+ )?(?:ambulance|ambo|medic unit|medics|paramedics|als|bls)(?! (?:bill|company|ride|"
    r"chaser)\b)",
    # an unknown ingestion (EMD overdose/poisoning: "took something, unk what")
    r"(?:took|taken|swallowed|ingested|drank|popped) something(?= (?:at|earlier|before|tonight|"
    r"today|this|last|an? |[0-9]|unk|unknown|not sure|idk|no idea|but|and (?:is|now|seems|"
    r"started|passed|wont|will not|can not|cant)))",
    r"(?:took|swallowed|ingested|drank) (?:an )?(?:unknown|unk) (?:amount|substance|pills?|drugs?"
    r"|liquid)",
    # alcohol or benzodiazepine withdrawal with hallucinations or seizures (delirium tremens)
    r"(?:quit|stopped|coming off|came off|off the|detox\w*|withdraw\w*) (?:[\w,]+ ){0,16}"
    r"(?:bugs|seeing things|hearing things|hallucinat\w*|seiz\w*|dts|the shakes bad)",
    r"(?:seeing bugs|bugs on the wall|bugs crawling|seeing things|hallucinat\w*|seiz\w*) "
    r"(?:[\w,]+ ){0,16}(?:quit|stopped|coming off|detox\w*|withdraw\w*) (?:\w+ ){0,3}"
    r"(?:drinking|alcohol|booze|liquor|benzos?|xanax|klonopin|valium|ativan)",
    r"delirium tremens", r"\bdts\b",
    # unconscious / fainting, unknown problem
    r"unconscious", r"unresponsive", r"not (?:responding|responsive|moving|waking up)",
    # crash notification services (telematics): a deployed airbag and sounds of pain, no
    # voice: an unknown problem after a crash
    r"airbags? (?:\w+ )?deployed",
    r"(?:vision|eyesight) (?:is |went |going )?(?:blurry|blurred|double|black)",
    r"(?:can not|cant|cannot|unable to|could not|couldnt) (?:feel|move) (?:his|her|their|my) "
    r"(?:legs|arms|feet|hands|body|neck)",
    r"(?:blurry|blurred|double) vision", r"seeing double",
    # a seizure told as what the caller saw (medical dispatch protocol 12)
    r"(?:shaking|jerking|twitching|convulsing|seizing|thrashing) (?:all over )?(?:on|in) (?:the )?"
    r"(?:floor|ground|sidewalk|bed|couch|train|bus|street|aisle)",
    r"(?:shaking|jerking|twitching|convulsing) (?:[\w,]+ ){0,8}(?:stopped now|now stopped|has "
    r"stopped)",
    # told the other way round ("on the floor shaking, started 3 min ago, still going"); a
    # person shaking with fear or sobbing is not seizing
    r"(?:on|in) (?:the )?(?:floor|ground|sidewalk) (?:\w+ ){0,2}(?:shaking|jerking|twitching|"
    r"convulsing|seizing|thrashing)\b(?![\w ,]{0,60}\b(?:cry\w*|sob\w*|scared|afraid|"
    r"terrified|panic\w*|rocking|anxi\w*|fear\w*|upset|yell\w*|scream\w*)\b)",
    r"(?:shaking|jerking|twitching|convulsing) (?:[\w,]+ ){0,6}(?:still going|wont stop|won t "
    r"stop|hasnt stopped|has not stopped|not stopping)(?! (?:crying|sobbing|yelling|screaming|"
    r"talking|pacing|calling)\b)",
    # a diabetic low told as what the caller sees (medical dispatch protocol 13)
    r"(?:insulin|diabetic|diabetes|blood sugar|sugar|type (?:1|one|2|two)|took (?:his|her|their) "
    r"shot) (?:(?:\w+|,) ){0,10}(?:acting (?:drunk|weird|strange|funny|off)|saying weird|getting "
    r"mean|combative|sweaty|sweating|"
    r"confused|shaky|shaking|not making sense|answering (?:\w+ ){0,2}wrong|slurring|pale|clammy)",
    r"(?:hears?|heard|hearing) (?:\w+ ){0,2}(?:moaning|groaning)",
    r"(?:chugged|drank|downed) (?:most of |a whole |an entire |half )?(?:a |the )?(?:fifth|handle|"
    r"bottle) (?:of )?", r"(?:not|isnt|is not|wont|won t|will not) get(?:ting)? (?:back )?up",
    r"(?:will not|wont|won t|can not|cant|cannot|could not|unable to) (?:really |even |fully )?"
    r"(?:wake|be woken|"
    r"get (?:him|her|them) (?:up|awake)|rouse)", r"hard to wake", r"did not respond",
    r"didnt respond", r"no response", r"passed out",
    r"knocked out(?! (?:the )?(?:power|electricity|lights|signals?|cable|internet|windows?|"
    r"phones?))",
    r"out cold",
    r"fainted", r"fainting", r"collapsed", r"slumped (?:over)?", r"floppy", r"limp",
    r"nodding out", r"eyes rolled", r"(?:person|man|woman|male|female) down",
    r"(?:1|one|someone|somebody|guy|subject|victim|rider|driver|cyclist|bicyclist|biker|"
    r"pedestrian|ped|jogger|runner|skater|motorcyclist|scooter rider|lady|woman|man|kid|child|"
    r"player|worker) (?:is )?down"
    r"(?! the (?:street|road|block))",
    # chest pressure in the words callers use (medical dispatch protocol 10)
    r"(?:elephant|weight|ton of bricks|somebody|someone) (?:sitting |standing )?on "
    r"(?:my|his|her) chest",
    r"(?:pressure|tightness|squeezing|crushing) (?:in|on) (?:my|his|her|the) chest",
    # breathing problems
    r"not breathing", r"(?:barely|hardly|not|trouble|difficulty|hard time|struggling to|"
    r"can not|cant|cannot) (?:breath|breathe|breathing)", r"no pulse", r"cpr",
    r"(?:can not|cant|cannot) catch (?:his|her|their|my) breath", r"short(?:ness)? of breath",
    # "can't get his air" (the Appalachian and Southern saying), oxygen that ran out
    r"(?:can not|cant|cannot|could not|couldnt|unable to) get (?:his|her|their|my) (?:air|breath|"
    r"wind)", r"(?:o2|oxygen|concentrator) (?:\w+ ){0,4}(?:ran out|is out|is empty|"
    r"stopped working|quit|died|went out)",
    r"(?:ran|run|running) out of (?:his |her |their |my )?(?:o2|oxygen)",
    r"gasping", r"wheez\w*", r"gurgl\w*", r"breathing (?:slow|fast|funny|shallow|weird|hard)",
    r"lips (?:are |look |turning |were )?(?:\w+ ){0,2}(?:blue|bluish|gr[ae]y|purple|dusky)",
    r"turning blue",
    r"choking", r"something stuck in (?:his|her|their) throat",
    # chest pain, heart, stroke
    r"chest pains?", r"(?:pressure|tightness|pain|pains) in (?:his |her |their |my |the )?"
    r"(?:center of (?:his |her |their |my |the )?|middle of (?:his |her |their |my |the )?)?chest",
    r"pain (?:going |radiating |shooting |moving )?(?:into|down|up|to) (?:his |her |their |my |"
    r"the )?(?:left )?(?:arm|jaw)",
    # the sudden worst headache of a life (medical dispatch protocol 18)
    r"worst headache (?:of (?:her|his|my|their) life|ever)",
    r"head (?:feels like (?:it s|its|it is) )?(?:gonna|going to|about to) explode",
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
    r"of genius)\b)", r"face (?:is )?droop\w*", r"slurr\w* (?:speech|words)",
    r"(?:can not|cant|cannot|unable to) (?:lift|move|feel) (?:his|her|their|my) (?:left |"
    r"right )?(?:arm|leg|side)", r"numb(?:ness)? on one side",
    # seizures, diabetic, allergic
    r"seizures?", r"seizing", r"convuls\w*", r"diabetic", r"blood sugar",
    r"(?:sugar|glucose) (?:is )?(?:low|high)", r"after (?:his|her|their) insulin",
    r"anaphyla\w*", r"allergic reaction", r"epi ?pens?", r"throat (?:is )?(?:closing|swelling)",
    r"(?:face|lips|tongue|throat) (?:is |are )?swell\w*", r"swelling up",
    r"trouble swallowing", r"stung by", r"hard to swallow",
    # hives on the skin, not a beekeeper's ("12 hives he rented out", "the bee hives")
    r"(?<!bee )(?<!honeybee )(?<![0-9] )(?<![0-9][0-9] )hives(?! (?:he|she|they|we|were|was|"
    r"from|of bees|gone|missing|stolen|taken|off)\b)(?![^.]{0,60}\b(?:pallets?|bees?|beekeep\w*|"
    r"colonies|branded|orchard))",
    r"throat (?:feels |is |getting )?(?:tight|closing|swelling|swollen)",
    # overdose, poisoning, ingestion
    r"overdos\w*", r"od", r"ods", r"narcan", r"naloxone", r"pinpoint pupils",
    r"needle (?:still )?in (?:his|her|their) arm",
    r"took (?:\w+ ){0,6}" + PILLS, r"swallow(?:ed|ing) (?:\w+ ){0,6}" + PILLS,
    r"(?:taking|popping|downing) (?:handfuls|a handful|fistfuls|a fistful|a bunch) of " + PILLS,
    r"swallowed (?:a |the )?(?:whole )?(?:bottle|handful|everything)",
    r"(?:ate|drank|drinking|eating|chewed) (?:\w+ ){0,6}" + PILLS,
    r"got into (?:\w+ ){0,6}" + PILLS, r"(?:snorted|shot up|injected)",
    r"ingest\w*", r"poison\w*", r"took a swig", r"drooling",
    r"drank (?:from|out of) (?:a|the) (?:cup|bottle|jar|jug|can|glass|container)",
    r"(?:mouth|throat|lips) (?:is |are )?burning",
    r"took (?:everything|all) in the medicine cabinet",
    r"took too much", r"too many " + PILLS,
    # the same told in Spanish or Portuguese ("se tomo todas las pastillas", "tomou remedios")
    r"(?:se )?(?:tomo|tomaron|trago|comio|tomou|engoliu|bebeu|bebio) (?:\w+ ){0,5}" + PILLS,
    r"(?:un monton|muchas|todas|varias|bastantes|un chingo|um monte|muitos|muitas|todos|todas) "
    r"(?:\w+ ){0,2}(?:pastillas|pildoras|comprimidos|pilulas|remedios)",
    # the empty containers found beside someone (EMD overdose/poisoning key questions)
    r"empty (?:\w+ ){0,2}(?:pill|med|meds|medicine|medication|prescription|rx) (?:bottles?|"
    r"packs?|packets?|boxes|containers?)",
    r"empty (?:\w+ )?" + PILLS + r" (?:bottles?|packs?|packets?|boxes|containers?)",
    r"empty (?:\w+ )?(?:bottles?|packs?|packets?|boxes) of (?:\w+ )?" + PILLS,
    r"(?:took|swallowed|ate|downed) (?:like |about |around |maybe |abt |approx |almost |over )?"
    r"(?:a bunch|a handful|a lot|all|most|half|too many|[0-9]+|several|a whole bottle|the whole "
    r"bottle|an entire bottle|the rest) of (?:her|his|their|my|the|mom s|moms|dad s|dads|"
    r"grandma s|grandmas) (?:\w+ ){0,2}\w+",
    r"(?:\w+ )?(?:pill|pills|med|meds|medicine|medication|prescription|rx) (?:bottle|bottles|"
    r"pack|box|container)s? (?:\w+ ){0,4}(?:empty|emptied|all gone)",
    # bleeding, trauma, falls
    r"bleeding", r"bloody", r"blood (?:everywhere|all over|coming)",
    r"vomiting blood", r"coughing (?:up )?blood", r"head injury", r"concussion",
    r"hit (?:his|her|their|my) head", r"(?:took|hit) (?:a \w+ )?to the head",
    r"(?:hurts?|hurting|injured|broke|broken) (?:his|her|their|my) (?:leg|ankle|arm|back|"
    r"head|neck|hip|wrist|knee|shoulder|ribs?)",
    r"(?:neck|back|head|leg|legs|ankle|arm|arms|wrist|hip|chest|stomach|knee|knees|ribs?|"
    r"shoulder|shoulders|elbow|collarbone|jaw|face|eye|side|foot|hand|hands|tailbone|pelvis|"
    r"groin|abdomen|belly) (?:really |is |is really |still |both |all )?(?:hurts|hurt|pain|"
    r"hurting|injury|"
    r"aches|throbbing|killing (?:him|her|them|me))",
    r"(?<!car )(?<!vehicle )(?<!truck )(?<!van )(?<!it )(?<!suv )(?:can not|cant|cannot|unable to) "
    r"(?:get up|stand|walk|move)(?! (?:the |a |his |her |their |my |our |that |this )?"
    r"(?:one |other )?(?:car|vehicle|truck|van|suv|it|couch|fridge|furniture|trailer|boat))",
    r"fell (?:down|off|from|and)", r"fallen", r"burn(?:ed|t|s) (?:on )?(?:his|her|their|my)",
    # the chief complaints in Spanish, as callers say them (stroke, breathing, unconscious,
    # chest pain, bleeding, seizure, overdose)
    r"no (?:puede|puedo|pueden) (?:mover|respirar|hablar|caminar|levantarse|despertar\w*)",
    r"cara caida", r"habla raro", r"no respira", r"inconscient\w*", r"desmay\w*",
    r"dolor (?:de|en el) pecho", r"sangr(?:ando|a mucho)", r"convulsi\w*", r"sobredosis",
    r"no responde", r"no despierta",
    r"(?:le|me|les|nos) duele(?:n)? (?:mucho )?(?:el |la |los |las |su |sus |mi )?(?:cuello|pecho|"
    r"cabeza|espalda|brazo|brazos|pierna|piernas|estomago|panza|rodilla|cadera|hombro|costillas)",
    r"(?:esta|estan|salio|salieron|quedo|quedaron) (?:muy |bien )?(?:herid[oa]s?|lastimad[oa]s?|"
    r"golpead[oa]s?)",
    # heat and cold, pregnancy, children in cars
    r"heat ?stroke", r"heat exhaustion", r"(?:stopped|not|isnt|quit|no longer) sweating",
    r"skin (?:is |looks )?(?:hot and dry|red and dry|cold and clammy|clammy|gr[ae]y|blue)",
    r"(?:he|she|they|guy|man|woman|worker|lineman|player|runner|someone|somebody|rider|driver) "
    r"(?:just )?went down(?! (?:the|that|this|our|his|her|their) (?:whole |entire )?(?:block|"
    r"street|road|row|line|alley|hall|hallway|stairs|aisle|list|hill|driveway|sidewalk|river|trail)\b)",
    r"hypotherm\w*",
    # cold exposure told by what the caller sees (EMD cold exposure): out in the cold, and
    # the body failing at it
    _COLD + r" (?:[\w,./]+ ){0,20}" + _COLD_SIGNS, _COLD_SIGNS + r" (?:[\w,./]+ ){0,20}" + _COLD,
    r"frost ?bit\w*", r"frozen (?:fingers|toes|feet|hands|ears)",
    r"frostbit\w*", r"shivering (?:bad|badly|uncontrollably|hard)", r"fingers (?:are )?white",
    r"(?:pedestrian|ped|person|man|woman|male|female|kid|child|boy|girl|bicyclist|cyclist|"
    r"biker|jogger|rider|student|elderly \w+) (?:was |got |been |is )?(?:hit|struck) by "
    r"(?:a|the|an) "
    r"(?:\w+ )?(?:car|truck|vehicle|bus|van|suv|pickup|semi|motorcycle|train|driver)",
    r"(?:hit|struck) in the crosswalk",
    r"(?:arm|leg|wrist|ankle|knee|elbow|shoulder|finger|foot|hand) (?:is |looks |was )?(?:bent|"
    r"twisted|pointing|sticking out|at) (?:the )?(?:wrong|weird|funny|odd|bad|crooked|backwards|"
    r"an? (?:weird|odd|funny|bad|awful) angle)",
    r"(?:hit|struck|ran over|run over|knocked down|mowed down|clipped) (?:a|an|the|some|this) "
    r"(?:\w+ )?(?:lady|woman|man|guy|kid|child|person|cyclist|bicyclist|biker|pedestrian|ped|girl|"
    r"boy|jogger|runner|skater|teen|student|old \w+|elderly \w+)",
    r"(?:car|auto|vehicle|truck|bus|suv) vs\.? ped\w*",
    r"(?:car|vehicle|suv|truck|van|pickup) (?:\w+ ){0,2}(?:on its roof|rolled over|upside down)",
    r"in labor", r"contractions", r"water broke", r"miscarr\w*",
    r"(?:child|kid|baby|infant|toddler|[0-9]+ ?month old|" + CHILD_AGE + r") (?:\w+ ){0,2}"
    r"(?:left )?(?:alone )?in (?:a |the |her |his )?(?:hot |locked )?(?:car|vehicle|truck|van)",
    # hanging and carbon monoxide attempts, withdrawal emergencies
    r"(?:belt|rope|cord|sheet|extension cord|ligature) (?:around|on) (?:his|her|their) neck",
    r"cut (?!you |ya |u )(?:\w+ ){1,3}down",
    # a blade held to the body in a suicide attempt: a wound is a moment away
    r"(?:knife|blade|razor|razor blade|box ?cutter|pocket ?knife|scissors|glass) (?:pressed |held |"
    r"holding |up )?(?:to|against|on|into) (?:his|her|their|my) (?:own )?(?:wrists?|arms?|throat|"
    r"neck)", r"(?:red )?marks on (?:his|her|their) neck",
    r"(?:running car|engine running|car running) in (?:a |the )?(?:closed |shut )?garage",
    r"(?:engine|motor|car) (?:is |was )?running (?:\w+ ){0,4}garage",
    r"garage (?:(?:\w+|,) ){0,10}(?:engine|motor|car) (?:is |was )?running",
    r"(?:filling|filled|full) (?:with|w) (?:exhaust|fumes|smoke)",
    r"cold turkey", r"dts", r"delirium tremens", r"(?:alcohol|benzo\w*|xanax) withdrawal",
    # drowning, electrocution
    r"(?<!like im )(?<!like i m )(?<!like i am )drown\w*", r"electrocut\w*",
    r"fell (?:thru|through|into) the (?:ice|water|pool|river)",
)

BODY_PART = (r"(?:hands?|palms?|fingers?|thumbs?|arms?|forearms?|legs?|thighs?|feet|foot|"
              r"wrists?|head|face|scalp|knees?|shins?|necks?|chest|stomach|belly)")
INJURY = alternatives(
    # "injury to personal property" is North Carolina's name for vandalism (G.S. 14-160),
    # "injury to other property" Nevada's (NRS 206.310)
    r"(?<!mal )(?<!malicious )injur\w*(?! to (?:real |personal |pers |per |pers prop|p |other |"
    r"oth )?prop\w*)",
    r"bleeding",
    r"wounded", r"(?<!old )wounds?",
    r"gunshot wound", r"lacerations?",
    r"(?:is|was|got|been|badly|seriously) hurt", r"hurt badly",
    r"broken (?:bone|arm|leg|nose|wrist|ankle|hip)", r"head injury",
    r"cut (?:his|her|their) (?:wrists?|arms?|throat)", r"stab wounds?", SELF_CUTTING,
    # self-harm under way, or its blood seen (EMD protocol 25: cutting, bleeding)
    r"(?:cutting|slashing|slicing) (?:on )?(?:himself|herself|themselves|themself|(?:his|her|"
    r"their) (?:own )?(?:wrists?|arms?|legs?|thighs?|throat|neck))",
    r"(?:sees|see|saw|seeing|there s|theres|there is) (?:\w+ ){0,2}blood (?:under|coming (?:from )?"
    r"(?:under|out)|on the floor|everywhere|all over|through|thru)",
    r"bloody nose", r"bruis\w*",
    r"(?:cut|sliced|gashed|slashed|split) (?:open )?(?:his|her|their|my) (?:own )?(?:hand|hands|"
    r"palm|finger|fingers|thumb|arm|leg|foot|face|head|lip|knee|chin|forehead|scalp)|"
    r"(?:cut|sliced|gashed) (?:himself|herself|themselves|myself) (?:bad|badly|deep|open|on|with)",
    # a beating on someone down (medical dispatch protocol 4: multiple assailants, kicked
    # on the ground)
    r"(?:kicking|kicked|stomping|stomped|beating|beat|punching|punched) (?:on )?(?:him|her|them|"
    r"the (?:\w+ )?(?:boy|girl|kid|man|guy|woman)) (?:\w+ ){0,4}(?:on the ground|while (?:he|she|"
    r"they)(?:\W?s| is| are| was| were)? (?:on the ground|down))",
    r"(?:stomping|stomped|curb ?stomp\w*) (?:on )?(?:him|her|them|his head|her head)",
    # skin scraped off by the road, the fall from a bike or a motorcycle
    r"road ?rash",
    r"(?:leg|arm|forearm|wrist|ankle|hip|nose|jaw|collarbone|finger|thumb|foot|ribs?|toes?|hand|"
    r"elbow|shin|shoulder|cheekbone|eye socket) (?:looks |look |is |are |might be |may be |"
    r"seems |seem )?(?:broken|broke|fractured|cracked|deformed)",
    r"(?:broke|cracked|fractured|busted) (?:his|her|their|my|a|some|two|2|several) (?:\w+ )?"
    r"(?:ribs?|jaw|nose|cheekbone|eye socket|collarbone|arm|leg|wrist|ankle|hip)",
    # a wound told by what it did to the skin ("lip split open", "head busted open")
    r"(?:lip|lips|eyebrow|chin|head|forehead|scalp|face|cheek|knee|hand|arm|leg) (?:is |was |got |"
    r"been )?(?:split|busted|cut|sliced|ripped|torn|gashed) open",
    # not a thing's ("a cut in the fence")
    r"(?:a |has a |with a )(?:cut|gash|laceration|wound|bump|burn) (?:on|to|over|in) "
    r"(?:her|his|their|the|my) (?!(?:fence|screen|tarp|tent|tire|tyre|hose|line|wire|roof|wall|"
    r"door|seat|top|bag|net|siding|lock|chain|cable|hood|paint)\b)\w+",
    r"getting (?:kicked|stomped|beaten|jumped|hit|punched)",
    r"knocked (?:him|her|them|out(?! (?:the )?(?:power|electricity|lights|signals?|cable|internet|"
    r"windows?|phones?)))(?! (?:\w+ )?(?:mailbox|car|truck|fence|sign|cans?|bins?|door|gate))",
    r"blister\w*",
    r"(?:lip|lips|eyebrow|chin|nose|tooth|teeth|mouth) (?:is |was |got |are |were )?(?:split|"
    r"busted|bleeding|broken|chipped|knocked out|loose)",
    r"(?:burned|burnt|scalded) (?:\w+ )?(?:his|her|their|my) (?:hand|hands|palm|"
    r"fingers?|arm|arms|face|leg|legs|foot|feet)",
    r"(?:scraped|skinned|banged|cut) (?:up )?(?:his |her |their |my )?(?:knees?|elbows?|hands?|"
    r"arms?|legs?|face|head)", r"choked", r"strangled", r"gash\w*",
    r"(?:cut|gash|laceration|wound|bump) (?:over|above|under|on) (?:his|her|their) (?:eye|head|"
    r"face|lip|arm|leg)",
    r"(?:has|with|got|have|had) (?:a )?(?:cut|gash|laceration|wound|bump|lump|split) (?:on|to|over|"
    r"in|above|under|across) (?:(?:his|her|their|the|my|one|left|right) )?(?:forehead|eye|eyes|"
    r"eyebrow|lip|lips|cheek|chin|scalp|temple|nose|ear|head|face)",
    r"(?:split|busted|fat|swollen|bloody|bloodied) (?:lip|lips|eyebrow|chin|nose|mouth|face)",
    # swelling told of a body part, the way a caller sees a blow or a fall ("arm swollen",
    # "left eye swollen shut", "her wrist is all puffed up")
    r"(?:(?:left|right|his|her|their|my|the|both|one) )?(?:eyes?|cheeks?|jaw|lips?|nose|ankles?|"
    r"knees?|elbows?|shoulders?|" + BODY_PART[3:-1] + r") (?:is |was |are |were |looks |got |"
    r"getting |already |all |real |really |very |badly ){0,3}(?:swollen|swelling|swelled|"
    r"puffed up|puffy|ballooned|ballooning)",
    r"(?:swollen|swelling) (?:\w+ )?(?:shut|closed)",
    r"(?:obvious |lower |upper )?(?:leg|arm|wrist|ankle|knee|shoulder|hip|finger|hand|foot) "
    r"deformity", r"obvious deformity",
    # strangulation told as what was done and what it left
    r"(?:grabbed|held|had|choking|squeezing) (?:\w+ ){0,2}by the (?:throat|neck)",
    r"hands? (?:around|on) (?:her|his|my|their) (?:throat|neck)",
    r"(?:red )?marks (?:on|around) (?:her|his|my|their) (?:throat|neck)",
    r"holding (?:his |her |their )?(?:leg|arm|head|side|neck|ribs|wrist|hip|knee|ankle|shoulder|"
    r"chest|stomach|back|face|eye|jaw|elbow)",
    r"(?:took|got hit|hit|struck|smacked|clocked) (?:\w+ ){0,4}(?:to|in|on) the "
    r"(?:side of (?:the |his |her )?)?head",
    r"kicked in (?:the )?(?:head|face|stomach|chest|ribs)",
    # a bullet or a blade told by where it went in ("shot in the leg", "stabbed in the side")
    r"(?:shot|stabbed|grazed) (?:\w+ )?(?:in|to|thru|through|on) (?:the|his|her|their|my) (?:\w+ )?"
    r"(?:head|chest|leg|legs|arm|arms|back|stomach|face|neck|shoulder|side|foot|hand|abdomen|gut|"
    r"butt|hip|thigh|knee|belly)",
    # blows to a person who is down, told as they go ("they're kicking him in the head")
    r"(?:kicking|stomping|stomped|kicked|punching|beating|hitting|pounding) (?:on )?(?:him|her|"
    r"them|the \w+|a \w+|that \w+) (?:\w+ )?(?:in|on) (?:the|his|her|their) (?:head|face|ribs|"
    r"stomach|chest)",
    r"(?:on the ground|down) (?:[\w,]+ ){0,4}(?:kicking|stomping|beating|punching) (?:on )?"
    r"(?:him|her|them)",
    # a fracture the caller suspects ("swollen + prob broken")
    r"(?:prob|probably|possibly|maybe|might be|may be|looks|def|definitely|(?:think|thinks|"
    r"thought|pretty sure|feels like) it ?(?:s|is|was)) (?:broken|fractured|broke|dislocated)",
    # burns told by where they are ("burns on both hands")
    r"burns? (?:on|to) (?:his |her |their |my |both |the |one |left |right )?(?:\w+ )?"
    + BODY_PART,
    # a head driven into something hard ("slammed my head into the door")
    r"(?:slammed|smashed|banged|bashed|shoved|threw|pushed|rammed|knocked) (?:my|her|his|their|"
    r"the victim s|rp s) (?:head|face) (?:\w+ )?(?:into|against|on|off|onto|through) "
    r"(?:the |a )?\w+",
    r"hit (?:\w+ ){0,3}in the (?:head|face|arm|chest|stomach)",
    r"(?:hes|shes|he s|she s|he is|she is|he was|she was|someone|somebody|person|victim|man|"
    r"woman|guy|kid|child|he|she|they|son|daughter|brother|sister|husband|wife|boyfriend|"
    r"girlfriend|friend|cousin|dad|mom|father|mother|neighbor|male|female|teen|boy|girl) "
    r"(?:got |was |been |is |just |has been |have been |were )?(?:hit|shot|stabbed)"
    r"(?! down| a deal| (?:a |the |some )?(?:video|videos|footage|photos?|pictures?|movie|film|"
    r"commercial|clip)| (?:out |up |at )?(?:\w+ ){0,3}?" + SHOT_AT_THINGS + r"\b|"
    # "shot him a text": sent, not fired
    r" (?:him|her|them|me|us|(?:my|his|her|their) \w+) (?:a |an )?(?:quick )?(?:text|txt|"
    r"message|msg|look|glance|email|dm|note|smile|wink|pic|photo|picture|video|snap)\b)",
    r"(?:cut|cuts|gash|laceration|wound) (?:\w+ ){0,2}(?:on|to|in) (?:his |her |their |the |both )?"
    r"(?:neck|wrists?|arms?|face|head|legs?|hands?)", r"(?:elbow|knee|head|face|arm|nose|"
    r"mouth|lip) (?:is )?bleeding",
    # a bite that broke the skin (EMD animal and human bites)
    r"(?:drawing|drew|drawn) blood", r"(?:bit|bitten|bites) (?:\w+ ){0,6}(?:bleeding|blood)",
    # haemorrhage in lay words (medical dispatch: serious bleeding, spurting or squirting)
    r"blood (?:is )?(?:squirting|spurting|pouring|gushing|pumping|everywhere)",
    r"(?:squirting|spurting|pouring|gushing) blood",
    r"(?:sliced|cut|gashed|slashed) (?:(?:his|her|their|my|the) )?(?:\w+ )?" + BODY_PART
    + r" (?:\w+ )?(?:deep|open|to the bone)",
    r"(?:sliced|cut|gashed|slashed) (?:deep |wide |clean )?(?:open )?(?:into|in|on|across|thru|"
    r"through) (?:(?:his|her|their|my|the) )?(?:\w+ )?" + BODY_PART, r"to the bone",
    r"deep (?:cut|gash|laceration|wound)",
    r"(?:soaked|soaking|bled|bleeding) (?:thru|through) (?:\w+ ){0,2}(?:towels?|rags?|shirts?|"
    r"bandages?|gauze)",
    # a blow that opened someone's head or face; marks left on a neck or face (EMD 4, 21)
    r"(?:cut|split|busted|gashed|sliced|opened) (?:open )?(?:rp s|rps|his|her|their|my|the "
    r"victim s|victim s|caller s) (?:\w+ )?(?:forehead|head|face|lip|eyebrow|scalp|cheek|chin|"
    r"nose|ear)", r"(?:scratches|scrapes|abrasions|bruises|bruising|red marks|welts|bite marks) "
    r"(?:\w+ )?(?:on|to|around|across) (?:her|his|their|my|the) (?:\w+ )?(?:neck|face|throat|"
    r"arms?|wrists?|back|legs?|chest)",
    # a broken bone told in the CAD's shorthand (EMD 17 and 30: falls, traumatic injuries)
    r"(?:poss |possible |suspected |obvious |open |compound |closed )?(?:femur|hip|leg|arm|ankle|"
    r"wrist|skull|pelvis|pelvic|tib|fib|tibia|fibula|collarbone|clavicle|humerus|shoulder|rib|"
    r"ribs) (?:fx|fxs|fracture|fractures|fractured)",
    r"(?:fx|fracture) (?:of|to) (?:the |his |her )?(?:\w+ )?(?:femur|hip|leg|arm|ankle|wrist|"
    r"skull|pelvis|tib|fib|clavicle|humerus)",
    # self-harm gone deeper than meant, or bleeding that will not stop (EMD protocol 21)
    r"cut (?:myself|himself|herself|themselves|themself|my self) (?:too |really |so |very |pretty "
    r")?(?:deep|bad|badly)",
    r"(?:cut|cuts|cutting|bleeding|blood|wound|gash)(?: [\w,]+){0,8} (?:and |but )?(?:it s|its|it "
    r"is|it|blood is|bleeding is|blood s|she s|he s) (?:still )?(?:not stopping|won t stop|wont "
    r"stop|will not stop|isnt stopping|is not stopping|not stopped|keeps bleeding)",
)

# Gunfire heard, and someone down or crying out: a shooting victim until a crew sees
# otherwise (EMD protocol 27: unknown injuries at a shooting send EMS)
GUNFIRE = alternatives(
    r"gunshots?", r"gunfire", r"shots? (?:fired|heard|ring out|rang out)",
    r"(?:heard|hearing|hears) (?:(?:a|multiple|several|some|few|more|[0-9]+|to|or|two|three|four|"
    r"five|six) ){0,3}(?:gun)?shots?",
)
PERSON_DOWN = alternatives(
    r"(?:someone|somebody|a person|person|man|woman|guy|male|female|kid|boy|girl|body|victim|"
    r"he|she|they|people|one|subject) (?:is |s |was |are |now |just )?(?:laying|lying|down|"
    r"on the ground|not moving|slumped|collapsed|fell|screaming|groaning|moaning|crying out)",
    r"(?:yelling|screaming|crying|calling|hollering|begging) (?:out )?for help",
    r"(?:laying|lying) (?:\w+ ){0,3}(?:by|on|in|next to|near|under) (?:the |a )?\w+",
)

# Force under way with a blunt or edged weapon in hand ("dad hitting mom, has a hammer in
# his hand"): injuries are likely (EMD protocol 4, assault with a weapon)
ASSAULT_UNDER_WAY = alternatives(
    r"(?:hitting|beating|punching|attacking|choking|kicking|stabbing|slashing|swinging at) "
    r"(?:him|her|them|me|us|mom|dad|his \w+|her \w+|my \w+|the \w+|someone|somebody)",
)
WEAPON_IN_HAND = alternatives(
    r"(?:hammer|bat|baseball bat|crowbar|pipe|tire iron|golf club|machete|axe|hatchet|knife|"
    r"board|2x4|bottle|brick|rock|skillet|frying pan) (?:is )?in (?:his|her|their) hands?",
    r"(?:with|w|holding|swinging|has|had|grabbed) (?:a |an |the |his |her )?(?:hammer|bat|"
    r"baseball bat|crowbar|pipe|tire iron|golf club|machete|axe|hatchet|skillet|frying pan)",
)

# A glucose meter reading far below normal (under 60 mg/dL): a diabetic low, whatever else
# the caller says (medical dispatch protocol 13)
MEDICAL_LOW_SUGAR = alternatives(
    r"(?:meter|sugar|glucose|bg|bs|cbg) (?:\w+ ){0,2}(?:reads|read|says|said|is|was|at|of) "
    r"(?:only |like )?(?:[1-5][0-9]|lo|low)",
)

# A ligature tied up where a person can hang from it (medical dispatch: hanging,
# strangulation): beside words of intent anywhere in the call, EMS goes as well as police.
LIGATURE_SET_UP = (
    r"(?:rope|noose|cord|belt|sheet|extension cord|chain|strap) (?:\w+ ){0,2}(?:tied|hung|hanging|"
    r"looped|attached|rigged|thrown) (?:up )?(?:to|from|on|over|around) "
    r"(?:the |a |his |her |their )?(?:\w+ )?(?:beam|beams|rafter|rafters|ceiling|joist|"
    r"closet rod|pipe|tree|branch|railing|banister|stair rail|door|neck)|(?:has|got|put|had|"
    r"have) (?:a |the |his |her )?(?:rope|noose|cord|belt|extension cord) (?:up|set up|ready|"
    r"tied up|hung up)")

# What a nurse or a doctor reports (medical dispatch protocols 26, sick person, and 33,
# transfer / interfacility): vital signs far outside the adult ranges (oxygen saturation
# under 90 %, temperature of 101 F or more, breathing 30 a minute or more, systolic pressure
# under 90 or a crisis of 180/120, a pulse of 140 or more or under 40), a change from the
# patient's baseline, a clinician sending the patient to the emergency department. The
# tokens drop "%", "/" and a decimal's point: "o2 sat 82%" is "o2 sat 82", "bp 70/40" is
# "bp 70 40", "temp 102.6" is "temp 102 . 6".
_VITAL_LINK = r"(?: is| was| of| at| only| now| down to| dropped to| reading| reads| around)*"
VITALS_AND_TRANSFERS = alternatives(
    r"(?:o2|oxygen|spo2|pulse ox|sat|sats|saturation|oxygen level)" + _VITAL_LINK
    + r" (?:[1-7][0-9]|8[0-9])\b(?! (?:years?|yrs?|yo|y o|min\w*|hours?|hrs?|days?)\b)",
    r"(?:o2|oxygen|sats?|saturation)(?: \w+)? in the (?:[1-8]0s|[1-8]0 s)\b",
    r"(?:temp|temperature|fever)" + _VITAL_LINK + r" (?:10[1-7])\b",
    r"(?:resp|resps|respirations|resp rate|respiratory rate)" + _VITAL_LINK
    + r" (?:[3-6][0-9])\b",
    r"(?:bp|blood pressure)" + _VITAL_LINK + r" (?:[4-8][0-9])(?: over)? [1-6][0-9]\b",
    r"(?:bp|blood pressure)" + _VITAL_LINK + r" (?:1[89][0-9]|2[0-9][0-9])(?: over)? "
    r"(?:1[2-9][0-9])\b",
    r"(?:heart rate|hr|pulse)" + _VITAL_LINK + r" (?:1[4-9][0-9]|2[0-9][0-9])\b",
    r"(?:heart rate|pulse)" + _VITAL_LINK + r" (?:[2-3][0-9])\b(?! (?:min\w*|sec\w*)\b)",
    r"(?:lethargic|altered|confused|not herself|not himself|different|worse|declined|declining)"
    r" (?:\w+ ){0,2}(?:than|from) (?:her |his |their |the )?(?:usual |normal )?baseline",
    r"not (?:at )?(?:her |his |their )?(?:usual |normal )?baseline",
    r"(?:dr|doctor|md|physician|np|provider|nurse practitioner|on call doc\w*|hospice nurse) "
    r"(?:\w+ ){0,2}(?:wants|ordered|orders|requests|requested|requesting|said to send|says to "
    r"send)(?: (?:her|him|them|pt|the pt|patient|the patient|resident|res|the resident))?"
    r"(?: sent| transported| taken| transferred| out)* to (?:the )?(?:\w+ ){0,3}"
    r"(?:er|ed|hospital|emergency room|emergency department)\b",
    r"(?:send|sending|transfer|transport) (?:her|him|them|pt|the pt|patient|the patient|"
    r"resident|res|the resident) (?:out )?to (?:the )?(?:\w+ ){0,3}(?:er|ed|emergency room|"
    r"emergency department)\b",
)

# pills told by their count after the bottle was named ("with my mom's oxy bottle, I
# already took like 10"): beside words of intent anywhere, an overdose under way
PILLS_TAKEN_BY_COUNT = (
    r"\b(?:took|swallowed|downed|popped|ate) (?:like |about |maybe |around |abt |approx |"
    r"approximately )?(?:[0-9]+|a handful|handful|a bunch)\b(?! (?:min|mins|minutes|hours?|hrs?|"
    r"days?|dollars?|bucks|years?|yrs?|steps|feet|ft|miles?|laps|shots|photos|pics|pictures|"
    r"seconds|secs|tries|times|weeks|wks|months|percent|pct|kids|people)\b)")

"""Who is still there: a suspect on scene, or nobody can tell (the call-taker's key
questions "is the suspect still there?" and "is anyone still inside?", where an unknown
answer keeps police), a shoplifter held by the store's staff, a stolen car seen occupied.
"""

from __future__ import annotations

from services.triage.lexicon_words import alternatives

ON_SCENE = alternatives(
    # someone seen going back in, or said to be in there still
    r"still in there", r"went back in(?:side)?",
    r"(?:sigue|siguen|todavia (?:esta|estan)|aun (?:esta|estan)) (?:adentro|ahi adentro|"
    r"en la casa)",
    r"(?:subjs?|subjects?|suspects?|intruders?|"
    r"burglars?|prowlers?|squatters?) (?:are |is )?(?:still )?(?:inside|in there)",
    # a shoplifter held by the store's own staff is a suspect on scene
    r"(?:lp|loss prevention|security|asset protection|store security|the manager|staff) (?:\w+ )?"
    r"(?:has|have|is holding|are holding|detained|stopped|caught|holding|is detaining) "
    r"(?:\w+ ){0,3}(?:susp\w*|shoplifters?|subjects?|males?|females?|juv\w*|him|her|them)",
    r"in (?:the |their )?(?:lp|loss prevention|security|asset protection) office",
    r"detained by (?:lp|loss prevention|security|staff|store staff|the manager)",
    r"stolen (?:[\w,]+ ){0,5}(?:just |is |now )?(?:drove|driving|drives|went|passed|pulling|"
    r"pulled) (?:past|by|into|up|onto|out)",
    r"stolen (?:[\w,]+ ){0,6}(?:someone|somebody|a (?:man|guy|woman|person|kid)|[0-9]+ "
    r"(?:teens|people|males|guys|juveniles|juvs)|two teens|occupants?|people) (?:\w+ ){0,2}"
    r"(?:sleeping|sitting|inside|in it|in (?:the )?(?:driver|drivers|front|back) seat)",
    r"stolen (?:veh\w*|vehicle|car|auto|truck) (?:\w+ ){0,2}(?:located|recovered|found) "
    r"(?:\w+ ){0,2}occupied", r"occupied stolen",
    r"(?:walking|going|moving|heading) (?:to|down|along|toward) (?:the )?next (?:row|car|cars|"
    r"house|door|unit|truck)", r"looking (?:in|into) (?:other |the other |more )?(?:cars|windows|"
    r"trucks)",
    r"(?:suspect|subject|male|female|person|guy|man|woman|he|she|they) (?:is |are |s )?"
    r"(?:still )?(?:on scene|on site|there|here|inside|in the (?:store|house|building|home|"
    r"apartment|garage|yard|car|vehicle|basement|kitchen|bedroom))",
    r"still on scene", r"still inside", r"still (?:out |around )?(?:there|here|back)",
    r"still up there",
    r"(?:can|could) see (?:a |the |some |two |2 )?(?:guy|man|woman|person|people|someone|somebody|"
    r"subject|suspect)(?! on (?:the )?(?:camera|cam|video|footage|ring|tape))",
    r"(?:crouched|crouching|ducking|ducked) (?:down )?(?:behind|under|beside|between)",
    r"(?:suspect|he|she|they|subject|male|female|guy|man|woman|person|someone|somebody|he s|she s|"
    r"hes|shes) (?:is |are |s )?still in (?:the|her|his|my|a) \w+",
    r"(?:people|someone|somebody|a man|a person|two people|2 people|subjects?|suspects?) inside "
    r"(?:the|a|my|her|his)",
    r"(?:someone|somebody|people|a (?:man|guy|person|woman)|subjects?|suspects?|two|2) "
    r"(?:with|w) (?:a |an |some )?\w+ (?:\w+ )?(?:inside|in) (?:the|a|my|her|his|that) (?:\w+ )?"
    r"(?:house|home|building|garage|barn|shed|store|trailer|unit|apartment|apt|basement|"
    r"warehouse|business)",
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

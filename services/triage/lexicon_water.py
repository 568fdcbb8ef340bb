"""Water in a call: the waters people go into (rivers named in the call-takers' words), a
person walking or wading in deep, and words of letting the water take one (NFIRS 36x water
rescue; 988 and CIT: a plan, the means and the place at hand)."""

from __future__ import annotations

from services.triage.lexicon_words import alternatives

WATERS = (r"(?:river|lake|ocean|water|bay|surf|current|creek|pond|canal|sound|harbor|gulf|re"
          r"servoir|quarry|ohio|mississippi|missouri|hudson|potomac|columbia|delaware|susque"
          r"hanna|tennessee|cumberland|arkansas|rio grande|niagara|schuylkill|charles|chicag"
          r"o|willamette|sacramento|bayou|marsh|swamp|slough|lagoon|inlet|estuary|ditch|"
          r"retention pond|drainage canal|spillway|intracoastal)")

# someone walking into the water ("walked into the Columbia fully dressed")
WALKING_INTO_WATER = (r"(?:walk|walks|walked|walking|wade|wades|waded|wading|went|heading|"
                      r"headed) (?:out )?into (?:the )?" + WATERS)
# gone in up to the chest, wherever the water is named ("waded into the Guadalupe up to
# her chest"): deeper than anyone stands in to cool off
CHEST_DEEP = (r"(?:walked|walking|waded|wading|went|gone|standing|stood|is|s) (?:out )?"
              r"(?:in|into|out in) (?:the )?(?:\w+ ){0,3}?(?:water )?up to (?:her|his|their|my) "
              r"(?:chest|neck|chin|shoulders|armpits)\b")

# With words of intent, someone walking into the water is a drowning under way
INTO_THE_WATER = alternatives(WALKING_INTO_WATER, CHEST_DEEP)

# Words of drowning oneself at the water's edge ("says she's going to walk in and let the
# water take her"): a suicide attempt about to happen (988 and CIT: a plan, the means and
# the place at hand)
DROWNING_INTENT = (
    r"let (?:it|the (?:water|river|current|lake|ocean|waves|sea|creek|tide)) take (?:her|him|me|"
    r"them)\b(?! (?:home|back|there|to|for|out|off|away from)\b)",
    r"(?:going to|gonna|wants to|want to|threatening to|threatens to|will|ll|about to|trying to) "
    r"(?:walk|wade|jump|go|swim|drive|throw (?:herself|himself|myself|themselves)) (?:out )?"
    r"(?:in|into|off into) (?:the )?(?:\w+ )?" + WATERS + r"(?! (?:park|trail|rd|road|st|street|"
    r"ave|dr|drive|mall|bridge|view|front|side|club)\b)",
    r"(?:going to|gonna|wants to|want to|threatening to|threatens to|will|ll|about to) "
    r"(?:walk|wade|jump|go) in (?:and|to) (?:drown|let|end|die|not come)",
    r"(?:going to|gonna|wants to|want to|threatening to|threatens to|will|ll|about to|trying to) "
    r"drown (?:herself|himself|myself|themselves|themself)",
    r"(?:wants? to|wanted to|going to|gonna|will|ll|about to) go (?:with|under|down with|into) the "
    r"(?:river|water|current|lake|tide|waves|sea|ocean|creek)\b",
)

# walking into the water with a farewell, weights or clothes on: an attempt under way
WADING_IN_TO_DIE = (
    r"(?:wading|walking|walked|waded|went|going) (?:out )?into (?:the )?(?:\w+ )?" + WATERS
    + r"(?= (?:[\w,]+ ){0,24}(?:let me go|let her go|let him go|goodbye|die|end it|fully "
    r"(?:clothed|dressed)|wont come back|won t come back|not coming back|weights?|rocks in))")

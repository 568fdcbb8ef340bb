"""Built-in safety evidence and overrides: the part of triage no policy file can change.

The policy file (``policies/*.yaml``) decides how calls are mapped and which response
each pathway gets. It cannot stop police going to a weapon, violence, a crime in progress
with the suspect there, or an imminent risk to life, nor EMS going to a medical
emergency. Two things make that hold whatever the policy says:

* the evidence for those facts is found here, with this module's own lexicon,
  abbreviations and negation cues (:data:`SAFETY_TEXT`), not the policy's, so a policy
  that rewrites ``gun`` or adds ``has`` as a negation cue still sees the gun;
* :func:`apply_overrides` runs after the policy's response plan and only ever adds the
  units the facts require (and removes unarmed, non-sworn staff from a scene that needs
  police). The policy may describe and re-word these overrides; marking one disabled
  is recorded as a warning and has no effect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from services.triage import lexicon_assault_signs as assault_signs
from services.triage import lexicon_fire as fire_lex
from services.triage import lexicon_firearms as guns_lex
from services.triage import lexicon_household as household
from services.triage import lexicon_injury_signs as signs
from services.triage import lexicon_medical as medical_lex
from services.triage import lexicon_presence as presence_lex
from services.triage import lexicon_roadside as roadside
from services.triage import lexicon_time as time_lex
from services.triage import lexicon_warning_signs as signs_lex
from services.triage import lexicon_water as water_lex
from services.triage import lexicon_weapon_reach as reach
from services.triage import safety_lexicon as lex
from services.triage.lexicon_figures import FOLLOWED_IN_BELIEF
from services.triage.lexicon_scope import SAFETY_PHRASE_REWRITES
from services.triage.lexicon_words import alternatives
from services.triage.matcher import Found, Matcher, split_alternatives, unwrap
from services.triage.text import (
    Canonical,
    TextConfig,
    canonicalize,
)
from shared.events import UnitType

# Safety flags the engine knows. Policy rules may raise these too (never lower them).
SAFETY_FLAGS: tuple[str, ...] = (
    "weapon",
    "violence",
    "imminent_risk",
    "in_progress",
    "just_happened",
    "suspect_on_scene",
    "injury",
    "medical_emergency",
    "fire",
    "rescue",
    "endangered",
)


BUILTIN_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\bw/\s*", "with "),
    # a truck "jack-knifed": no knife in it
    (r"\bjack[- ]knif", "jackknif"),
    # "stealing his thoughts", "his stolen memories": psychosis (thought withdrawal), not a theft
    (r"\b(?:steal\w*|stole|stolen|erasing|erased|wiping|wiped) (?:his|her|their|my|your|our) "
     r"(?:thoughts|mind|brain|memories|memory|soul|dreams)\b|\b(?:his|her|their|my) stolen "
     r"(?:thoughts|memories|mind|soul|dreams)\b", "thought withdrawal"),
    # idioms, beliefs, corrected quotes, places named after fire (lexicon_scope)
    *SAFETY_PHRASE_REWRITES,
    (r"\bw/o\b", "without"),
    (r"\bwpns?\b|\bweap(?:on|n|ns)?\b|\bwpn?s?\b", "weapon"),
    (r"\bgsw\b", "gunshot wound"),
    # ".45", ".38": the decimal point says calibre; the tokens would drop it
    (r"(?<![\w.$])\.(22|25|32|38|357|380|40|44|45|50)\b(?![.\d%])", r"\1 caliber"),
    (r"\bi/p\b|\bip/jo\b|\bipjo\b|\bip\b", "in progress"),
    (r"\bj/h\b|\bj/o\b|\bjo\b|\bjh\b", "just happened"),
    (r"\bs/i\b", "si"),
    (r"\bod(?:'d|'ed|ed)\b", "overdosed"),
    (r"\bunk\b", "unknown"),
    (r"\bsusp?\b|\bsusps\b", "suspect"),
    (r"\bnon[- ]?viol\w*|\bn[- ]viol\w*", "nonviolent"),
    # "PARKING VIOL", "NOISE VIOL", "VIOL PROTECTIVE ORDER": CAD's violation, never violence
    (r"\bviol\b", "violation"),
    (r"\bfire ?works?\b|\bfirew\w*", "fireworks"),
    (r"\bviolnt\b", "violent"),
    # the medical dispatch shorthands for an unresponsive person
    (r"\bunresp\w*", "unresponsive"),
    (r"\buncon(?:sc?|scious|cious)?\b|\bunc\b", "unconscious"),
)

@dataclass(frozen=True)
class SafetyRule:
    rule_id: str
    flag: str
    pattern: re.Pattern[str]
    with_pattern: re.Pattern[str] | None = None
    # un-negated in the same sentence, this makes a match no evidence ("controlled")
    without: re.Pattern[str] | None = None
    # a match inside a match of this is no evidence ("the guns are at his dad's")
    unless_within: re.Pattern[str] | None = None
    # a match in a sentence this pattern matches (searched from the sentence's start) is
    # no evidence ("that was 5 yrs ago")
    unless_sentence: re.Pattern[str] | None = None
    # the partner may be anywhere in the text, not only in the match's sentence
    with_anywhere: bool = False


def _rule(rule_id: str, flag: str, pattern: str, with_: str | None = None,
          without: str | None = None, unless_within: str | None = None,
          unless_sentence: str | None = None, with_anywhere: bool = False) -> SafetyRule:
    return SafetyRule(rule_id, flag, re.compile(pattern),
                      re.compile(with_) if with_ else None,
                      re.compile(without) if without else None,
                      re.compile(unless_within) if unless_within else None,
                      re.compile(unless_sentence) if unless_sentence else None,
                      with_anywhere)


# a sentence that puts its violence in the past or on a screen
_NOT_NOW = (f"(?:{time_lex.LONG_AGO_OR_HABITUAL})|(?:{time_lex.AGGRESSOR_LOCKED_UP})"
            f"|{household.SCREEN_TALK}")

SAFETY_RULES: tuple[SafetyRule, ...] = (
    _rule("safety.weapon", "weapon", lex.WEAPON,
          unless_within=f"{reach.WEAPON_SECURED}|{reach.WEAPON_AT_TABLE}",
          unless_sentence=f"(?:{time_lex.LONG_AGO_WEAPON})|(?:{reach.SHOT_AS_DOSE})"),
    _rule("safety.weapon.shots_counted", "weapon", guns_lex.SHOTS_COUNTED,
          unless_sentence=guns_lex.SHOTS_AS_DRINKS),
    _rule("safety.violence", "violence", lex.VIOLENCE, unless_sentence=_NOT_NOW),
    _rule("safety.imminent_risk", "imminent_risk", lex.IMMINENT,
          unless_within=f"{roadside.ANIMAL_IN_TRAFFIC}|{roadside.ON_A_CAR_ROOF}"),
    _rule("safety.imminent_risk.in_the_lanes", "imminent_risk", roadside.PERSON_IN_THE_LANES,
          unless_within=roadside.ANIMAL_IN_TRAFFIC),
    _rule("safety.imminent_risk.drive_to_die", "imminent_risk", signs_lex.DRIVE_TO_DIE),
    _rule("safety.imminent_risk.means_and_intent", "imminent_risk", lex.MEANS, lex.INTENT,
          unless_within=reach.WEAPON_SECURED),
    # pills told by their count and words of intent anywhere in the call
    _rule("safety.imminent_risk.pills_counted_and_intent", "imminent_risk",
          medical_lex.PILLS_TAKEN_BY_COUNT, lex.INTENT, with_anywhere=True),
    _rule("safety.medical_emergency.pills_counted_and_intent", "medical_emergency",
          medical_lex.PILLS_TAKEN_BY_COUNT, lex.INTENT, with_anywhere=True),
    # an engine left running in a closed garage and words of intent anywhere in the call
    _rule("safety.imminent_risk.engine_and_intent", "imminent_risk",
          fire_lex.ENGINE_IN_A_CLOSED_GARAGE, lex.INTENT, with_anywhere=True),
    # gas turned on or a fire set, with words of intent anywhere in the call: an attempt
    # that endangers everyone near it
    _rule("safety.imminent_risk.fire_and_intent", "imminent_risk", fire_lex.FIRE, lex.INTENT,
          with_anywhere=True),
    # walking into the water with words of intent anywhere in the call
    _rule("safety.imminent_risk.into_the_water", "imminent_risk", fire_lex.RESCUE, lex.INTENT,
          with_anywhere=True),
    _rule("safety.medical_emergency.into_the_water", "medical_emergency",
          water_lex.INTO_THE_WATER, lex.INTENT, with_anywhere=True),
    # an overdose or a poisoning and words of intent anywhere in the call: an attempt
    _rule("safety.imminent_risk.ingestion_and_intent", "imminent_risk", lex.INGESTION, lex.INTENT,
          with_anywhere=True),
    _rule("safety.medical_emergency", "medical_emergency", medical_lex.MEDICAL),
    _rule("safety.medical_emergency.low_sugar", "medical_emergency", medical_lex.MEDICAL_LOW_SUGAR),
    _rule("safety.medical_emergency.vitals", "medical_emergency",
          medical_lex.VITALS_AND_TRANSFERS),
    # gunfire heard and someone down or crying out anywhere in the call
    _rule("safety.medical_emergency.shots_and_person_down", "medical_emergency",
          medical_lex.GUNFIRE, medical_lex.PERSON_DOWN, with_anywhere=True),
    _rule("safety.medical_emergency.ligature", "medical_emergency", medical_lex.LIGATURE_SET_UP,
          lex.INTENT, with_anywhere=True),
    _rule("safety.imminent_risk.ligature", "imminent_risk", medical_lex.LIGATURE_SET_UP,
          lex.INTENT, with_anywhere=True),
    _rule("safety.injury", "injury", medical_lex.INJURY),
    _rule("safety.injury.signs", "injury", alternatives(*signs.INJURY_SIGNS)),
    _rule("safety.medical_emergency.envenomation", "medical_emergency",
          alternatives(*signs.ENVENOMATION)),
    _rule("safety.medical_emergency.ligature_on_neck", "medical_emergency",
          alternatives(*signs.LIGATURE_ON_NECK)),
    _rule("safety.fire.trapped_in_a_wreck", "fire", alternatives(*signs.TRAPPED_IN_A_WRECK)),
    _rule("safety.fire.carried_by_water", "fire", alternatives(*signs.CARRIED_BY_WATER)),
    _rule("safety.fire.fuel_pouring", "fire", alternatives(*signs.FUEL_POURING)),
    _rule("safety.medical_emergency.spray_drunk", "medical_emergency", signs.SPRAY_DRUNK),
    _rule("safety.violence.pinned_or_choked", "violence",
          alternatives(*assault_signs.PINNED_OR_CHOKED)),
    _rule("safety.violence.assaulted", "violence", alternatives(*signs.ASSAULTED),
          unless_sentence=_NOT_NOW),
    _rule("safety.injury.face", "injury", alternatives(*signs.FACE_INJURIES)),
    _rule("safety.rescue.caught_in_machinery", "rescue", alternatives(*signs.CAUGHT_IN_MACHINERY),
          without=signs.FREED),
    # walking out onto bad ice with words of intent anywhere in the call
    _rule("safety.imminent_risk.onto_the_ice", "imminent_risk",
          alternatives(*signs.CARRIED_BY_WATER), lex.INTENT, with_anywhere=True),
    # an overdose behind a locked door, or help refused: an attempt someone must reach
    _rule("safety.imminent_risk.ingestion_behind_a_locked_door", "imminent_risk", lex.INGESTION,
          alternatives(*signs.BEHIND_A_LOCKED_DOOR), with_anywhere=True),
    _rule("safety.injury.armed_assault", "injury", medical_lex.ASSAULT_UNDER_WAY,
          medical_lex.WEAPON_IN_HAND, with_anywhere=True),
    _rule("safety.fire", "fire", fire_lex.FIRE, without=fire_lex.FIRE_CONTAINED,
          unless_within=fire_lex.PAST_FIRE, unless_sentence=fire_lex.GAS_FIXED),
    _rule("safety.fire.structure_burning", "fire", fire_lex.STRUCTURE_BURNING),
    _rule("safety.rescue", "rescue", fire_lex.RESCUE),
    _rule("safety.rescue.in_the_water", "rescue", fire_lex.IN_THE_WATER),
    _rule("safety.medical_emergency.in_the_water", "medical_emergency", fire_lex.IN_THE_WATER),
    _rule("safety.endangered", "endangered", lex.ENDANGERED,
          unless_within=FOLLOWED_IN_BELIEF),
    _rule("safety.in_progress", "in_progress", lex.IN_PROGRESS),
    _rule("safety.in_progress.stolen_seen_now", "in_progress", time_lex.STOLEN_SEEN_NOW),
    _rule("safety.just_happened", "just_happened", time_lex.JUST_HAPPENED),
    _rule("safety.suspect_on_scene", "suspect_on_scene", presence_lex.ON_SCENE),
)
# the crime lexicon is indexed as one more rule, after the safety rules
_CRIME_RULE = len(SAFETY_RULES)
# every safety rule's alternatives, then the crime lexicon's: a policy matches these in
# the same pass as its own rules when the two canonical texts agree (see engine)
SAFETY_SOURCES = tuple([split_alternatives(unwrap(r.pattern.pattern)) for r in SAFETY_RULES]
                       + [split_alternatives(unwrap(lex.CRIME))])
SAFETY_MATCHER = Matcher(SAFETY_SOURCES)

_VOCAB_SOURCE = " ".join(
    [lex.WEAPON, lex.VIOLENCE, lex.IMMINENT, lex.MEANS, lex.INTENT, lex.INGESTION,
     medical_lex.MEDICAL,
     medical_lex.INJURY, fire_lex.FIRE, fire_lex.RESCUE, lex.ENDANGERED, lex.IN_PROGRESS,
     lex.CRIME]
)


def pattern_words(source: str) -> set[str]:
    """Whole literal words (3+ letters) in a regex source, for the typo vocabulary.

    A word followed by a regex suffix (``\\w*``, ``s?``, ``(``) is a stem, not a word,
    and is left out, except that ``word`` + ``s?`` contributes both forms.
    """
    words: set[str] = set()
    for m in re.finditer(r"(?<![\\a-z])([a-z]{3,})(s\?)?(?![a-z(\\\[?*+{])", source):
        words.add(m.group(1))
        if m.group(2):
            words.add(m.group(1) + "s")
    return words


NEGATION_CUES = frozenset({
    "no", "not", "never", "without", "denies", "denied", "deny", "denying", "nobody",
    "none", "non", "negative", "nor", "neither", "nothing",
    # the CAD shorthand for a negative answer ("NEG WPNS", "neg inj")
    "neg",
    # contractions typed without the apostrophe, which normalisation cannot expand
    "didnt", "doesnt", "dont", "wasnt", "isnt", "hasnt", "havent", "hadnt", "wont",
    "cant", "wouldnt", "couldnt", "werent", "arent", "aint",
    # Spanish and Portuguese, as relayed calls quote them ("nao e violento", "sin armas")
    "nao", "nunca", "sem", "sin", "ningun", "ninguna", "nenhum", "nenhuma", "jamas",
})
PSEUDO_NEGATIONS = frozenset({
    ("not", "sure"), ("not", "known"), ("not", "certain"), ("not", "clear"),
    ("no", "idea"), ("not", "know"), ("not", "only"), ("not", "able"),
    ("no", "way"), ("not", "rule"),
    # "not" that describes the person rather than denying what follows
    ("not", "acting"), ("not", "himself"), ("not", "herself"), ("not", "themselves"),
    ("not", "making"), ("not", "responding"), ("not", "breathing"), ("not", "moving"),
    ("not", "waking"), ("not", "answering"), ("not", "talking"), ("not", "eating"),
    ("not", "sleeping"), ("not", "right"),
    ("dont", "know"), ("doesnt", "know"), ("didnt", "know"), ("cant", "tell"),
    ("dont", "want"), ("doesnt", "want"), ("didnt", "want"), ("cant", "get"),
    ("cant", "find"), ("wont", "let"), ("cant", "stop"), ("cant", "breathe"),
    ("cant", "wake"), ("wont", "wake"), ("cant", "reach"), ("isnt", "answering"),
    ("isnt", "breathing"), ("wasnt", "breathing"), ("isnt", "moving"), ("wasnt", "moving"),
    ("hasnt", "slept"), ("hasnt", "eaten"), ("havent", "heard"), ("hasnt", "been"),
})
POST_NEGATION_CUES = frozenset({"none", "neg", "negative", "denied", "nil"})
SCOPE_TERMINATORS = frozenset({
    "but", "however", "although", "though", "except", "yet", "and", "then", "now",
    "he", "she", "they", "who", "which", "caller", "rp", "suspect", "subject", "pt",
    "patient", "male", "female", "i", "we", "you", "his", "her", "their",
    "pero", "mas",
})
# Common words one edit away from a safety word: never "repaired" into one.
KEEP_WORDS = frozenset({
    "harmed", "warmed", "aimed", "alarmed", "charmed", "farmed", "fries", "fired", "shoes",
    "shout", "stars", "stale", "score", "short", "sport", "since", "smoker", "smoked",
    "smoking", "fight", "night", "light", "sight", "right", "might", "tight", "guess",
    "going", "doing", "being", "bring", "things", "other", "there", "where", "their",
    "about", "after", "again", "alone", "along", "below", "blind", "board",
    "called", "calling", "caller", "bridge", "police", "person", "people", "report",
    "parked", "parking", "stole", "stone", "store", "story", "stolen", "still", "steal",
    "weapon", "beats", "bates", "blame", "blades", "arms", "armed", "armor", "mental",
    "rental", "dental",
})

SAFETY_TEXT = TextConfig(
    abbreviations=tuple((re.compile(p), r) for p, r in BUILTIN_ABBREVIATIONS),
    vocabulary=frozenset(pattern_words(_VOCAB_SOURCE)),
    keep_words=KEEP_WORDS,
    negation_cues=NEGATION_CUES,
    pseudo_negations=PSEUDO_NEGATIONS,
    post_negation_cues=POST_NEGATION_CUES,
    scope_terminators=SCOPE_TERMINATORS,
    negation_window=6,
)


class Hit(NamedTuple):  # a named tuple: made for every hit, and cheaper than a dataclass
    rule_id: str
    flag: str
    evidence: str


def scan_canonical(canon: Canonical, source: str,
                   found: dict[int, list[Found]] | None = None
                   ) -> tuple[list[Hit], bool]:
    """Built-in safety evidence in a text canonicalised under :data:`SAFETY_TEXT`;
    ``found``: the matches of :data:`SAFETY_SOURCES` in it, when already known."""
    hits: list[Hit] = []
    if found is None:
        found = SAFETY_MATCHER.matches(canon)
    denied: bool | None = None  # whether the caller says there are no weapons at hand
    for i, rule in enumerate(SAFETY_RULES):
        for m in found.get(i, ()):
            if canon.negated(m.start(), m.end(), SAFETY_TEXT):
                continue
            evidence = m.group(0)
            if i == _WEAPON_RULE and not _WEAPON_EVENT.search(evidence):
                if denied is None:
                    denied = _weapons_denied(canon, found.get(i, []), rule)
                if denied and not _at_hand(canon, m):
                    continue
            if rule.without is not None and _in_sentence(canon, rule.without, m.start()):
                continue
            if rule.unless_within is not None and _within(canon, rule.unless_within, m):
                continue
            if rule.unless_sentence is not None:
                lo, hi = canon.sentence_of(m.start())
                if rule.unless_sentence.search(canon.text[lo:hi]):
                    continue
            if rule.with_pattern is not None:
                lo, hi = ((0, len(canon.text)) if rule.with_anywhere
                          else canon.sentence_of(m.start()))
                partner = None
                for w in rule.with_pattern.finditer(canon.text, lo, hi):
                    if not canon.negated(w.start(), w.end(), SAFETY_TEXT):
                        partner = w
                        break
                if partner is None:
                    continue
                evidence = f"{m.group(0)} ... {partner.group(0)}"
            hits.append(Hit(rule.rule_id, rule.flag, f"{source}: {evidence}"))
            break
    crime = any(not canon.negated(m.start(), m.end(), SAFETY_TEXT)
                for m in found.get(_CRIME_RULE, ()))
    return hits, crime


_WEAPON_RULE = next(i for i, rule in enumerate(SAFETY_RULES) if rule.rule_id == "safety.weapon")
_WEAPON_EVENT = re.compile(reach.WEAPON_EVENT)
_WEAPON_AT_HAND = re.compile(reach.WEAPON_AT_HAND)
_NONE_HERE = re.compile(reach.WEAPONS_NONE_HERE)


def _weapons_denied(canon: Canonical, mentions: list[Found], rule: SafetyRule) -> bool:
    """Whether the call says there are no weapons at hand: a weapon word negated ("no
    guns", "NEG WPNS", "hasn't owned a gun"), one put out of reach ("sold them", "locked
    up at my house"), or the call-taker's question on means answered no."""
    for m in mentions:
        if canon.negated(m.start(), m.end(), SAFETY_TEXT):
            return True
        if rule.unless_within is not None and _within(canon, rule.unless_within, m):
            return True
    return "no means" in canon.text or _NONE_HERE.search(canon.text) is not None


def _at_hand(canon: Canonical, m: Found) -> bool:
    """Whether the sentence of a weapon word puts a weapon in someone's hands (has,
    holding, grabbed, went to get, is armed ...)."""
    lo, hi = canon.sentence_of(m.start())
    return _WEAPON_AT_HAND.search(canon.text, lo, hi) is not None


def _in_sentence(canon: Canonical, pattern: re.Pattern[str], at: int) -> bool:
    """Whether ``pattern`` occurs, un-negated, in the sentence holding offset ``at``."""
    lo, hi = canon.sentence_of(at)
    return any(not canon.negated(w.start(), w.end(), SAFETY_TEXT)
               for w in pattern.finditer(canon.text, lo, hi))


def _within(canon: Canonical, pattern: re.Pattern[str], m: Found) -> bool:
    """Whether a match of ``pattern`` in m's sentence covers m."""
    lo, hi = canon.sentence_of(m.start())
    return any(w.start() <= m.start() and m.end() <= w.end()
               for w in pattern.finditer(canon.text, lo, hi))


def scan_text(raw: str | None, source: str) -> tuple[list[Hit], bool]:
    """Built-in safety evidence in one text (``source``: call_type or narrative), and
    whether it describes a crime (for the crime-in-progress override)."""
    if not raw:
        return [], False
    canon = canonicalize(raw, SAFETY_TEXT, source == "call_type")
    if not canon.tokens:
        return [], False
    return scan_canonical(canon, source)


CAD_FLAG_MAP: dict[str, str] = {
    "weapons": "weapon",
    "weapon": "weapon",
    "armed": "weapon",
    "injuries": "injury",
    "injury": "injury",
    "injured": "injury",
    "in_progress": "in_progress",
    "violence": "violence",
    "violent": "violence",
    "suspect_on_scene": "suspect_on_scene",
    "imminent_risk": "imminent_risk",
    "medical": "medical_emergency",
    "fire": "fire",
}

# Tags (set by policy rules) that make a call a crime for the in-progress override.
CRIME_TAGS = frozenset({
    "property", "violence", "weapon", "domestic", "crime", "robbery", "burglary",
    "trespass", "sex_offense", "fraud", "drugs",
})
# Tags under which a crisis team goes along with police rather than being dropped.
CRISIS_TAGS = frozenset({"behavioral_health", "welfare", "intoxication"})
# Unarmed, non-sworn staff who are never sent alone into a scene that needs police.
NON_SWORN = (UnitType.cso, UnitType.ambassador)


@dataclass(frozen=True)
class Override:
    rule_id: str
    add: tuple[UnitType, ...]
    priority: int
    why: str


def required_overrides(flags: set[str], tags: set[str], crime: bool) -> list[Override]:
    """The built-in overrides these facts trigger, in a fixed order."""
    out: list[Override] = []
    is_crime = crime or bool(tags & CRIME_TAGS)
    if "weapon" in flags:
        out.append(Override("override.weapon", (UnitType.police,), 2, "weapon"))
    if "violence" in flags:
        out.append(Override("override.violence", (UnitType.police,), 1, "violence"))
    if "imminent_risk" in flags:
        out.append(Override("override.imminent_risk", (UnitType.police,), 1,
                            "imminent risk to life"))
    if is_crime and ("in_progress" in flags or "suspect_on_scene" in flags):
        which = "in progress" if "in_progress" in flags else "suspect on scene"
        out.append(Override("override.crime_in_progress", (UnitType.police,), 2,
                            f"crime {which}"))
    if "medical_emergency" in flags or "injury" in flags:
        out.append(Override("override.medical", (UnitType.ems,), 1 if
                            "medical_emergency" in flags else 2, "medical emergency"
                            if "medical_emergency" in flags else "injury"))
    if "fire" in flags:
        out.append(Override("override.fire", (UnitType.fire, UnitType.ems), 1, "fire"))
    if "rescue" in flags:
        out.append(Override("override.rescue", (UnitType.fire,), 1, "a rescue"))
    if "endangered" in flags:
        out.append(Override("override.endangered", (UnitType.police,), 1,
                            "a person in danger"))
    return out


def apply_overrides(
    units: list[UnitType], overrides: list[Override], tags: set[str]
) -> list[UnitType]:
    """Units after the overrides: required units added; with police required, non-sworn
    staff are removed, and a crisis team stays only as co-responder on a crisis call."""
    result = list(units)
    for ov in overrides:
        for u in ov.add:
            if u not in result:
                result.append(u)
    if UnitType.police in result and any(UnitType.police in ov.add for ov in overrides):
        result = [u for u in result if u not in NON_SWORN]
        if UnitType.bcr in result and not tags & CRISIS_TAGS:
            result.remove(UnitType.bcr)
    return result

"""The triage engine: one call's facts + a policy -> one decision. Pure and deterministic.

:func:`classify` does, in order:

1. map the CAD call type (first matching ``call_types`` entry of the policy, after
   abbreviation expansion, typo and truncation repair);
2. apply the policy's ``evidence`` rules to the call type and narrative, honouring
   negation ("no weapons", "denies SI", "suspect gone");
3. find the built-in safety evidence (:mod:`services.triage.safety`) and the CAD's flags;
4. choose the first pathway of the policy with a tag of the call and apply its
   adjustments (``units``, ``priority``);
5. apply the built-in safety overrides, which only add what safety requires;
6. let the policy's learned reader (:mod:`services.triage.reader`), if it has one, add a
   tag before step 4 or a unit after step 5 where it is confident: it never removes.

Nothing here raises on bad input: unknown, empty or garbled calls get the policy's
conservative default pathway with an ``unclassified`` reason.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.triage import reader, safety, screening
from services.triage.confidence import DIVERTED_TO, Grounds
from services.triage.matcher import Found
from services.triage.policy import (
    DEFAULT_POLICY_PATH,
    CallTypeRule,
    Pathway,
    Policy,
    PolicyError,
    load_policy,
)
from services.triage.text import Canonical, NormalisedText, canonical_form, canonicalize
from shared.events import SCREENING_QUESTIONS, TriageReason, UnitType

__all__ = [
    "DEFAULT_POLICY_PATH",
    "CallFacts",
    "Decision",
    "Policy",
    "PolicyError",
    "classify",
    "explain_change",
    "load_policy",
]

MAX_TEXT = 8000  # characters of narrative considered; CAD notes longer than this are rare

# Safety flags that imply a tag, so that a call with nothing but "he has a gun" is tagged.
FLAG_TAGS = {
    "weapon": "weapon",
    "violence": "violence",
    "medical_emergency": "medical",
    "injury": "medical",
    "fire": "fire",
    "imminent_risk": "behavioral_health",
}


class CallFacts(BaseModel):
    """What triage looks at. Partial calls are fine; unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    call_type: str | None = None
    narrative: str | None = None
    cad_priority: str | None = None
    flags: dict[str, bool] = Field(default_factory=dict)
    screening: dict[str, bool] = Field(
        default_factory=dict, description="Screening answers given (question -> yes/no).")

    @field_validator("screening", mode="before")
    @classmethod
    def _answered_only(cls, value: Any) -> Any:
        # questions not asked (null) and questions we do not know carry no evidence
        if isinstance(value, dict):
            return {k: v for k, v in value.items()
                    if k in SCREENING_QUESTIONS and v is not None}
        return value


class Decision(BaseModel):
    """Triage's decision; field names match :class:`shared.events.CallTriaged`."""

    tags: list[str] = Field(default_factory=list)
    safety_flags: list[str] = Field(default_factory=list)
    pathway: str
    units: list[UnitType] = Field(default_factory=list)
    priority: int = Field(ge=1, le=5)
    reasons: list[TriageReason] = Field(default_factory=list)
    confidence: float = Field(ge=0, le=1)
    review: bool = False
    review_reason: str | None = None
    policy_id: str
    policy_version: str
    policy_hash: str = ""


@lru_cache(maxsize=32768)
def _map_call_type(raw: str, policy: Policy) -> tuple[tuple[CallTypeRule, ...], Canonical]:
    """Every call-type entry the call type matches: each adds its own tags, so a
    "CRIMINAL DAMAGE - DOMESTIC" is both property and domestic."""
    canon = canonicalize(raw, policy.text, True)
    key = raw.strip().lower()
    found: list[CallTypeRule] = []
    for rule in policy.call_types:
        if key in rule.codes:
            found.append(rule)
            continue
        if rule.pattern is None or (rule.unless is not None
                                    and rule.unless.search(canon.text)):
            continue
        # "ASSIST PUBLIC - NO WELFARE CHK" is not a welfare check
        if any(not canon.negated(m.start(), m.end(), policy.text)
               for m in rule.pattern.finditer(canon.text)):
            found.append(rule)
    return tuple(found), canon


# (rule_id, evidence, tags, safety flags, markers): one piece of evidence that fired
Entry = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _reason(rule_id: str, evidence: str) -> dict[str, str]:
    # a plain dict: Decision validates the list in one go (pydantic-core), cheaper than
    # building each TriageReason in Python
    return {"rule_id": rule_id, "evidence": evidence}


class _Findings:
    __slots__ = ("flags", "markers", "reasons", "tags")

    def __init__(self, seed: _Findings | None = None) -> None:
        if seed is None:
            self.tags: dict[str, None] = {}
            self.flags: dict[str, None] = {}
            self.markers: dict[str, None] = {}
            self.reasons: list[dict[str, str]] = []
        else:
            # the reason dicts are shared, never mutated: Decision validation copies them
            self.tags = seed.tags.copy()
            self.flags = seed.flags.copy()
            self.markers = seed.markers.copy()
            self.reasons = seed.reasons.copy()

    def add(self, rule_id: str, evidence: str, tags: tuple[str, ...] = (),
            flags: tuple[str, ...] = (), markers: tuple[str, ...] = ()) -> None:
        for t in tags:
            self.tags[t] = None
        for f in flags:
            self.flags[f] = None
        for m in markers:
            self.markers[m] = None
        self.reasons.append(_reason(rule_id, evidence))

    def extend(self, entries: tuple[Entry, ...] | list[Entry]) -> None:
        for entry in entries:
            self.add(*entry)


_NOTHING_FOUND = _Findings()


@lru_cache(maxsize=32768)
def _call_type_findings(
    raw: str, policy: Policy
) -> tuple[tuple[CallTypeRule, ...], Canonical, _Findings, bool]:
    """Everything the call type alone says (mappings, evidence, safety), cached: CAD call
    types repeat, so this runs once per distinct string. The findings are a seed to copy,
    never to change."""
    mappings, canon = _map_call_type(raw, policy)
    entries: list[Entry] = [
        (m.id, f"call_type: {raw.strip()}", m.tags, m.flags, m.markers) for m in mappings]
    if canon.tokens:
        entries.extend(_evidence_entries(canon, "call_type", policy))
    hits, crime = safety.scan_text(raw, "call_type")
    entries.extend((h.rule_id, h.evidence, (), (h.flag,), ()) for h in hits)
    seed = _Findings()
    seed.extend(entries)
    return mappings, canon, seed, crime


def _evidence_entries(canon: Canonical, source: str, policy: Policy,
                      found: dict[int, list[Found]] | None = None) -> list[Entry]:
    """The policy's evidence rules that fire on one text, each at most once; ``found``:
    their matches in it, when already known."""
    out: list[Entry] = []
    text = canon.text
    on_call_type = source == "call_type"
    config = policy.text
    if found is None:
        found = policy.evidence_matcher.matches(canon)
    for i in sorted(found):
        rule = policy.evidence[i]
        if not (rule.on_call_type if on_call_type else rule.on_narrative):
            continue
        for m in found[i]:
            if rule.negatable and canon.negated(m.start(), m.end(), config):
                continue
            evidence = m.group(0)
            if rule.without is not None:
                lo, hi = ((0, len(text)) if rule.without_anywhere
                          else canon.sentence_of(m.start()))
                if any(not canon.negated(w.start(), w.end(), config)
                       for w in rule.without.finditer(text, lo, hi)):
                    continue
            if rule.with_pattern is not None:
                lo, hi = canon.sentence_of(m.start())
                partner = next(
                    (w for w in rule.with_pattern.finditer(text, lo, hi)
                     if not (rule.negatable and canon.negated(w.start(), w.end(), config))),
                    None,
                )
                if partner is None:
                    continue
                evidence = f"{evidence} ... {partner.group(0)}"
            out.append((rule.id, f"{source}: {evidence}", rule.tags, rule.flags, rule.markers))
            break
    return out


def _choose_pathway(tags: dict[str, None], forced: str | None, policy: Policy) -> Pathway | None:
    if forced is not None:
        p = policy.pathway(forced)
        if p is not None:
            return p
    for p in policy.pathways:
        if not p.tags_any.isdisjoint(tags):
            return p
    return None


def classify(call: CallFacts, policy: Policy) -> Decision:
    """Triage one call under ``policy``. Pure, deterministic, never raises on bad input."""
    try:
        return _classify(call, policy)
    except Exception as err:  # a dispatch decision must come out whatever the input
        return _conservative(policy, f"engine error on this input: {type(err).__name__}")


def _conservative(policy: Policy, why: str) -> Decision:
    p = policy.default_pathway
    units = list(p.units) if UnitType.police in p.units else [*p.units, UnitType.police]
    return Decision(
        tags=[], safety_flags=[], pathway=p.name, units=units, priority=p.priority,
        reasons=[TriageReason(rule_id="unclassified", evidence=why)], confidence=0.1,
        policy_id=policy.policy_id, policy_version=policy.version, policy_hash=policy.hash,
    )


def _classify(call: CallFacts, policy: Policy) -> Decision:
    call_type = (call.call_type or "")[:500]
    narrative = (call.narrative or "")[:MAX_TEXT]

    # 1. the call type: mappings, evidence, built-in safety evidence (cached per string)
    mappings: tuple[CallTypeRule, ...] = ()
    ct_canon: Canonical | None = None
    crime = False
    seed = _NOTHING_FOUND
    if call_type.strip():
        mappings, ct_canon, seed, crime = _call_type_findings(call_type, policy)
    found = _Findings(seed)

    # 2. the narrative: policy evidence rules, then built-in safety evidence
    narrative_rules = 0
    nar_tokens: tuple[str, ...] = ()
    corrections = len(ct_canon.corrections) if ct_canon is not None else 0
    if narrative.strip():
        # normalised once for both lexicons, and not cached: narratives do not repeat
        norm = NormalisedText(narrative)
        nar_canon = canonical_form(norm, policy.text, False)
        safe_canon = canonical_form(norm, safety.SAFETY_TEXT, False)
        corrections += len(nar_canon.corrections)
        nar_tokens = nar_canon.tokens
        policy_found = safety_found = None
        if nar_canon.tokens == safe_canon.tokens:
            # the usual case: the two lexicons read the text alike, so one pass serves both
            both = policy.combined_matcher.matches(nar_canon)
            n = len(policy.evidence)
            policy_found = {i: ms for i, ms in both.items() if i < n}
            safety_found = {i - n: ms for i, ms in both.items() if i >= n}
        if nar_canon.tokens:
            nar_entries = _evidence_entries(nar_canon, "narrative", policy, policy_found)
            narrative_rules = len(nar_entries)
            found.extend(nar_entries)
        hits, nar_crime = ([], False) if not safe_canon.tokens else safety.scan_canonical(
            safe_canon, "narrative", safety_found)
        crime = crime or nar_crime
        for hit in hits:
            found.add(hit.rule_id, hit.evidence, flags=(hit.flag,))

    # 3. the CAD's own flags and the call-taker's screening answers
    for key, value in sorted(call.flags.items()):
        flag = safety.CAD_FLAG_MAP.get(key.lower())
        if value is True and flag is not None:
            found.add(f"cad.flag.{key.lower()}", f"flags.{key}: true", flags=(flag,))
    answers = call.screening
    for ev in screening.evidence(answers):
        found.add(ev.rule_id, ev.evidence, ev.tags, ev.flags, ev.markers)
    flags = found.flags
    if "suspect_gone" in found.markers and "suspect_on_scene" in flags:
        # explicit on-scene evidence wins over "suspect gone": the conservative reading
        found.markers.pop("suspect_gone")
    for f, t in FLAG_TAGS.items():
        if f in flags:
            found.tags[t] = None

    # the learned reader's opinion: tags the rules did not find, if it is confident
    opinion = None
    read_tags: list[str] = []
    # only calls with a narrative: the reader learnt from narratives, and call types alone
    # are the curated mappings' job
    if policy.reader is not None and nar_tokens:
        opinion = policy.reader.read(reader.features(
            nar_tokens, ct_canon.tokens if ct_canon is not None else (), policy.text))
        read_tags = [t for t in reader.TAG_LABELS if t not in found.tags
                     and opinion.probability[t] >= policy.reader_thresholds[t]]
        for t in read_tags:
            found.tags[t] = None
            found.reasons.append(_reader_reason(policy.reader, opinion, t))

    # 4. pathway and response plan: a step of its own over the independent tags
    forced = next((m.pathway for m in mappings if m.pathway is not None), None)
    pathway = _choose_pathway(found.tags, forced, policy)
    unclassified = pathway is None
    if pathway is None:
        pathway = policy.default_pathway
        what = "call type not recognised" if call_type.strip() else "no call type"
        what += "; narrative gave no category" if narrative.strip() else "; no narrative"
        found.reasons.append(_reason("unclassified", what))
    tags = set(found.tags)
    facts = tags | set(flags) | set(found.markers)
    units = list(pathway.units)
    priority = pathway.priority
    name = pathway.name
    for adj in pathway.adjustments:
        if not adj.applies(facts):
            continue
        if adj.units is not None:
            units = list(adj.units)
        units += [u for u in adj.add_units if u not in units]
        units = [u for u in units if u not in adj.remove_units]
        if adj.priority is not None:
            priority = adj.priority
        if adj.pathway is not None:
            name = adj.pathway
        trigger = sorted((adj.when_any & facts) | adj.when_all) or ["always"]
        found.reasons.append(_reason(adj.id, ", ".join(trigger)))

    # 5. built-in safety overrides: only ever add what safety requires
    overrides = safety.required_overrides(set(flags), tags, crime)
    units = safety.apply_overrides(units, overrides, tags)
    for ov in overrides:
        priority = min(priority, ov.priority)
        found.reasons.append(
            _reason(ov.rule_id, f"{ov.why}: +{'+'.join(u.value for u in ov.add)}"))
    if opinion is not None and policy.reader is not None:
        for label in reader.UNIT_LABELS:
            unit = UnitType(label)
            at = policy.reader_thresholds.get(label)
            if unit not in units and at is not None and opinion.probability[label] >= at:
                units.append(unit)
                found.reasons.append(_reader_reason(policy.reader, opinion, label))
    if unclassified and UnitType.police not in units:
        units.append(UnitType.police)
    read_only = bool(read_tags) and not (pathway.tags_any & (set(found.tags) - set(read_tags)))
    if (read_only and opinion is not None and UnitType.police not in units
            and opinion.probability["police"] >= policy.reader_keep_police_from):
        # the rules alone would have sent police (nothing classified the call); the reader
        # found the pathway, but is not sure enough that police is not needed
        units.append(UnitType.police)
        found.reasons.append(_reason(
            "reader.keeps_police",
            f"learned reader: police {opinion.probability['police']:.2f}, not low enough "
            "to divert a call no rule recognised"))

    # 6. how much the decision rests on, and whether a person should confirm it
    grounds = Grounds(
        mapped=bool(mappings), mapped_agrees=any(not pathway.tags_any.isdisjoint(m.tags)
                                                 for m in mappings),
        narrative_rules=narrative_rules, corrections=corrections,
        answered=len(answers), contradicted=screening.contradictions(answers, flags),
        unclassified=unclassified, competing=_competing(tags, pathway, policy),
        read_only=read_only,
        diverted=(UnitType.police not in units and any(u in DIVERTED_TO for u in units))
        or (not units and not unclassified),
    )
    confidence = grounds.confidence()
    review_reason = grounds.review_reason()
    return Decision.model_validate({
        "tags": sorted(found.tags), "safety_flags": sorted(flags), "pathway": name,
        "units": units, "priority": priority, "reasons": found.reasons,
        "confidence": confidence, "review": review_reason is not None,
        "review_reason": review_reason, "policy_id": policy.policy_id,
        "policy_version": policy.version, "policy_hash": policy.hash,
    })


def _reader_reason(read: reader.Reader, opinion: reader.Opinion, label: str) -> dict[str, str]:
    words = ", ".join(f"'{f}'" for f in read.strongest(opinion, label))
    return _reason(f"reader.{label}",
                   f"learned reader: {label} {opinion.probability[label]:.2f} ({words})")


def _competing(tags: set[str], chosen: Pathway, policy: Policy) -> list[str]:
    """Other pathways the call's tags also point to (a crisis that is also a theft)."""
    return [p.name for p in policy.pathways
            if p is not chosen and not p.tags_any.isdisjoint(tags)]


def explain_change(old: Decision, new: Decision) -> list[str]:
    """What changed between two decisions on the same call, in words for a dispatcher.

    e.g. ``["pathway: behavioral_health -> behavioral_health", "units: +police (weapon now
    reported)", "priority: 2 -> 1"]``. Empty when nothing that matters changed.
    """
    out: list[str] = []
    new_flags = [f for f in new.safety_flags if f not in old.safety_flags]
    gone_flags = [f for f in old.safety_flags if f not in new.safety_flags]
    because = ""
    if new_flags:
        because = " (" + ", ".join(f"{f.replace('_', ' ')} now reported" for f in new_flags) + ")"
    elif gone_flags:
        because = " (" + ", ".join(f"{f.replace('_', ' ')} no longer reported"
                                   for f in gone_flags) + ")"
    if old.pathway != new.pathway:
        out.append(f"pathway: {old.pathway} -> {new.pathway}")
    added = [u.value for u in new.units if u not in old.units]
    removed = [u.value for u in old.units if u not in new.units]
    if added or removed:
        parts = [f"+{u}" for u in added] + [f"-{u}" for u in removed]
        out.append(f"units: {' '.join(parts)}{because}")
    if old.priority != new.priority:
        out.append(f"priority: {old.priority} -> {new.priority}")
    if new_flags or gone_flags:
        parts = [f"+{f}" for f in new_flags] + [f"-{f}" for f in gone_flags]
        out.append(f"safety flags: {' '.join(parts)}")
    t_add = [t for t in new.tags if t not in old.tags]
    t_del = [t for t in old.tags if t not in new.tags]
    if t_add or t_del:
        out.append("tags: " + " ".join([f"+{t}" for t in t_add] + [f"-{t}" for t in t_del]))
    if (old.policy_id, old.policy_version, old.policy_hash) != (
        new.policy_id, new.policy_version, new.policy_hash
    ):
        out.append(f"policy: {old.policy_id} v{old.policy_version} -> "
                   f"{new.policy_id} v{new.policy_version}")
    return out
